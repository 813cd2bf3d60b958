"""The municipality dashboard, the league table and the department scorecard (staff)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from shahrvand.analytics.selectors import rollup_freshness
from shahrvand.analytics.selectors.kpis import kpis
from shahrvand.analytics.selectors.league import min_reports, prior_reports, weights
from shahrvand.analytics.selectors.types import KpiRow, ScoreRow
from shahrvand.common.jalali import format_jalali
from shahrvand.tenancy.access import current_staff, staff_required
from shahrvand.tenancy.models import Department, ExternalAgency, Municipality
from shahrvand.tenancy.selectors import agencies_visible_to, departments_visible_to

from . import charts
from .access import municipality_for
from .cards import Cell, fa_number, kpi_cards
from .chart_data import Chart, Series
from .charts import Scope
from .common import csv_base, page_context, period_of
from .csvfile import csv_response

# Persian names of the composite score's components (selectors.league.components).
COMPONENTS_FA: dict[str, str] = {
    "within_deadline": "رسیدگی در مهلت",
    "closure": "نسبت بسته‌شده به دریافتی",
    "reopen": "بازگشایی نشدن",
    "acceptance": "پذیرش پاسخ از سوی شهروند",
    "satisfaction": "رضایت شهروند",
}
UNIT_RE = re.compile(r"^(department|agency)-(\d+)$")


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """Staff land on their municipality's dashboard; the province supervisor on the province."""
    profile = current_staff(request)
    if profile.municipality is None:
        return redirect("analytics:province")
    return redirect("analytics:dashboard", slug=profile.municipality.slug)


def _overall(scope: Scope) -> KpiRow:
    p = scope.period
    return kpis(
        municipality=scope.municipality,
        date_from=p.start,
        date_to=p.end,
        group_by="none",
        unit=scope.unit,
    )[0]


@staff_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    period = period_of(request)
    scope = Scope(municipality, period)
    built = [
        charts.MUNICIPALITY_CHARTS[k](scope)
        for k in ("trend", "compliance", "backlog", "categories", "channels")
    ]
    context = page_context(
        request,
        period=period,
        section="dashboard",
        municipality=municipality,
        csv_base=csv_base("analytics:csv", slug),
        cards=kpi_cards(_overall(scope)),
        charts={c.key: c for c in built},
        refreshed_at=format_jalali(rollup_freshness()),
    )
    return render(request, "analytics/dashboard.html", context)


def component_labels() -> list[tuple[str, str, str]]:
    """(key, Persian name, weight as a Persian percentage) of each score component."""
    w = weights()
    total = sum(w.values()) or 1.0
    return [
        (key, COMPONENTS_FA.get(key, key), fa_number(w[key] * 100 / total, digits=0) + "٪")
        for key in w
    ]


@dataclass(frozen=True)
class LeagueLine:
    """A league table row ready for the template (Persian text + sort values)."""

    rank: int | None
    key: str
    kind: str
    label_fa: str
    unit_slug: str
    shrunk_text: str
    shrunk_value: str
    score_text: str
    score_value: str
    interval_text: str
    component_cells: list[Cell]
    received: int
    received_text: str


def _cell(value: float | None) -> Cell:
    return Cell("—", "") if value is None else Cell(fa_number(value), f"{value:.2f}")


def interval_text(bounds: tuple[float | None, float | None] | tuple[float, float] | None) -> str:
    """'۵۲٫۱ تا ۸۸٫۴' (a 95 % interval on the 0–100 scale); '—' when unmeasurable."""
    if bounds is None or bounds[0] is None or bounds[1] is None:
        return "—"
    return f"{fa_number(bounds[0])} تا {fa_number(bounds[1])}"


def league_lines(rows: list[ScoreRow]) -> list[LeagueLine]:
    keys = list(weights())
    return [
        LeagueLine(
            rank=r.rank,
            key=r.key,
            kind=r.kind,
            label_fa=r.label_fa,
            unit_slug=url_unit(r.key),
            shrunk_text=_cell(r.shrunk_score).text,
            shrunk_value=_cell(r.shrunk_score).value,
            score_text=_cell(r.score).text,
            score_value=_cell(r.score).value,
            interval_text=interval_text((r.low, r.high)),
            component_cells=[_cell(r.components.get(k)) for k in keys],
            received=r.kpi.received,
            received_text=fa_number(r.kpi.received),
        )
        for r in rows
    ]


def ranking_context(rows: list[ScoreRow]) -> dict[str, str]:
    """The ranking's parameters in Persian, for the explanation above the table."""
    mean = next((r.prior_mean for r in rows if r.prior_mean is not None), None)
    return {
        "min_reports": fa_number(min_reports()),
        "prior_reports": fa_number(prior_reports()),
        "prior_mean": fa_number(mean),
    }


