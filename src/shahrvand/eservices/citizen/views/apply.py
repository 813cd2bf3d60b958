"""Applying for a service: the form generated from the process, documents, one submit."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from shahrvand.common.errors import DomainError
from shahrvand.eservices.citizen import selectors
from shahrvand.eservices.citizen.fees import fee_text
from shahrvand.eservices.citizen.schema_form import SchemaForm
from shahrvand.eservices.citizen.uploads import DOC_PREFIX, document_fields, prepare_all
from shahrvand.eservices.models import Service
from shahrvand.eservices.services.submission import case_submit_once
from shahrvand.identity.models import CitizenAccount
from shahrvand.identity.session import citizen_required, current_citizen
from shahrvand.tenancy.models import Municipality


def application_form(
    schema: dict[str, Any],
    documents: list[dict[str, Any]],
    data: Any = None,
    files: Any = None,
    *,
    initial: dict[str, Any] | None = None,
    have: set[str] | None = None,
) -> SchemaForm:
    form = SchemaForm(data, files, schema=schema, initial=initial)
    form.fields.update(document_fields(documents, have=have))
    name = forms.CharField(
        label="نام و نام خانوادگی متقاضی",
        max_length=160,
        error_messages={"required": "نام و نام خانوادگی خود را بنویسید."},
    )
    form.fields = {"applicant_name": name, **form.fields}
    return form


def _field_of(error: DomainError, form: SchemaForm) -> str | None:
    for candidate in (f"f_{error.field}", f"{DOC_PREFIX}{error.field}", error.field):
        if candidate in form.fields:
            return candidate
    return None


@require_http_methods(["GET", "POST"])
@citizen_required
def apply(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    service = selectors.published_services(municipality).filter(key=key).first()
    definition = selectors.published_definition(service) if service else None
    if service is None or definition is None:
        raise Http404("خدمت پیدا نشد")
    account = current_citizen(request)
    assert account is not None
    spec = definition.definition
    documents = spec.get("documents", [])
    form = application_form(spec["form"], documents, request.POST or None, request.FILES or None)
    submission_key = request.POST.get("submission_key") or uuid.uuid4().hex
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                tracking_code = _submit(account, service, form, submission_key)
            except DomainError as exc:
                form.add_error(_field_of(exc, form), exc.message)
                status = exc.http_status
            else:
                url = reverse("eservices_citizen:case", args=[tracking_code])
                return redirect(f"{url}?new=1")
    return render(
        request,
        "eservices/citizen/apply.html",
        {
            "municipality": municipality,
            "service": service,
            "form": form,
            "fee": fee_text(service),
            "submission_key": submission_key,
            "doc_prefix": DOC_PREFIX,
        },
        status=status,
    )


def _submit(
    account: CitizenAccount, service: Service, form: SchemaForm, submission_key: str
) -> str:
    documents = prepare_all(form)  # outside the transaction: decoding images takes time
    case = case_submit_once(
        account=account,
        submission_key=submission_key,
        service=service,
        applicant_name=form.cleaned_data["applicant_name"],
        form_data=form.data_for_schema(),
        documents=documents,
    )
    return case.tracking_code
