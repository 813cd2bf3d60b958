"""The supervisory report as an XLSX workbook: one right-to-left sheet per table, Persian
headers, numbers stored as numbers (percentages as fractions formatted %), dates as dates;
every text cell stored as text, escaped against formula injection (common.spreadsheet)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from shahrvand.common.jalali import format_jalali
from shahrvand.common.spreadsheet import append_safe_row

from .content import ReportContent

Cell = str | int | float | dt.date | None
PCT = "0.0%"


def _pct(value: float | None) -> float | None:
    return None if value is None else value / 100


def _sheet(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    pct_columns: Sequence[int] = (),
) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.sheet_view.rightToLeft = True
    append_safe_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_safe_row(sheet, row)
    for col in pct_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = PCT
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(12, len(header) + 4)
    sheet.freeze_panes = "A2"
    return sheet


def render_xlsx(content: ReportContent) -> bytes:
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = "گزارش"
    info.sheet_view.rightToLeft = True
    append_safe_row(info, ["عنوان", content.title])
    append_safe_row(info, ["ماه", content.month.label_fa])
    append_safe_row(info, ["از", content.month.first])
    append_safe_row(info, ["تا", content.month.last])
    append_safe_row(
        info,
        [
            "تاریخ شمسی",
            f"{format_jalali(content.month.first, with_time=False)} تا "
            f"{format_jalali(content.month.last, with_time=False)}",
        ],
    )
    info.column_dimensions["B"].width = 60
    s = content.summary
    kpi_headers = [
        "دریافتی",
        "بسته‌شده",
        "باز",
        "در مهلت",
        "میانهٔ رسیدگی (ساعت)",
        "صدک ۹۰ رسیدگی (ساعت)",
        "نرخ بازگشایی",
        "میانگین رضایت",
    ]
    if s is not None:
        _sheet(
            book,
            "خلاصه",
            kpi_headers,
            [
                [
                    s.received,
                    s.closed,
                    s.open,
                    _pct(s.closed_within_deadline_pct),
                    s.median_hours_to_resolve,
                    s.p90_hours_to_resolve,
                    s.reopen_rate,
                    s.satisfaction_avg,
                ]
            ],
            pct_columns=(4, 7),
        )
    _sheet(
        book,
        "روند هفتگی",
        ["هفته", "از", "تا", "دریافتی", "بسته‌شده", "در مهلت"],
        [
            [w.label_fa, w.start, w.end, w.received, w.closed, _pct(w.closed_within_deadline_pct)]
            for w in content.weeks
        ],
        pct_columns=(6,),
    )
    _sheet(
        book,
        "دسته‌ها",
        ["کد استاندارد", "دسته", "دریافتی", "بسته‌شده", "در مهلت"],
        [
            [c.key, c.label_fa, c.received, c.closed, _pct(c.closed_within_deadline_pct)]
            for c in content.categories
        ],
        pct_columns=(5,),
    )
    if content.municipalities:
        _sheet(
            book,
            "شهرداری‌ها",
            ["شناسه", "شهرداری", "جمعیت", *kpi_headers, "در ده هزار نفر"],
            [
                [
                    m.key,
                    m.label_fa,
                    m.population,
                    m.received,
                    m.closed,
                    m.open,
                    _pct(m.closed_within_deadline_pct),
                    m.median_hours_to_resolve,
                    m.p90_hours_to_resolve,
                    m.reopen_rate,
                    m.satisfaction_avg,
                    m.per_10k,
                ]
                for m in content.municipalities
            ],
            pct_columns=(7, 10),
        )
    if content.departments:
        _sheet(
            book,
            "واحدها",
            [
                "رتبه",
                "واحد",
                "امتیاز رتبه‌بندی",
                "امتیاز",
                "کران پایین ۹۵٪",
                "کران بالای ۹۵٪",
                *kpi_headers,
            ],
            [
                [
                    d.rank,
                    d.label_fa,
                    d.shrunk_score,
                    d.score,
                    d.low,
                    d.high,
                    d.kpi.received,
                    d.kpi.closed,
                    d.kpi.open,
                    _pct(d.kpi.closed_within_deadline_pct),
                    d.kpi.median_hours_to_resolve,
                    d.kpi.p90_hours_to_resolve,
                    d.kpi.reopen_rate,
                    d.kpi.satisfaction_avg,
                ]
                for d in content.departments
            ],
            pct_columns=(10, 13),
        )
    _sheet(
        book,
        "کانون‌ها",
        ["سلول H3", "کد", "دسته", "تعداد", "مورد انتظار", "احتمال دُم پواسون", "عرض", "طول"],
        [
            [h.cell, h.code, h.name_fa, h.count, h.expected, h.p_value, h.lat, h.lon]
            for h in content.hotspots
        ],
    )
    _sheet(
        book,
        "هشدارها",
        ["روز", "شهرداری", "دسته", "تعداد", "میانگین پایه", "بررسی‌شده"],
        [
            [
                a.day,
                a.municipality,
                a.category,
                a.observed,
                a.expected,
                "بله" if a.acknowledged else "خیر",
            ]
            for a in content.alerts
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