def league_table_chart(rows: list[ScoreRow]) -> Chart:
    """The league table as a CSV-only chart: rank (empty when unranked), unit, the shrunk
    score it is ranked by, the raw score with its 95 % interval, n and every component."""
    keys = list(weights())
    return Chart(
        key="league-table",
        definition="ranking",
        title="جدول رتبه‌بندی",
        kind="table",
        label_header="واحد / دستگاه",
        labels=[r.label_fa for r in rows],
        series=[
            Series("رتبه", [r.rank for r in rows]),
            Series("امتیاز رتبه‌بندی (تعدیل‌شده)", [r.shrunk_score for r in rows]),
            Series("امتیاز", [r.score for r in rows]),
            Series("کران پایین ۹۵٪", [r.low for r in rows]),
            Series("کران بالای ۹۵٪", [r.high for r in rows]),
            *(Series(COMPONENTS_FA.get(k, k), [r.components.get(k) for r in rows]) for k in keys),
            Series("دریافت‌شده (n)", [r.kpi.received for r in rows]),
            Series("بسته‌شده", [r.kpi.closed for r in rows]),
        ],
        extra=[
            ("key", [r.key for r in rows]),
            ("نوع", ["دستگاه بیرونی" if r.kind == "agency" else "واحد شهرداری" for r in rows]),
        ],
    )


@staff_required
def league(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    period = period_of(request)
    scope = Scope(municipality, period)
    rows = charts.league_rows(scope)
    context = page_context(
        request,
        period=period,
        section="league",
        municipality=municipality,
        csv_base=csv_base("analytics:csv", slug),
        rows=league_lines([r for r in rows if r.ranked]),
        unranked=league_lines([r for r in rows if not r.ranked]),
        ranking=ranking_context(rows),
        components=component_labels(),
        chart=charts.league(scope),
    )
    return render(request, "analytics/league.html", context)


def unit_of(request: HttpRequest, municipality: Municipality, unit: str) -> tuple[str, str, str]:
    """(selector key, Persian name, kind label) of a department or agency of `municipality`
    that the staff member may see."""
    match = UNIT_RE.match(unit)
    if not match:
        raise Http404("این واحد پیدا نشد.")
    kind, pk = match.group(1), int(match.group(2))
    profile = current_staff(request)
    units = (
        departments_visible_to(profile, within=municipality)
        if kind == "department"
        else agencies_visible_to(profile, within=municipality)
    )
    found: Department | ExternalAgency | None = units.filter(pk=pk).first()
    if found is None:
        raise Http404("این واحد پیدا نشد.")
    label = "دستگاه بیرونی" if kind == "agency" else "واحد شهرداری"
    return f"{kind}:{pk}", found.name_fa, label


def url_unit(key: str) -> str:
    return key.replace(":", "-")


@staff_required
def scorecard(request: HttpRequest, slug: str, unit: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    key, name, kind_label = unit_of(request, municipality, unit)
    period = period_of(request)
    scope = Scope(municipality, period, unit=key)
    league_rows = charts.league_rows(Scope(municipality, period))
    mine = next((r for r in league_rows if r.key == key), None)
    line = league_lines([mine])[0] if mine else None
    parts = []
    if mine is not None:
        for comp, cell in zip(
            component_labels(), line.component_cells if line else [], strict=True
        ):
            n = mine.component_n.get(comp[0], 0)
            band = mine.component_intervals.get(comp[0])
            parts.append((comp, cell, interval_text(band), fa_number(n)))
    built = [charts.UNIT_CHARTS[k](scope) for k in ("trend", "compliance", "backlog", "categories")]
    context = page_context(
        request,
        period=period,
        section="league",
        municipality=municipality,
        csv_base=csv_base("analytics:csv", slug),
        extra_query=f"unit={unit}",
        unit_name=name,
        unit_kind=kind_label,
        line=line,
        parts=parts,
        ranked=sum(1 for r in league_rows if r.ranked),
        ranking=ranking_context(league_rows),
        cards=kpi_cards(_overall(scope)),
        charts={c.key: c for c in built},
    )
    return render(request, "analytics/scorecard.html", context)


@staff_required
def chart_csv(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """CSV of one chart of the dashboard, the league table or a scorecard (`?unit=`)."""
    municipality = municipality_for(request, slug)
    period = period_of(request)
    unit = request.GET.get("unit", "")
    if unit:
        scope = Scope(municipality, period, unit=unit_of(request, municipality, unit)[0])
        builders = charts.UNIT_CHARTS
    else:
        scope = Scope(municipality, period)
        builders = charts.MUNICIPALITY_CHARTS
    if key == "league-table" and not unit:
        chart = league_table_chart(charts.league_rows(scope))
    elif key in builders:
        chart = builders[key](scope)
    else:
        raise Http404("این نمودار پیدا نشد.")
    prefix = f"{slug}-{url_unit(scope.unit)}" if scope.unit else slug
    name = f"{prefix}-{key}-{period.start}-{period.end}.csv"
    return csv_response(name, chart.csv_header(), chart.csv_rows())
