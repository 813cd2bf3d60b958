"""Report → API dicts. Public shapes never include reporter name, phone or internal notes;
their free texts and points pass through reports/publication.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from shahrvand.categories.models import Category
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.publication import (
    AWAITING_CATEGORY_EN,
    AWAITING_CATEGORY_FA,
    UNCATEGORISED_SERVICE_CODE,
    is_categorised,
    public_point,
    public_responsible,
    public_text,
)
from shahrvand.reports.services.privacy import masked_phone
from shahrvand.reports.workflow import Status, allowed_targets


def awaiting_category_dict() -> dict[str, Any]:
    """In place of a category while a report's category is only a guess (decision 0039)."""
    return {
        "code": UNCATEGORISED_SERVICE_CODE,
        "name_fa": AWAITING_CATEGORY_FA,
        "name_en": AWAITING_CATEGORY_EN,
        "standard_code": "",
        "parent_code": None,
        "responsible": "",
    }


def _public_category(report: Report) -> dict[str, Any]:
    return category_dict(report.category) if is_categorised(report) else awaiting_category_dict()


def category_dict(category: Category) -> dict[str, Any]:
    return {
        "code": category.code,
        "name_fa": category.name_fa,
        "name_en": category.name_en,
        "standard_code": category.standard_id,
        "parent_code": category.parent.code if category.parent_id and category.parent else None,
        "responsible": category.responsible_name,
    }


def event_dict(event: ReportEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "status": event.to_status or None,
        "status_label": Status(event.to_status).label if event.to_status else None,
        "note": event.note,
        "at": event.created_at,
    }


def public_report(request: HttpRequest, report: Report) -> dict[str, Any]:
    """What anyone holding the tracking code may read. A report staff marked non-public
    shows its status only: no text, place, photo or history."""
    if not report.is_public:
        return _withheld_report(report)
    events = [
        event_dict(e) | {"note": public_text(report, e.note)}
        for e in report.events.all()
        if e.is_public
    ]
    photos = [
        {
            "url": request.build_absolute_uri(a.file.url),
            "thumbnail_url": request.build_absolute_uri(a.thumbnail.url) if a.thumbnail else None,
            "stage": a.stage,
        }
        for a in report.attachments.all()
        if a.is_public and a.kind == "photo"
    ]
    lat, lon = public_point(report)
    return {
        "tracking_code": report.tracking_code,
        "municipality": report.municipality.slug,
        "is_public": True,
        "status": report.status,
        "status_label": Status(report.status).label,
        "category": _public_category(report),
        "district": report.district.name_fa,
        "address": public_text(report, report.address),
        "lat": lat,
        "lon": lon,
        "description": public_text(report, report.description),
        "responsible": public_responsible(report),
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "deadline": report.deadline,
        "photos": photos,
        "timeline": events,
    }


def _withheld_report(report: Report) -> dict[str, Any]:
    return {
        "tracking_code": report.tracking_code,
        "municipality": report.municipality.slug,
        "is_public": False,
        "status": report.status,
        "status_label": Status(report.status).label,
        "category": _public_category(report),
        "district": "",
        "address": "",
        "lat": None,
        "lon": None,
        "description": "",
        "responsible": public_responsible(report),
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "deadline": report.deadline,
        "photos": [],
        "timeline": [],
    }


def _duplicate_code(report: Report) -> str | None:
    if hasattr(report, "duplicate_of_code"):  # annotated by the list
        return report.duplicate_of_code  # type: ignore[no-any-return]
    return report.duplicate_of.tracking_code if report.duplicate_of else None


def staff_report(report: Report) -> dict[str, Any]:
    return {
        "tracking_code": report.tracking_code,
        "municipality": report.municipality.slug,
        "status": report.status,
        "priority": report.priority,
        "channel": report.channel,
        "category": report.category.code,
        "standard_code": report.standard_id,
        "district": report.district.number,
        "address": report.address,
        "lat": report.lat,
        "lon": report.lon,
        "description": report.description,
        "is_public": report.is_public,
        # Lists show the phone masked; the full reporter data comes only with the detail,
        # and that view is logged (services/privacy.py).
        "reporter_name": "",
        "reporter_phone": masked_phone(report),
        "assigned_department": report.assigned_department.code
        if report.assigned_department
        else None,
        "assigned_agency": report.assigned_agency.code if report.assigned_agency else None,
        "duplicate_of": _duplicate_code(report),
        "deadline": report.deadline,
        "created_at": report.created_at,
        "updated_at": report.updated_at,
    }


def staff_report_detail(report: Report) -> dict[str, Any]:
    return staff_report(report) | {
        "history": [event_dict(e) for e in report.events.all()],
        "allowed_statuses": sorted(s.value for s in allowed_targets(report.status)),
    }
