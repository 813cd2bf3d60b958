"""The archive of monthly supervisory reports (files kept through Django storage)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from shahrvand.common.jalali import MONTHS_FA
from shahrvand.common.persian import to_persian_digits
from shahrvand.tenancy.models import Municipality


def report_path(instance: SupervisoryReport, filename: str) -> str:
    return f"supervisory/{instance.scope}/{filename}"


class SupervisoryReport(models.Model):
    """One month of one municipality (or of the province: municipality None, scope
    "province"). Regenerating a month replaces its files; the row stays one per month."""

    scope = models.SlugField(help_text='municipality slug, or "province"')
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(help_text="Jalali year")
    month = models.PositiveSmallIntegerField(help_text="Jalali month 1–12")
    pdf = models.FileField(upload_to=report_path, max_length=200)
    xlsx = models.FileField(upload_to=report_path, max_length=200)
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-month", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year", "month"], name="supervisory_one_per_scope_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}-{self.month:02d}"

    @property
    def month_label_fa(self) -> str:
        return f"{MONTHS_FA[self.month - 1]} {to_persian_digits(self.year)}"

    @property
    def month_key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
