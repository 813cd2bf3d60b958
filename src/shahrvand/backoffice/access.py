"""Who may do what in the back office. Data visibility itself lives in reports.selectors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from shahrvand.reports.selectors import staff_profile_of
from shahrvand.tenancy.models import Role, StaffProfile

View = Callable[..., HttpResponseBase]

INTAKE_ROLES = {Role.OPERATOR, Role.DISPATCHER, Role.MUNICIPALITY_ADMIN}
READ_ONLY_ROLES = {Role.PROVINCE_SUPERVISOR}
ASSIGN_ROLES = {Role.DISPATCHER, Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN}


def staff_required(view: View) -> View:
    """Logged-in users with a staff profile only; the profile is put on request.staff."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = staff_profile_of(request.user)
        if profile is None:
            raise PermissionDenied("این حساب کاربری نقش کارمندی ندارد.")
        request.staff = profile  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def current_staff(request: HttpRequest) -> StaffProfile:
    """The staff profile put on the request by @staff_required."""
    profile: StaffProfile = request.staff  # type: ignore[attr-defined]
    return profile


def current_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @staff_required
    return request.user


def can_register(profile: StaffProfile) -> bool:
    return profile.role in INTAKE_ROLES


def can_act(profile: StaffProfile) -> bool:
    return profile.role not in READ_ONLY_ROLES


def can_assign(profile: StaffProfile) -> bool:
    return profile.role in ASSIGN_ROLES
