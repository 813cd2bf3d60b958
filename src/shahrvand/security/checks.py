"""A misspelt role in SHAHRVAND_SECOND_FACTOR_ROLES would silently exempt that role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from shahrvand.tenancy.models import Role

from .twofactor import ALL_ROLES


@register()
def second_factor_roles(app_configs: Any, **kwargs: Any) -> list[Error]:
    unknown = sorted(set(settings.SHAHRVAND_SECOND_FACTOR_ROLES) - {*Role.values, ALL_ROLES})
    if not unknown:
        return []
    return [
        Error(
            f"SHAHRVAND_SECOND_FACTOR_ROLES names unknown roles: {', '.join(unknown)}",
            hint=f"Use 'all' or role names: {', '.join(Role.values)}.",
            id="shahrvand.E024",
        )
    ]
