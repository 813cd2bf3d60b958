"""Rendering messages from admin-editable templates with a safe formatter.

Templates use `{placeholder}` fields from FIELDS and nothing else: no attribute or index
access, no conversions or format specs, so an admin's template can never reach into
Python objects. Values are plain strings prepared here: Persian digits and Jalali dates
for Persian, ASCII digits and Gregorian dates for English; links stay ASCII.
"""

from __future__ import annotations

import datetime as dt
import logging
import string
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from shahrvand.common.errors import DomainError
from shahrvand.common.jalali import format_jalali
from shahrvand.common.persian import to_persian_digits
from shahrvand.reports import proof, tracking
from shahrvand.reports.models import Report
from shahrvand.reports.publication import AWAITING_CATEGORY_EN, AWAITING_CATEGORY_FA
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.links import public_url

from .defaults import DEFAULTS
from .models import MessageTemplate

log = logging.getLogger(__name__)

FIELDS: dict[str, str] = {
    "tracking_code": "کد پیگیری، در گروه‌های چهاررقمی",
    "category": "نام دسته گزارش",
    "municipality": "نام شهرداری",
    "status": "وضعیت گزارش",
    "note": "توضیح عمومی کارشناس یا شهروند (کوتاه‌شده)",
    "date": "زمان رویداد (تاریخ شمسی)",
    "deadline": "مهلت رسیدگی (تاریخ شمسی)",
    "unit": "واحد یا دستگاه مسئول",
    "district": "منطقه شهرداری",
    "address": "نشانی",
    "track_url": "پیوند صفحه پیگیری شهروند",
    "feedback_url": "پیوند ثبت نظر شهروند (#feedback)",
    "staff_url": "پیوند صفحه گزارش در میز کار کارکنان",
    "parent_tracking_code": "کد پیگیری گزارش اصلی (برای گزارش تکراری)",
    "reporter_url": "پیوند خصوصی گزارش‌دهنده برای ثبت نظر (فقط در پیامک ثبت گزارش)",
}
# Messages that go to the reporter alone: only these may carry the reporter's private link
# (decision 0032). Anywhere else {reporter_url} is left empty.
REPORTER_ONLY_KEYS = frozenset({"citizen.created"})
NOTE_LIMIT = 160


class TemplateError(DomainError):
    code = "invalid_template"


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def check(text: str) -> None:
    """Raise TemplateError unless every `{field}` in `text` is a known placeholder."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(
            "آکولادها جفت نیستند؛ برای نوشتن خودِ { یا } آن را دوبار بنویسید ({{ یا }}).",
            message_en=f"Unbalanced braces ({exc}); write {{{{ or }}}} for a literal brace.",
        ) from exc
    allowed = ", ".join("{" + name + "}" for name in FIELDS)
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS:
            raise TemplateError(
                f"جای‌نگهدار ناشناخته {{{name}}}. مجازها: {allowed}",
                message_en=f"Unknown placeholder {{{name}}}. Allowed: {allowed}",
            )
        if spec or conversion:
            raise TemplateError(
                f"در {{{name}}} قالب‌بندی یا تبدیل (: یا !) مجاز نیست.",
                message_en=f"Format specs and conversions are not allowed in {{{name}}}.",
            )


def fill(text: str, context: dict[str, str]) -> str:
    """Format `text` with `context` after checking it; unknown fields never reach Python."""
    check(text)
    values = {name: context.get(name, "") for name in FIELDS}
    return text.format_map(values).strip()


def language() -> str:
    """The language messages are written in: the site's, Persian unless English."""
    code = str(settings.LANGUAGE_CODE).split("-")[0]
    return code if code in ("fa", "en") else "fa"


def _when(value: dt.datetime | None, fa: bool) -> str:
    if value is None:
        return ""
    if fa:
        return format_jalali(value)
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"


def context_for(
    report: Report,
    *,
    lang: str,
    status: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> dict[str, str]:
    """The placeholder values for a message about `report` (status as of the event)."""
    fa = lang == "fa"

    def digits(value: str) -> str:
        return to_persian_digits(value) if fa else value

    code = tracking.display(report.tracking_code)
    track = reverse("citizen:track_report", args=[report.tracking_code])
    unit = report.assigned_agency or report.assigned_department
    parent = report.duplicate_of
    status_value = status or report.status
    category, municipality = report.category, report.municipality
    values = {
        "tracking_code": digits(code),
        # A low-confidence guess is not named to the citizen (decision 0039).
        "category": (AWAITING_CATEGORY_FA if fa else AWAITING_CATEGORY_EN)
        if report.awaiting_category
        else (category.name_fa if fa else (category.name_en or category.name_fa)),
        "municipality": municipality.name_fa
        if fa
        else (municipality.name_en or municipality.name_fa),
        "status": Status(status_value).label if fa else status_value.replace("_", " "),
        "note": _clip(note),
        "date": _when(at, fa),
        "deadline": _when(report.deadline, fa),
        "unit": (unit.name_fa if fa else (unit.name_en or unit.name_fa)) if unit else "",
        "district": digits(report.district.name_fa),
        "address": report.address,
        "track_url": public_url(municipality, track),
        "feedback_url": public_url(municipality, track) + "#feedback",
        "staff_url": public_url(
            municipality, reverse("backoffice:report_detail", args=[report.tracking_code])
        ),
        "parent_tracking_code": digits(tracking.display(parent.tracking_code)) if parent else "",
    }
    # Free text is stored with ASCII digits (input normalisation); a Persian message shows
    # it with Persian digits, as the pages do. Links stay ASCII.
    for name in ("category", "municipality", "unit", "note", "address"):
        values[name] = digits(values[name])
    return values


def reporter_context(key: str, report: Report, context: dict[str, str]) -> dict[str, str]:
    """`context` with the reporter's private link when message `key` goes to the reporter
    alone (REPORTER_ONLY_KEYS); unchanged otherwise."""
    if key not in REPORTER_ONLY_KEYS:
        return context
    track = reverse("citizen:track_report", args=[report.tracking_code])
    link = public_url(report.municipality, f"{track}?k={proof.link_token(report)}")
    return context | {"reporter_url": link}


TemplateRows = dict[tuple[str, str, str], MessageTemplate]


def all_templates() -> TemplateRows:
    """Every admin template by (key, channel, language): one query for a batch of events."""
    return {(t.key, t.channel, t.language): t for t in MessageTemplate.objects.all()}


def render(
    *, key: str, channel: str, lang: str, context: dict[str, str], known: TemplateRows | None = None
) -> Rendered:
    """The message `key` on `channel`: the admin's template in `lang`, else in Persian, else
    the built-in default. A template broken outside the admin is logged and skipped.
    `known`: the admin templates already read for this batch (all_templates)."""
    if known is None:
        known = {
            (row.key, row.channel, row.language): row
            for row in MessageTemplate.objects.filter(
                key=key, channel=channel, language__in=[lang, "fa"]
            )
        }
    rows = {language: known.get((key, channel, language)) for language in (lang, "fa")}
    defaults = DEFAULTS[(key, channel)]
    candidates = [rows.get(lang), rows.get("fa"), defaults.get(lang), defaults["fa"]]
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return Rendered(fill(candidate.subject, context), fill(candidate.body, context))
        except TemplateError:
            log.warning("message template %s/%s is invalid; using the next one", key, channel)
    raise TemplateError(f"no usable template for {key}/{channel}")
