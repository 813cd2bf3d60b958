"""Categories and reports as Open311 data (plain dicts, rendered by render.py).

Reporter name, phone and e-mail are never part of any output; free texts are masked and
coarse-location categories' points snapped through reports/publication.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from shahrvand.categories.models import Category
from shahrvand.common.persian import to_persian_digits
from shahrvand.reports.models import Attachment, Priority, Report, ReportEvent
from shahrvand.reports.publication import (
    AWAITING_CATEGORY_FA,
    UNCATEGORISED_SERVICE_CODE,
    is_categorised,
    public_point,
    public_text,
)
from shahrvand.reports.workflow import OPEN311_CLOSED

from .attributes import definitions

AbsoluteUrl = Callable[[str], str]


def w3c(moment: dt.datetime | None, zone: dt.tzinfo | None = None) -> str | None:
    """ISO 8601 with the server's local offset, whole seconds (e.g. 2024-05-01T10:00:00+03:30).

    `zone` is the current time zone, passed in by callers that format many moments."""
    if moment is None:
        return None
    return timezone.localtime(moment, zone).replace(microsecond=0).isoformat()


def open311_status(status: str) -> str:
    return "closed" if status in OPEN311_CLOSED else "open"  # str-valued members


def service_notice(category: Category, priority: str = Priority.NORMAL) -> str:
    if priority == Priority.EMERGENCY:
        hours = category.emergency_hours
        return (
            f"Emergency: handled within {hours} hours. "
            f"(فوری: رسیدگی ظرف {to_persian_digits(hours)} ساعت)"
        )
    hours = category.target_hours
    return (
        f"Expected response within {hours} business hours. "
        f"(مهلت رسیدگی: {to_persian_digits(hours)} ساعت کاری)"
    )


def service_dict(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name_fa,
        "description": category.description or None,
        "metadata": bool(definitions(category)),
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.standard_id,
    }


def service_definition_dict(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "attributes": [attribute.as_dict() for attribute in definitions(category)],
    }


def _photos(report: Report) -> list[Attachment]:
    # Filled by selectors.requests_queryset (Prefetch to_attr); public photos only.
    photos: list[Attachment] = getattr(report, "public_photos", [])
    return photos


def _media_url(report: Report, absolute: AbsoluteUrl) -> str | None:
    photos = _photos(report)
    if photos:
        return absolute(photos[0].file.url)
    return report.media_url or None


def _updated(report: Report) -> dt.datetime:
    if open311_status(report.status) == "closed":
        return report.closed_at or report.resolved_at or report.updated_at
    return report.updated_at


def _note_type(event: ReportEvent) -> str:
    if event.kind == ReportEvent.Kind.CREATED:
        return "submitted"
    if event.kind == ReportEvent.Kind.STATUS and event.to_status:
        return event.to_status
    return event.kind


def _attribute_answers(report: Report) -> list[dict[str, Any]]:
    answers = report.attribute_values if isinstance(report.attribute_values, dict) else {}
    by_code = {a.code: a for a in definitions(report.category)}
    rows = []
    for code, value in answers.items():
        attribute = by_code.get(code)
        label = attribute.description if attribute and attribute.description else code
        for item in value if isinstance(value, list) else [value]:
            name = attribute.value_name(str(item)) if attribute else str(item)
            rows.append(
                {
                    "code": code,
                    "label": label,
                    "name": public_text(report, name),
                    "value": public_text(report, str(item)),
                }
            )
    return rows


def _extensions(report: Report, absolute: AbsoluteUrl, zone: dt.tzinfo) -> dict[str, Any]:
    photos: list[dict[str, Any]] = [
        {
            "media_url": absolute(photo.file.url),
            "title": None,
            "width": photo.width,
            "height": photo.height,
            "created_at": w3c(photo.created_at, zone),
        }
        for photo in _photos(report)
    ]
    if report.media_url:
        photos.append(
            {
                "media_url": report.media_url,
                "title": None,
                "width": None,
                "height": None,
                "created_at": None,
            }
        )
    events: list[ReportEvent] = getattr(report, "public_events", [])
    return {
        "detailed_status": report.status,
        "attributes": _attribute_answers(report),
        "extended_attributes": {"channel": report.channel, "photos": photos},
        "notes": [
            {
                "datetime": w3c(event.created_at, zone),
                "description": public_text(report, event.note) or event.get_kind_display(),
                "type": _note_type(event),
            }
            for event in events
        ],
    }


def request_dict(
    report: Report, absolute: AbsoluteUrl, *, extensions: bool, zone: dt.tzinfo | None = None
) -> dict[str, Any]:
    """One service request; `report` must come from selectors.requests_queryset. A list
    passes `zone` (the current time zone) once for all its requests."""
    zone = zone or timezone.get_current_timezone()
    category = report.category
    lat, lon = public_point(report)
    data: dict[str, Any] = {
        "service_request_id": report.tracking_code,
        "status": open311_status(report.status),
        "status_notes": public_text(report, report.status_note) or None,
        "service_name": category.name_fa,
        "service_code": category.code,
        "description": public_text(report, report.description),
        "agency_responsible": report.responsible_name or None,
        "service_notice": service_notice(category, report.priority),
        "requested_datetime": w3c(report.created_at, zone),
        "updated_datetime": w3c(_updated(report), zone),
        "expected_datetime": w3c(report.deadline, zone),
        "address": public_text(report, report.address) or None,
        "address_id": None,
        "zipcode": None,
        "lat": lat,
        "long": lon,
        "media_url": _media_url(report, absolute),
    }
    if not is_categorised(report):
        # A low-confidence guess is not published (decision 0039): a reserved service_code
        # keeps the required field valid, and no unit or deadline promise is claimed.
        data.update(
            service_name=AWAITING_CATEGORY_FA,
            service_code=UNCATEGORISED_SERVICE_CODE,
            agency_responsible=None,
            service_notice=None,
        )
    if extensions:
        data.update(_extensions(report, absolute, zone))
    return data


def created_dict(report: Report) -> dict[str, Any]:
    """The POST answer: realtime services return the id at once, never a token. The extra
    `reporter_secret` is the reporter's proof (decision 0032), given only here: the id is
    public (GET lists), so feedback and attachments through API v1 need the secret."""
    return {
        "service_request_id": report.tracking_code,
        "service_notice": (
            service_notice(report.category, report.priority) if is_categorised(report) else None
        ),
        "account_id": None,
        "reporter_secret": report.issued_secret,
    }
