from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from shahrvand.common.clientip import client_ip
from shahrvand.common.ratelimit import allow


class SettingsThrottle(BaseThrottle):
    """Per-client fixed-window limit whose rate is read from settings on every request."""

    def __init__(self, scope: str, setting: str) -> None:
        self.scope = scope
        self.setting = setting
        self._wait: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.get_ident(request) or "unknown"
        ok, wait = allow(self.scope, ident, getattr(settings, self.setting))
        self._wait = None if ok else float(wait)
        return ok

    def get_ident(self, request: HttpRequest) -> str | None:
        """The client address from the one client-IP function (Ninja's own reads a hop
        count, NINJA_NUM_PROXIES, and would trust a header from anyone)."""
        return client_ip(request) or None

    def wait(self) -> float | None:
        return self._wait
