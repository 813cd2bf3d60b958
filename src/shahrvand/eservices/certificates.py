"""The certificate of an approved case as a PDF: Persian text shaped with HarfBuzz, a
verification code and a QR code of the public check page /verify/<code>.

fpdf2 lays out the page; with text shaping on (uharfbuzz) Persian letters join and runs
read right to left. The font is Vazirmatn's TrueType file, copied from npm into
build/vendor by `make assets` (the web pages use the same family). The PDF states only
what the certificate certifies: the service, the municipality, the holder's name, the
case and verification codes, the issue date and the facts the process marks for the
certificate in its definition's `certificate` section (definitions/certificate.py): the
holder's PDF prints all of them, the public check only those marked public, with the
holder by initials. Never the phone number or the uploaded documents.

The PDF is signed with the municipality's key (PAdES; signing.py), so it can be checked
offline as well as on the verify page. The page is rendered with its dates set to the
issue time, signed when first asked for, and kept in the certificate's `file`: later
downloads return the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import jdatetime
import segno
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF
from PIL import Image

from shahrvand.common.jalali import format_jalali_long
from shahrvand.common.pdf import FONT, prepare_persian
from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.definitions.certificate import CertificateField, certificate_fields
from shahrvand.eservices.definitions.labels import enum_label
from shahrvand.eservices.models import Case, Certificate
from shahrvand.eservices.signing import sign_pdf
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


def rials(amount: int) -> str:
    """'۱۲٬۵۰۰٬۰۰۰ ریال'."""
    return to_persian_digits(f"{amount:,}".replace(",", "٬")) + " ریال"


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


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    public: bool


def _add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` Jalali months (the last day of a shorter month when needed)."""
    j = jdatetime.date.fromgregorian(date=day)
    index = j.year * 12 + (j.month - 1) + months
    year, month = divmod(index, 12)
    for last in range(j.day, min(j.day, 29) - 1, -1):
        try:
            result: dt.date = jdatetime.date(year, month + 1, last).togregorian()
        except ValueError:
            continue
        return result
    raise ValueError(day)


def _fact_value(
    field: CertificateField, case: Case, issued_at: dt.datetime, steps: dict[str, Any]
) -> str:
    if field.text:
        return field.text
    if field.computed == "valid_until":
        return format_jalali_long(_add_months(timezone.localdate(issued_at), field.months))
    if field.computed == "fee_paid":
        return rials(case.fee_amount) if case.fee_amount else ""
    if field.step:
        answers = steps.get(field.step)
        data = answers if isinstance(answers, dict) else {}
        schema = case.definition.step_spec(field.step).get("form")
    else:
        data, schema = case.form_data, case.definition.definition.get("form")
    form: dict[str, Any] = schema if isinstance(schema, dict) else {}
    value = data.get(field.answer)
    if value in (None, ""):
        return ""
    prop = (form.get("properties") or {}).get(field.answer)
    return _value_text(prop if isinstance(prop, dict) else {}, value)


def certificate_facts(case: Case, *, issued_at: dt.datetime) -> list[Fact]:
    """The facts the process declares for its certificate (definitions/certificate.py),
    each with its value as printed and whether the public check shows it. A field with
    no value (an optional answer left empty, no default) is left out."""
    fields = certificate_fields(case.definition.definition)
    steps = dict(case.steps.values_list("key", "form_data")) if any(f.step for f in fields) else {}
    facts = []
    for field in fields:
        value = _fact_value(field, case, issued_at, steps) or field.default
        if value:
            suffix = f" {field.unit}" if field.unit else ""
            facts.append(Fact(field.label, value + suffix, field.public))
    return facts


def initials(name: str) -> str:
    """'علی رضایی' → 'ع. ر.': enough to match the paper in hand, not a name to collect."""
    words = [w for w in name.replace("\u200c", " ").split() if w]
    return " ".join(f"{w[0]}." for w in words)


def certificate_text(certificate: Certificate, *, public: bool = False) -> CertificateText:
    """What the certificate states. `public=True` is the public check page's share: the
    holder by initials and only the facts the process marks public."""
    case = certificate.case
    facts = certificate_facts(case, issued_at=certificate.issued_at)
    holder = case.applicant_name.strip()
    return CertificateText(
        title=f"گواهی {case.service.name_fa}",
        municipality=f"شهرداری {to_persian_digits(case.municipality.name_fa)}",
        service=case.service.name_fa,
        holder=(initials(holder) if public else holder) or "—",
        tracking_code=to_persian_digits(case.tracking_code),
        verification_code=certificate.verification_code,
        issued=format_jalali_long(certificate.issued_at),
        facts=[(f.label, f.value) for f in facts if f.public or not public],
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
    # A permit states a dozen facts or more: a tighter table keeps it on one page.
    line, size = (9.0, 12) if len(rows) <= 10 else (7.5, 11)
    for label, value in rows:
        # Right to left: the label sits at the right edge, the value to its left.
        pdf.set_x(pdf.w - pdf.r_margin - label_w)
        pdf.set_font(FONT, "B", size)
        y = pdf.get_y()
        pdf.cell(label_w, line, f"{label}:", align="R")
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(width - label_w, line, value, align="R", new_x="LMARGIN", new_y="NEXT")

    # The check box: code and QR at the foot of the page (of the next, if the facts run long).
    top = max(pdf.h - 85, pdf.get_y() + 4)
    if top + 60 > pdf.h - 12:
        pdf.add_page()
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(0.8)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
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
        "این گواهی با امضای دیجیتال شهرداری امضا شده است. برای بررسی اصالت، کد QR را با "
        "تلفن همراه بخوانید یا نشانی زیر را باز کنید:",
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
    """The certificate's PDF, rendered and signed with the municipality's key into its
    `file` on first use and read back after. Raises SigningKeyMissing where no key is
    installed and demo keys are off (production): nothing unsigned is issued."""
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("case__service", "case__municipality", "case__definition")
        .get(pk=certificate.pk)
    )
    stored = certificate.file.name
    if stored and certificate.file.storage.exists(stored):
        with certificate.file.open("rb") as handle:
            return bytes(handle.read())
    case = certificate.case
    content = sign_pdf(
        render_pdf(certificate_text(certificate), issued_at=certificate.issued_at),
        municipality=case.municipality,
        reason=f"گواهی {case.service.name_fa}، پروندهٔ {case.tracking_code}",
    )
    name = f"certificate-{certificate.verification_code}.pdf"
    certificate.file.save(name, ContentFile(content), save=False)
    certificate.save(update_fields=["file"])
    return content


__all__ = [
    "CertificateText",
    "Fact",
    "certificate_facts",
    "certificate_pdf",
    "certificate_text",
    "initials",
    "qr_image",
    "render_pdf",
    "verification_url",
]
