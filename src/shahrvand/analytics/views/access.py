"""Who sees which dashboard. Staff see their own municipality; the province supervisor
sees every municipality; the province comparison is for the supervisor and for
municipality admins (read-only, aggregates only — see docs/decisions/0008)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from shahrvand.tenancy.access import (
    PROVINCE_VIEW_ROLES,
    current_staff,
    may_see_municipality,
)
from shahrvand.tenancy.models import Municipality, StaffProfile


def can_view_province(profile: StaffProfile) -> bool:
    return profile.role in PROVINCE_VIEW_ROLES


def municipality_for(request: HttpRequest, slug: str) -> Municipality:
    """The municipality `slug` if the staff member may see its dashboards.

    Another municipality's dashboards are a 404, not a 403: staff learn nothing about
    which slugs exist elsewhere.
    """
    found = Municipality.objects.filter(slug=slug, is_active=True).first()
    if found is None or not may_see_municipality(current_staff(request), found.pk):
        raise Http404("این داشبورد پیدا نشد.")
    return found


def require_province_view(request: HttpRequest) -> StaffProfile:
    profile = current_staff(request)
    if not can_view_province(profile):
        raise PermissionDenied("مقایسه شهرداری‌های استان برای ناظر استانی و مدیران سامانه است.")
    return profile


def public_municipality(slug: str) -> Municipality:
    try:
        return Municipality.objects.get(slug=slug, is_active=True)
    except Municipality.DoesNotExist as exc:
        raise Http404("این شهرداری پیدا نشد.") from exc
