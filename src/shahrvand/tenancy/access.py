"""Who the acting staff member is, what their role may do and which municipality's rows they
may touch: one place for every channel (HTML pages, HTMX partials, the private API).

Services call the `require_*` checks (they raise the domain `PermissionDenied`, which the API
answers with 403 and `staff_required` turns into Django's 403 page); selectors narrow their
querysets with `scope_to_actor`; views only put the profile on the request and may ask the
`can_*` predicates to decide which buttons to show. Tenancy sits below every capability, so
this module imports nothing from reports, backoffice or the other apps.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar, cast

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from shahrvand.common.errors import NotFound, PermissionDenied

from .models import Municipality, Role, StaffProfile

# --- Role sets: the whole role matrix, read by services, selectors and views alike ---------

# Register a report taken by phone (the call centre, dispatch, the admin).
INTAKE_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.MUNICIPALITY_ADMIN})
# Read everything, change nothing.
READ_ONLY_ROLES = frozenset({Role.PROVINCE_SUPERVISOR})
# Give a report to a unit, or change its category (which routes it again).
ASSIGN_ROLES = frozenset({Role.DISPATCHER, Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN})
# Work the dispatcher's queue (accept as routed, bulk assign / reject / merge).
DISPATCH_ROLES = frozenset({Role.DISPATCHER, Role.MUNICIPALITY_ADMIN})
# The field crew's phone pages.
FIELD_ROLES = frozenset({Role.FIELD_STAFF, Role.DEPARTMENT_MANAGER, Role.AGENCY_USER})
# See every report of their municipality (the others see their unit's).
MUNICIPALITY_WIDE_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.MUNICIPALITY_ADMIN})
# Maintain the municipality's reference data: holiday calendar, routing rules.
REFERENCE_ADMIN_ROLES = frozenset({Role.MUNICIPALITY_ADMIN})
# The province comparison dashboards (aggregates only, docs/decisions/0008).
PROVINCE_VIEW_ROLES = frozenset({Role.PROVINCE_SUPERVISOR, Role.MUNICIPALITY_ADMIN})
# The data-mining page, and who may acknowledge its alerts.
MINING_ROLES = frozenset(
    {Role.DISPATCHER, Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN, Role.PROVINCE_SUPERVISOR}
)
ALERT_ACK_ROLES = frozenset({Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN})
# The archive of supervisory reports.
SUPERVISORY_READERS = frozenset(
    {Role.MUNICIPALITY_ADMIN, Role.DEPARTMENT_MANAGER, Role.PROVINCE_SUPERVISOR}
)
# E-service steps: who sees the open steps they supervise (and process mining).
STEP_SUPERVISING_ROLES = frozenset(
    {Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN, Role.PROVINCE_SUPERVISOR}
)

# E-service steps are decided by units; the call centre and dispatch have no queue there.
ESERVICE_STAFF_ROLES = frozenset(Role) - {Role.OPERATOR, Role.DISPATCHER}

_FORBIDDEN_EN = "Your role may not do this."


# --- The acting staff member ------------------------------------------------------------------

# The profile already read for this request, kept on that request's user object (fresh each
# request), so that the reads after authentication do not read it again.
_REQUEST_PROFILE = "_shahrvand_request_profile"


def staff_profile_of(user: User | AnonymousUser | None) -> StaffProfile | None:
    """The staff profile of `user` (with its municipality, department and agency), or None
    for anonymous users and users who are not staff."""
    if not isinstance(user, User):
        return None
    remembered = getattr(user, _REQUEST_PROFILE, None)
    if isinstance(remembered, StaffProfile):
        return remembered
    return (
        StaffProfile.objects.select_related("municipality", "department", "agency")
        .filter(user=user)
        .first()
    )


def remember_staff_profile(user: User, profile: StaffProfile) -> None:
    """Keep `profile` on `user` for the rest of this request."""
    setattr(user, _REQUEST_PROFILE, profile)


class StaffRequest(HttpRequest):
    """The request of a view behind `staff_required`: a logged-in user with a staff profile.
    Views may declare `request: StaffRequest` and read `request.staff` / `request.user`."""

    staff: StaffProfile
    user: User  # narrowed by staff_required


P = ParamSpec("P")


def staff_required(
    view: Callable[Concatenate[StaffRequest, P], HttpResponseBase],
) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    """Logged-in users with a staff profile only; the profile is put on `request.staff`.

    The domain's access errors raised below (a service refusing the role, a row outside the
    actor's municipality) become Django's 403 and 404, so every staff page refuses alike."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = staff_profile_of(user)
        if profile is None:
            raise HttpForbidden("این حساب کاربری نقش کارمندی ندارد.")
        remember_staff_profile(user, profile)
        staff_request = cast(StaffRequest, request)
        staff_request.staff = profile
        try:
            return view(staff_request, *args, **kwargs)
        except PermissionDenied as exc:
            raise HttpForbidden(exc.message) from exc
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def current_staff(request: HttpRequest) -> StaffProfile:
    """The staff profile put on the request by `staff_required`."""
    profile = getattr(request, "staff", None)
    assert isinstance(profile, StaffProfile), "the view is not behind @staff_required"
    return profile


