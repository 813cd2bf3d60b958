"""Where a report goes: the first matching routing rule, else the category's own body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from shahrvand.categories.models import Category
from shahrvand.common.localcopy import local_copy
from shahrvand.tenancy.models import Department, District, ExternalAgency

from .models import RoutingRule


@dataclass(frozen=True)
class Route:
    department: Department | None
    agency: ExternalAgency | None
    user: User | None
    rule: RoutingRule | None

    @property
    def name(self) -> str:
        unit = self.department or self.agency
        return unit.name_fa if unit else (self.user.get_full_name() if self.user else "")


def _in_window(rule: RoutingRule, local: dt.datetime) -> bool:
    if rule.weekdays and local.weekday() not in rule.weekdays:
        return False
    if rule.start_time is None or rule.end_time is None:
        return True
    now = local.time()
    if rule.start_time <= rule.end_time:
        return rule.start_time <= now < rule.end_time
    return now >= rule.start_time or now < rule.end_time  # wraps midnight


def matches(
    rule: RoutingRule, *, category: Category, district: District, priority: str, at: dt.datetime
) -> bool:
    return (
        (rule.category_id is None or rule.category_id == category.pk)
        and (rule.standard_id is None or rule.standard_id == category.standard_id)
        and (rule.district_id is None or rule.district_id == district.pk)
        and (not rule.priority or rule.priority == priority)
        and _in_window(rule, timezone.localtime(at))
    )


def _load_rules(municipality_id: int) -> list[RoutingRule]:
    return list(
        RoutingRule.objects.filter(municipality_id=municipality_id, is_active=True)
        .select_related("department", "agency", "user")
        .order_by("order", "id")
    )


def active_rules(municipality_id: int) -> list[RoutingRule]:
    """The municipality's active rules in order, from this process's copy while current
    (common.localcopy: dropped on any change of a rule or of a body a rule names)."""
    return local_copy("routing-rules", municipality_id, lambda: _load_rules(municipality_id))


def route_for(
    *, category: Category, district: District, priority: str, at: dt.datetime | None = None
) -> Route:
    """The first active rule of the municipality that matches, or the category's default body."""
    at = at or timezone.now()
    for rule in active_rules(category.municipality_id):
        if matches(rule, category=category, district=district, priority=priority, at=at):
            return Route(rule.department, rule.agency, rule.user, rule)
    return Route(category.department, category.agency, None, None)
