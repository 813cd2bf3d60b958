"""Reads for the mining page. Who may see which municipality's mining is decided here."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.common.errors import NotFound, PermissionDenied
from shahrvand.tenancy.access import (
    MINING_ROLES,
    municipalities_visible_to,
    sees_every_municipality,
)
from shahrvand.tenancy.models import Municipality, StaffProfile

from .models import Alert
from .textmining import MAX_DOCUMENTS
from .window import Window


def mining_municipality(profile: StaffProfile, slug: str = "") -> Municipality:
    """The municipality `profile` looks at: its own, or (province supervisor) the one asked
    for, defaulting to the first. Raises PermissionDenied / NotFound."""
    if profile.role not in MINING_ROLES:
        raise PermissionDenied("دسترسی به داده‌کاوی برای نقش شما تعریف نشده است.")
    if not sees_every_municipality(profile):
        assert profile.municipality is not None  # enforced by a check constraint
        if slug and slug != profile.municipality.slug:
            raise PermissionDenied("فقط داده‌های شهرداری خودتان را می‌توانید ببینید.")
        return profile.municipality
    active = municipalities_visible_to(profile)
    chosen = active.filter(slug=slug).first() if slug else active.first()
    if chosen is None:
        raise NotFound("شهرداری پیدا نشد.")
    return chosen


def alerts_of(municipality: Municipality, *, limit: int = 50) -> QuerySet[Alert]:
    """Open alerts first, then acknowledged ones, newest day first."""
    return (
        Alert.objects.filter(municipality=municipality)
        .select_related("standard", "department", "acknowledged_by")
        .order_by("acknowledged_at", "-day", "-observed")[:limit]
    )


def descriptions(
    municipality: Municipality, window: Window, *, code: str = ""
) -> list[tuple[str, str]]:
    """(tracking_code, description) of the window's latest reports, optionally of one code."""
    rows = window.reports(municipality.pk)
    if code:
        rows = rows.filter(standard_id=code)
    return list(
        rows.order_by("-created_at").values_list("tracking_code", "description")[:MAX_DOCUMENTS]
    )
