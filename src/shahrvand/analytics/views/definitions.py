"""The KPI definitions page: formula, what counts and the data behind every indicator, in
Persian, one anchor per KPI (analytics/definitions.py is the single source). Open to
anyone: it describes methods, not data, and the public transparency page links to it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from shahrvand.analytics import definitions
from shahrvand.analytics.selectors.league import min_reports, prior_reports
from shahrvand.common.persian import to_persian_digits


@dataclass(frozen=True)
class Shown:
    anchor: str
    name_fa: str
    name_en: str
    formula_fa: str
    counts_fa: str
    data_fa: str
    public: bool


def _fill(text: str) -> str:
    """The ranking's configured minimum and prior weight, in Persian digits."""
    return text.replace("{m}", to_persian_digits(prior_reports())).replace(
        "{min}", to_persian_digits(min_reports())
    )


def link(key: str) -> str:
    """The URL of one KPI's definition (raises KeyError for an unknown key)."""
    return f"{reverse('analytics:definitions')}#{definitions.get(key).anchor}"


def definitions_page(request: HttpRequest) -> HttpResponse:
    shown = [
        Shown(
            d.anchor,
            d.name_fa,
            d.name_en,
            _fill(d.formula_fa),
            _fill(d.counts_fa),
            d.data_fa,
            d.public,
        )
        for d in definitions.DEFINITIONS
    ]
    return render(request, "analytics/definitions.html", {"definitions": shown})
