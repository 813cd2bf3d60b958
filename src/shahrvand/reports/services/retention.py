"""Retention: reporters of reports that ended long ago are anonymised.

A report closed, rejected or merged as a duplicate more than SHAHRVAND_RETENTION_DAYS ago
keeps its content, location, status and whole history, but loses the reporter's name and
phone, its followers (who are nothing but phone numbers) and the phone numbers in its SMS log.
Each run is logged with the number of reports it anonymised.

Other contexts keep personal data about reports too (notifications: the SMS log). They clear
their own rows through `register_anonymiser`, called from their AppConfig.ready, so this module
never imports them (decision 0031).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.workflow import Status

logger = logging.getLogger("shahrvand.retention")

ENDED = (Status.CLOSED, Status.REJECTED, Status.DUPLICATE)
BATCH = 500

Anonymiser = Callable[[list[int]], None]
_anonymisers: list[Anonymiser] = []


def register_anonymiser(anonymise: Anonymiser) -> None:
    """Add a function that clears its own context's personal data for the given report ids.

    It runs inside the same transaction as the report rows, so a batch is all or nothing.
    Registering the same function twice has no effect.
    """
    if anonymise not in _anonymisers:
        _anonymisers.append(anonymise)


def due_for_anonymisation(days: int) -> list[int]:
    cutoff = timezone.now() - timedelta(days=days)
    return list(
        Report.objects.annotate(ended_at=Coalesce("closed_at", "updated_at"))
        .filter(status__in=ENDED, ended_at__lt=cutoff, reporter_anonymised_at__isnull=True)
        .filter(~Q(reporter_phone="") | ~Q(reporter_name="") | Q(followers__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def _anonymise(ids: list[int]) -> None:
    now = timezone.now()
    Report.objects.filter(pk__in=ids).update(
        reporter_name="", reporter_phone="", reporter_phone_index="", reporter_anonymised_at=now
    )
    ReportFollower.objects.filter(report_id__in=ids).delete()
    for anonymise in _anonymisers:
        anonymise(ids)


def anonymise_ended_reports(days: int | None = None) -> int:
    """Anonymise every due report, in batches; return how many were anonymised."""
    days = settings.SHAHRVAND_RETENTION_DAYS if days is None else days
    if days <= 0:
        return 0
    ids = due_for_anonymisation(days)
    for start in range(0, len(ids), BATCH):
        _anonymise(ids[start : start + BATCH])
    logger.info(
        "retention: anonymised the reporters of %d reports ended over %d days ago", len(ids), days
    )
    return len(ids)
