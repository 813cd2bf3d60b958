"""Authentication of the private API: a staff bearer token, or the staff session (with CSRF)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from shahrvand.reports.selectors import staff_profile_of

from .models import ApiToken, hash_secret


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_secret(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None or staff_profile_of(found.user) is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        request.api_token_id = found.pk  # type: ignore[attr-defined]
        return found.user


class StaffSession(SessionAuth):
    """The back-office session (CSRF-checked for writes), for staff users only."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if isinstance(user, User) and staff_profile_of(user) is not None:
            return user
        return None


PRIVATE_AUTH = [StaffToken(), StaffSession()]
