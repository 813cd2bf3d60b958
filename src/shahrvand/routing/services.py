"""Writes on routing rules. The municipality admin keeps the municipality's rules; any save
or delete drops every process's copy of the rules (signals in routing.apps)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.access import require_municipality, require_reference_admin

from .models import RoutingRule

ADMIN_ONLY = "قواعد ارجاع را مدیر سامانه شهرداری تعیین می‌کند."


@transaction.atomic
def routing_rule_create(*, actor: User, fields: dict[str, Any]) -> RoutingRule:
    """A new rule of the actor's municipality from `fields` (the RoutingRule fields but
    `municipality`); returns it. DomainError when the rule is invalid (e.g. two targets, a
    unit of another municipality); PermissionDenied unless `actor` is the admin."""
    profile = require_reference_admin(actor, message=ADMIN_ONLY)
    assert profile.municipality_id is not None  # an admin always has one
    rule = RoutingRule(municipality_id=profile.municipality_id, **fields)
    try:
        rule.full_clean()
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages), message_en="Invalid routing rule.", code="invalid_rule"
        ) from exc
    rule.save()
    return rule


def _own_rule(actor: User, rule: RoutingRule) -> None:
    profile = require_reference_admin(actor, message=ADMIN_ONLY)
    require_municipality(profile, rule.municipality_id)


@transaction.atomic
def routing_rule_toggle(*, actor: User, rule: RoutingRule) -> RoutingRule:
    """Switch the rule on or off; returns it."""
    _own_rule(actor, rule)
    rule.is_active = not rule.is_active
    rule.save(update_fields=["is_active"])
    return rule


@transaction.atomic
def routing_rule_delete(*, actor: User, rule: RoutingRule) -> None:
    _own_rule(actor, rule)
    rule.delete()
