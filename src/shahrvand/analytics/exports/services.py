"""Generating (and regenerating) a month's supervisory report into the archive."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from shahrvand.tenancy.models import Municipality

from .content import PROVINCE, JalaliMonth, gather
from .models import SupervisoryReport
from .pdf import render_pdf
from .xlsx import render_xlsx


@transaction.atomic
def supervisory_report_generate(
    *,
    municipality: Municipality | None,
    month: JalaliMonth,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> SupervisoryReport:
    """Render the month's PDF and XLSX and archive them (one row per scope and month; a
    regeneration replaces the files). Returns the archived report."""
    now = now or timezone.now()
    content = gather(municipality=municipality, month=month, now=now)
    pdf, xlsx = render_pdf(content), render_xlsx(content)
    scope = municipality.slug if municipality else PROVINCE
    report = (
        SupervisoryReport.objects.select_for_update()
        .filter(scope=scope, year=month.year, month=month.month)
        .first()
    )
    if report is None:
        report = SupervisoryReport(
            scope=scope, municipality=municipality, year=month.year, month=month.month
        )
    else:
        report.pdf.delete(save=False)
        report.xlsx.delete(save=False)
    report.generated_at = now
    report.generated_by = actor
    stem = f"shahrvand-{scope}-{month.key}"
    report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.save()
    return report