def current_user(request: HttpRequest) -> User:
    """The logged-in staff user (guaranteed by `staff_required`)."""
    assert isinstance(request.user, User)
    return request.user


# --- Predicates (for views choosing what to show) and checks (for services) -------------------


def sees_every_municipality(profile: StaffProfile | None) -> bool:
    return profile is not None and profile.role == Role.PROVINCE_SUPERVISOR


def may_see_municipality(profile: StaffProfile | None, municipality_id: int | None) -> bool:
    """Whether rows of `municipality_id` are within `profile`'s tenant scope."""
    if profile is None:
        return False
    return sees_every_municipality(profile) or (
        profile.municipality_id is not None and profile.municipality_id == municipality_id
    )


def can_register(profile: StaffProfile) -> bool:
    return profile.role in INTAKE_ROLES and profile.municipality_id is not None


def can_act(profile: StaffProfile) -> bool:
    return profile.role not in READ_ONLY_ROLES


def can_assign(profile: StaffProfile) -> bool:
    return profile.role in ASSIGN_ROLES


def can_dispatch(profile: StaffProfile) -> bool:
    return profile.role in DISPATCH_ROLES


def can_work_in_field(profile: StaffProfile) -> bool:
    return profile.role in FIELD_ROLES


def can_admin_reference(profile: StaffProfile) -> bool:
    return profile.role in REFERENCE_ADMIN_ROLES and profile.municipality_id is not None


def may(profile: StaffProfile) -> dict[str, bool]:
    """What the navigation of every staff page offers `profile` (the pages and services
    check again; this only decides which links to show)."""
    return {
        "register": can_register(profile),
        "dispatch": can_dispatch(profile),
        "field": can_work_in_field(profile),
        "reference": can_admin_reference(profile),
        "eservices": profile.role in ESERVICE_STAFF_ROLES,
        "mining": profile.role in MINING_ROLES,
        "supervisory": profile.role in SUPERVISORY_READERS,
    }


def require_profile(actor: User | AnonymousUser | None) -> StaffProfile:
    """`actor`'s staff profile; PermissionDenied if `actor` is not staff."""
    profile = staff_profile_of(actor)
    if profile is None:
        raise PermissionDenied(
            "این حساب کاربری نقش کارمندی ندارد.",
            message_en="This account has no staff role.",
            code="not_staff",
        )
    return profile


def require_role(
    actor: User | AnonymousUser | None,
    roles: frozenset[Role],
    *,
    message: str,
    message_en: str = _FORBIDDEN_EN,
    municipality_id: int | None = None,
) -> StaffProfile:
    """`actor`'s profile if its role is one of `roles` and, when `municipality_id` is given,
    the municipality is within its scope; PermissionDenied otherwise."""
    profile = require_profile(actor)
    if profile.role not in roles:
        raise PermissionDenied(message, message_en=message_en, code="role_forbidden")
    if municipality_id is not None:
        require_municipality(profile, municipality_id)
    return profile


def require_municipality(profile: StaffProfile, municipality_id: int | None) -> None:
    """PermissionDenied unless rows of `municipality_id` are within `profile`'s scope."""
    if not may_see_municipality(profile, municipality_id):
        raise PermissionDenied(
            "این مورد به شهرداری دیگری تعلق دارد.",
            message_en="This belongs to another municipality.",
            code="other_municipality",
        )


