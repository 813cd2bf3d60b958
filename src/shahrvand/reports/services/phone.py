"""A report taken by phone: the call centre registers it for the caller."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.models import User

from shahrvand.reports.models import Channel, Report
from shahrvand.tenancy.access import require_intake

from .intake import ReportInput, report_create


def report_register_by_phone(*, data: ReportInput, actor: User) -> Report:
    """Store the caller's report (channel «phone») on behalf of `actor`, an operator,
    dispatcher or admin of `data.municipality`; returns it. PermissionDenied for any other
    role or municipality; ReportError on bad input (nothing stored). Not wrapped in a
    transaction of its own: report_create is one, and removes its files if it fails."""
    require_intake(actor, municipality_id=data.municipality.pk)
    return report_create(data=dataclasses.replace(data, channel=Channel.PHONE), actor=actor)
