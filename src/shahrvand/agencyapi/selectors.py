"""Reads of the agency API: an agency sees only the inquiries (steps) addressed to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from shahrvand.common.errors import NotFound, PermissionDenied
from shahrvand.eservices.models import CaseStep
from shahrvand.tenancy.models import ExternalAgency, Municipality


def open_inquiries_for(agency: ExternalAgency) -> QuerySet[CaseStep]:
    """The agency's active steps on open cases, oldest first (its work queue)."""
    return (
        CaseStep.objects.filter(
            agency=agency, status=CaseStep.Status.ACTIVE, case__closed_at__isnull=True
        )
        .select_related("case", "case__service", "case__definition")
        .order_by("started_at", "id")
    )


def inquiry_for(agency: ExternalAgency, step_id: int) -> CaseStep:
    """One step of `agency`: NotFound if there is no such step, PermissionDenied (403) if it
    is addressed to another unit."""
    step = (
        CaseStep.objects.select_related("case", "case__service", "case__definition", "agency")
        .filter(pk=step_id)
        .first()
    )
    if step is None:
        raise NotFound("چنین استعلامی وجود ندارد.", message_en="No such inquiry.")
    if step.agency_id != agency.pk:
        raise PermissionDenied(
            "این استعلام به دستگاه دیگری ارجاع شده است.",
            message_en="This inquiry is addressed to another agency.",
            code="wrong_agency",
        )
    return step


@dataclass(frozen=True)
class ResponseTime:
    agency_id: int
    agency_code: str
    agency_name: str
    answered: int
    median_hours: float | None
    p90_hours: float | None


def percentile(values: list[float], share: float) -> float | None:
    """Linear interpolation between closest ranks (the common "type 7" definition):
    position (n − 1) × share in the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def agency_response_times(
    *, municipality: Municipality | None = None, since: dt.datetime | None = None
) -> list[ResponseTime]:
    """Per agency: how many inquiries it answered and the median and 90th percentile of
    hours (wall-clock) from the step's start to the agency's decision, for decisions made
    since `since`. Used by process mining and the analytics dashboards."""
    steps = CaseStep.objects.filter(
        agency__isnull=False, decided_at__isnull=False, started_at__isnull=False
    )
    if municipality is not None:
        steps = steps.filter(case__municipality=municipality)
    if since is not None:
        steps = steps.filter(decided_at__gte=since)
    hours: dict[int, list[float]] = {}
    for agency_id, started, decided in steps.values_list("agency_id", "started_at", "decided_at"):
        if agency_id is None or started is None or decided is None:
            continue  # excluded by the filter; keeps the types honest
        hours.setdefault(agency_id, []).append((decided - started).total_seconds() / 3600)
    agencies = ExternalAgency.objects.in_bulk(list(hours))
    result = [
        ResponseTime(
            agency_id=agency_id,
            agency_code=agencies[agency_id].code,
            agency_name=agencies[agency_id].name_fa,
            answered=len(values),
            median_hours=percentile(values, 0.5),
            p90_hours=percentile(values, 0.9),
        )
        for agency_id, values in hours.items()
    ]
    return sorted(result, key=lambda r: (r.agency_name, r.agency_id))
