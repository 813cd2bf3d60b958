"""Staff two-factor authentication with TOTP (RFC 6238) through django-otp.

Every staff role in SHAHRVAND_SECOND_FACTOR_ROLES (default: all of them, since every role
either sees citizens' personal data or acts across municipalities), superusers and users who
may open the Django admin must enrol and verify before any page that is not public
(security.middleware); staff outside the policy may enrol, and once they have a confirmed
device they verify at every login too. Enrolment also issues ten single-use recovery codes
(django-otp's static device).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shahrvand.tenancy.models import Role, StaffProfile

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


ALL_ROLES = "all"


def required_roles() -> frozenset[str]:
    """The roles that cannot skip the second factor ("all" in the setting: every role)."""
    configured = frozenset(settings.SHAHRVAND_SECOND_FACTOR_ROLES)
    return frozenset(Role.values) if ALL_ROLES in configured else configured


def is_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers, users who may open the Django admin and staff whose role is in
    SHAHRVAND_SECOND_FACTOR_ROLES cannot skip the second factor."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    role = StaffProfile.objects.filter(user_id=user.pk).values_list("role", flat=True).first()
    return role in required_roles()


def has_device(user: AbstractBaseUser) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def needs_verification(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True while this logged-in user still owes the second factor in this session."""
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return False
    return is_required(user) or has_device(user)


def pending_totp_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device whose secret is being shown for enrolment (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device if `token` is right; return fresh recovery codes, else None."""
    if not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_recovery_codes(device.user)


@transaction.atomic
def issue_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with ten new random single-use ones (django-otp
    deletes a static token when it is used)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def reset(user: AbstractBaseUser) -> int:
    """Remove every second-factor device of `user` (authenticators and recovery codes), for a
    staff member who lost both. Sessions verified with them stop counting as verified (django-
    otp finds no device); the user enrols again at the next staff page. Returns how many
    devices were removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        _, by_model = model.objects.filter(user=user).delete()  # recovery codes cascade
        removed += by_model.get(model._meta.label, 0)
    return removed
