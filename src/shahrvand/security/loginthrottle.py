"""Password guessing on the staff and the Django admin login (decision 0033).

Both forms check the same accounts, so they share one set of counters: per client address
and account, per account from anywhere, and per address across accounts, each with a number
of free failures and then a progressive delay (common.backoff). A login attempt while any
of its counters owes a delay is refused before the password is even checked: HTTP 429,
Retry-After and a Persian message. Failures are counted from Django's user_login_failed
signal (both forms authenticate through django.contrib.auth), and a successful login
forgets the account's counters — not the address's, or one valid account would launder a
spraying address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shahrvand.common import backoff
from shahrvand.common.clientip import client_ip
from shahrvand.common.persian import to_persian_digits

from .pii import blind_index

# The login views, by (namespace, url name); their POSTs are throttled.
LOGIN_VIEWS = frozenset({("backoffice", "login"), ("admin", "login")})
DEFAULT_FREE = {"account_ip": 5, "account": 20, "ip": 30}


def _free(kind: str) -> int:
    configured: dict[str, int] = getattr(settings, "SHAHRVAND_LOGIN_FREE_FAILURES", {})
    return int(configured.get(kind, DEFAULT_FREE[kind]))


def _cap() -> int:
    return int(getattr(settings, "SHAHRVAND_LOGIN_MAX_DELAY_SECONDS", backoff.CAP))


def _account(username: str) -> str:
    # Django's usernames are case-sensitive, guessing is not: one counter for every spelling.
    return blind_index(f"staff-login:{username.strip().lower()}")[:32]


def _keys(ip: str, username: str) -> list[tuple[str, str]]:
    account = _account(username)
    return [
        ("account_ip", f"login:acct-ip:{account}:{ip}"),
        ("account", f"login:acct:{account}"),
        ("ip", f"login:ip:{ip}"),
    ]


def wait_for(request: HttpRequest) -> int:
    """Seconds this login attempt must still wait (0: it may try now)."""
    username = str(request.POST.get("username", ""))
    return max(backoff.wait(key) for _, key in _keys(client_ip(request), username))


def refusal(request: HttpRequest) -> HttpResponse | None:
    """The 429 answer for a POST to a login view that owes a delay, else None."""
    match = request.resolver_match
    if request.method != "POST" or match is None:
        return None
    if (match.namespace, match.url_name) not in LOGIN_VIEWS:
        return None
    seconds = wait_for(request)
    if not seconds:
        return None
    message = (
        "تلاش‌های ناموفق برای ورود زیاد بوده است؛ برای امنیت حساب، "
        f"{to_persian_digits(seconds)} ثانیهٔ دیگر دوباره تلاش کنید."
    )
    response = render(request, "security/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@receiver(user_login_failed, dispatch_uid="shahrvand.security.loginthrottle.failed")
def _failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    if request is None:  # not a login form (management commands, tests' client.login)
        return
    username = str(credentials.get("username", ""))
    for kind, key in _keys(client_ip(request), username):
        backoff.fail(key, free=_free(kind), cap=_cap())


@receiver(user_logged_in, dispatch_uid="shahrvand.security.loginthrottle.succeeded")
def _succeeded(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    if request is None:
        return
    for kind, key in _keys(client_ip(request), user.get_username()):
        if kind != "ip":
            backoff.clear(key)
