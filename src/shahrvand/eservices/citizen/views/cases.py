"""The citizen's cases: the list, one case with every step, corrections and payment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from shahrvand.common.errors import DomainError
from shahrvand.eservices.citizen import payment, presenters, selectors
from shahrvand.eservices.citizen.schema_form import SchemaForm
from shahrvand.eservices.citizen.uploads import DOC_PREFIX, prepare_all
from shahrvand.eservices.citizen.views.apply import application_form
from shahrvand.eservices.models import Case, Certificate
from shahrvand.eservices.services.cases import case_resubmit
from shahrvand.identity.models import CitizenAccount
from shahrvand.identity.session import citizen_required, current_citizen


def _account(request: HttpRequest) -> CitizenAccount:
    account = current_citizen(request)
    assert account is not None  # citizen_required ran first
    return account


def _case(request: HttpRequest, code: str) -> Case:
    case = selectors.case_of(_account(request), code)
    if case is None:  # someone else's case looks exactly like no case
        raise Http404("پرونده پیدا نشد")
    return case


@citizen_required
def my_cases(request: HttpRequest) -> HttpResponse:
    cases = list(selectors.cases_of(_account(request)))
    return render(request, "eservices/citizen/my_cases.html", {"cases": cases})


def _correction_form(case: Case, data: Any = None, files: Any = None) -> SchemaForm:
    spec = case.definition.definition
    have = {d.doc_key for d in case.documents.all()}
    form = application_form(
        spec["form"], spec.get("documents", []), data, files, initial=case.form_data, have=have
    )
    form.fields["applicant_name"].required = False
    form.fields["applicant_name"].initial = case.applicant_name
    return form


@require_http_methods(["GET", "POST"])
@citizen_required
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = _case(request, code)
    steps = presenters.steps_for(case)
    form = None
    status = 200
    if case.status == Case.Status.RETURNED:
        form = _correction_form(case, request.POST or None, request.FILES or None)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    case_resubmit(
                        case=case, form_data=form.data_for_schema(), documents=prepare_all(form)
                    )
                except DomainError as exc:
                    target = next(
                        (
                            f
                            for f in (f"f_{exc.field}", f"{DOC_PREFIX}{exc.field}")
                            if f in form.fields
                        ),
                        None,
                    )
                    form.add_error(target, exc.message)
                    status = exc.http_status
                else:
                    messages.success(request, "پاسخ شما ثبت شد و پرونده دوباره بررسی می‌شود.")
                    return redirect("eservices_citizen:case", code=case.tracking_code)
    elif request.method == "POST":
        return redirect("eservices_citizen:case", code=case.tracking_code)
    return render(
        request,
        "eservices/citizen/case.html",
        {
            "case": case,
            "steps": steps,
            "current": presenters.current_text(case, steps),
            "returned": presenters.returned_steps(steps),
            "form": form,
            "payment": payment.due(case),
            "is_new": request.GET.get("new") == "1",
            "paid_now": payment.returned_from_bank(case, request.GET.get("payment", "")),
            "history": selectors.history_of(case),
            "certificate": Certificate.objects.filter(case=case).first(),
        },
        status=status,
    )


@require_POST
@citizen_required
def pay(request: HttpRequest, code: str) -> HttpResponse:
    case = _case(request, code)
    back = reverse("eservices_citizen:case", args=[case.tracking_code])
    try:
        url = payment.start(case, return_url=back)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    return redirect(url)
