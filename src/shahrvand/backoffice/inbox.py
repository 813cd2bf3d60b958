"""The staff member's in-app notifications: deadline warnings, assignments, escalations."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.common.paging import page_of, query_without
from shahrvand.notifications.models import Notification
from shahrvand.tenancy.access import current_user, staff_required

PAGE = 50


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    """All my notifications, paged: unread first, then the newest."""
    items = (
        Notification.objects.filter(user=current_user(request))
        .select_related("report")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    )
    page = page_of(request, items, size=PAGE)
    return render(
        request,
        "backoffice/inbox.html",
        {"items": page.object_list, "page": page, "query": query_without(request, "page")},
    )


@require_POST
@staff_required
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark the user's notifications read (all, or the one named)."""
    mine = Notification.objects.filter(user=current_user(request), read_at__isnull=True)
    if request.POST.get("id"):
        mine = mine.filter(pk=request.POST["id"])
    mine.update(read_at=timezone.now())
    return redirect("backoffice:inbox")
