"""A hand-computed municipality for the dashboard tests (all of it in Aban 1405).

    #  unit         standard     channel district received (Tehran) state, hours  deadline  sat.
    1  civil works  road         web     1 (west) 1405/08/03 10:00  resolved 10 h  72 h ✓    5
    2  civil works  road         phone   1        1405/08/03 11:00  resolved 30 h  24 h ✗    3
    3  civil works  road         app     1        1405/08/10 09:00  open (assigned)
    4  parks        green_space  web     2 (east) 1405/08/10 12:00  resolved 5 h   72 h ✓
    5  water co.    utilities    phone   2        1405/08/20 08:00  open (forwarded)
    6  water co.    utilities    web     2        1405/08/20 09:00  resolved 50 h  12 h ✗

By hand: received 6, open 2, closed 4; within deadline 2 of 4 = 50 %; resolve hours sorted
5, 10, 30, 50 → median (2nd) 10 h → histogram bucket [10, 10.5) → 10.25; p90 (4th) 50 h →
bucket [50, 52) → 51; satisfaction (5 + 3) / 2 = 4. Districts: west 3 reports / 20,000
residents = 1.5 per 10,000, east 3 / 50,000 = 0.6. Channels: web 3, phone 2, app 1.
League (default weights 35/15/15/15/20 over measurable parts): parks 100 (all 100, no
feedback), civil works (50·.35 + 66.67·.15 + 100·.15 + 75·.20) / .85 = 67.65, water
(0·.35 + 50·.15 + 100·.15) / .65 = 34.62.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import jdatetime
import pytest

from shahrvand.analytics.services.rollup import build_all
from shahrvand.reports.models import Channel, Report
from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
ABAN = "from=1405/08/01&to=1405/08/30"


def at(day: int, hour: int) -> dt.datetime:
    """A moment of Aban 1405, Tehran time."""
    g = jdatetime.date(1405, 8, day).togregorian()
    return dt.datetime(g.year, g.month, g.day, hour, tzinfo=TEHRAN)


@dataclass
class City:
    municipality: Municipality
    civil: Department
    parks: Department
    water: ExternalAgency
    reports: list[Report]


def _shape(
    report: Report,
    *,
    received: dt.datetime,
    resolve_hours: float | None = None,
    deadline_hours: float,
    satisfaction: int | None = None,
) -> None:
    fields: dict[str, object] = {
        "created_at": received,
        "deadline": received + dt.timedelta(hours=deadline_hours),
        "satisfaction": satisfaction,
    }
    if resolve_hours is not None:
        fields["resolved_at"] = received + dt.timedelta(hours=resolve_hours)
        fields["first_response_at"] = received + dt.timedelta(hours=1)
    Report.objects.filter(pk=report.pk).update(**fields)


def build_city(slug: str = "tehran") -> City:
    city = tenancy_factories.municipality(slug)
    District.objects.filter(municipality=city, number=1).update(population=20_000)
    District.objects.filter(municipality=city, number=2).update(population=50_000)
    civil = tenancy_factories.department(city, "civil-works")
    parks = tenancy_factories.department(city, "parks")
    water = tenancy_factories.agency(city, "water")
    road = categories_factories.category(city, "pothole", "road", dept=civil)
    tree = categories_factories.category(city, "tree", "green_space", dept=parks)
    pipe = categories_factories.category(city, "pipe", "utilities", agency_=water)
    west, east = tenancy_factories.INSIDE_WEST, tenancy_factories.INSIDE_EAST
    r1 = reports_factories.report_in_status(city, "resolved", road, where=west, channel=Channel.WEB)
    r2 = reports_factories.report_in_status(
        city, "resolved", road, where=west, channel=Channel.PHONE
    )
    r3 = reports_factories.report_in_status(city, "assigned", road, where=west, channel=Channel.APP)
    r4 = reports_factories.report_in_status(city, "resolved", tree, where=east, channel=Channel.WEB)
    r5 = reports_factories.report_in_status(
        city, "forwarded_external", pipe, where=east, channel=Channel.PHONE
    )
    r6 = reports_factories.report_in_status(city, "resolved", pipe, where=east, channel=Channel.WEB)
    _shape(r1, received=at(3, 10), resolve_hours=10, deadline_hours=72, satisfaction=5)
    _shape(r2, received=at(3, 11), resolve_hours=30, deadline_hours=24, satisfaction=3)
    _shape(r3, received=at(10, 9), deadline_hours=72)
    _shape(r4, received=at(10, 12), resolve_hours=5, deadline_hours=72)
    _shape(r5, received=at(20, 8), deadline_hours=12)
    _shape(r6, received=at(20, 9), resolve_hours=50, deadline_hours=12)
    return City(city, civil, parks, water, [r1, r2, r3, r4, r5, r6])


@pytest.fixture
def city(db: None) -> City:
    built = build_city()
    build_all()
    return built
