"""The certificate of an approved case as a PDF: Persian text shaped with HarfBuzz, a
verification code and a QR code of the public check page /verify/<code>.

fpdf2 lays out the page; with text shaping on (uharfbuzz) Persian letters join and runs
read right to left. The font is Vazirmatn's TrueType file, copied from npm into
build/vendor by `make assets` (the web pages use the same family). The PDF states only
what the certificate certifies: the service, the municipality, the holder's name, the
case and verification codes, the issue date and the facts the process marks for the
certificate (`x-certificate: true` on a form property, or the definition's
`certificate.fields`). Never the phone number or the uploaded documents.

Rendering is deterministic for a given certificate (the PDF dates are the issue time), and
the file is rendered once and kept in the certificate's `file`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import segno
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from fpdf import FPDF
from PIL import Image

from shahrvand.common.jalali import format_jalali_long
from shahrvand.common.pdf import FONT, prepare_persian
from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.definitions.labels import enum_label
from shahrvand.eservices.models import Case, Certificate
from shahrvand.tenancy.links import public_url
from shahrvand.tenancy.models import Municipality

INK = (30, 41, 59)
BRAND = (15, 118, 110)


@dataclass(frozen=True)
class CertificateText:
    title: str
    municipality: str
    service: str
    holder: str
    tracking_code: str
    verification_code: str
    issued: str
    facts: list[tuple[str, str]]
    url: str


def verification_url(code: str, municipality: Municipality | None = None) -> str:
    """The absolute address of the public check of `code` (what the QR code holds), on the
    issuing municipality's public address (tenancy.links)."""
    return public_url(municipality, reverse("eservices_citizen:verify", args=[code]))


def _value_text(prop: dict[str, Any], value: Any) -> str:
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if "enum" in prop:
        return enum_label(prop, value)
    if prop.get("format") == "date" and isinstance(value, str):
        try:
            return format_jalali_long(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, int | float):
        text = str(int(value)) if float(value).is_integer() else str(value).replace(".", "٫")
        return to_persian_digits(text)
    return to_persian_digits(str(value))


def certificate_facts(case: Case) -> list[tuple[str, str]]:
    """(title, value) of the form fields the process puts on its certificate."""
    spec = case.definition.definition
    properties: dict[str, Any] = spec.get("form", {}).get("properties", {})
    listed = (
        spec.get("certificate", {}).get("fields")
        if isinstance(spec.get("certificate"), dict)
        else None
    )
    names = (
        list(listed)
        if isinstance(listed, list)
        else [n for n, p in properties.items() if isinstance(p, dict) and p.get("x-certificate")]
    )
    facts = []
    for name in names:
        prop = properties.get(name)
        if not isinstance(prop, dict) or case.form_data.get(name) in (None, ""):
            continue
        facts.append((str(prop.get("title") or name), _value_text(prop, case.form_data[name])))
    return facts


def certificate_text(certificate: Certificate) -> CertificateText:
    case = certificate.case
    return CertificateText(
        title=f"گواهی {case.service.name_fa}",
        municipality=f"شهرداری {to_persian_digits(case.municipality.name_fa)}",
        service=case.service.name_fa,
        holder=case.applicant_name or "—",
        tracking_code=to_persian_digits(case.tracking_code),
        verification_code=certificate.verification_code,
        issued=format_jalali_long(certificate.issued_at),
        facts=certificate_facts(case),
        url=verification_url(certificate.verification_code, case.municipality),
    )


def qr_image(data: str) -> Image.Image:
    """A QR code of `data` (error correction M, 4-module quiet zone), black on white."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def render_pdf(text: CertificateText, *, issued_at: dt.datetime) -> bytes:
    """The certificate as PDF bytes (A4, right to left)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(issued_at)
    prepare_persian(pdf, title=text.title)
    pdf.set_author(text.municipality)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(20)
    pdf.set_text_color(*BRAND)
    pdf.set_font(FONT, "B", 14)
    pdf.cell(width, 9, text.municipality, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 22)
    pdf.cell(width, 16, text.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_text_color(*INK)
    rows = [
        ("دارندهٔ گواهی", text.holder),
        ("خدمت", text.service),
        ("شمارهٔ پرونده", text.tracking_code),
        ("تاریخ صدور", text.issued),
        *text.facts,
    ]
    label_w = 55
    for label, value in rows:
        # Right to left: the label sits at the right edge, the value to its left.
        pdf.set_x(pdf.w - pdf.r_margin - label_w)
        pdf.set_font(FONT, "B", 12)
        y = pdf.get_y()
        pdf.cell(label_w, 9, f"{label}:", align="R")
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(width - label_w, 9, value, align="R", new_x="LMARGIN", new_y="NEXT")

    # The check box: code and QR at the foot of the page.
    top = pdf.h - 85
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.rect(20, top, pdf.w - 40, 60)
    qr = qr_image(text.url)
    pdf.image(qr, x=25, y=top + 5, w=50, h=50)
    pdf.set_xy(80, top + 8)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(pdf.w - 105, 8, "کد بررسی اصالت", align="R", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_shaping(False)
    pdf.cell(pdf.w - 105, 12, text.verification_code, align="R", new_x="LEFT", new_y="NEXT")
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(
        pdf.w - 105,
        6,
        "برای بررسی اصالت این گواهی، کد QR را با تلفن همراه بخوانید یا نشانی زیر را باز کنید:",
        align="R",
        new_x="LEFT",
        new_y="NEXT",
    )
    pdf.set_text_shaping(False)
    pdf.set_font(FONT, "", 9)
    pdf.cell(pdf.w - 105, 6, text.url, align="R")
    return bytes(pdf.output())


@transaction.atomic
def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, rendered into its `file` on first use and read back after."""
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("case__service", "case__municipality", "case__definition")
        .get(pk=certificate.pk)
    )
    stored = certificate.file.name
    if stored and certificate.file.storage.exists(stored):
        with certificate.file.open("rb") as handle:
            return bytes(handle.read())
    content = render_pdf(certificate_text(certificate), issued_at=certificate.issued_at)
    name = f"certificate-{certificate.verification_code}.pdf"
    certificate.file.save(name, ContentFile(content), save=False)
    certificate.save(update_fields=["file"])
    return content


__all__ = [
    "CertificateText",
    "certificate_facts",
    "certificate_pdf",
    "certificate_text",
    "qr_image",
    "render_pdf",
    "verification_url",
]
