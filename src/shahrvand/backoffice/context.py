from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from shahrvand.tenancy.access import may


def staff(request: HttpRequest) -> dict[str, Any]:
    """The staff profile (set by @staff_required) and what its role may open
    (tenancy.access.may), for the navigation of every page."""
    profile = getattr(request, "staff", None)
    if profile is None:
        return {}
    from shahrvand.notifications.models import Notification

    unread = Notification.objects.filter(user_id=profile.user_id, read_at__isnull=True).count()
    return {"profile": profile, "unread_notifications": unread, "may": may(profile)}
