"""Report intake: the one path by which a report enters the system, on every channel."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from shahrvand.categories.lookup import active_categories
from shahrvand.categories.models import Category
from shahrvand.common.persian import normalize_phone, normalize_text
from shahrvand.outbox.models import EventType
from shahrvand.reports import proof, tracking
from shahrvand.reports.attachments import PreparedFile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Attachment, Channel, Priority, Report, ReportEvent
from shahrvand.reports.workflow import Status
from shahrvand.routing.engine import Route, route_for
from shahrvand.tenancy.geo import cell_for, district_at
from shahrvand.tenancy.models import District, Municipality
from shahrvand.triage.suggest import auto_threshold, classifier_for, suggest_categories

from .deadline import clock_for
from .events import emit_many
from .history import Actor, new_event
from .status import route_before_insert

MAX_DESCRIPTION = 4000


@dataclass
class ReportInput:
    municipality: Municipality
    category_code: str
    description: str
    channel: str
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    district_id: int | None = None
    priority: str = Priority.NORMAL
    reporter_name: str = ""
    reporter_phone: str = ""
    external_app: str = ""
    attachments: list[PreparedFile] = field(default_factory=list)
    # Open311 extras, validated by the caller (shahrvand.open311): an external media link
    # and the answers to the category's service-definition attributes.
    media_url: str = ""
    attribute_values: dict[str, Any] = field(default_factory=dict)


def _category(data: ReportInput) -> Category:
    category = active_categories(data.municipality.pk).get(data.category_code)
    if category is None:
        raise ReportError(
            "دسته‌بندی انتخاب‌شده در این شهرداری وجود ندارد.",
            message_en=f"Unknown category '{data.category_code}' for this municipality.",
            field="category",
            code="unknown_category",
        )
    return category


def _categorise(
    data: ReportInput, description: str
) -> tuple[Category, tuple[str, float] | None, bool]:
    """The category chosen by the reporter, or the classifier's when none was chosen.

    Returns the category, the classifier's top standard code with its probability (kept
    for the dispatcher and for measuring the classifier) and whether the report was
    categorised automatically: only when nobody chose and the classifier is at least
    SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE sure. Below that the guess stands but a
    dispatcher decides.
    """
    if data.category_code:
        top = classifier_for(data.municipality.pk)(description)[:1]
        return _category(data), (top[0] if top else None), False
    suggestions = suggest_categories(data.municipality.pk, description, k=1)
    if not suggestions:
        raise ReportError(
            "موضوع گزارش را انتخاب کنید.",
            message_en="Choose a category.",
            field="category",
            code="category_required",
        )
    best = suggestions[0]
    guess = (best.standard_code, best.probability)
    return best.category, guess, best.probability >= auto_threshold()


def _location(data: ReportInput) -> tuple[District, float | None, float | None]:
    if data.lat is not None and data.lon is not None:
        lat, lon = float(data.lat), float(data.lon)
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise ReportError(
                "مختصات مکان نامعتبر است.",
                message_en="Latitude/longitude are out of range.",
                field="location",
                code="invalid_location",
            )
        district = district_at(data.municipality, lat, lon)
        if district is None:
            raise ReportError(
                f"این نقطه خارج از محدوده مناطق شهرداری {data.municipality.name_fa} است؛ "
                "لطفاً مکان را روی نقشه درست انتخاب کنید.",
                message_en=f"The location is outside the districts of {data.municipality.name_en}.",
                field="location",
                code="outside_districts",
            )
        return district, lat, lon
    if data.lat is not None or data.lon is not None:
        raise ReportError(
            "طول و عرض جغرافیایی باید با هم فرستاده شوند.",
            message_en="lat and long must be given together.",
            field="location",
            code="invalid_location",
        )
    if data.district_id is not None:
        district = District.objects.filter(
            municipality=data.municipality, pk=data.district_id
        ).first()
        if district is not None:
            return district, None, None
        raise ReportError(
            "منطقه انتخاب‌شده در این شهرداری نیست.",
            message_en="Unknown district for this municipality.",
            field="district",
            code="unknown_district",
        )
    raise ReportError(
        "مکان گزارش را روی نقشه مشخص کنید.",
        message_en="A location (lat/long or district) is required.",
        field="location",
        code="location_required",
    )


def _clean(data: ReportInput) -> tuple[str, str, str, str]:
    description = normalize_text(data.description or "")
    if not description:
        raise ReportError(
            "شرح گزارش را بنویسید.",
            message_en="A description is required.",
            field="description",
            code="description_required",
        )
    if len(description) > MAX_DESCRIPTION:
        raise ReportError(
            "شرح گزارش بیش از ۴۰۰۰ نویسه است.",
            message_en="The description is longer than 4000 characters.",
            field="description",
            code="description_too_long",
        )
    phone = ""
    if data.reporter_phone.strip():
        phone = normalize_phone(data.reporter_phone) or ""
        if not phone:
            raise ReportError(
                "شماره تلفن معتبر نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید.",
                message_en="The phone number is not a valid Iranian number.",
                field="reporter_phone",
                code="invalid_phone",
            )
    if data.channel not in Channel.values:
        raise ReportError("کانال ثبت نامعتبر است.", message_en="Unknown channel.", field="channel")
    if data.priority not in Priority.values:
        raise ReportError("اولویت نامعتبر است.", message_en="Unknown priority.", field="priority")
    name = normalize_text(data.reporter_name, keep_newlines=False)[:120]
    address = normalize_text(data.address, keep_newlines=False)[:400]
    return description, phone, name, address


def save_files(
    report: Report, files: list[PreparedFile], written: list[str], *, stage: str = "intake"
) -> list[Attachment]:
    """Write prepared files to storage and rows to the database; names go into `written` so
    the caller can remove them if its transaction does not commit."""
    created = []
    start = Attachment.objects.filter(report=report).count() if files else 0
    for index, item in enumerate(files, start=start + 1):
        attachment = Attachment(
            report=report,
            stage=stage,
            kind=item.kind,
            content_type=item.content_type,
            size=len(item.content),
            width=item.width,
            height=item.height,
            sha256=item.sha256,
        )
        attachment.file.save(f"{index}-{item.name}", ContentFile(item.content), save=False)
        written.append(str(attachment.file.name))
        if item.thumbnail:
            attachment.thumbnail.save(f"{index}-thumb.jpg", ContentFile(item.thumbnail), save=False)
            written.append(str(attachment.thumbnail.name))
        attachment.save()
        created.append(attachment)
    return created


def report_create(*, data: ReportInput, actor: Actor = None, savepoint: bool = True) -> Report:
    """Validate and store a new report with its first history entry and its files.

    The returned object carries the reporter secret in clear (`issued_secret`), for the
    caller to hand to the reporter once; only its hash is stored (decision 0032).
    Raises ReportError (nothing stored) on bad input. Files are written inside the
    transaction and removed again if it does not commit, so nothing partial remains.
    `savepoint=False` only for a caller that lets every exception roll back its own
    enclosing transaction (without one it makes no difference).
    """
    description, phone, name, address = _clean(data)
    category, guess, auto = _categorise(data, description)
    # Nobody chose and the classifier is unsure: the guess is kept as the suggestion, the
    # report is not routed and public channels say it awaits categorisation (decision 0039).
    awaiting = not data.category_code and not auto
    district, lat, lon = _location(data)
    now = timezone.now()
    route = route_for(category=category, district=district, priority=data.priority, at=now)
    if awaiting:
        route = Route(None, None, None, None)
    clock = clock_for(category, data.priority, now)
    secret = proof.new_secret()
    written: list[str] = []
    try:
        # A caller whose own transaction is rolled back whole on any failure here (the
        # API's idempotency record) passes savepoint=False: two round trips fewer.
        with transaction.atomic(savepoint=savepoint):
            report = Report(
                municipality=data.municipality,
                category=category,
                standard=category.standard,
                priority=data.priority,
                description=description,
                search_text=description,
                lat=lat,
                lon=lon,
                address=address,
                district=district,
                h3_cell=cell_for(lat, lon) if lat is not None and lon is not None else "",
                channel=data.channel,
                reporter_name=name,
                reporter_phone=phone,
                reporter_secret_hash=proof.secret_hash(secret),
                deadline=clock.deadline,
                warn_at=clock.warn_at,
                escalate_at=clock.escalate_at,
                assigned_department=route.department,
                assigned_agency=route.agency,
                assigned_user=route.user,
                created_by=actor if isinstance(actor, User) else None,
                external_app=data.external_app[:120],
                media_url=data.media_url,
                attribute_values=data.attribute_values,
                suggested_standard_id=guess[0] if guess else None,
                suggestion_confidence=round(guess[1], 4) if guess else None,
                auto_categorised=auto,
                awaiting_category=awaiting,
            )
            # An automatically categorised report goes straight to its route (no
            # dispatcher): stored already handed over, with both history entries and all
            # three events written in one insert each.
            routed_note = f"دسته‌بندی و ارجاع خودکار به {report.responsible_name}"
            routed = (
                route_before_insert(report, note=routed_note, at=now)
                if auto and (route.department or route.agency)
                else None
            )
            _insert_with_fresh_code(report)
            label = data.external_app or ("اپراتور ۱۳۷" if data.channel == Channel.PHONE else "")
            history = [
                new_event(
                    report,
                    ReportEvent.Kind.CREATED,
                    actor=actor,
                    label=label if label and (actor is None or not actor.is_authenticated) else "",
                    to_status=Status.SUBMITTED,
                    note="گزارش ثبت شد.",
                    public=True,
                    data={"channel": data.channel},
                )
            ]
            events: list[tuple[EventType, dict[str, Any], dict[str, Any]]] = [
                (EventType.REPORT_CREATED, {"status": Status.SUBMITTED.value}, {})
            ]
            if routed is not None:
                history.append(
                    new_event(
                        report,
                        ReportEvent.Kind.STATUS,
                        actor=None,
                        label="سامانه",
                        from_status=Status.SUBMITTED,
                        to_status=routed,
                        note=routed_note,
                        public=True,
                    )
                )
                events += [
                    (
                        EventType.REPORT_STATUS_CHANGED,
                        {},
                        {"from_status": Status.SUBMITTED.value, "note": routed_note},
                    ),
                    (EventType.REPORT_ASSIGNED, {}, {}),
                ]
            ReportEvent.objects.bulk_create(history)
            save_files(report, data.attachments, written)
            emit_many(report, events)
    except BaseException:
        for name_ in written:
            default_storage.delete(name_)
        raise
    report.issued_secret = secret
    return report


def _insert_with_fresh_code(report: Report, attempts: int = 5) -> None:
    for attempt in range(attempts):
        report.tracking_code = tracking.new_code()
        try:
            with transaction.atomic():
                report.save(force_insert=True)
            return
        except IntegrityError:
            collided = Report.objects.filter(tracking_code=report.tracking_code).exists()
            if not collided or attempt == attempts - 1:
                raise
            report.pk = None
