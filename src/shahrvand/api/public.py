"""Public (citizen) part of API v1: everything the citizen web pages do, for apps."""

import json
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Router
from ninja import Status as WithStatus
from ninja.files import UploadedFile
from ninja.params import HeaderEx, P, QueryEx

from shahrvand.analytics import api as analytics_api
from shahrvand.categories.models import Category
from shahrvand.common.api_errors import ErrorOut
from shahrvand.common.errors import NotFound
from shahrvand.common.jalali import to_jalali
from shahrvand.deadlines.official import lunar_years
from shahrvand.deadlines.selectors import holidays_in_year
from shahrvand.reports import proof
from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report
from shahrvand.reports.selectors import (
    public_report_queryset,
    report_for_public_view,
    report_for_tracking,
)
from shahrvand.reports.services import ReportInput, report_create, report_feedback
from shahrvand.reports.services.media import report_add_attachments
from shahrvand.security.pii import decrypt, encrypt
from shahrvand.tenancy.lookup import active_municipality
from shahrvand.tenancy.models import District, Municipality

from . import serializers
from .idempotency import fingerprint, run_once
from .schemas import (
    CategoryOut,
    FeedbackIn,
    HolidaysOut,
    MunicipalityOut,
    PhotoOut,
    PublicReportOut,
    ReportCreatedOut,
    ReportIn,
)
from .throttle import SettingsThrottle

router = Router(
    tags=["public"], throttle=SettingsThrottle("api-public", "SHAHRVAND_API_PUBLIC_RATE")
)
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 403: ErrorOut}
PROOF_HEADER = "X-Reporter-Secret"
PROOF_HELP = (
    "The reporter secret returned once by POST /reports (`reporter_secret`), or the `k` of "
    "the reporter's SMS link. The tracking code alone is public and is refused (403)."
)


def _not_found() -> NotFound:
    return NotFound(
        "گزارشی با این کد پیگیری پیدا نشد.",
        message_en="No report has this tracking code.",
        field="tracking_code",
    )


def _report(code: str) -> Report:
    report = report_for_tracking(code)
    if report is None:
        raise _not_found()
    return report


def _public(request: HttpRequest, report: Report) -> dict[str, Any]:
    """The public view of a report just written (read again with its new rows)."""
    return serializers.public_report(request, public_report_queryset().get(pk=report.pk))


@router.get("/municipalities", response=list[MunicipalityOut])
def municipalities(request: HttpRequest) -> Any:
    return Municipality.objects.filter(is_active=True)


@router.get("/municipalities/{slug}/categories", response={200: list[CategoryOut], 404: ErrorOut})
def categories(request: HttpRequest, slug: str) -> Any:
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    rows = Category.objects.filter(municipality=municipality, is_active=True).select_related(
        "parent", "department", "agency"
    )
    return [serializers.category_dict(c) for c in rows]


@router.get(
    "/municipalities/{slug}/holidays", response={200: HolidaysOut, 400: ErrorOut, 404: ErrorOut}
)
def holidays(
    request: HttpRequest,
    slug: str,
    year: QueryEx[
        int | None, P(ge=1300, le=1500, description="Jalali year, e.g. 1405 (default: this year)")
    ] = None,
) -> Any:
    """Every day off of the municipality in a Jalali year: the official calendar (solar and
    lunar), province-wide closures and local holidays. Deadlines skip all of them."""
    municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
    if municipality is None:
        raise NotFound(
            "شهرداری با این شناسه پیدا نشد.",
            message_en="No municipality has this slug.",
            field="slug",
        )
    year = year or int(to_jalali(timezone.localdate()).year)
    first, last = lunar_years()
    days = holidays_in_year(municipality, year)
    return {
        "municipality": municipality.slug,
        "year": year,
        "lunar_data": first <= year <= last,
        "holidays": [
            {
                "date": day.jalali,
                "gregorian": day.date,
                "name_fa": day.name_fa,
                "name_en": day.name_en,
                "kind": day.kind,
                "source": day.source,
                "estimated": day.estimated,
            }
            for day in days
        ],
    }


