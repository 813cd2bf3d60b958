"""Who sees and who may generate which archived supervisory reports (tenant isolation)."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.tenancy.access import SUPERVISORY_READERS, scope_to_actor, sees_every_municipality
from shahrvand.tenancy.models import Municipality, Role, StaffProfile

from .content import PROVINCE
from .models import SupervisoryReport


def archive_visible_to(profile: StaffProfile) -> QuerySet[SupervisoryReport]:
    """The province supervisor reads every report (province and municipalities); managers
    and admins their own municipality's; other roles none."""
    reports = SupervisoryReport.objects.select_related("municipality", "generated_by")
    if profile.role not in SUPERVISORY_READERS:
        return reports.none()
    return scope_to_actor(reports, profile)


def scopes_for(profile: StaffProfile) -> list[tuple[str, str]]:
    """(scope, label) pairs `profile` may generate: admins their municipality; the province
    supervisor the province and every active municipality."""
    if sees_every_municipality(profile):
        munis = Municipality.objects.filter(is_active=True)
        return [(PROVINCE, "استان (همهٔ شهرداری‌ها)")] + [(m.slug, m.name_fa) for m in munis]
    if profile.role == Role.MUNICIPALITY_ADMIN and profile.municipality is not None:
        return [(profile.municipality.slug, profile.municipality.name_fa)]
    return []
