"""Enrolment and verification pages of the staff second factor."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from shahrvand.common.ratelimit import allow

from . import twofactor

ATTEMPT_RATE = "5/m"  # wrong codes per account per minute before a short lockout


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/staff/"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _locked(request: HttpRequest) -> bool:
    allowed, _ = allow("otp", str(request.user.pk), ATTEMPT_RATE)
    return not allowed


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not twofactor.has_device(user):
        return redirect(f"{reverse('security:setup')}?next={_next(request)}")
    error = ""
    if request.method == "POST":
        if _locked(request):
            error = "تلاش‌های نادرست زیاد بود؛ یک دقیقه دیگر دوباره امتحان کنید."
        else:
            device = match_token(user, request.POST.get("token", "").strip())
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            error = "کد درست نیست یا زمانش گذشته است."
    return render(
        request,
        "security/verify.html",
        {"error": error, "next": _next(request)},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if twofactor.has_device(user) and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect("security:verify")  # a new device only after proving the current one
    device = twofactor.pending_totp_device(user)
    error = ""
    if request.method == "POST":
        if _locked(request):
            error = "تلاش‌های نادرست زیاد بود؛ یک دقیقه دیگر دوباره امتحان کنید."
        else:
            codes = twofactor.confirm_enrolment(device, request.POST.get("token", ""))
            if codes is not None:
                otp_login(request, device)
                return render(
                    request,
                    "security/recovery_codes.html",
                    {"codes": codes, "next": _next(request)},
                )
            error = "کد درست نیست؛ ساعت گوشی را بررسی و کد تازه را وارد کنید."
    # A data: URI image (CSP allows data: images): no markup of ours is marked safe.
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(
        request,
        "security/setup.html",
        {
            "qr_uri": qr,
            "secret": b32encode(device.bin_key).decode(),
            "error": error,
            "next": _next(request),
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working); only in a verified session."""
    if not request.user.is_verified():  # type: ignore[union-attr]
        return redirect("security:verify")
    codes = twofactor.issue_recovery_codes(_user(request))
    return render(request, "security/recovery_codes.html", {"codes": codes, "next": "/staff/"})
