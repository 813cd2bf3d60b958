"""The citizen's signed-in state in the Django session, apart from staff authentication.

Three session keys: the account id, when the code was verified (an absolute limit of
`SHAHRVAND_CITIZEN_SESSION_MAX_HOURS`) and when the citizen was last seen (an idle limit
of `SHAHRVAND_CITIZEN_SESSION_IDLE_MINUTES`). Signing in or out cycles the session key
(no fixation) but leaves a staff login in the same browser alone.
"""

from __future__ import annotations

import functools
import time
import urllib.parse
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from . import conf
from .models import CitizenAccount

ACCOUNT = "citizen_account_id"
AUTH_AT = "citizen_auth_at"
SEEN_AT = "citizen_seen_at"
PENDING_PHONE = "citizen_pending_phone"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def citizen_login(request: HttpRequest, account: CitizenAccount) -> None:
    request.session.cycle_key()
    now = time.time()
    request.session[ACCOUNT] = account.pk
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    request.session.pop(PENDING_PHONE, None)
    request.citizen = account  # type: ignore[attr-defined]


def citizen_logout(request: HttpRequest) -> None:
    for key in (ACCOUNT, AUTH_AT, SEEN_AT, PENDING_PHONE):
        request.session.pop(key, None)
    request.session.cycle_key()
    request.citizen = None  # type: ignore[attr-defined]


def current_citizen(request: HttpRequest) -> CitizenAccount | None:
    """The signed-in citizen, or None (and the citizen keys cleared) when expired."""
    if hasattr(request, "citizen"):
        return cast(CitizenAccount | None, request.citizen)
    account_id = request.session.get(ACCOUNT)
    account = None
    if account_id is not None:
        now = time.time()
        auth_at = float(request.session.get(AUTH_AT, 0))
        seen_at = float(request.session.get(SEEN_AT, 0))
        fresh = (
            now - auth_at <= conf.session_max_age().total_seconds()
            and now - seen_at <= conf.session_idle().total_seconds()
        )
        account = CitizenAccount.objects.filter(pk=account_id).first() if fresh else None
        if account is None:
            citizen_logout(request)
            return None
        if now - seen_at > 60:  # write the session at most once a minute
            request.session[SEEN_AT] = now
    request.citizen = account  # type: ignore[attr-defined]
    return account


def login_url(next_path: str) -> str:
    return reverse("identity:login") + "?" + urllib.parse.urlencode({"next": next_path})


def citizen_required(view: View) -> View:
    """Send a visitor who is not signed in (or whose session expired) to the code login,
    and back to this page afterwards."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if current_citizen(request) is None:
            return HttpResponseRedirect(login_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return cast(View, wrapper)
