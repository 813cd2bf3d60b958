"""Domain events about reports, published to the outbox (consumed by webhooks)."""

from __future__ import annotations

from typing import Any

from shahrvand.outbox.models import EventType
from shahrvand.outbox.publish import publish, publish_many
from shahrvand.reports.models import Report


def report_payload(report: Report) -> dict[str, Any]:
    """What subscribers learn about a report: no free text and no reporter data.

    Webhook subscribers are partner systems registered by the superuser under an agreement
    (decision 0037), not the public: they get the exact point, as the agency exchange does,
    and `is_public` so that one that republishes can leave out what staff withdrew."""
    return {
        "tracking_code": report.tracking_code,
        "municipality": report.municipality.slug,
        "is_public": report.is_public,
        "status": report.status,
        "category": report.category.code,
        "standard_code": report.standard_id,
        "district": report.district.number,
        "lat": report.lat,
        "lon": report.lon,
        "priority": report.priority,
        "channel": report.channel,
        "assigned_department": report.assigned_department.code
        if report.assigned_department
        else None,
        "assigned_agency": report.assigned_agency.code if report.assigned_agency else None,
        "deadline": report.deadline.isoformat() if report.deadline else None,
        "created_at": report.created_at.isoformat() if report.created_at else None,
        "updated_at": report.updated_at.isoformat() if report.updated_at else None,
    }


def emit(event_type: EventType, report: Report, **extra: Any) -> None:
    publish(
        event_type,
        municipality_id=report.municipality_id,
        payload={"report": report_payload(report), **extra},
    )


def emit_many(
    report: Report, events: list[tuple[EventType, dict[str, Any], dict[str, Any]]]
) -> None:
    """Several events about `report` in one insert: (type, overrides of the report's facts
    as of that event, extra payload fields)."""
    facts = report_payload(report)
    publish_many(
        [
            (event_type, report.municipality_id, {"report": facts | overrides, **extra})
            for event_type, overrides, extra in events
        ]
    )
