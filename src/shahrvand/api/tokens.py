"""Issuing and revoking staff API tokens (the admin and `manage.py api_token` call these)."""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import StaffProfile

from .models import ApiToken

log = logging.getLogger(__name__)


class TokenError(DomainError):
    code = "invalid_token_owner"


def check_token_owner(user: User) -> None:
    """TokenError unless `user` is an active staff member (the private API refuses a token
    of anyone else, so issuing one would only mislead)."""
    if not user.is_active or not StaffProfile.objects.filter(user=user).exists():
        raise TokenError(
            "توکن API فقط برای کارکنان فعال صادر می‌شود.",
            message_en=f"{user.get_username()} is not an active staff member.",
            field="user",
        )


@transaction.atomic
def api_token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for a staff member; returns it with the raw value, which is stored only
    as a SHA-256 digest and can never be shown again. TokenError for anyone else."""
    check_token_owner(user)
    token, raw = ApiToken.issue(user=user, name=name.strip()[:120] or "token")
    log.info("API token %s (%s) issued for %s", token.pk, token.prefix, user.get_username())
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Refuse the token from now on (the next request with it is a 401); kept, with its
    last use, for the record. Revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.info("API token %s (%s) revoked", token.pk, token.prefix)
    return token
