"""Who acts, and the audit row every write leaves behind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import models

from shahrvand.common.persian import mask_phone
from shahrvand.eservices.models import Case, CaseAudit
from shahrvand.tenancy.models import StaffProfile


@dataclass(frozen=True)
class Actor:
    """The person (or the system) behind a write, as the audit trail records it."""

    user: User | None
    label: str
    role: str = ""  # a tenancy Role value, "applicant" or "system"
    unit: str = ""  # "department:<code>" / "agency:<code>"
    profile: StaffProfile | None = None


def staff_actor(user: User) -> Actor:
    """The actor for a staff user (role and unit from the staff profile, if any)."""
    profile = StaffProfile.objects.select_related("department", "agency").filter(user=user).first()
    label = user.get_full_name() or user.get_username()
    if profile is None:
        return Actor(user=user, label=label)
    unit = ""
    if profile.department is not None:
        unit = f"department:{profile.department.code}"
    elif profile.agency is not None:
        unit = f"agency:{profile.agency.code}"
    return Actor(user=user, label=label, role=profile.role, unit=unit, profile=profile)


def applicant_actor(case: Case, user: User | None = None) -> Actor:
    return Actor(user=user, label=f"متقاضی {mask_phone(case.applicant_phone)}", role="applicant")


def system_actor(label: str) -> Actor:
    return Actor(user=None, label=label, role="system")


def snapshot(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """JSON-safe values of `fields` of `obj` (times as UTC ISO text, FKs as ids)."""
    result: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, models.Model):
            value = value.pk
        result[name] = value
    return result


def audit(
    *,
    case: Case,
    actor: Actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any],
    after: dict[str, Any],
    at: dt.datetime,
    reason: str = "",
) -> CaseAudit:
    """Append one audit row. `before`/`after` hold only what the write looked at."""
    return CaseAudit.objects.create(
        case=case,
        actor=actor.user,
        actor_label=actor.label,
        actor_role=actor.role,
        actor_unit=actor.unit,
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        before=before,
        after=after,
        reason=reason,
        at=at,
    )
