"""Session expiry and the staff second factor, enforced for every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import ResolverMatch, reverse
from django.utils.http import urlencode

from . import twofactor

LOGIN_AT = "shahrvand_login_at"

# What a logged-in user who still owes the second factor may reach: everything else (staff
# pages, analytics, exports, the admin, the staff API by session, and any page added later)
# is protected by default. Public pages need no login at all, so exempting them takes
# nothing away; the second-factor pages themselves and logging in and out must stay open.
EXEMPT_NAMESPACES = frozenset(
    {
        "citizen",  # reporting and tracking
        "eservices_citizen",  # citizens' e-services and the public certificate check
        "identity",  # citizens' sign-in by one-time code
        "open311",
        "opendata",
        "payments",  # the bank's callback and the citizen's payment pages
        "notifications",  # the SMS gateway's webhook (its own token)
    }
)
EXEMPT_NAMES = frozenset(
    {
        ("", "healthz"),
        ("", "readyz"),
        ("", "metrics"),  # its own token or address allow-list
        ("", "media"),  # public uploads only (common.media)
        ("security", "verify"),
        ("security", "setup"),
        ("backoffice", "login"),
        ("backoffice", "logout"),
        ("admin", "login"),
        ("admin", "logout"),
        ("analytics", "public"),
        ("analytics", "public_csv"),
        ("analytics", "definitions"),  # how each KPI is computed: methods, not data
    }
)
# The API by route: its public and agency parts (the agency part carries its own HMAC
# signature) and its documentation. The staff part is open to bearer tokens, which are not
# sessions (request.user is anonymous here), and closed to unverified sessions.
EXEMPT_API_ROUTES = ("api/v1/public/", "api/v1/agency/", "api/v1/docs", "api/v1/openapi.json")


class SessionExpiryMiddleware:
    """Absolute session lifetime: SESSION_ABSOLUTE_SECONDS after login the session ends even
    if it was used all along (the idle timeout is SESSION_COOKIE_AGE, renewed per request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(LOGIN_AT)
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Until the second factor is given, a logged-in user who owes one (twofactor.is_required,
    or any user with a device) reaches only the exempt URLs above; every other request goes
    to the verification (or enrolment) page, or gets a JSON 403 under /api/. Bearer-token
    API calls are not session-authenticated and are unaffected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # cheapest test first: anonymous, bearer-token and verified requests never look at
        # the exempt URLs (commit 79d98bc)
        if not twofactor.needs_verification(request.user) or is_exempt(request.resolver_match):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "code": "second_factor_required",
                    "message": "ورود دومرحله‌ای کامل نشده است.",
                    "message_en": "Two-factor verification is required.",
                },
                status=403,
            )
        target = reverse("security:verify")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def is_exempt(match: ResolverMatch | None) -> bool:
    """Whether a user who still owes the second factor may open this resolved URL."""
    if match is None:
        return False
    if match.namespace in EXEMPT_NAMESPACES or (match.namespace, match.url_name) in EXEMPT_NAMES:
        return True
    return match.namespace == "api-v1" and str(match.route).startswith(EXEMPT_API_ROUTES)
