"""The staff mining page: alerts, hotspots, recurring places, frequent terms and clusters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.categories.models import StandardCategory
from shahrvand.common.errors import DomainError, NotFound
from shahrvand.tenancy.access import (
    ALERT_ACK_ROLES,
    current_staff,
    current_user,
    staff_required,
)
from shahrvand.tenancy.models import Municipality

from . import selectors
from .alerts import alert_acknowledge
from .hotspots import find_hotspots
from .models import Alert
from .recurring import find_recurring
from .textmining import clusters, top_terms
from .window import Window

PERIODS = {7: "۷ روز", 30: "۳۰ روز", 90: "۹۰ روز"}
LIST_LIMIT = 20
CACHE_SECONDS = 600


def _municipality(request: HttpRequest, slug: str) -> Municipality:
    try:
        return selectors.mining_municipality(current_staff(request), slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        raise HttpForbidden(exc.message) from exc


def _mined(muni: Municipality, window: Window, code: str) -> dict[str, Any]:
    """Everything the page shows except alerts, cached for ten minutes: on a city with a
    million reports a 30-day window takes seconds (bench/mining/README.md)."""
    key = f"mining:page:{muni.pk}:{window.first}:{window.last}:{code}"
    found: dict[str, Any] | None = cache.get(key)
    if found is None:
        docs = selectors.descriptions(muni, window, code=code)
        found = {
            "hotspots": find_hotspots(municipality_id=muni.pk, window=window)[:LIST_LIMIT],
            "recurring": find_recurring(municipality_id=muni.pk, window=window)[:LIST_LIMIT],
            "documents": len(docs),
            "terms": top_terms([text for _, text in docs]),
            "clusters": clusters(docs),
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


@staff_required
def mining_page(request: HttpRequest) -> HttpResponse:
    muni = _municipality(request, request.GET.get("municipality", ""))
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    standards = list(StandardCategory.objects.all())
    code = request.GET.get("code", "")
    code = code if any(s.code == code for s in standards) else ""
    window = Window.ending(timezone.localdate(), days)
    profile = current_staff(request)
    context = {
        "municipality": muni,
        "municipalities": Municipality.objects.filter(is_active=True)
        if profile.role == "province_supervisor"
        else [],
        "periods": PERIODS,
        "days": days,
        "standards": standards,
        "code": code,
        "window": window,
        "alerts": selectors.alerts_of(muni),
        "can_ack": profile.role in ALERT_ACK_ROLES,
        **_mined(muni, window, code),
    }
    return render(request, "mining/page.html", context)


@require_POST
@staff_required
def alert_ack(request: HttpRequest, pk: int) -> HttpResponse:
    muni = _municipality(request, "")
    alert = Alert.objects.filter(pk=pk, municipality=muni).first()
    if alert is None:
        raise Http404("هشدار پیدا نشد.")
    try:
        alert_acknowledge(alert=alert, user=current_user(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "هشدار بررسی‌شده علامت خورد.")
    return redirect("mining:page")
