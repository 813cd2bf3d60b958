"""Citizen pages: choose a city, submit a report, track it, answer the resolution."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from shahrvand.api.idempotency import IdempotencyConflict, fingerprint, run_once_keyed
from shahrvand.categories.models import Category
from shahrvand.common.clientip import client_ip
from shahrvand.common.errors import DomainError
from shahrvand.common.persian import mask_phone, normalize_mobile, to_persian_digits
from shahrvand.identity.services import otp_request, otp_verify
from shahrvand.identity.session import current_citizen
from shahrvand.reports import proof as reporter_proof
from shahrvand.reports import tracking
from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.duplicates import Candidate, find_candidates
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.publication import (
    public_category_name,
    public_duplicates,
    public_original,
    public_responsible,
    public_text,
)
from shahrvand.reports.selectors import public_timeline, report_for_tracking
from shahrvand.reports.services import ReportInput, report_create, report_feedback
from shahrvand.reports.services.follow import ensure_followable, report_follow
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.tenancy.models import District, Municipality
from shahrvand.triage.suggest import suggest_categories

from . import proof
from .forms import FeedbackForm, NearbyForm, ReportForm, TrackForm, new_submission_key

NOT_REPORTER = (
    "کد پیگیری به تنهایی برای ثبت نظر کافی نیست: پیوند خصوصی‌ای را که هنگام ثبت گزارش "
    "گرفتید باز کنید، یا کد تأیید را به شماره همراه گزارش‌دهنده بفرستید."
)


def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(is_active=True)
    return render(
        request,
        "reports/citizen/home.html",
        {"municipalities": municipalities, "track_form": TrackForm()},
    )


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    form = ReportForm(request.POST or None, request.FILES or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            files = prepare_attachments(form.uploads())
            report_input = ReportInput(
                municipality=municipality,
                category_code=data["category"],
                description=data["description"],
                channel=Channel.WEB,
                lat=data["lat"],
                lon=data["lon"],
                district_id=data["district"].pk if data["district"] else None,
                address=data["address"],
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                attachments=files,
            )
            code, created = _create_once(report_input, key=data["submission_key"])
        except IdempotencyConflict:
            form = _with_fresh_key(request, municipality)
            form.add_error(None, FORM_ALREADY_SENT)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if created is not None:  # a repeat finds its browser already holding the proof
                proof.remember_issued(request, created)
            return redirect(reverse("citizen:track_report", args=[code]) + "?new=1")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/citizen/report_form.html",
        {"form": form, "municipality": municipality},
        status=status,
    )


FORM_ALREADY_SENT = (
    "این فرم پیش‌تر با متن دیگری فرستاده و ثبت شده است. اگر این گزارش تازه‌ای است، "
    "دوباره «ثبت گزارش» را بزنید."
)


def _create_once(data: ReportInput, *, key: str) -> tuple[str, Report | None]:
    """Create the report at most once per submission key; return its tracking code and, when
    this call created it, the report (which carries the reporter secret to hand over).

    A second post of the same rendered form (double click, reload, a retry over a bad
    connection, concurrent posts) gets the first report's code: the API's idempotency
    records (api.idempotency), keyed by the form's one-time random key. The record is
    claimed before any file is written, so a concurrent repeat waits for the first to
    commit and stores nothing. The same key with different content is IdempotencyConflict.
    Without a key (a page rendered before keys existed), every post creates a report."""
    made: list[Report] = []

    def create() -> tuple[int, dict[str, Any]]:
        report = report_create(data=data, actor=None, savepoint=False)
        made.append(report)
        return 201, {"tracking_code": report.tracking_code}

    if not key:
        return str(create()[1]["tracking_code"]), made[0]
    content = fingerprint(
        str(data.municipality.pk),
        data.category_code,
        data.description,
        repr((data.lat, data.lon, data.district_id)),
        data.address,
        data.reporter_name,
        data.reporter_phone,
        *(f.sha256 for f in data.attachments),
    )
    _, body = run_once_keyed(
        scope="citizen-form",  # the key itself is the secret: random, one per rendered form
        key=key,
        endpoint="citizen.report_new",
        request_hash=content,
        create=create,
        claim_first=True,
    )
    return str(body["tracking_code"]), (made[0] if made else None)


def _with_fresh_key(request: HttpRequest, municipality: Municipality) -> ReportForm:
    """The form again, bound to what was typed but with a new submission key."""
    data = request.POST.copy()
    data["submission_key"] = new_submission_key()
    fresh = ReportForm(data, request.FILES, municipality=municipality)
    fresh.is_valid()
    return fresh


def nearby(request: HttpRequest, slug: str) -> HttpResponse:
    """Partial: reports that may already describe the problem being entered (same kind,
    within the duplicate radius), shown before the citizen submits."""
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    form = NearbyForm(request.GET)
    candidates: list[Candidate] = []
    if form.is_valid():
        category = Category.objects.filter(
            municipality=municipality, code=form.cleaned_data["category"], is_active=True
        ).first()
        if category is not None:
            candidates = find_candidates(
                municipality_id=municipality.pk,
                standard_code=category.standard_id,
                lat=form.cleaned_data["lat"],
                lon=form.cleaned_data["lon"],
                text=form.cleaned_data["description"],
            )
    # A public panel: no withdrawn report, none whose place is published coarse only (its
    # presence within the radius of any point one asks about would give its exact place),
    # and descriptions masked.
    shown = [
        (c, public_text(c.report, c.report.description))
        for c in candidates
        if c.report.is_public and not c.report.category.coarse_location
    ]
    return render(request, "reports/citizen/_nearby.html", {"candidates": shown})


@require_POST
def follow(request: HttpRequest, code: str) -> HttpResponse:
    """Follow a report by phone, in two steps: the number (a code is sent to it), then the
    code. Only a number proven this way, or the signed-in citizen's own, is subscribed."""
    report = report_for_tracking(code)
    if report is None:
        return render(request, "reports/citizen/track.html", {"form": TrackForm()}, status=404)
    pending = dict(request.session.get(proof.FOLLOW_PENDING, {}))
    try:
        if "code" in request.POST and report.tracking_code in pending:
            phone = str(pending[report.tracking_code])
            otp_verify(
                phone_raw=phone, code_raw=request.POST["code"], ip=client_ip(request) or None
            )
        else:
            phone = ensure_followable(report=report, phone=request.POST.get("phone", ""))
            citizen = current_citizen(request)
            if citizen is None or citizen.phone != phone:
                otp_request(phone_raw=phone, ip=client_ip(request) or None, purpose="تأیید")
                pending[report.tracking_code] = phone
                request.session[proof.FOLLOW_PENDING] = pending
                messages.success(
                    request,
                    f"کد تأیید به شماره {to_persian_digits(mask_phone(phone))} فرستاده شد؛ "
                    "برای دنبال کردن گزارش آن را وارد کنید.",
                )
                return redirect(_anchor(report, "follow"))
        report_follow(report=report, phone=phone)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _render_report(request, report, FeedbackForm(), status=exc.http_status)
    pending.pop(report.tracking_code, None)
    request.session[proof.FOLLOW_PENDING] = pending
    messages.success(request, "از این پس پیامک‌های وضعیت این گزارش برای شما هم فرستاده می‌شود.")
    return redirect("citizen:track_report", code=report.tracking_code)