@router.post("/reports", response={201: ReportCreatedOut, **ERRORS})
def create_report(request: HttpRequest, payload: ReportIn) -> Any:
    """Submit a report. Send an `Idempotency-Key` header to make retries safe.

    The answer carries `reporter_secret` once: keep it, it is the proof of being the
    reporter that feedback and attachments require (header `X-Reporter-Secret`)."""

    def create() -> tuple[int, dict[str, Any]]:
        municipality = active_municipality(payload.municipality)
        if municipality is None:
            raise NotFound(
                "شهرداری پیدا نشد.", message_en="Unknown municipality.", field="municipality"
            )
        district_id = None
        if payload.district is not None:
            district = District.objects.filter(
                municipality=municipality, number=payload.district
            ).first()
            if district is None:
                raise ReportError(
                    "منطقه‌ای با این شماره در این شهرداری نیست.",
                    message_en="Unknown district number for this municipality.",
                    field="district",
                    code="unknown_district",
                )
            district_id = district.pk
        report = report_create(
            data=ReportInput(
                municipality=municipality,
                category_code=payload.category,
                description=payload.description,
                channel=payload.channel,
                lat=payload.lat,
                lon=payload.lon,
                district_id=district_id,
                address=payload.address,
                reporter_name=payload.reporter_name,
                reporter_phone=payload.reporter_phone,
            ),
            savepoint=False,  # run_once's transaction is rolled back whole on any error
        )
        body = {
            "tracking_code": report.tracking_code,
            "status": report.status,
            "deadline": report.deadline,
            # Encrypted in the idempotency record (a retry gets it back); clear below.
            "reporter_secret": encrypt(report.issued_secret),
        }
        return 201, json.loads(json.dumps(body, default=str))

    status, body = run_once(
        request,
        endpoint="public.create_report",
        request_hash=fingerprint(payload.model_dump_json()),
        create=create,
    )
    if "reporter_secret" in body:
        body = body | {"reporter_secret": decrypt(body["reporter_secret"])}
    return WithStatus(status, body)


@router.get("/reports/{code}", response={200: PublicReportOut, 404: ErrorOut})
def get_report(request: HttpRequest, code: str) -> Any:
    report = report_for_public_view(code)
    if report is None:
        raise _not_found()
    return serializers.public_report(request, report)


@router.post("/reports/{code}/attachments", response={201: list[PhotoOut], **WRITE_ERRORS})
def add_attachments(  # nosec B107: an empty secret is no proof (refused, 403)
    request: HttpRequest,
    code: str,
    files: File[list[UploadedFile]],
    reporter_secret: HeaderEx[str, P(alias=PROOF_HEADER, description=PROOF_HELP)] = "",
) -> Any:
    """Add photos or a video to your report (within the per-report limits). Only the
    reporter may: send the reporter secret in `X-Reporter-Secret`."""
    report = _report(code)
    proof.require_reporter(report, reporter_secret)
    prepared = prepare_attachments(files)

    def create() -> tuple[int, dict[str, Any]]:
        created = report_add_attachments(report=report, files=prepared, actor=None)
        return 201, {
            "items": [
                {
                    "url": request.build_absolute_uri(a.file.url),
                    "thumbnail_url": request.build_absolute_uri(a.thumbnail.url)
                    if a.thumbnail
                    else None,
                    "stage": a.stage,
                }
                for a in created
            ]
        }

    status, body = run_once(
        request,
        endpoint=f"public.add_attachments:{report.pk}",
        request_hash=fingerprint(code, *(p.sha256 for p in prepared)),
        create=create,
        claim_first=True,  # a repeated key must stop before any file is stored
    )
    return WithStatus(status, body["items"])


@router.post("/reports/{code}/feedback", response={200: PublicReportOut, **WRITE_ERRORS})
def feedback(  # nosec B107: an empty secret is no proof (refused, 403)
    request: HttpRequest,
    code: str,
    payload: FeedbackIn,
    reporter_secret: HeaderEx[str, P(alias=PROOF_HEADER, description=PROOF_HELP)] = "",
) -> Any:
    """Accept the resolution (with a 1–5 rating) or dispute it (reopens the report). Only
    the reporter may: send the reporter secret in `X-Reporter-Secret`."""
    report = _report(code)
    proof.require_reporter(report, reporter_secret)
    report = report_feedback(
        report=report,
        accepted=payload.accepted,
        rating=payload.rating,
        comment=payload.comment,
        via="api",
    )
    return _public(request, report)


# GET /public/kpis: aggregate KPIs, no personal data (analytics/api.py).
router.add_router("", analytics_api.router)
