"""Issuing and revoking agency API credentials (services)."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import ExternalAgency, Role, StaffProfile

from .models import AgencyCredential
from .signing import derive_secret


def api_user_for(agency: ExternalAgency) -> User:
    """The agency's API identity: a login-less user with the agency's agency_user profile.

    Steps addressed to the agency name the role agency_user and the agency as unit, so
    eservices' step_decide accepts this user exactly where it accepts the agency's people,
    and the audit trail shows "<agency> (API)".
    """
    user, _ = User.objects.get_or_create(
        username=f"agency-api-{agency.pk}",
        defaults={"first_name": f"{agency.name_fa} (API)", "is_active": True},
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    StaffProfile.objects.update_or_create(
        user=user,
        defaults={
            "role": Role.AGENCY_USER,
            "municipality": agency.municipality,
            "agency": agency,
            "department": None,
        },
    )
    return user


@transaction.atomic
def credential_issue(
    *, agency: ExternalAgency, label: str = "", webhook_url: str = ""
) -> tuple[AgencyCredential, str]:
    """Create a credential; return it and its secret (shown once, never stored)."""
    if webhook_url and not webhook_url.startswith(("https://", "http://")):
        raise DomainError(
            "نشانی وب‌هوک باید با http:// یا https:// آغاز شود.",
            message_en="The webhook URL must start with http:// or https://.",
            field="webhook_url",
        )
    key_id = "agk_" + secrets.token_hex(12)
    credential = AgencyCredential.objects.create(
        agency=agency,
        key_id=key_id,
        salt=secrets.token_hex(32),
        acting_user=api_user_for(agency),
        label=label[:120],
        webhook_url=webhook_url,
    )
    return credential, derive_secret(credential.key_id, credential.salt)


@transaction.atomic
def credential_revoke(*, credential: AgencyCredential) -> AgencyCredential:
    """Revoke at once: the next request with this key is refused (idempotent)."""
    locked = AgencyCredential.objects.select_for_update().get(pk=credential.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    return locked
