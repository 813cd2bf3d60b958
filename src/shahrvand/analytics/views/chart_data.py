"""One chart = one set of numbers, drawn by ECharts and downloadable as CSV.

Every chart on every page is a `Chart` built by a function in `charts.py`; the page embeds
`Chart.payload()` as JSON for static/analytics/charts.js, and the CSV view writes
`Chart.csv_rows()` from the very same object, so the download is exactly what is drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

import jdatetime

from shahrvand.common.persian import to_persian_digits

from .cards import distinct_decimals, fa_fixed, fa_number

Number = int | float | None
Kind = Literal["line", "bar", "hbar", "pie", "stacked", "table"]  # table: CSV only


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Number]
    percent: bool = False  # drawn with a 0–100 axis and a % suffix


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: Kind
    label_header: str
    labels: list[str]  # what the axis shows (Persian)
    series: list[Series]
    # Extra leading CSV columns, one value per label (e.g. the ISO date of a week).
    extra: list[tuple[str, list[str]]] = field(default_factory=list)
    csv_labels: list[str] | None = None  # label column in the CSV when it differs
    note: str = ""
    definition: str = ""  # the key of its KPI definition (analytics/definitions.py)

    @property
    def data_id(self) -> str:
        return f"{self.key}-data"

    @property
    def empty(self) -> bool:
        return not self.labels or all(not any(s.values) for s in self.series)

    @property
    def integer(self) -> bool:
        return all(isinstance(v, int) or v is None for s in self.series for v in s.values)

    @property
    def decimals(self) -> int:
        """Decimals every value is shown with, so that different values look different."""
        if self.integer:
            return 0
        return distinct_decimals([v for s in self.series for v in s.values])

    def payload(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "integer": self.integer,
            "decimals": self.decimals,
            "labels": [to_persian_digits(label) for label in self.labels],
            "series": [
                {"name": s.name, "values": s.values, "percent": s.percent} for s in self.series
            ],
        }

    def csv_header(self) -> list[str]:
        return [self.label_header, *(h for h, _ in self.extra), *(s.name for s in self.series)]

    def csv_rows(self) -> list[list[str | Number]]:
        labels = self.csv_labels if self.csv_labels is not None else self.labels
        rows: list[list[str | Number]] = []
        for i, label in enumerate(labels):
            row: list[str | Number] = [label]
            row.extend(values[i] for _, values in self.extra)
            row.extend(s.values[i] for s in self.series)
            rows.append(row)
        return rows

    def table(self) -> list[tuple[str, list[str]]]:
        """Rows for the accessible data table under the chart (Persian digits)."""
        decimals = self.decimals
        return [
            (
                to_persian_digits(label),
                [_fa_number(s.values[i], s.percent, decimals) for s in self.series],
            )
            for i, label in enumerate(self.labels)
        ]


def _fa_number(value: Number, percent: bool, decimals: int) -> str:
    if value is None:
        return "—"
    text = fa_fixed(value, decimals) if isinstance(value, float) else fa_number(value)
    return f"{text}٪" if percent else text


def jalali_ascii(value: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def jalali_fa(value: dt.date) -> str:
    return to_persian_digits(jalali_ascii(value))
