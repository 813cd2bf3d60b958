"""Writes on the work calendar. The municipality admin keeps the municipality's holidays."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.access import require_municipality, require_reference_admin

from .models import Holiday, parse_jalali

ADMIN_ONLY = "تقویم تعطیلات را مدیر سامانه شهرداری نگه می‌دارد."


@transaction.atomic
def holiday_create(*, actor: User, jalali: str, title: str) -> Holiday:
    """Add a holiday (a valid Jalali date, e.g. ۱۴۰۵/۰۱/۰۱) to the actor's municipality;
    the deadlines of new reports count it. Returns it. DomainError (field "jalali") for a
    day already recorded; PermissionDenied unless `actor` is the municipality admin."""
    profile = require_reference_admin(actor, message=ADMIN_ONLY)
    assert profile.municipality_id is not None  # an admin always has one
    try:
        date = parse_jalali(jalali)
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages), message_en="Invalid Jalali date.", field="jalali"
        ) from exc
    if Holiday.objects.filter(municipality_id=profile.municipality_id, date=date).exists():
        raise DomainError(
            "این روز پیش‌تر ثبت شده است.",
            message_en="This day is already a holiday.",
            field="jalali",
            code="holiday_exists",
        )
    return Holiday.objects.create(
        municipality_id=profile.municipality_id, jalali=jalali, title=title
    )


@transaction.atomic
def holiday_delete(*, actor: User, holiday: Holiday) -> None:
    """Remove one of the municipality's holidays (the cached calendars are forgotten).
    PermissionDenied for another municipality's holiday or another role; DomainError for a
    province-wide closure."""
    profile = require_reference_admin(actor, message=ADMIN_ONLY)
    if holiday.municipality_id is None:
        raise DomainError(
            "تعطیلی‌های استانی را مدیر شهرداری حذف نمی‌کند.",
            message_en="Province-wide closures are not the municipality's to delete.",
            code="province_holiday",
        )
    require_municipality(profile, holiday.municipality_id)
    holiday.delete()