def _anchor(report: Report, fragment: str) -> str:
    return reverse("citizen:track_report", args=[report.tracking_code]) + "#" + fragment


@require_POST
def reporter_code(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter without their private link: send a one-time code to the report's phone
    (no `code` field), or check the code sent (with it). A right code lets this browser act
    on the report for a while."""
    report = report_for_tracking(code)
    if report is None:
        return render(request, "reports/citizen/track.html", {"form": TrackForm()}, status=404)
    phone = normalize_mobile(report.reporter_phone or "")
    if phone is None:
        messages.error(
            request,
            "برای این گزارش شماره همراهی ثبت نشده است؛ برای ثبت نظر با سامانه ۱۳۷ تماس بگیرید.",
        )
        return _render_report(request, report, FeedbackForm(), status=403)
    try:
        if "code" in request.POST:
            otp_verify(
                phone_raw=phone, code_raw=request.POST["code"], ip=client_ip(request) or None
            )
            proof.grant(request, report)
            messages.success(request, "درستی کد تأیید شد؛ اکنون می‌توانید نظر خود را ثبت کنید.")
            return redirect(_anchor(report, "feedback"))
        otp_request(phone_raw=phone, ip=client_ip(request) or None, purpose="تأیید")
    except DomainError as exc:
        messages.error(request, exc.message)
        return _render_report(request, report, FeedbackForm(), status=exc.http_status)
    request.session[proof.CODE_SENT] = report.tracking_code
    messages.success(
        request,
        f"کد تأیید به شماره {to_persian_digits(mask_phone(phone))} فرستاده شد.",
    )
    return redirect(_anchor(report, "reporter"))


def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    """Partial: the top three local categories for the description being typed."""
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    text = request.GET.get("description", "")[:2000]
    suggestions = suggest_categories(municipality.pk, text) if len(text.strip()) >= 3 else []
    return render(request, "reports/citizen/_suggestions.html", {"suggestions": suggestions})


def districts_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    """District boundaries of one municipality, for drawing on the map."""
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    features = [
        {
            "type": "Feature",
            "properties": {"id": d.pk, "number": d.number, "name": d.name_fa},
            "geometry": d.boundary,
        }
        for d in District.objects.filter(municipality=municipality)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = tracking.parse(form.cleaned_data["code"])
        if code is None:
            form.add_error("code", "این کد پیگیری درست نیست؛ ۱۲ رقم آن را دوباره بررسی کنید.")
        elif report_for_tracking(code) is None:
            form.add_error("code", "گزارشی با این کد پیگیری پیدا نشد.")
        else:
            return redirect("citizen:track_report", code=code)
    status = 404 if form.is_bound and form.errors else 200
    return render(request, "reports/citizen/track.html", {"form": form}, status=status)


def track_report(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_tracking(code)
    if report is None:
        form = TrackForm({"code": code})
        form.is_valid()
        form.add_error("code", "گزارشی با این کد پیگیری پیدا نشد.")
        return render(request, "reports/citizen/track.html", {"form": form}, status=404)
    key = request.GET.get("k")
    if key is not None:
        # The private link: remember the proof in the session, then drop the secret from
        # the address bar (and from the Referer of whatever the page links to).
        if reporter_proof.proves_reporter(report, key):
            proof.grant(request, report)
            messages.success(request, "این مرورگر اکنون می‌تواند برای این گزارش نظر ثبت کند.")
        else:
            messages.error(request, "این پیوند خصوصی برای این گزارش معتبر نیست.")
        return redirect("citizen:track_report", code=report.tracking_code)
    return _render_report(request, report, FeedbackForm())


def _render_report(
    request: HttpRequest, report: Report, feedback_form: FeedbackForm, status: int = 200
) -> HttpResponse:
    secret = proof.pop_issued(request, report)
    private_link = (
        request.build_absolute_uri(
            reverse("citizen:track_report", args=[report.tracking_code]) + f"?k={secret}"
        )
        if secret
        else ""
    )
    reporter_mobile = normalize_mobile(report.reporter_phone or "")
    # A withdrawn report shows its status only; otherwise texts are shown masked, as on
    # every public channel (reports/publication.py), even to the reporter.
    shown = report.is_public
    context = {
        "report": report,
        "withheld": not shown,
        "description": public_text(report, report.description) if shown else "",
        "address": public_text(report, report.address) if shown else "",
        "code_display": tracking.display(report.tracking_code),
        "events": [
            (event, public_text(report, event.note))
            for event in (public_timeline(report).select_related("report") if shown else [])
        ],
        "photos": report.attachments.filter(is_public=True, kind="photo") if shown else [],
        "category_name": public_category_name(report),
        "awaiting_category": report.awaiting_category,
        "responsible": public_responsible(report),
        "original": public_original(report),
        "duplicates": public_duplicates(report) if shown else [],
        "is_new": request.GET.get("new") == "1",
        "can_feedback": report.status == Status.RESOLVED,
        "feedback_form": feedback_form,
        "is_reporter": proof.is_reporter(request, report),
        "private_link": private_link,
        "reporter_phone_masked": to_persian_digits(mask_phone(reporter_mobile))
        if reporter_mobile
        else "",
        "reporter_code_sent": request.session.get(proof.CODE_SENT) == report.tracking_code,
        "follow_pending": to_persian_digits(
            mask_phone(str(request.session.get(proof.FOLLOW_PENDING, {}).get(report.tracking_code)))
        )
        if report.tracking_code in request.session.get(proof.FOLLOW_PENDING, {})
        else "",
        "can_follow": report.status in OPEN_STATUSES or report.status == Status.RESOLVED,
    }
    response = render(request, "reports/citizen/report_detail.html", context, status=status)
    if private_link:  # the secret is on this page: no cache may keep it
        patch_cache_control(response, no_store=True, private=True)
    return response


@require_POST
def feedback(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_tracking(code)
    if report is None:
        return render(request, "reports/citizen/track.html", {"form": TrackForm()}, status=404)
    form = FeedbackForm(request.POST)
    if not proof.is_reporter(request, report):
        messages.error(request, NOT_REPORTER)
        return _render_report(request, report, form, status=403)
    if form.is_valid():
        try:
            report_feedback(
                report=report,
                accepted=form.cleaned_data["accepted"],
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "نظر شما ثبت شد. سپاس از همراهی شما.")
            return redirect("citizen:track_report", code=report.tracking_code)
    return _render_report(request, report, form, status=400)
