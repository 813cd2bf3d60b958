"""The staff member's in-app notifications: deadline warnings, assignments, escalations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.notifications.models import Notification
from shahrvand.tenancy.access import current_user, staff_required

PAGE = 100


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user=current_user(request)).select_related("report")[:PAGE]
    return render(request, "backoffice/inbox.html", {"items": items})


@require_POST
@staff_required
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark the user's notifications read (all, or the one named)."""
    mine = Notification.objects.filter(user=current_user(request), read_at__isnull=True)
    if request.POST.get("id"):
        mine = mine.filter(pk=request.POST["id"])
    mine.update(read_at=timezone.now())
    return redirect("backoffice:inbox")
