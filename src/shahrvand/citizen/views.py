"""Citizen pages: choose a city, submit a report, track it, answer the resolution."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from shahrvand.api.idempotency import IdempotencyConflict, fingerprint, run_once_keyed
from shahrvand.categories.models import Category
from shahrvand.common.errors import DomainError
from shahrvand.reports import tracking
from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.models import Channel
from shahrvand.reports.selectors import public_timeline, report_for_tracking
from shahrvand.reports.services import ReportInput, report_create, report_feedback
from shahrvand.reports.services.follow import report_follow
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import District, Municipality
from shahrvand.triage.duplicates import Candidate, find_candidates
from shahrvand.triage.suggest import suggest_categories

from .forms import FeedbackForm, NearbyForm, ReportForm, TrackForm, new_submission_key


def home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(is_active=True)
    return render(
        request, "citizen/home.html", {"municipalities": municipalities, "track_form": TrackForm()}
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
            code = _create_once(report_input, key=data["submission_key"])
        except IdempotencyConflict:
            form = _with_fresh_key(request, municipality)
            form.add_error(None, FORM_ALREADY_SENT)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect(reverse("citizen:track_report", args=[code]) + "?new=1")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "citizen/report_form.html",
        {"form": form, "municipality": municipality},
        status=status,
    )


FORM_ALREADY_SENT = (
    "این فرم پیش‌تر با متن دیگری فرستاده و ثبت شده است. اگر این گزارش تازه‌ای است، "
    "دوباره «ثبت گزارش» را بزنید."
)


def _create_once(data: ReportInput, *, key: str) -> str:
    """Create the report and return its tracking code — at most once per submission key.

    A second post of the same rendered form (double click, reload, a retry over a bad
    connection, concurrent posts) gets the first report's code: the API's idempotency
    records (api.idempotency), keyed by the form's one-time random key. The record is
    claimed before any file is written, so a concurrent repeat waits for the first to
    commit and stores nothing. The same key with different content is IdempotencyConflict.
    Without a key (a page rendered before keys existed), every post creates a report."""

    def create() -> tuple[int, dict[str, Any]]:
        report = report_create(data=data, actor=None, savepoint=False)
        return 201, {"tracking_code": report.tracking_code}

    if not key:
        return str(create()[1]["tracking_code"])
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
    return str(body["tracking_code"])


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
    return render(request, "citizen/_nearby.html", {"candidates": candidates})


@require_POST
def follow(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_tracking(code)
    if report is None:
        return render(request, "citizen/track.html", {"form": TrackForm()}, status=404)
    try:
        report_follow(report=report, phone=request.POST.get("phone", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("citizen:track_report", code=report.tracking_code)
    messages.success(request, "از این پس پیامک‌های وضعیت این گزارش برای شما هم فرستاده می‌شود.")
    return redirect("citizen:track_report", code=report.tracking_code)


def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    """Partial: the top three local categories for the description being typed."""
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    text = request.GET.get("description", "")[:2000]
    suggestions = suggest_categories(municipality.pk, text) if len(text.strip()) >= 3 else []
    return render(request, "citizen/_suggestions.html", {"suggestions": suggestions})


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
    return render(request, "citizen/track.html", {"form": form}, status=status)


def track_report(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_tracking(code)
    if report is None:
        form = TrackForm({"code": code})
        form.is_valid()
        form.add_error("code", "گزارشی با این کد پیگیری پیدا نشد.")
        return render(request, "citizen/track.html", {"form": form}, status=404)
    return _render_report(request, report, FeedbackForm())


def _render_report(
    request: HttpRequest, report: object, feedback_form: FeedbackForm, status: int = 200
) -> HttpResponse:
    from shahrvand.reports.models import Report

    assert isinstance(report, Report)
    context = {
        "report": report,
        "code_display": tracking.display(report.tracking_code),
        "events": public_timeline(report).select_related("report"),
        "photos": report.attachments.filter(is_public=True, kind="photo"),
        "is_new": request.GET.get("new") == "1",
        "can_feedback": report.status == Status.RESOLVED,
        "feedback_form": feedback_form,
    }
    return render(request, "citizen/report_detail.html", context, status=status)


@require_POST
def feedback(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_tracking(code)
    if report is None:
        return render(request, "citizen/track.html", {"form": TrackForm()}, status=404)
    form = FeedbackForm(request.POST)
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
