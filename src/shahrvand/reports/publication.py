"""A report as every public channel shows it: Open311, the public API, the tracking page and
the nearby-duplicates panel all read its free texts and its point through here (decision
0037). Staff pages and the staff API read the report itself.

- Free texts (description, address, public notes, attribute answers) pass through
  common.privacy.mask_personal_data, with the reporter's own name as a name to mask.
- Coordinates of a category with coarse location (categories.models.Category.coarse_location,
  social issues by default) are the centre of their H3 resolution-8 cell.
- A report staff marked non-public (`is_public=False`) is left out of lists and answers
  "not found" on Open311; pages reached by its tracking code show its status only.
"""

from __future__ import annotations

from shahrvand.common.privacy import coarse_point, mask_personal_data

from .models import Report

# Shown instead of a category and a responsible unit while the category is only a guess
# below the automatic threshold (decision 0039).
AWAITING_CATEGORY_FA = "در انتظار دسته‌بندی"
AWAITING_CATEGORY_EN = "Awaiting categorisation"
# Open311 requires a service_code on every request: an uncategorised one gets this
# reserved code (never a real category code; see decision 0039).
UNCATEGORISED_SERVICE_CODE = "uncategorised"

# The columns the functions below read, for querysets that load only some (.only()).
COLUMNS = (
    "reporter_name",
    "is_public",
    "awaiting_category",
    "category__location_precision",
    "category__standard",
)


def public_text(report: Report, text: str) -> str:
    """`text` (a field or note of `report`) with personal data masked."""
    return mask_personal_data(text, names=[report.reporter_name] if report.reporter_name else [])


def public_point(report: Report) -> tuple[float | None, float | None]:
    """The report's published (lat, lon): exact, or its H3 cell centre for coarse categories."""
    if report.lat is None or report.lon is None:
        return None, None
    if report.category.coarse_location:
        _, lat, lon = coarse_point(report.lat, report.lon)
        return lat, lon
    return report.lat, report.lon


def is_categorised(report: Report) -> bool:
    """Whether the report's category may be published: chosen by a person or by the
    classifier above the automatic threshold, not a low-confidence guess."""
    return not report.awaiting_category


def public_category_name(report: Report) -> str:
    """The category's Persian name, or «در انتظار دسته‌بندی» while it is only a guess."""
    return report.category.name_fa if is_categorised(report) else AWAITING_CATEGORY_FA


def public_responsible(report: Report) -> str:
    """The responsible unit's name; none while the report awaits categorisation."""
    return report.responsible_name if is_categorised(report) else ""


def public_original(report: Report) -> Report | None:
    """The report this one duplicates, when that one is public (else None)."""
    original = report.duplicate_of
    return original if original is not None and original.is_public else None


def public_duplicates(report: Report) -> list[Report]:
    """The public reports merged into this one as duplicates, oldest first."""
    return list(report.duplicates.filter(is_public=True).order_by("created_at", "id"))
