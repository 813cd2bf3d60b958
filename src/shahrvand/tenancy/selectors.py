"""Reference data of a municipality, limited to what the acting staff member may see.

`within` narrows further to one municipality the actor may see (e.g. the report's when
assigning it); one outside the actor's scope gives nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .access import scope_to_actor
from .models import Department, District, ExternalAgency, Municipality, StaffProfile


def departments_visible_to(
    profile: StaffProfile | None, *, within: Municipality | None = None
) -> QuerySet[Department]:
    return scope_to_actor(Department.objects.all(), profile, within=within)


def agencies_visible_to(
    profile: StaffProfile | None, *, within: Municipality | None = None
) -> QuerySet[ExternalAgency]:
    return scope_to_actor(ExternalAgency.objects.all(), profile, within=within)


def districts_visible_to(
    profile: StaffProfile | None, *, within: Municipality | None = None
) -> QuerySet[District]:
    return scope_to_actor(District.objects.all(), profile, within=within)


def unit_by_ref(
    profile: StaffProfile | None, ref: str, *, within: Municipality | None = None
) -> tuple[Department | None, ExternalAgency | None]:
    """The department ("d:<pk>") or agency ("a:<pk>") that `ref` names among those
    `profile` may see; (None, None) for anything else."""
    kind, _, pk = ref.partition(":")
    if not pk.isdigit():
        return None, None
    if kind == "d":
        return departments_visible_to(profile, within=within).filter(pk=pk).first(), None
    if kind == "a":
        return None, agencies_visible_to(profile, within=within).filter(pk=pk).first()
    return None, None
