"""Who sees and who may generate which archived supervisory reports (tenant isolation)."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.tenancy.models import Municipality, Role, StaffProfile

from .content import PROVINCE
from .models import SupervisoryReport

READERS = {Role.MUNICIPALITY_ADMIN, Role.DEPARTMENT_MANAGER, Role.PROVINCE_SUPERVISOR}


def archive_visible_to(profile: StaffProfile) -> QuerySet[SupervisoryReport]:
    """The province supervisor reads every report (province and municipalities); managers
    and admins their own municipality's; other roles none."""
    reports = SupervisoryReport.objects.select_related("municipality", "generated_by")
    if profile.role == Role.PROVINCE_SUPERVISOR:
        return reports
    if profile.role not in READERS or profile.municipality_id is None:
        return reports.none()
    return reports.filter(municipality_id=profile.municipality_id)


def scopes_for(profile: StaffProfile) -> list[tuple[str, str]]:
    """(scope, label) pairs `profile` may generate: admins their municipality; the province
    supervisor the province and every active municipality."""
    if profile.role == Role.PROVINCE_SUPERVISOR:
        munis = Municipality.objects.filter(is_active=True)
        return [(PROVINCE, "استان (همهٔ شهرداری‌ها)")] + [(m.slug, m.name_fa) for m in munis]
    if profile.role == Role.MUNICIPALITY_ADMIN and profile.municipality is not None:
        return [(profile.municipality.slug, profile.municipality.name_fa)]
    return []
