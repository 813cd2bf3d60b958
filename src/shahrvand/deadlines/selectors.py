"""Reads of the work calendar, limited to what the acting staff member may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from shahrvand.tenancy.access import scope_to_actor, sees_every_municipality
from shahrvand.tenancy.models import StaffProfile

from .models import Holiday


def holidays_visible_to(profile: StaffProfile | None) -> QuerySet[Holiday]:
    """The holidays of `profile`'s municipality and the national ones (every municipality's
    for the province supervisor); none without a profile."""
    if profile is None:
        return Holiday.objects.none()
    if sees_every_municipality(profile):
        return Holiday.objects.all()
    return Holiday.objects.filter(
        Q(municipality_id=profile.municipality_id) | Q(municipality__isnull=True)
    )


def holidays_managed_by(profile: StaffProfile | None) -> QuerySet[Holiday]:
    """The municipality's own holidays (the national ones are kept by the operators of
    the platform, not by a municipality)."""
    return scope_to_actor(Holiday.objects.filter(municipality__isnull=False), profile)
