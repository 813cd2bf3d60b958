"""Load the whole demo province in one transaction: geography, units, categories, people,
reports. Deterministic for a given seed (apart from tracking codes and the current time)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from shahrvand.analytics.services import build_all
from shahrvand.categories.models import Category
from shahrvand.notifications.models import HandledEvent
from shahrvand.open311.keys import ensure_demo_api_client
from shahrvand.outbox.models import OutboxEvent
from shahrvand.tenancy.models import District

from .eservices import load_eservices
from .geography import load_geography
from .organisation import Units, load_categories, load_units
from .people import load_people
from .plans import Area, Planner, areas_of
from .reports import Builder, staff_by_municipality

DEFAULT_SEED = 137


@dataclass
class Summary:
    municipalities: int
    districts: int
    categories: int
    users: int
    reports: Counter[str]  # by status


@transaction.atomic
def load_demo(*, seed: int = DEFAULT_SEED) -> Summary:
    """Create the demo province. The caller checks that it is not there yet."""
    # bandit B311: reproducible demo data, not security
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    now = timezone.now()
    municipalities = load_geography()
    units: dict[str, Units] = {}
    categories: dict[str, dict[str, Category]] = {}
    for slug, municipality in municipalities.items():
        units[slug] = load_units(municipality)
        categories[slug] = load_categories(municipality, units[slug])
    users = load_people(municipalities, units)
    load_eservices(municipalities.values())

    planner = Planner(rng, now)
    areas: dict[str, list[Area]] = {}
    plans = []
    for slug, municipality in municipalities.items():
        areas[slug] = areas_of(list(District.objects.filter(municipality=municipality)))
        plans += planner.plans(slug, categories[slug], areas[slug])
    plans.sort(key=lambda plan: plan.created)
    planner.ensure_every_status(plans, categories)
    planner.link_duplicates(plans, areas)

    reports = Builder(rng, municipalities, units, staff_by_municipality(users)).build(plans)
    # The services announced every step in the outbox. Seeded history is not news: mark it
    # delivered so that no webhook subscriber ever receives four hundred made-up reports.
    seeded = OutboxEvent.objects.filter(
        municipality__in=municipalities.values(), dispatched_at__isnull=True
    )
    # …nor an SMS per made-up reporter: notifications keep their own record of handled events.
    HandledEvent.objects.bulk_create(
        [HandledEvent(event_id=pk, messages=0) for pk in seeded.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )
    seeded.update(dispatched_at=now)
    # The README's Open311 key (`demo-open311-key`), so a newcomer can POST at once; the
    # function refuses under production settings.
    ensure_demo_api_client()
    # Dashboards read rollups, not reports: build the demo province's now.
    build_all(municipality_ids=[m.pk for m in municipalities.values()])
    return Summary(
        municipalities=len(municipalities),
        districts=District.objects.filter(municipality__in=municipalities.values()).count(),
        categories=sum(len(c) for c in categories.values()),
        users=len(users),
        reports=Counter(str(r.status) for r in reports),
    )
