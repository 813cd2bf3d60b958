"""Staff and agency pages of e-services (server-rendered, Persian, RTL)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Page
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.common.errors import DomainError
from shahrvand.common.paging import page_of, query_without
from shahrvand.common.persian import mask_phone
from shahrvand.eservices.models import CaseDocument, CaseStep
from shahrvand.eservices.selectors import (
    cases_visible_to,
    process_mining,
    step_queue,
    steps_visible_to,
)
from shahrvand.eservices.selectors.audit import audit_csv, audit_json, audit_of
from shahrvand.eservices.services import (
    may_decide,
    may_supervise,
    staff_actor,
    step_decide,
    step_extend,
    step_resume,
    step_suspend,
)
from shahrvand.eservices.services.documents import EXTENSIONS
from shahrvand.reports import tracking
from shahrvand.tenancy.access import (
    STEP_SUPERVISING_ROLES,
    current_staff,
    current_user,
    staff_required,
)

from .forms import DecisionForm, ExtendForm, SuspendForm
from .presenters import action_label, form_rows

STEP_PAGE = 50


def _visible_step(request: HttpRequest, pk: int) -> CaseStep:
    step = steps_visible_to(request.user).filter(pk=pk).first()
    if step is None:
        raise Http404("مرحله پیدا نشد.")
    return step


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """My queue (my unit and my role); managers and admins also see every open step they
    supervise, overdue first."""
    profile = current_staff(request)
    now = timezone.now()
    supervised: Page[CaseStep] | None = None
    if profile.role in STEP_SUPERVISING_ROLES:
        supervised = page_of(
            request,
            steps_visible_to(request.user)
            .filter(status__in=(CaseStep.Status.ACTIVE, CaseStep.Status.SUSPENDED))
            .exclude(kind=CaseStep.Kind.PAYMENT)
            .order_by(F("deadline").asc(nulls_last=True), "id"),
            size=STEP_PAGE,
            param="spage",
        )
    mine = page_of(
        request,
        step_queue(request.user).order_by(F("deadline").asc(nulls_last=True), "id"),
        size=STEP_PAGE,
    )
    for row in [*mine.object_list, *(supervised.object_list if supervised else [])]:
        row.code_display = tracking.display(row.case.tracking_code)
    return render(
        request,
        "eservices/staff/queue.html",
        {
            "mine": mine,
            "supervised": supervised,
            "mine_query": query_without(request, "page"),
            "supervised_query": query_without(request, "spage"),
            "now": now,
            "can_mine": profile.role in STEP_SUPERVISING_ROLES,
        },
    )


def _step_context(request: HttpRequest, step: CaseStep) -> dict[str, Any]:
    case = step.case
    actor = staff_actor(current_user(request))
    spec = case.definition.step_spec(step.key)
    definition = case.definition.definition
    steps = list(case.steps.select_related("department", "agency"))
    history = list(case.audit.exclude(action="step_created").order_by("at", "id"))
    step_names = {s.pk: s.name_fa for s in steps}
    for row in history:
        label = action_label(row)
        if row.object_type == "casestep" and row.object_id in step_names:
            label = f"{label} — {step_names[row.object_id]}"
        row.label = label  # type: ignore[attr-defined]
    step_docs = set(spec.get("documents", []))  # type: ignore[call-overload]
    documents = list(case.documents.all())
    doc_names = {d["key"]: d["name_fa"] for d in definition.get("documents", [])}
    for document in documents:
        document.name_fa = doc_names.get(document.doc_key, document.doc_key)  # type: ignore[attr-defined]
        document.for_step = document.doc_key in step_docs  # type: ignore[attr-defined]
    can_decide = may_decide(actor, step) and step.status == CaseStep.Status.ACTIVE
    can_decide = can_decide and step.kind == CaseStep.Kind.TASK
    return {
        "step": step,
        "case": case,
        "code_display": tracking.display(case.tracking_code),
        "masked_phone": mask_phone(case.applicant_phone),
        "form_rows": form_rows(definition.get("form", {}), case.form_data),
        "documents": documents,
        "steps": steps,
        "history": history,
        "now": timezone.now(),
        "can_decide": can_decide,
        "can_supervise": may_supervise(actor, step)
        and step.status in (CaseStep.Status.ACTIVE, CaseStep.Status.SUSPENDED),
        "status_text": spec.get("status_fa", ""),
    }


def _decision_form(step: CaseStep, data: Any = None) -> DecisionForm:
    spec = step.case.definition.step_spec(step.key)
    schema = spec.get("form")
    return DecisionForm(
        data,
        decisions=list(spec.get("decisions", ["approve"])),  # type: ignore[call-overload]
        schema=schema if isinstance(schema, dict) else None,
    )


@staff_required
def step_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The step page: case data, documents, every step, history and the decision form."""
    step = _visible_step(request, pk)
    context = _step_context(request, step)
    form = _decision_form(step, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not context["can_decide"]:
            raise Http404("این مرحله در کارتابل شما نیست.")
        if form.is_valid():
            try:
                step_decide(
                    step=step,
                    actor=current_user(request),
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    form_data=form.step_data(),
                )
            except DomainError as exc:
                name = exc.field.replace("step.", "step_") if exc.field else ""
                form.add_error(name if name in form.fields else None, exc.message)
            else:
                messages.success(request, "تصمیم ثبت شد.")
                return redirect("eservices_staff:queue")
        status = 400
    context.update({"form": form, "suspend_form": SuspendForm(), "extend_form": ExtendForm()})
    return render(request, "eservices/staff/step.html", context, status=status)


@require_POST
@staff_required
def step_supervise(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Suspend, resume or extend a step (the unit's manager or the municipality admin)."""
    step = _visible_step(request, pk)
    user = current_user(request)
    suspend_form = SuspendForm(request.POST if action == "suspend" else None)
    extend_form = ExtendForm(request.POST if action == "extend" else None)
    try:
        if action == "suspend" and suspend_form.is_valid():
            step_suspend(step=step, actor=user, reason=suspend_form.cleaned_data["reason"])
            messages.success(request, "مرحله متوقف شد؛ مهلت آن نمی‌گذرد.")
        elif action == "resume":
            step_resume(step=step, actor=user)
            messages.success(request, "مرحله ادامه یافت و مهلت آن دوباره محاسبه شد.")
        elif action == "extend" and extend_form.is_valid():
            step_extend(
                step=step,
                actor=user,
                hours=extend_form.cleaned_data["hours"],
                reason=extend_form.cleaned_data["reason"],
            )
            messages.success(request, "مهلت تمدید شد.")
        elif action not in ("suspend", "resume", "extend"):
            raise Http404
        else:
            messages.error(request, "دلیل و مقدار را درست وارد کنید.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("eservices_staff:step", pk=step.pk)


@staff_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    """A case document, for staff who can see the case (documents are personal: deeds,
    national cards; they are not served from a public media URL)."""
    row = CaseDocument.objects.filter(pk=pk, case__in=cases_visible_to(request.user)).first()
    if row is None:
        raise Http404("مدرک پیدا نشد.")
    response = FileResponse(row.file.open("rb"), content_type=row.content_type)
    extension = EXTENSIONS.get(row.content_type, "bin")
    response["Content-Disposition"] = f'inline; filename="{row.doc_key}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def mining(request: HttpRequest) -> HttpResponse:
    """Where cases wait: per process and step, per unit, over what the user may see."""
    report = process_mining(steps=steps_visible_to(request.user))
    return render(request, "eservices/staff/mining.html", {"report": report})


@staff_required
def audit_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The audit trail of one visible case as CSV or JSON."""
    parsed = tracking.parse(code)
    cases = cases_visible_to(request.user).filter(tracking_code=parsed or "")
    if parsed is None or not cases.exists():
        raise Http404("پرونده پیدا نشد.")
    rows = audit_of(cases)
    if fmt == "json":
        response = HttpResponse(audit_json(rows), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse("\ufeff" + audit_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{parsed}.{fmt}"'
    return response
