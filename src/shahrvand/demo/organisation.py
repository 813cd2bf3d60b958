"""Departments, outside agencies and local categories of each demo municipality."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.tenancy.models import Department, ExternalAgency, Municipality

from .data import for_municipality, municipality_rows, read

DEFAULT_EMERGENCY_HOURS = 4


@dataclass
class Units:
    """One municipality's departments and agencies, by code."""

    departments: dict[str, Department] = field(default_factory=dict)
    agencies: dict[str, ExternalAgency] = field(default_factory=dict)

    def get(self, ref: str) -> Department | ExternalAgency:
        """The unit named by a data reference such as "department:parks" or "agency:gas"."""
        kind, _, code = ref.partition(":")
        if kind == "department":
            return self.departments[code]
        if kind == "agency":
            return self.agencies[code]
        raise ValueError(f"bad unit reference {ref!r}")


def unit_names(slug: str) -> dict[str, tuple[str, str]]:
    """(name_fa, name_en) of every unit of municipality `slug`, keyed "department:<code>" or
    "agency:<code>". Pure: reads only the data files (used for the accounts document too)."""
    city = next(row for row in municipality_rows() if row["slug"] == slug)
    names: dict[str, tuple[str, str]] = {}
    org = read("organisation.json")
    for kind, rows in (("department", org["departments"]), ("agency", org["agencies"])):
        for row in rows:
            fa, en = row.get("names", {}).get(slug, (row["name_fa"], row["name_en"]))
            fa = fa.replace("{city}", city["name_fa"]).replace("{city_en}", city["name_en"])
            en = en.replace("{city}", city["name_fa"]).replace("{city_en}", city["name_en"])
            names[f"{kind}:{row['code']}"] = (fa, en)
    return names


def load_units(municipality: Municipality) -> Units:
    org = read("organisation.json")
    names = unit_names(municipality.slug)
    units = Units()
    for row in org["departments"]:
        fa, en = names[f"department:{row['code']}"]
        units.departments[row["code"]] = Department.objects.create(
            municipality=municipality, code=row["code"], name_fa=fa, name_en=en
        )
    for row in org["agencies"]:
        fa, en = names[f"agency:{row['code']}"]
        units.agencies[row["code"]] = ExternalAgency.objects.create(
            municipality=municipality, code=row["code"], kind=row["kind"], name_fa=fa, name_en=en
        )
    return units


def default_unit_refs() -> dict[str, str]:
    """Taxonomy body name ("civil works") → unit reference ("department:civil-works")."""
    org = read("organisation.json")
    refs = {row["body"]: f"department:{row['code']}" for row in org["departments"]}
    refs.update({row["body"]: f"agency:{row['code']}" for row in org["agencies"]})
    return refs


def _category_fields(row: dict[str, Any], slug: str) -> dict[str, Any]:
    merged = {**row, **row.get("local", {}).get(slug, {})}
    return merged


def load_categories(municipality: Municipality, units: Units) -> dict[str, Category]:
    """Create the local categories of `municipality` (parents precede children in the data).

    A category without an explicit unit goes to the taxonomy's default body; utilities name
    their company, because the taxonomy's default there is "the utility company concerned".
    """
    standards = {s.code: s for s in StandardCategory.objects.all()}
    body_refs = default_unit_refs()
    created: dict[str, Category] = {}
    for raw in read("categories.json")["categories"]:
        if not for_municipality(raw, municipality.slug):
            continue
        row = _category_fields(raw, municipality.slug)
        standard = standards[row["standard"]]
        unit = units.get(row.get("unit") or body_refs[standard.default_body])
        category = Category(
            municipality=municipality,
            code=row["code"],
            parent=created[row["parent"]] if row.get("parent") else None,
            standard=standard,
            name_fa=row["name_fa"],
            name_en=row["name_en"],
            keywords=row["keywords"],
            department=unit if isinstance(unit, Department) else None,
            agency=unit if isinstance(unit, ExternalAgency) else None,
            target_hours=row.get("target_hours", standard.default_target_hours),
            emergency_hours=row.get("emergency_hours", DEFAULT_EMERGENCY_HOURS),
            attributes=row.get("attributes", []),
        )
        category.full_clean()
        category.save()
        created[category.code] = category
    return created
