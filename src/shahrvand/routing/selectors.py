"""Reads of routing rules, limited to what the acting staff member may see."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.tenancy.access import scope_to_actor
from shahrvand.tenancy.models import StaffProfile

from .models import RoutingRule


def routing_rules_visible_to(profile: StaffProfile | None) -> QuerySet[RoutingRule]:
    """The rules of `profile`'s municipality (all for the province supervisor), in the
    order they are evaluated, with what the rule page shows."""
    return scope_to_actor(RoutingRule.objects.all(), profile).select_related(
        "category", "standard", "district", "department", "agency"
    )
