"""The province view: every municipality side by side on every KPI, counts normalised
per 10,000 residents (supervisor, and municipality admins read-only — decision 0008)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from shahrvand.analytics.selectors.kpis import province_comparison
from shahrvand.analytics.selectors.types import KpiRow
from shahrvand.tenancy.access import sees_every_municipality, staff_required

from . import charts
from .access import require_province_view
from .cards import (
    KPI_COLUMNS,
    Cell,
    column_definitions,
    distinct_decimals,
    fa_fixed,
    fa_number,
    kpi_cells,
)
from .chart_data import Chart, Series
from .charts import Scope
from .common import csv_base, page_context, period_of
from .csvfile import csv_response

# Counts are divided by the population so that cities of any size compare.
PER_10K: list[tuple[str, str]] = [
    ("received", "دریافتی در ۱۰ هزار نفر"),
    ("open", "باز در ۱۰ هزار نفر"),
    ("closed", "بسته‌شده در ۱۰ هزار نفر"),
]


def per_10k(row: KpiRow, attr: str) -> float | None:
    """A count of `row` per 10,000 residents; None without a recorded population."""
    if not row.population:
        return None
    return round(int(getattr(row, attr)) * 10_000 / row.population, 4)


@dataclass(frozen=True)
class ProvinceLine:
    slug: str
    name: str
    population: Cell
    rates: list[Cell]
    kpis: list[Cell]


def province_lines(rows: list[KpiRow]) -> list[ProvinceLine]:
    """Each rate column is shown with as many decimals as it needs for two different
    cities never to print the same (cards.distinct_decimals), with the Persian «٫»."""
    decimals = {attr: distinct_decimals([per_10k(r, attr) for r in rows]) for attr, _ in PER_10K}
    lines = []
    for r in rows:
        rates = []
        for attr, _ in PER_10K:
            v = per_10k(r, attr)
            rates.append(
                Cell("—", "") if v is None else Cell(fa_fixed(v, decimals[attr]), f"{v:.4f}")
            )
        lines.append(
            ProvinceLine(
                slug=r.municipality_slug or r.key,
                name=r.label_fa,
                population=Cell(fa_number(r.population), str(r.population or "")),
                rates=rates,
                kpis=kpi_cells(r),
            )
        )
    return lines


def province_table_chart(rows: list[KpiRow]) -> Chart:
    """Every KPI of every municipality, for the CSV download of the comparison table."""
    return Chart(
        key="province-table",
        definition="per_10k",
        title="مقایسه شهرداری‌ها",
        kind="table",
        label_header="شهرداری",
        labels=[r.label_fa for r in rows],
        series=[
            Series("جمعیت", [r.population for r in rows]),
            *(Series(name, [per_10k(r, attr) for r in rows]) for attr, name in PER_10K),
            *(Series(name, [getattr(r, attr) for r in rows]) for attr, name, _ in KPI_COLUMNS),
        ],
        extra=[("slug", [r.municipality_slug or r.key for r in rows])],
    )


@staff_required
def province(request: HttpRequest) -> HttpResponse:
    profile = require_province_view(request)
    period = period_of(request)
    rows = province_comparison(date_from=period.start, date_to=period.end)
    context = page_context(
        request,
        period=period,
        section="province",
        municipality=profile.municipality,
        csv_base=csv_base("analytics:province_csv"),
        lines=province_lines(rows),
        own_slug=profile.municipality.slug if profile.municipality else "",
        can_open_dashboards=sees_every_municipality(profile),
        rate_headers=[name for _, name in PER_10K],
        kpi_headers=[name for _, name, _ in KPI_COLUMNS],
        column_definitions=column_definitions(),
        per_10k_definition=("در ۱۰ هزار نفر", "per_10k"),
        chart=charts.province(Scope(None, period)),
    )
    return render(request, "analytics/province.html", context)


@staff_required
def province_csv(request: HttpRequest, key: str) -> HttpResponse:
    require_province_view(request)
    period = period_of(request)
    if key == "province-table":
        chart = province_table_chart(
            province_comparison(date_from=period.start, date_to=period.end)
        )
    elif key == "province":
        chart = charts.province(Scope(None, period))
    else:
        raise Http404("این نمودار پیدا نشد.")
    name = f"province-{key}-{period.start}-{period.end}.csv"
    return csv_response(name, chart.csv_header(), chart.csv_rows())
