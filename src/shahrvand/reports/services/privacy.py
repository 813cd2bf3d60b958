"""Personal data of reporters: shown to staff masked, in full only on purpose, and logged."""

from __future__ import annotations

from django.contrib.auth.models import User

from shahrvand.common.persian import mask_phone
from shahrvand.reports.models import PersonalDataAccess, Report


def masked_phone(report: Report) -> str:
    return mask_phone(report.reporter_phone) if report.reporter_phone else ""


def reveal_reporter(*, report: Report, user: User, channel: str) -> dict[str, str]:
    """The reporter's name and phone in full; the view is recorded (only if there is any)."""
    shown = {"reporter_name": report.reporter_name, "reporter_phone": report.reporter_phone}
    fields = ",".join(name for name, value in shown.items() if value)
    if fields:
        PersonalDataAccess.objects.create(report=report, user=user, channel=channel, fields=fields)
    return shown
