"""Which steps and cases a staff user may see, and the queue of steps they must decide.

The province supervisor reads every municipality; a municipality admin reads their whole
municipality; department staff read the steps of their department and agency users those of
their agency (and the cases those steps belong to). Everyone else sees nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from shahrvand.eservices.models import Case, CaseStep
from shahrvand.tenancy.access import scope_to_actor, sees_every_municipality, staff_profile_of
from shahrvand.tenancy.models import Role

QUEUE_STATUSES = (CaseStep.Status.ACTIVE, CaseStep.Status.SUSPENDED)


def steps_visible_to(user: User | AnonymousUser) -> QuerySet[CaseStep]:
    base = CaseStep.objects.select_related(
        "case", "case__service", "case__municipality", "department", "agency"
    )
    profile = staff_profile_of(user)
    scoped = scope_to_actor(base, profile, field="case__municipality")
    if (
        profile is None
        or sees_every_municipality(profile)
        or profile.role == Role.MUNICIPALITY_ADMIN
    ):
        return scoped
    if profile.agency_id is not None:
        return scoped.filter(agency_id=profile.agency_id)
    if profile.department_id is not None:
        return scoped.filter(department_id=profile.department_id)
    return base.none()


def cases_visible_to(user: User | AnonymousUser) -> QuerySet[Case]:
    base = Case.objects.select_related("service", "municipality", "definition")
    profile = staff_profile_of(user)
    scoped = scope_to_actor(base, profile)
    if (
        profile is None
        or sees_every_municipality(profile)
        or profile.role == Role.MUNICIPALITY_ADMIN
    ):
        return scoped
    return scoped.filter(pk__in=steps_visible_to(user).values("case_id")).distinct()


def step_queue(user: User | AnonymousUser) -> QuerySet[CaseStep]:
    """The open steps `user` must act on: their unit AND their role, earliest deadline first."""
    profile = staff_profile_of(user)
    if profile is None or sees_every_municipality(profile):
        return CaseStep.objects.none()
    mine = steps_visible_to(user).filter(
        status__in=QUEUE_STATUSES, role=profile.role, case__closed_at__isnull=True
    )
    if profile.agency_id is not None:
        mine = mine.filter(agency_id=profile.agency_id)
    elif profile.department_id is not None:
        mine = mine.filter(department_id=profile.department_id)
    else:
        return CaseStep.objects.none()
    return mine.exclude(kind=CaseStep.Kind.PAYMENT).order_by("deadline", "id")
