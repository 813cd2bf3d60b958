"""Factory of local categories (mapped to a standard code) for tests."""

from __future__ import annotations

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.categories.services import load_standard_categories
from shahrvand.tenancy.models import Department, ExternalAgency, Municipality
from tests.tenancy.factories import department


def category(
    muni: Municipality,
    code: str = "pothole",
    standard: str = "road",
    *,
    dept: Department | None = None,
    agency_: ExternalAgency | None = None,
    target_hours: int = 72,
) -> Category:
    if dept is None and agency_ is None:
        dept = department(muni)
    if not StandardCategory.objects.filter(code=standard).exists():
        load_standard_categories()  # transactional tests flush the migration-loaded rows
    return Category.objects.create(
        municipality=muni,
        code=code,
        standard=StandardCategory.objects.get(code=standard),
        name_fa=f"دسته {code}",
        name_en=code,
        department=dept,
        agency=agency_,
        target_hours=target_hours,
    )
