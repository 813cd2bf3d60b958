"""Filling the rollup read cache after each refresh, so that the first visitor of a
dashboard after the refresh does not wait for the rollup rows to be added up.

The cache is keyed by the rollup generation and the SQL of each read (analytics.cache), so
the only reads that help are the ones the pages will make: the same chart builders and
KPI calls as the views, for the periods a page opens with (the presets of the period
picker: this Jalali month, the last three Jalali months, this Jalali year, all ending
today). Run by the periodic `analytics.refresh` task after `refresh_changed`; reads whose
answer is still cached cost one cache lookup. Explicit date ranges, unit scorecards and
the public API's own ranges are not warmed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from shahrvand.analytics.selectors.kpis import kpis, province_comparison
from shahrvand.tenancy.models import Municipality

from . import charts
from .charts import Scope
from .period import PRESETS, Period, default_granularity, preset_range, today

log = logging.getLogger(__name__)


def standard_periods(on: dt.date) -> list[Period]:
    """The periods the period picker's presets give on `on` (as the views parse them)."""
    periods = []
    for preset in PRESETS:
        start, end = preset_range(preset, on=on)
        periods.append(Period(start, end, default_granularity(start, end), preset))
    return periods


def prewarm(on: dt.date | None = None) -> int:
    """Make the reads of the municipality dashboards, league tables, public pages and the
    province view for every standard period; return how many reads were made."""
    started = time.perf_counter()
    reads = 0
    municipalities: list[Municipality | None] = [None]
    municipalities += list(Municipality.objects.filter(is_active=True).order_by("pk"))
    for period in standard_periods(on or today()):
        start, end = period.start, period.end
        for municipality in municipalities:
            scope = Scope(municipality, period)
            if municipality is None:
                builders = list(charts.PROVINCE_CHARTS.values())
                province_comparison(date_from=start, date_to=end)
            else:
                builders = [*charts.MUNICIPALITY_CHARTS.values(), charts.departments]
                # the public page's table
                kpis(municipality=municipality, date_from=start, date_to=end, group_by="department")
            kpis(municipality=municipality, date_from=start, date_to=end)  # the KPI cards
            for build in builders:
                build(scope)
            reads += len(builders) + 2
    log.info("analytics prewarm: %d reads in %.1f s", reads, time.perf_counter() - started)
    return reads
