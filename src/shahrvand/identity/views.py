"""Sign-in pages: number → code → signed in; sign out."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from shahrvand.common.clientip import client_ip
from shahrvand.common.errors import DomainError
from shahrvand.common.persian import to_persian_digits

from . import conf
from .forms import CodeForm, PhoneForm
from .services import otp_request, otp_verify
from .session import PENDING_PHONE, citizen_login, citizen_logout, current_citizen


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("eservices_citizen:my_cases")


def _ip(request: HttpRequest) -> str | None:
    return client_ip(request) or None


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    if current_citizen(request) is not None and request.method == "GET":
        return HttpResponseRedirect(_next(request))
    form = PhoneForm(request.POST or None)
    status, retry_after = 200, 0
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                challenge = otp_request(phone_raw=form.cleaned_data["phone"], ip=_ip(request))
            except DomainError as exc:
                form.add_error("phone", exc.message)
                status, retry_after = exc.http_status, getattr(exc, "retry_after", 0)
            else:
                request.session[PENDING_PHONE] = challenge.phone
                url = reverse("identity:code")
                return redirect(f"{url}?next={_quote(_next(request))}")
    response = render(
        request, "identity/login.html", {"form": form, "next": _next(request)}, status=status
    )
    return _with_retry_after(response, retry_after)


def _with_retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    if response.status_code == 429 and seconds:
        response["Retry-After"] = str(seconds)
    return response


def _quote(value: str) -> str:
    return quote(value, safe="/")


@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(PENDING_PHONE)
    if not phone:
        return redirect("identity:login")
    form = CodeForm(request.POST or None)
    status, retry_after = 200, 0
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                account = otp_verify(
                    phone_raw=phone, code_raw=form.cleaned_data["code"], ip=_ip(request)
                )
            except DomainError as exc:
                form.add_error("code", exc.message)
                status, retry_after = exc.http_status, getattr(exc, "retry_after", 0)
            else:
                citizen_login(request, account)
                messages.success(request, "وارد شدید.")
                return HttpResponseRedirect(_next(request))
    minutes = to_persian_digits(int(conf.code_ttl().total_seconds() // 60) or 1)
    response = render(
        request,
        "identity/code.html",
        {"form": form, "phone": phone, "next": _next(request), "ttl_minutes": minutes},
        status=status,
    )
    return _with_retry_after(response, retry_after)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(PENDING_PHONE)
    if not phone:
        return redirect("identity:login")
    try:
        otp_request(phone_raw=phone, ip=_ip(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "کد تازه فرستاده شد.")
    return redirect(f"{reverse('identity:code')}?next={_quote(_next(request))}")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    citizen_logout(request)
    messages.success(request, "از حساب خود خارج شدید.")
    return redirect("identity:login")
