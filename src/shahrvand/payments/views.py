"""Pages of the payment flow: the provider callback, the result page, the sandbox bank."""

from __future__ import annotations

import secrets
import urllib.parse

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from shahrvand.common.errors import DomainError

from .models import SandboxTransaction
from .selectors import payment_by_token
from .services import payment_callback


@require_GET
def callback(request: HttpRequest, provider: str) -> HttpResponse:
    """Where the gateway sends the payer back: ?Authority=…&Status=OK|NOK."""
    try:
        payment = payment_callback(
            provider=provider,
            authority=request.GET.get("Authority", ""),
            status=request.GET.get("Status", ""),
        )
    except DomainError as exc:
        return render(
            request,
            "payments/error.html",
            {"error": exc},
            status=exc.http_status,
        )
    target = reverse("payments:result", args=[payment.token])
    if payment.return_url:
        separator = "&" if "?" in payment.return_url else "?"
        target = f"{payment.return_url}{separator}payment={payment.token}"
    return HttpResponseRedirect(target)


@require_GET
def result(request: HttpRequest, token: str) -> HttpResponse:
    payment = payment_by_token(token)
    if payment is None:
        raise Http404
    return render(request, "payments/result.html", {"payment": payment})


@require_http_methods(["GET", "POST"])
def sandbox_bank(request: HttpRequest, authority: str) -> HttpResponse:
    """The sandbox provider's "bank page" (dev and test only)."""
    if not settings.PAYMENT_SANDBOX_ENABLED:
        raise Http404
    bank = SandboxTransaction.objects.filter(authority=authority).first()
    if bank is None:
        raise Http404
    if request.method == "POST" and bank.state == SandboxTransaction.State.PENDING:
        paid = request.POST.get("action") == "pay"
        with transaction.atomic():
            locked = SandboxTransaction.objects.select_for_update().get(pk=bank.pk)
            if locked.state == SandboxTransaction.State.PENDING:
                locked.state = (
                    SandboxTransaction.State.PAID if paid else SandboxTransaction.State.CANCELLED
                )
                locked.ref_id = str(secrets.randbelow(9 * 10**9) + 10**9) if paid else ""
                locked.save(update_fields=["state", "ref_id"])
            bank = locked
    if request.method == "POST" or bank.state != SandboxTransaction.State.PENDING:
        status = "OK" if bank.state == SandboxTransaction.State.PAID else "NOK"
        query = urllib.parse.urlencode({"Authority": bank.authority, "Status": status})
        return HttpResponseRedirect(f"{bank.callback_url}?{query}")
    return render(request, "payments/sandbox_bank.html", {"bank": bank})
