"""The supervisory report as a PDF: Persian, right to left, Jalali dates, drawn charts.

fpdf2 writes the file in Python; its HarfBuzz text shaping (uharfbuzz) joins Persian
letters and orders mixed text right to left (common/pdf.py). Tables and charts are laid out
from the right margin leftwards, the way a Persian reader scans them.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

from shahrvand.analytics.decimals import distinct_decimals
from shahrvand.analytics.selectors.league import min_reports, prior_reports
from shahrvand.common.jalali import format_jalali
from shahrvand.common.pdf import FONT, prepare_persian

from .content import ReportContent
from .numbers import fa_int, fa_num, fa_pct

INK = (33, 37, 41)
MUTED = (108, 117, 125)
BAR = (13, 110, 153)
HEAD_FILL = (230, 240, 246)
ROW_H = 7.0


class ReportPdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        prepare_persian(self, title=title)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.report_title} — صفحهٔ {fa_int(self.page_no())}", align="C")

    # layout helpers -------------------------------------------------------------------
    @property
    def inner_width(self) -> float:
        return float(self.w - self.l_margin - self.r_margin)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", 12)
        self.set_text_color(*INK)
        self.cell(0, 8, text, align="R", new_x="LMARGIN", new_y="NEXT")

    def note(self, text: str) -> None:
        self.set_font(FONT, "", 9)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 5, text, align="R", new_x="LMARGIN", new_y="NEXT")

    def rtl_table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """Columns laid from the right margin leftwards; the header repeats on a new page."""
        scale = self.inner_width / sum(widths)
        cols = [w * scale for w in widths]

        def line(cells: Sequence[str], *, head: bool) -> None:
            if self.get_y() + ROW_H > self.page_break_trigger:
                self.add_page()
                if not head:
                    line(headers, head=True)
            self.set_font(FONT, "B" if head else "", 9)
            self.set_fill_color(*HEAD_FILL)
            self.set_text_color(*INK)
            x = self.w - self.r_margin
            y = self.get_y()
            for text, width in zip(cells, cols, strict=True):
                x -= width
                self.set_xy(x, y)
                self.cell(width, ROW_H, text, border=1, align="C" if head else "R", fill=head)
            self.set_xy(self.l_margin, y + ROW_H)

        line(headers, head=True)
        for row in rows:
            line(row, head=False)

    def bar_chart(self, items: Sequence[tuple[str, int]]) -> None:
        """Horizontal bars: the label on the right, the bar growing leftwards, the count at
        its end."""
        if not items:
            return
        top = max(v for _, v in items) or 1
        label_w, bar_max = 55.0, self.inner_width - 55.0 - 18.0
        right = self.w - self.r_margin
        self.set_font(FONT, "", 9)
        for label, value in items:
            if self.get_y() + 7 > self.page_break_trigger:
                self.add_page()
            y = self.get_y()
            self.set_text_color(*INK)
            self.set_xy(right - label_w, y)
            self.cell(label_w, 6, label, align="R")
            length = bar_max * value / top
            self.set_fill_color(*BAR)
            self.rect(right - label_w - 2 - length, y + 1, length, 4, style="F")
            self.set_xy(right - label_w - 2 - length - 18, y)
            self.cell(16, 6, fa_int(value), align="R")
            self.set_xy(self.l_margin, y + 7)

    def column_chart(self, items: Sequence[tuple[str, int]], height: float = 45.0) -> None:
        """Vertical bars in time order from right to left, labels below, counts above."""
        if not items:
            return
        if self.get_y() + height + 16 > self.page_break_trigger:
            self.add_page()
        top = max(v for _, v in items) or 1
        slot = self.inner_width / len(items)
        base = self.get_y() + height + 5
        self.set_draw_color(*MUTED)
        self.line(self.l_margin, base, self.w - self.r_margin, base)
        self.set_font(FONT, "", 7)
        for i, (label, value) in enumerate(items):
            x = self.w - self.r_margin - (i + 1) * slot
            bar_h = height * value / top
            self.set_fill_color(*BAR)
            self.rect(x + slot * 0.2, base - bar_h, slot * 0.6, bar_h, style="F")
            self.set_text_color(*INK)
            self.set_xy(x, base - bar_h - 5)
            self.cell(slot, 4, fa_int(value), align="C")
            self.set_text_color(*MUTED)
            self.set_xy(x, base + 1)
            self.cell(slot, 4, label, align="C")
        self.set_xy(self.l_margin, base + 8)


def render_pdf(content: ReportContent) -> bytes:
    pdf = ReportPdf(content.title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 10, content.title, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.note(
        f"بازهٔ گزارش: {format_jalali(content.month.first, with_time=False)} تا "
        f"{format_jalali(content.month.last, with_time=False)} — "
        f"تهیه‌شده در {format_jalali(content.generated_at)} — "
        f"داده‌ها تا {format_jalali(content.data_as_of) or 'نامعلوم'}"
    )

    pdf.heading("خلاصهٔ ماه")
    s = content.summary
    if s is None or s.received == 0:
        pdf.note("در این ماه گزارشی ثبت نشده است.")
    else:
        pdf.rtl_table(
            [
                "دریافتی",
                "بسته‌شده",
                "باز",
                "در مهلت",
                "میانهٔ زمان رسیدگی (ساعت)",
                "صدک ۹۰ (ساعت)",
                "رضایت (از ۵)",
            ],
            [
                [
                    fa_int(s.received),
                    fa_int(s.closed),
                    fa_int(s.open),
                    fa_pct(s.closed_within_deadline_pct),
                    fa_num(s.median_hours_to_resolve),
                    fa_num(s.p90_hours_to_resolve),
                    fa_num(s.satisfaction_avg),
                ]
            ],
            [1, 1, 1, 1, 1.6, 1.2, 1],
        )

    pdf.heading("روند هفتگی گزارش‌های دریافتی")
    pdf.column_chart([(w.label_fa, w.received) for w in content.weeks])

    pdf.heading("پرتکرارترین دسته‌ها")
    pdf.bar_chart([(c.label_fa, c.received) for c in content.categories])

    if content.municipalities:
        pdf.heading("مقایسهٔ شهرداری‌ها")
        # Enough decimals that two different cities never print the same rate.
        rate_digits = distinct_decimals([m.per_10k for m in content.municipalities])
        pdf.rtl_table(
            ["شهرداری", "دریافتی", "در ده هزار نفر", "در مهلت", "میانهٔ رسیدگی (ساعت)", "رضایت"],
            [
                [
                    m.label_fa,
                    fa_int(m.received),
                    fa_num(m.per_10k, rate_digits),
                    fa_pct(m.closed_within_deadline_pct),
                    fa_num(m.median_hours_to_resolve),
                    fa_num(m.satisfaction_avg),
                ]
                for m in content.municipalities
            ],
            [2.2, 1, 1.2, 1, 1.4, 0.9],
        )
    if content.departments:
        pdf.heading("کارنامهٔ واحدها و دستگاه‌ها")
        pdf.note(
            f"رتبه فقط برای واحدهای دارای دست‌کم {fa_int(min_reports())} گزارش؛ امتیاز رتبه‌بندی "
            f"= (n × امتیاز + {fa_int(prior_reports())} × میانگین شهرداری) ÷ "
            f"(n + {fa_int(prior_reports())})؛ کنار امتیاز، بازهٔ اطمینان ۹۵٪ آمده است."
        )
        pdf.rtl_table(
            [
                "رتبه",
                "واحد",
                "امتیاز رتبه‌بندی",
                "امتیاز (بازهٔ ۹۵٪)",
                "n",
                "در مهلت",
                "بازگشایی",
                "رضایت",
            ],
            [
                [
                    fa_int(d.rank) if d.rank else "بدون رتبه",
                    d.label_fa,
                    fa_num(d.shrunk_score),
                    f"{fa_num(d.score)} ({fa_num(d.low)} تا {fa_num(d.high)})"
                    if d.score is not None
                    else "—",
                    fa_int(d.kpi.received),
                    fa_pct(d.kpi.closed_within_deadline_pct),
                    fa_pct(d.kpi.reopen_rate, is_fraction=True),
                    fa_num(d.kpi.satisfaction_avg),
                ]
                for d in content.departments
            ],
            [0.8, 2.2, 1.0, 1.5, 0.6, 0.8, 0.8, 0.7],
        )
    if content.hotspots:
        pdf.heading("کانون‌های تکرار (سلول‌های H3)")
        pdf.rtl_table(
            ["دسته", "تعداد", "مورد انتظار", "مختصات مرکز سلول"],
            [
                [
                    h.name_fa,
                    fa_int(h.count),
                    fa_num(h.expected, 2),
                    fa_num(h.lat, 4) + "، " + fa_num(h.lon, 4),
                ]
                for h in content.hotspots
            ],
            [1.6, 0.8, 1, 1.6],
        )
    pdf.heading("هشدارهای جهش")
    if content.alerts:
        pdf.rtl_table(
            ["روز", "شهرداری", "دسته", "تعداد", "میانگین پایه", "وضعیت"],
            [
                [
                    format_jalali(a.day, with_time=False),
                    a.municipality,
                    a.category,
                    fa_int(a.observed),
                    fa_num(a.expected),
                    "بررسی‌شده" if a.acknowledged else "باز",
                ]
                for a in content.alerts
            ],
            [1, 1.4, 1.6, 0.7, 0.9, 0.9],
        )
    else:
        pdf.note("در این ماه هشداری ثبت نشد.")
    return bytes(pdf.output())
