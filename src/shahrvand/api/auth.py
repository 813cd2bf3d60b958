"""Authentication of the private API: a staff bearer token, or the staff session (with CSRF)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from shahrvand.tenancy.access import remember_staff_profile, staff_profile_of

from .models import ApiToken, hash_secret

LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


class TokenRequest(HttpRequest):
    """A request authenticated by a bearer token: which token (read by api.idempotency)."""

    api_token_id: int


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_secret(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        profile = staff_profile_of(found.user) if found is not None else None
        if found is None or profile is None:
            return None
        remember_staff_profile(found.user, profile)
        now = timezone.now()
        # "last used" to the minute: a busy client's reads do not each write the token row
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        cast(TokenRequest, request).api_token_id = found.pk
        return found.user


class StaffSession(SessionAuth):
    """The back-office session (CSRF-checked for writes), for staff users only."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not isinstance(user, User):
            return None
        profile = staff_profile_of(user)
        if profile is None:
            return None
        remember_staff_profile(user, profile)
        return user


PRIVATE_AUTH = [StaffToken(), StaffSession()]
