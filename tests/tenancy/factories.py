"""Factories of the tenancy models (and users with or without a staff profile), building
the smallest valid objects for tests.

Geometry: a test municipality is a 0.1° square around (35.70, 51.40) split into two
districts along longitude 51.40 (district 1 west, district 2 east).
"""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from shahrvand.tenancy.geo import boundary_bbox
from shahrvand.tenancy.models import (
    Department,
    District,
    ExternalAgency,
    Municipality,
    MunicipalityMap,
    Role,
    StaffProfile,
)

_seq = itertools.count(1)
PASSWORD = "test-pass-123"
INSIDE_WEST = (35.70, 51.37)
INSIDE_EAST = (35.70, 51.43)
OUTSIDE = (35.90, 51.90)


def _square(lat0: float, lat1: float, lon0: float, lon1: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
    }


def municipality(
    slug: str | None = None, *, lat: float = 35.70, lon: float = 51.40
) -> Municipality:
    n = next(_seq)
    muni = Municipality.objects.create(
        slug=slug or f"city{n}",
        name_fa=f"شهر {n}",
        name_en=f"City {n}",
        population=100_000,
        center_lat=lat,
        center_lon=lon,
    )
    district(muni, 1, _square(lat - 0.05, lat + 0.05, lon - 0.05, lon))
    district(muni, 2, _square(lat - 0.05, lat + 0.05, lon, lon + 0.05))
    return muni


def district(muni: Municipality, number: int, boundary: dict[str, Any]) -> District:
    min_lat, max_lat, min_lon, max_lon = boundary_bbox(boundary)
    return District.objects.create(
        municipality=muni,
        number=number,
        name_fa=f"منطقه {number}",
        boundary=boundary,
        min_lat=min_lat,
        max_lat=max_lat,
        min_lon=min_lon,
        max_lon=max_lon,
    )


def department(muni: Municipality, code: str = "civil-works") -> Department:
    return Department.objects.get_or_create(
        municipality=muni, code=code, defaults={"name_fa": f"واحد {code}"}
    )[0]


def agency(muni: Municipality, code: str = "water", kind: str = "water") -> ExternalAgency:
    return ExternalAgency.objects.get_or_create(
        municipality=muni, code=code, defaults={"kind": kind, "name_fa": f"شرکت {code}"}
    )[0]


def user(username: str | None = None, **extra: Any) -> AbstractUser:
    user_model = get_user_model()
    created: AbstractUser = user_model.objects.create_user(
        username=username or f"user{next(_seq)}", password=PASSWORD, **extra
    )
    return created


def staff(
    muni: Municipality | None,
    role: str = Role.DISPATCHER,
    *,
    dept: Department | None = None,
    agency_: ExternalAgency | None = None,
) -> AbstractUser:
    u = user()
    StaffProfile.objects.create(
        user=u, role=role, municipality=muni, department=dept, agency=agency_
    )
    return u


def map_config(
    muni: Municipality,
    kind: str = MunicipalityMap.Kind.XYZ,
    *,
    url: str = "",
    key_setting: str = "",
    attribution: str = "",
) -> MunicipalityMap:
    return MunicipalityMap.objects.create(
        municipality=muni,
        kind=kind,
        url_template=url,
        api_key_setting=key_setting,
        attribution=attribution,
    )
