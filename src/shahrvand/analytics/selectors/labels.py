"""Persian labels for the machine keys of rollup groups."""

from __future__ import annotations

from collections.abc import Iterable

from shahrvand.categories.models import StandardCategory
from shahrvand.reports.models import Channel
from shahrvand.tenancy.models import Department, District, ExternalAgency

UNASSIGNED_FA = "ارجاع نشده"


def unit_labels(keys: Iterable[str]) -> dict[str, tuple[str, str]]:
    """unit key → (label_fa, municipality slug)."""
    dept_ids: list[int] = []
    agency_ids: list[int] = []
    for key in keys:
        kind, _, raw = key.partition(":")
        if raw.isdigit():
            (dept_ids if kind == "department" else agency_ids).append(int(raw))
    out: dict[str, tuple[str, str]] = {"unassigned": (UNASSIGNED_FA, "")}
    for pk, name, slug in Department.objects.filter(pk__in=dept_ids).values_list(
        "pk", "name_fa", "municipality__slug"
    ):
        out[f"department:{pk}"] = (name, slug)
    for pk, name, slug in ExternalAgency.objects.filter(pk__in=agency_ids).values_list(
        "pk", "name_fa", "municipality__slug"
    ):
        out[f"agency:{pk}"] = (name, slug)
    return out


def standard_labels() -> dict[str, str]:
    return dict(StandardCategory.objects.values_list("code", "name_fa"))


def district_info(keys: Iterable[str]) -> dict[str, tuple[str, int, str]]:
    """district key → (label_fa, population, municipality slug)."""
    ids = [int(k) for k in keys if k.isdigit()]
    return {
        str(pk): (name, population, slug)
        for pk, name, population, slug in District.objects.filter(pk__in=ids).values_list(
            "pk", "name_fa", "population", "municipality__slug"
        )
    }


def channel_labels() -> dict[str, str]:
    return {c.value: str(c.label) for c in Channel}