def require_act(
    actor: User | AnonymousUser | None, *, municipality_id: int | None = None
) -> StaffProfile:
    """Any role that may change rows (all but the read-only ones), in its own municipality
    (when `municipality_id` is given: views check the role before they have the row)."""
    return require_role(
        actor,
        frozenset(Role) - READ_ONLY_ROLES,
        message="نقش شما فقط امکان مشاهده دارد.",
        message_en="Read-only role.",
        municipality_id=municipality_id,
    )


def require_assign(
    actor: User | AnonymousUser | None, *, municipality_id: int | None = None
) -> StaffProfile:
    """Assigning a report, or changing its category (which routes it again)."""
    return require_role(
        actor,
        ASSIGN_ROLES,
        message="ارجاع یا تغییر موضوع گزارش برای نقش شما مجاز نیست.",
        message_en="Your role cannot assign.",
        municipality_id=municipality_id,
    )


def require_intake(
    actor: User | AnonymousUser | None, *, municipality_id: int | None = None
) -> StaffProfile:
    """Registering a report taken by phone, for the actor's own municipality."""
    profile = require_role(
        actor,
        INTAKE_ROLES,
        message="ثبت تلفنی گزارش برای نقش شما مجاز نیست.",
        message_en="Your role cannot register reports by phone.",
        municipality_id=municipality_id,
    )
    assert profile.municipality_id is not None  # enforced by a check constraint
    return profile


def require_dispatch(
    actor: User | AnonymousUser | None, *, municipality_id: int | None = None
) -> StaffProfile:
    """The dispatcher's queue and its writes (accept as routed, bulk actions)."""
    return require_role(
        actor,
        DISPATCH_ROLES,
        message="صف توزیع برای نقش شما نیست.",
        message_en="The dispatch queue is for dispatchers and the municipality admin.",
        municipality_id=municipality_id,
    )


def require_field_work(
    actor: User | AnonymousUser | None, *, municipality_id: int | None = None
) -> StaffProfile:
    """The field crew's pages and updates."""
    return require_role(
        actor,
        FIELD_ROLES,
        message="این صفحه برای نیروهای میدانی است.",
        message_en="Field pages are for field staff, unit managers and agency users.",
        municipality_id=municipality_id,
    )


def require_reference_admin(
    actor: User | AnonymousUser | None,
    *,
    message: str = "داده‌های پایهٔ شهرداری را مدیر سامانه شهرداری نگه می‌دارد.",
) -> StaffProfile:
    """The municipality admin, who keeps the municipality's holidays and routing rules."""
    profile = require_role(
        actor,
        REFERENCE_ADMIN_ROLES,
        message=message,
        message_en="Only the municipality admin keeps holidays and routing rules.",
    )
    assert profile.municipality_id is not None  # enforced by a check constraint
    return profile


# --- Tenant scope -------------------------------------------------------------------------------

M = TypeVar("M", bound=Model)


def scope_to_actor(
    queryset: QuerySet[M],
    profile: StaffProfile | None,
    *,
    field: str = "municipality",
    within: Municipality | None = None,
) -> QuerySet[M]:
    """`queryset` narrowed to what `profile` may see by municipality: everything for the
    province supervisor, the rows whose `field` (a path to a Municipality foreign key, e.g.
    "case__municipality") is the profile's municipality for every other role, none without a
    profile. `within` narrows further to that one municipality (e.g. the report's, when
    choosing a unit to assign it to); nothing if it is outside the actor's scope."""
    if profile is None:
        return queryset.none()
    if within is not None:
        if not may_see_municipality(profile, within.pk):
            return queryset.none()
        return queryset.filter(**{f"{field}_id": within.pk})
    if sees_every_municipality(profile):
        return queryset
    if profile.municipality_id is None:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": profile.municipality_id})


def municipalities_visible_to(profile: StaffProfile | None) -> QuerySet[Municipality]:
    """The active municipalities `profile` may look at."""
    active = Municipality.objects.filter(is_active=True)
    if sees_every_municipality(profile):
        return active
    if profile is None or profile.municipality_id is None:
        return active.none()
    return active.filter(pk=profile.municipality_id)
