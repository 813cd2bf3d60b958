"""The certificate: download by its holder, and the public check of a verification code."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from shahrvand.eservices.certificates import certificate_pdf, certificate_text
from shahrvand.eservices.citizen import selectors
from shahrvand.eservices.models import Certificate
from shahrvand.eservices.signing import SigningKeyMissing
from shahrvand.identity.session import citizen_required, current_citizen

_CODE = re.compile(r"^[A-Za-z0-9]{4,32}$")


@citizen_required
def download(request: HttpRequest, code: str) -> HttpResponse:
    account = current_citizen(request)
    assert account is not None
    case = selectors.case_of(account, code)
    certificate = Certificate.objects.filter(case=case).first() if case else None
    if certificate is None:
        raise Http404("گواهی پیدا نشد")
    try:
        content = certificate_pdf(certificate)
    except SigningKeyMissing:
        # Nothing unsigned leaves the building; the citizen is told to come back later.
        return render(
            request, "eservices/citizen/certificate_unavailable.html", {"case": case}, status=503
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.verification_code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public, no sign-in: what the certificate states that the process marks public (the
    holder by initials; never a national ID or phone number), or a clear 404 page."""
    certificate = selectors.certificate_by_code(code) if _CODE.match(code) else None
    if certificate is None:
        return render(
            request, "eservices/citizen/verify_unknown.html", {"code": code[:40]}, status=404
        )
    response = render(
        request,
        "eservices/citizen/verify.html",
        {"certificate": certificate, "text": certificate_text(certificate, public=True)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
