"""What the demo reports will be: category, place, time, channel, text and the path each
report takes through the state machine. Pure planning; reports.py carries the plans out
through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Point, shape

from shahrvand.categories.models import Category
from shahrvand.deadlines.business_hours import TEHRAN
from shahrvand.reports.models import Channel, Priority
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import District

from .data import read
from .timeline import step_times

REPORTS_PER_MUNICIPALITY = {"tehran": 280, "karaj": 80, "shahriar": 40}
DAYS_BACK = 120
RECENT_SHARE = 0.1

# Younger reports are mostly still open; older ones mostly closed. The open old ones are
# the overdue backlog a manager should see.
STATUS_WEIGHTS_BY_AGE: list[tuple[float, dict[Status, int]]] = [
    (
        2,
        {
            Status.SUBMITTED: 30,
            Status.TRIAGED: 18,
            Status.ASSIGNED: 18,
            Status.IN_PROGRESS: 10,
            Status.FORWARDED_EXTERNAL: 10,
            Status.REJECTED: 3,
            Status.DUPLICATE: 6,
            Status.RESOLVED: 5,
        },
    ),
    (
        14,
        {
            Status.SUBMITTED: 3,
            Status.TRIAGED: 3,
            Status.ASSIGNED: 8,
            Status.IN_PROGRESS: 14,
            Status.FORWARDED_EXTERNAL: 8,
            Status.ON_HOLD: 6,
            Status.RESOLVED: 18,
            Status.CLOSED: 24,
            Status.REJECTED: 5,
            Status.DUPLICATE: 5,
            Status.REOPENED: 6,
        },
    ),
    (
        DAYS_BACK + 1,
        {
            Status.SUBMITTED: 1,
            Status.ASSIGNED: 1,
            Status.IN_PROGRESS: 2,
            Status.FORWARDED_EXTERNAL: 2,
            Status.ON_HOLD: 3,
            Status.RESOLVED: 5,
            Status.CLOSED: 72,
            Status.REJECTED: 5,
            Status.DUPLICATE: 4,
            Status.REOPENED: 2,
        },
    ),
]
STANDARD_WEIGHTS = {
    "waste": 18, "road": 14, "sidewalk": 5, "lighting": 8, "green_space": 7, "drainage": 5,
    "traffic": 8, "transit": 5, "construction": 6, "obstruction": 7, "animals": 6,
    "pollution": 6, "furniture": 4, "social": 3, "business": 3, "staff_conduct": 2,
    "utilities": 6,
}  # fmt: skip
CHANNEL_WEIGHTS = {Channel.PHONE: 45, Channel.APP: 25, Channel.WEB: 18, Channel.API: 6,
                   Channel.SMS: 6}  # fmt: skip
PRIORITY_WEIGHTS = {Priority.LOW: 10, Priority.NORMAL: 70, Priority.HIGH: 17,
                    Priority.EMERGENCY: 3}  # fmt: skip
URGENT_CODES = {"gas-smell", "power-line-down", "water-main-burst", "drainage-qanat"}
# Departments' reports that may belong to a utility (a trench dug by the water company…).
FORWARDABLE_STANDARDS = {"road", "sidewalk", "drainage"}
FORWARD_AGENCIES = ["water", "gas", "telecom"]
# Local hour of day at which reports arrive (137 is busiest 10:00–12:00).
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 1, 3, 6, 9, 12, 12, 9, 7, 7, 6, 6, 6, 6, 6, 5, 4, 3, 2]
EXTERNAL_APP = "demo-partner-app"


@dataclass
class Area:
    """A district as the planner sees it: a polygon to draw points in."""

    district_id: int
    polygon: Any
    population: int


@dataclass
class Plan:
    municipality: str
    category: Category
    created: dt.datetime
    status: Status
    priority: str
    channel: str
    description: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    district_id: int | None = None
    reporter_name: str = ""
    reporter_phone: str = ""
    photo: bool = False
    path: list[str] = field(default_factory=list)
    times: list[dt.datetime] = field(default_factory=list)  # one per step of `path`
    duplicate_of: int | None = None  # index of the original in the plan list
    forward_to: str = ""  # agency code for a "forward" step


def areas_of(districts: list[District]) -> list[Area]:
    return [Area(d.pk, shape(d.boundary), d.population) for d in districts]


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _point_in(rng: random.Random, polygon: Any) -> tuple[float, float]:
    min_lon, min_lat, max_lon, max_lat = polygon.bounds
    while True:
        lon = round(rng.uniform(min_lon, max_lon), 6)
        lat = round(rng.uniform(min_lat, max_lat), 6)
        if polygon.contains(Point(lon, lat)):
            return lat, lon


def _inside_any(areas: list[Area], lat: float, lon: float) -> bool:
    return any(a.polygon.contains(Point(lon, lat)) for a in areas)


class Planner:
    def __init__(self, rng: random.Random, now: dt.datetime) -> None:
        self.rng = rng
        self.now = now
        self.texts: dict[str, Any] = read("report_texts.json")

    def plans(self, slug: str, categories: dict[str, Category], areas: list[Area]) -> list[Plan]:
        rng = self.rng
        weights = [a.population for a in areas]
        hotspots = [_point_in(rng, rng.choices(areas, weights)[0].polygon) for _ in range(3)]
        plans = []
        for _ in range(REPORTS_PER_MUNICIPALITY[slug]):
            created = self._created()
            age_days = (self.now - created).total_seconds() / 86400
            status_weights = next(w for limit, w in STATUS_WEIGHTS_BY_AGE if age_days < limit)
            status: Status = _weighted(rng, status_weights)
            category = self._category(categories, status)
            plan = self._plan(slug, category, created, status)
            self._place(plan, areas, weights, hotspots)
            plans.append(plan)
        return plans

    def _created(self) -> dt.datetime:
        rng = self.rng
        # One report in ten is from the last two days: today's queue for the dispatcher.
        recent = rng.random() < RECENT_SHARE
        age = dt.timedelta(days=2 * rng.random() if recent else DAYS_BACK * rng.random() ** 1.3)
        day = (self.now - age).astimezone(TEHRAN).date()
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
        moment = dt.time(hour, rng.randrange(60), rng.randrange(60))
        created = dt.datetime.combine(day, moment, TEHRAN).astimezone(dt.UTC)
        if created > self.now - dt.timedelta(minutes=15):
            created = self.now - dt.timedelta(minutes=rng.uniform(15, 600))
        return created

    def _category(self, categories: dict[str, Category], status: Status) -> Category:
        def fits(c: Category) -> bool:
            if status == Status.ASSIGNED:
                return c.department_id is not None
            if status == Status.FORWARDED_EXTERNAL:
                return c.agency_id is not None or c.standard_id in FORWARDABLE_STANDARDS
            return True

        pool = [c for c in categories.values() if fits(c)]
        # A parent category is what a caller gets when nothing more specific fits: rarer.
        weights = [
            STANDARD_WEIGHTS[c.standard_id]
            * (0.3 if c.parent_id is None and c.code in ("waste", "utilities") else 1.0)
            for c in pool
        ]
        return self.rng.choices(pool, weights)[0]

    def _plan(self, slug: str, category: Category, created: dt.datetime, status: Status) -> Plan:
        rng, texts = self.rng, self.texts
        priority: str = _weighted(rng, PRIORITY_WEIGHTS)
        if category.code in URGENT_CODES and rng.random() < 0.6:
            priority = Priority.EMERGENCY
        channel: str = _weighted(rng, CHANNEL_WEIGHTS)
        plan = Plan(slug, category, created, status, priority, channel, self.describe(category))
        self._reporter(plan)
        street, alley = rng.choice(texts["streets"]), rng.choice(texts["alleys"])
        if channel == Channel.PHONE or rng.random() < 0.4:
            plan.address = f"{street}، {alley}، پلاک {rng.randint(1, 120)}"
        plan.photo = (channel == Channel.APP and rng.random() < 0.35) or (
            channel == Channel.WEB and rng.random() < 0.15
        )
        if status == Status.FORWARDED_EXTERNAL and category.agency_id is None:
            plan.forward_to = rng.choice(FORWARD_AGENCIES)
        plan.path = self._path(status, category)
        plan.times = step_times(rng, plan.path, created, category.target_hours, self.now)
        return plan

    def describe(self, category: Category) -> str:
        rng, texts = self.rng, self.texts
        pool = (
            texts["descriptions"].get(category.code) or texts["descriptions"][category.standard_id]
        )
        return str(rng.choice(pool)).format(
            street=rng.choice(texts["streets"]),
            alley=rng.choice(texts["alleys"]),
            days=rng.randint(2, 5),
        )

    def _reporter(self, plan: Plan) -> None:
        rng, texts = self.rng, self.texts
        chance_name, chance_phone = {
            Channel.PHONE: (0.85, 0.9), Channel.APP: (0.7, 1.0), Channel.WEB: (0.5, 0.5),
            Channel.SMS: (0.0, 1.0), Channel.API: (0.4, 0.4),
        }[Channel(plan.channel)]  # fmt: skip
        if rng.random() < chance_name:
            first = rng.choice(texts["reporter_first_names"])
            plan.reporter_name = f"{first} {rng.choice(texts['reporter_last_names'])}"
        if rng.random() < chance_phone:
            plan.reporter_phone = "0912" + "".join(str(rng.randrange(10)) for _ in range(7))

    def _place(
        self, plan: Plan, areas: list[Area], weights: list[int], hotspots: list[tuple[float, float]]
    ) -> None:
        rng = self.rng
        if plan.channel == Channel.PHONE and rng.random() < 0.06:
            plan.district_id = rng.choices(areas, weights)[0].district_id  # caller gave no point
            return
        if rng.random() < 0.25:
            lat, lon = rng.choice(hotspots)
            lat, lon = round(lat + rng.gauss(0, 0.002), 6), round(lon + rng.gauss(0, 0.002), 6)
            if _inside_any(areas, lat, lon):
                plan.lat, plan.lon = lat, lon
                return
        plan.lat, plan.lon = _point_in(rng, rng.choices(areas, weights)[0].polygon)

    def _path(self, status: Status, category: Category) -> list[str]:
        rng = self.rng
        lead = ["triage"] if rng.random() < 0.7 else []
        work = [*lead, "assign"]
        resolved = [*work, *(["start"] if rng.random() < 0.7 else []),
                    *(["note"] if rng.random() < 0.3 else []), "resolve"]  # fmt: skip
        paths: dict[Status, list[str]] = {
            Status.SUBMITTED: [],
            Status.TRIAGED: ["triage"],
            Status.ASSIGNED: [*work, *(["note"] if rng.random() < 0.3 else [])],
            Status.FORWARDED_EXTERNAL: work if category.agency_id else [*work, "forward"],
            Status.IN_PROGRESS: [*work, "start", *(["note"] if rng.random() < 0.5 else [])],
            Status.ON_HOLD: [*work, *(["start"] if rng.random() < 0.3 else []), "hold"],
            Status.RESOLVED: resolved,
            Status.REJECTED: [*lead, "reject"],
            Status.DUPLICATE: [*lead, "duplicate"],
        }
        if status in paths:
            return paths[status]
        draw = rng.random()
        if status == Status.CLOSED:
            if draw < 0.12:
                return [*resolved, "dispute", "start", "resolve", "accept"]
            return [*resolved, "close" if draw < 0.4 else "accept"]
        assert status == Status.REOPENED
        return [*lead, "reject", "reopen"] if draw < 0.25 else [*resolved, "dispute"]

    def ensure_every_status(
        self, plans: list[Plan], categories: dict[str, dict[str, Category]]
    ) -> None:
        """Re-plan a few reports if the draw left some status without any (a small seed or
        a change of weights must not leave a screen of the demo empty)."""
        for status in Status:
            if any(p.status == status for p in plans):
                continue
            index = self.rng.randrange(len(plans))
            old = plans[index]
            category = self._category(categories[old.municipality], status)
            new = self._plan(old.municipality, category, old.created, status)
            new.lat, new.lon, new.district_id = old.lat, old.lon, old.district_id
            plans[index] = new

    def link_duplicates(self, plans: list[Plan], areas: dict[str, list[Area]]) -> None:
        """Point every duplicate at an earlier report of its municipality, same category, a
        few metres away. `plans` must be in creation order."""
        rng = self.rng
        for index, plan in enumerate(plans):
            if plan.status != Status.DUPLICATE:
                continue
            earlier = [
                i
                for i, p in enumerate(plans[:index])
                if p.municipality == plan.municipality
                and p.status not in (Status.DUPLICATE, Status.REJECTED)
            ][-30:]
            if not earlier:  # nothing to be a duplicate of yet: it stays a fresh report
                plan.status, plan.path, plan.times = Status.SUBMITTED, [], []
                continue
            plan.duplicate_of = rng.choice(earlier)
            original = plans[plan.duplicate_of]
            plan.category = original.category
            plan.description = self.describe(original.category)
            plan.lat, plan.lon, plan.district_id = original.lat, original.lon, original.district_id
            if original.lat is not None and original.lon is not None:
                lat = round(original.lat + rng.uniform(-0.0003, 0.0003), 6)
                lon = round(original.lon + rng.uniform(-0.0003, 0.0003), 6)
                if _inside_any(areas[plan.municipality], lat, lon):
                    plan.lat, plan.lon = lat, lon
