"""The default wording of every message, Persian first and English second.

The data migration copies these into MessageTemplate rows, which admins then edit; the
renderer also falls back to them when a row is missing or was broken outside the admin,
so a message is never lost to a template problem. Placeholders are listed in
templates.FIELDS. SMS bodies stay short: a Persian SMS part holds 70 characters.
"""

from __future__ import annotations

from typing import NamedTuple


class Default(NamedTuple):
    subject: str
    body: str


SMS = "sms"
EMAIL = "email"
IN_APP = "in_app"

# (key, channel) -> language -> wording
DEFAULTS: dict[tuple[str, str], dict[str, Default]] = {
    ("citizen.created", SMS): {
        "fa": Default(
            "",
            "{municipality}: گزارش شما ثبت شد.\nکد پیگیری: {tracking_code}\n"
            "پیگیری و ثبت نظر (پیوند را به کسی ندهید): {reporter_url}",
        ),
        "en": Default(
            "",
            "{municipality}: your report was registered.\n"
            "Tracking code: {tracking_code}\n"
            "Track it and give feedback (keep this link private): {reporter_url}",
        ),
    },
    ("citizen.status.assigned", SMS): {
        "fa": Default("", "گزارش {tracking_code} برای رسیدگی به {unit} ارجاع شد.\n{track_url}"),
        "en": Default("", "Report {tracking_code} was assigned to {unit}.\n{track_url}"),
    },
    ("citizen.status.forwarded_external", SMS): {
        "fa": Default("", "گزارش {tracking_code} برای رسیدگی به {unit} فرستاده شد.\n{track_url}"),
        "en": Default("", "Report {tracking_code} was forwarded to {unit}.\n{track_url}"),
    },
    ("citizen.status.on_hold", SMS): {
        "fa": Default("", "رسیدگی به گزارش {tracking_code} موقتاً متوقف شد: {note}\n{track_url}"),
        "en": Default("", "Work on report {tracking_code} is on hold: {note}\n{track_url}"),
    },
    ("citizen.status.rejected", SMS): {
        "fa": Default("", "گزارش {tracking_code} رد شد: {note}\n{track_url}"),
        "en": Default("", "Report {tracking_code} was rejected: {note}\n{track_url}"),
    },
    ("citizen.status.duplicate", SMS): {
        "fa": Default(
            "",
            "گزارش {tracking_code} با گزارش {parent_tracking_code} درباره همین مشکل یکی شد؛ "
            "خبرهای آن را برای شما می‌فرستیم.\n{track_url}",
        ),
        "en": Default(
            "",
            "Report {tracking_code} was merged into report {parent_tracking_code} about the "
            "same problem; you will get its updates.\n{track_url}",
        ),
    },
    ("citizen.status.reopened", SMS): {
        "fa": Default("", "گزارش {tracking_code} دوباره باز شد و رسیدگی ادامه دارد.\n{track_url}"),
        "en": Default("", "Report {tracking_code} was reopened; work continues.\n{track_url}"),
    },
    ("citizen.status.closed", SMS): {
        "fa": Default(
            "", "گزارش {tracking_code} بسته شد. از همراهی شما سپاسگزاریم.\n{municipality}"
        ),
        "en": Default("", "Report {tracking_code} is closed. Thank you.\n{municipality}"),
    },
    ("citizen.resolved", SMS): {
        "fa": Default(
            "",
            "گزارش {tracking_code} رسیدگی شد: {note}\n"
            "اگر مشکل برطرف شده عدد ۱ و اگر نه عدد ۲ را پاسخ دهید، "
            "یا نظرتان را اینجا ثبت کنید:\n{feedback_url}",
        ),
        "en": Default(
            "",
            "Report {tracking_code} was resolved: {note}\n"
            "Reply 1 if the problem is fixed or 2 if it is not, or tell us here:\n{feedback_url}",
        ),
    },
    ("citizen.reply_help", SMS): {
        "fa": Default(
            "",
            "پاسخ شما را متوجه نشدیم. برای گزارش {tracking_code} اگر مشکل برطرف شده فقط "
            "عدد ۱ و اگر نه فقط عدد ۲ را بفرستید.\n{feedback_url}",
        ),
        "en": Default(
            "",
            "We did not understand your reply. For report {tracking_code} send just 1 if the "
            "problem is fixed or just 2 if it is not.\n{feedback_url}",
        ),
    },
}

_STAFF: dict[str, dict[str, Default]] = {
    "staff.assigned": {
        "fa": Default(
            "گزارش {tracking_code} به {unit} ارجاع شد",
            "گزارش {tracking_code} ({category}، {district}) به {unit} ارجاع شد.\n"
            "مهلت رسیدگی: {deadline}\nنشانی: {address}\n{staff_url}",
        ),
        "en": Default(
            "Report {tracking_code} assigned to {unit}",
            "Report {tracking_code} ({category}, {district}) was assigned to {unit}.\n"
            "Deadline: {deadline}\nAddress: {address}\n{staff_url}",
        ),
    },
    "staff.deadline_warning": {
        "fa": Default(
            "بیشتر مهلت گزارش {tracking_code} گذشته است",
            "بخش عمده مهلت رسیدگی به گزارش {tracking_code} ({category}) گذشته است.\n"
            "مهلت: {deadline}\n{staff_url}",
        ),
        "en": Default(
            "Report {tracking_code} is nearing its deadline",
            "Most of the time allowed for report {tracking_code} ({category}) has passed.\n"
            "Deadline: {deadline}\n{staff_url}",
        ),
    },
    "staff.deadline_breached": {
        "fa": Default(
            "مهلت گزارش {tracking_code} گذشت",
            "مهلت رسیدگی به گزارش {tracking_code} ({category}، {unit}) در {deadline} گذشت.\n"
            "{staff_url}",
        ),
        "en": Default(
            "Report {tracking_code} is past its deadline",
            "Report {tracking_code} ({category}, {unit}) passed its deadline at {deadline}.\n"
            "{staff_url}",
        ),
    },
    "staff.escalated": {
        "fa": Default(
            "گزارش {tracking_code} به مدیر سامانه ارجاع شد",
            "گزارش {tracking_code} ({category}، {unit}) با تأخیر جدی به مدیر سامانه "
            "ارجاع شد. مهلت: {deadline}\n{staff_url}",
        ),
        "en": Default(
            "Report {tracking_code} escalated",
            "Report {tracking_code} ({category}, {unit}) is seriously late and was escalated. "
            "Deadline: {deadline}\n{staff_url}",
        ),
    },
    "staff.disputed": {
        "fa": Default(
            "شهروند رسیدگی به گزارش {tracking_code} را نپذیرفت",
            "شهروند رسیدگی به گزارش {tracking_code} ({category}) را نپذیرفت و گزارش دوباره "
            "باز شد.\nتوضیح: {note}\n{staff_url}",
        ),
        "en": Default(
            "The citizen disputed the resolution of report {tracking_code}",
            "The citizen did not accept the resolution of report {tracking_code} ({category}); "
            "it was reopened.\nComment: {note}\n{staff_url}",
        ),
    },
}
for _key, _wording in _STAFF.items():
    DEFAULTS[(_key, EMAIL)] = _wording
    DEFAULTS[(_key, IN_APP)] = _wording

LANGUAGES = ("fa", "en")
