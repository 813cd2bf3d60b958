"""The public transparency page of a municipality: each department's and agency's KPIs,
open to anyone. Only aggregates from the rollups: no report, no person, no place."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from shahrvand.analytics.selectors.kpis import kpis
from shahrvand.tenancy.models import Municipality

from . import charts
from .access import public_municipality
from .cards import KPI_COLUMNS, column_definitions, kpi_cards, kpi_cells
from .chart_data import Chart, Series
from .charts import Scope
from .common import csv_base, page_context, period_of
from .csvfile import csv_response


def department_table_chart(municipality: Municipality, scope: Scope) -> Chart:
    p = scope.period
    rows = kpis(municipality=municipality, date_from=p.start, date_to=p.end, group_by="department")
    return Chart(
        key="departments-table",
        definition="units",
        title="شاخص‌های هر واحد",
        kind="table",
        label_header="واحد / دستگاه",
        labels=[r.label_fa for r in rows],
        series=[Series(name, [getattr(r, attr) for r in rows]) for attr, name, _ in KPI_COLUMNS],
        extra=[("key", [r.key for r in rows])],
    )


def public(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = public_municipality(slug)
    period = period_of(request)
    scope = Scope(municipality, period)
    p = scope.period
    rows = kpis(municipality=municipality, date_from=p.start, date_to=p.end, group_by="department")
    overall = kpis(municipality=municipality, date_from=p.start, date_to=p.end)[0]
    context = page_context(
        request,
        period=period,
        section="public",
        municipality=municipality,
        csv_base=csv_base("analytics:public_csv", slug),
        staff=False,
        cards=kpi_cards(overall),
        headers=[name for _, name, _ in KPI_COLUMNS],
        column_definitions=column_definitions(),
        units_definition=("واحد / دستگاه", "units"),
        lines=[(r.label_fa, r.key.startswith("agency:"), kpi_cells(r)) for r in rows],
        charts={c.key: c for c in (charts.departments(scope), charts.trend(scope))},
    )
    return render(request, "analytics/public.html", context)


def public_csv(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    municipality = public_municipality(slug)
    period = period_of(request)
    scope = Scope(municipality, period)
    if key == "departments-table":
        chart = department_table_chart(municipality, scope)
    elif key in charts.PUBLIC_CHARTS:
        chart = charts.PUBLIC_CHARTS[key](scope)
    else:
        raise Http404("این نمودار پیدا نشد.")
    name = f"{slug}-{key}-{period.start}-{period.end}.csv"
    return csv_response(name, chart.csv_header(), chart.csv_rows())
