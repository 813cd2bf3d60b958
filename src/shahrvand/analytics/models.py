"""Rollup tables: what the dashboards read instead of the raw reports.

Every report is counted in the partition (local day it was received, municipality).
A partition's rows are always replaced as a whole (delete + insert in one transaction),
so a rebuild is idempotent. Definitions of each counter: docs/kpis.md.

- `DailyRollup`: the fine grain, day × municipality × district × unit (department or
  outside agency) × standard code × channel.
- `DailyCube` / `MonthlyCube`: the same counters with one dimension at a time (none, unit,
  standard, district, channel); monthly rows are Jalali months. Rows with no municipality
  are province totals of the dimensions whose keys are shared by all municipalities
  (none, standard, channel), so province-wide questions read 1/46 of the rows. A date
  range is answered from monthly rows for whole Jalali months and daily rows at the edges.
- `HexDaily` / `HexMonthly`: report counts per H3 cell (heat-map resolution), per
  standard code and for all codes together (`standard_code == ""`).
"""

from __future__ import annotations

from django.db import models

from shahrvand.tenancy.models import Municipality


class Dimension(models.TextChoices):
    NONE = "none", "همه"
    UNIT = "unit", "واحد / دستگاه"
    STANDARD = "standard", "دسته استاندارد"
    DISTRICT = "district", "منطقه"
    CHANNEL = "channel", "کانال"


# Dimensions whose keys mean the same in every municipality: these get province totals.
PROVINCE_DIMENSIONS = frozenset(
    {Dimension.NONE.value, Dimension.STANDARD.value, Dimension.CHANNEL.value}
)


class KpiCounts(models.Model):
    """The additive counters of one group of reports; percentiles come from histograms
    (bucket index → count, see analytics/histogram.py), which add up exactly."""

    received = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    with_deadline = models.PositiveIntegerField(default=0)
    within_deadline = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    reopen_base = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    feedback = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    auto_categorised = models.PositiveIntegerField(default=0)
    corrected = models.PositiveIntegerField(default=0)
    digital = models.PositiveIntegerField(default=0)
    resolve_hist = models.JSONField(default=dict)
    response_hist = models.JSONField(default=dict)

    class Meta:
        abstract = True


class DailyRollup(KpiCounts):
    day = models.DateField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    district_id = models.IntegerField(null=True)
    department_id = models.IntegerField(null=True)
    agency_id = models.IntegerField(null=True)
    standard_code = models.CharField(max_length=32)
    channel = models.CharField(max_length=8)

    class Meta:
        indexes = [models.Index(fields=["municipality", "day"], name="an_daily_muni_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.municipality_id}"


class DailyCube(KpiCounts):
    day = models.DateField()
    # NULL: the province total (dimensions none, standard and channel only).
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, related_name="+"
    )
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["dimension", "day", "municipality"], name="an_dcube_dim_day"),
            models.Index(fields=["municipality", "day"], name="an_dcube_muni_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.municipality_id} {self.dimension}={self.key}"


class MonthlyCube(KpiCounts):
    """`month` is the Gregorian date of the first day of a Jalali month."""

    month = models.DateField()
    # NULL: the province total (dimensions none, standard and channel only).
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, related_name="+"
    )
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["dimension", "month", "municipality"], name="an_mcube_dim_month"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "municipality", "dimension", "key"], name="an_mcube_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.municipality_id} {self.dimension}={self.key}"


class HexDaily(models.Model):
    day = models.DateField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    standard_code = models.CharField(max_length=32, blank=True)
    cell = models.CharField(max_length=16)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["standard_code", "day", "municipality"], name="an_hexd_std_day"),
            models.Index(fields=["municipality", "day"], name="an_hexd_muni_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.cell}: {self.count}"


class HexMonthly(models.Model):
    month = models.DateField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    standard_code = models.CharField(max_length=32, blank=True)
    cell = models.CharField(max_length=16)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["standard_code", "month", "municipality"], name="an_hexm_std"),
            models.Index(fields=["municipality", "month"], name="an_hexm_muni"),
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.cell}: {self.count}"


class RollupState(models.Model):
    """One row: the `updated_at` watermark up to which reports have been rolled up."""

    name = models.CharField(max_length=40, unique=True)
    watermark = models.DateTimeField(null=True)
    last_run_at = models.DateTimeField(null=True)
    last_partitions = models.PositiveIntegerField(default=0)
    # A fresh random token written in the same transaction as every change of the rollup
    # rows: cached reads are keyed by it (analytics/cache.py), so they are never stale.
    generation = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.watermark}"
