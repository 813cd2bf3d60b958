# ruff: noqa: E501 -- this module is text: a Persian sentence is not wrapped mid-string.
"""Every KPI's definition, once: the in-product page (/analytics/definitions/, Persian),
the links from every card and chart, and the generated table in docs/kpis.md (English)
all read this registry, so they cannot drift apart (tests/analytics/ui/test_definitions.py).

`fields` names what a definition covers: attributes of `KpiRow` / `ScoreRow`
(selectors/types.py); a test fails when the selectors compute something no definition
covers. `public`: shown on the public transparency page (the others are staff-only).
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS_START = "<!-- kpi-definitions:start (generated from analytics/definitions.py) -->"
DOCS_END = "<!-- kpi-definitions:end -->"


@dataclass(frozen=True)
class Definition:
    key: str
    name_fa: str
    name_en: str
    formula_fa: str  # how it is computed
    counts_fa: str  # which reports count, and how
    data_fa: str  # the data behind it
    formula_en: str
    fields: tuple[str, ...] = ()
    public: bool = True

    @property
    def anchor(self) -> str:
        return f"kpi-{self.key}"


_ROLLUP = "جدول‌های تجمیعی روزانه و ماهانهٔ گزارش‌ها که هر چند دقیقه از روی گزارش‌ها و تاریخچهٔ آن‌ها بازسازی می‌شوند؛ هیچ گزارش یا اطلاعات شخصی در آن‌ها نیست."

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "received",
        "گزارش‌های دریافت‌شده",
        "Reports received",
        "شمار گزارش‌هایی که در بازه ثبت شده‌اند.",
        "هر گزارش، از هر کانالی (۱۳۷، پیامک، وب، اپ، API)، یک بار و در روز ثبتش شمرده می‌شود؛ تکراری‌ها هم شمرده می‌شوند.",
        _ROLLUP,
        "number of reports received in the period (cohort by local day received)",
        ("received",),
    ),
    Definition(
        "open",
        "گزارش‌های باز",
        "Open reports",
        "شمار گزارش‌های دریافت‌شده‌ای که هنوز در یکی از وضعیت‌های باز هستند.",
        "وضعیت‌های باز: ثبت‌شده، دسته‌بندی‌شده، ارجاع‌شده، در حال رسیدگی، ارجاع به دستگاه بیرونی، متوقف و بازگشایی‌شده.",
        _ROLLUP,
        "received reports still in an open status (workflow.OPEN_STATUSES)",
        ("open",),
    ),
    Definition(
        "closed",
        "گزارش‌های بسته‌شده",
        "Closed reports",
        "دریافت‌شده منهای باز.",
        "گزارش‌هایی که رسیدگی‌شده، بسته، ردشده یا تکراری‌اند.",
        _ROLLUP,
        "received − open (resolved, closed, rejected or duplicate)",
        ("closed",),
    ),
    Definition(
        "resolved",
        "گزارش‌های رسیدگی‌شده",
        "Reports resolved",
        "شمار گزارش‌های دریافت‌شده با وضعیت «رسیدگی‌شده» یا «بسته».",
        "ردشده‌ها و تکراری‌ها رسیدگی به حساب نمی‌آیند.",
        _ROLLUP,
        "received reports with status resolved or closed",
        ("resolved",),
    ),
    Definition(
        "within_deadline",
        "رسیدگی در مهلت",
        "% closed within deadline",
        "۱۰۰ × (رسیدگی‌شده‌هایی که پیش از مهلت رسیدگی شدند) ÷ (رسیدگی‌شده‌هایی که مهلت دارند).",
        "مهلت با ساعات اداری تقویم کاری شهرداری و تعطیلات رسمی شمرده می‌شود و زمان توقف گزارش به آن افزوده می‌شود؛ گزارش‌های فوری با ساعت واقعی.",
        _ROLLUP + " زمان رسیدگی از تاریخ ثبت تا تاریخ رسیدگی (یا بستن) گزارش است.",
        "100 × resolved on or before the deadline (business hours, holds added) / resolved with a deadline",
        ("closed_within_deadline_pct", "with_deadline", "within_deadline"),
    ),
    Definition(
        "median",
        "میانهٔ زمان رسیدگی",
        "Median time to resolve",
        "زمان رسیدگی هر گزارش رسیدگی‌شده (ساعت، از ثبت تا رسیدگی) را مرتب می‌کنیم؛ میانه عدد ⌈n/۲⌉ام است.",
        "فقط گزارش‌های رسیدگی‌شده. مقدار از هیستوگرام با خانه‌های ثابت خوانده می‌شود: خطا زیر ۲۴ ساعت حداکثر ۰٫۲۵ ساعت، تا یک هفته ۱ ساعت، تا ۶۰ روز ۱۲ ساعت.",
        _ROLLUP,
        "nearest-rank median of resolve hours (created → resolved/closed), from fixed-bucket histograms",
        ("median_hours_to_resolve",),
    ),
    Definition(
        "p90",
        "صدک ۹۰ زمان رسیدگی",
        "90th percentile time to resolve",
        "عدد ⌈۰٫۹ × n⌉ام از زمان‌های رسیدگی مرتب‌شده: ۹۰٪ گزارش‌ها در این زمان یا زودتر رسیدگی شدند.",
        "مانند میانه؛ بیش از ۶۰ روز «۶۰ روز یا بیشتر» گزارش می‌شود.",
        _ROLLUP,
        "nearest-rank 90th percentile of resolve hours",
        ("p90_hours_to_resolve",),
    ),
    Definition(
        "first_response",
        "میانهٔ زمان نخستین پاسخ",
        "Median time to first response",
        "میانهٔ (ثبت تا نخستین تغییر وضعیت از «ثبت‌شده») به ساعت.",
        "گزارش‌هایی که دست‌کم یک بار از وضعیت «ثبت‌شده» خارج شده‌اند.",
        _ROLLUP,
        "median of first_response_at − created_at in hours",
        ("first_response_median_hours",),
        public=False,
    ),
    Definition(
        "reopen_rate",
        "نرخ بازگشایی",
        "Reopen rate",
        "(گزارش‌هایی که ظرف ۳۰ روز پس از رسیدگی دوباره باز شدند) ÷ (گزارش‌هایی که دست‌کم یک بار رسیدگی شدند).",
        "بازگشایی گزارش ردشده یا تکراری شمرده نمی‌شود.",
        _ROLLUP + " از تاریخچهٔ وضعیت هر گزارش.",
        "reopened within 30 days of a resolution / resolved at least once",
        ("reopen_rate", "reopen_base", "reopened"),
    ),
    Definition(
        "acceptance",
        "پذیرش پاسخ از سوی شهروند",
        "Citizen acceptance rate",
        "(نظرهای «پذیرفتم») ÷ (همهٔ نظرهای شهروند دربارهٔ رسیدگی).",
        "هر نظر شهروند پس از رسیدگی یک رأی است.",
        _ROLLUP + " از رویدادهای نظر شهروند در تاریخچه.",
        "accepted verdicts / all verdicts",
        ("acceptance_rate", "feedback", "accepted"),
        public=False,
    ),
    Definition(
        "satisfaction",
        "رضایت شهروندان",
        "Mean satisfaction",
        "میانگین امتیاز رضایت (۱ تا ۵) گزارش‌هایی که امتیاز دارند.",
        "فقط گزارش‌هایی که شهروند به آن‌ها امتیاز داده است؛ شمار امتیازها کنار میانگین می‌آید.",
        _ROLLUP,
        "mean of satisfaction (1–5) over rated reports",
        ("satisfaction_avg", "satisfaction_count"),
    ),
    Definition(
        "duplicate_share",
        "سهم گزارش‌های تکراری",
        "Duplicate share",
        "(گزارش‌های تکراری) ÷ (دریافت‌شده).",
        "گزارشی که به گزارش دیگری پیوند خورده یا وضعیتش «تکراری» است.",
        _ROLLUP,
        "duplicates / received",
        ("duplicate_share",),
        public=False,
    ),
    Definition(
        "auto_categorised_share",
        "سهم دسته‌بندی خودکار",
        "Auto-categorised share",
        "(گزارش‌هایی که دسته‌بند خودکار هنگام ثبت دسته‌شان را تعیین کرد) ÷ (دریافت‌شده).",
        "فقط حدس‌های بالای آستانهٔ خودکار.",
        _ROLLUP,
        "categorised by the classifier at intake / received",
        ("auto_categorised_share",),
        public=False,
    ),
    Definition(
        "corrected_share",
        "سهم دسته‌بندی اصلاح‌شده",
        "Corrected share",
        "(گزارش‌هایی که کارمندی دسته‌شان را عوض کرد) ÷ (دریافت‌شده).",
        "هر گزارش یک بار، هر چند بار هم اصلاح شده باشد.",
        _ROLLUP,
        "category changed by a staff member / received",
        ("corrected_share",),
        public=False,
    ),
    Definition(
        "digital_share",
        "سهم کانال‌های دیجیتال",
        "Digital share",
        "(گزارش‌های وب، اپ و API) ÷ (دریافت‌شده).",
        "تلفن ۱۳۷ و پیامک دیجیتال شمرده نمی‌شوند.",
        _ROLLUP,
        "web + app + API / received",
        ("digital_share",),
        public=False,
    ),
    Definition(
        "per_10k",
        "گزارش در هر ۱۰ هزار نفر",
        "Reports per 10,000 residents",
        "دریافت‌شده × ۱۰٬۰۰۰ ÷ جمعیت.",
        "جمعیت ثبت‌شدهٔ شهرداری یا منطقه (استان: جمع شهرداری‌های فعال)؛ بدون جمعیت، «—». اعداد با دقتی نمایش داده می‌شوند که دو شهر متفاوت یکسان به نظر نرسند.",
        _ROLLUP + " جمعیت از اطلاعات پایهٔ شهرداری‌ها و مناطق.",
        "received × 10,000 / population (null when the population is unknown)",
        ("per_10k", "population"),
    ),
    Definition(
        "units",
        "واحد مسئول",
        "Responsible unit",
        "هر گزارش به دستگاه بیرونی‌ای که به آن ارجاع شده، وگرنه به واحد شهرداری مسئولش، وگرنه به «ارجاع‌نشده» تعلق دارد.",
        "برای هر واحد همان شاخص‌ها (دریافت‌شده، بسته‌شده، …) حساب می‌شود؛ ارجاع‌نشده‌ها در رتبه‌بندی نیستند.",
        _ROLLUP,
        "group: assigned agency, else assigned department, else unassigned",
    ),
    Definition(
        "trend",
        "روند دریافتی و بسته‌شده",
        "Trend",
        "دریافت‌شده و بسته‌شدهٔ گزارش‌هایی که در هر هفتهٔ شمسی (شنبه تا جمعه) یا هر ماه شمسی ثبت شدند.",
        "هر نقطه گزارش‌های ثبت‌شده در همان هفته یا ماه است، با وضعیت کنونی‌شان؛ هفته‌ها و ماه‌های لبه به بازه بریده می‌شوند.",
        _ROLLUP,
        "received and closed per Jalali week or month received",
    ),
    Definition(
        "backlog",
        "گزارش‌های باز به تفکیک عمر",
        "Backlog by age",
        "گزارش‌های باز امروز (از هر بازه‌ای) بر حسب عمر = امروز − روز ثبت، در گروه‌های ۰–۲، ۳–۷، ۸–۳۰، ۳۱–۹۰ و ۹۱+ روز.",
        "همهٔ گزارش‌های باز، مستقل از بازهٔ انتخاب‌شده.",
        _ROLLUP,
        "open reports (any period) by age in days: 0–2, 3–7, 8–30, 31–90, 91+",
        public=False,
    ),
    Definition(
        "categories",
        "پرتکرارترین دسته‌ها",
        "Top categories",
        "دریافت‌شده و بسته‌شده به تفکیک دستهٔ استاندارد، ده دستهٔ پرتکرار.",
        "دستهٔ استاندارد کشوری (قابل مقایسه میان شهرداری‌ها)، نه دستهٔ محلی.",
        _ROLLUP,
        "received and closed per standard code, ten most frequent",
        public=False,
    ),
    Definition(
        "channels",
        "سهم کانال‌های ثبت",
        "Channel mix",
        "سهم هر کانال (۱۳۷، پیامک، وب، اپ، API، …) از دریافت‌شده.",
        "کانالی که گزارش از آن ثبت شد.",
        _ROLLUP,
        "share of received per channel",
        public=False,
    ),
    Definition(
        "score",
        "امتیاز ترکیبی",
        "Composite score",
        "میانگین وزن‌دار پنج جزء روی مقیاس ۰ تا ۱۰۰: رسیدگی در مهلت (۳۵٪)، ۱۰۰ × بسته‌شده ÷ دریافت‌شده (۱۵٪)، ۱۰۰ × (۱ − نرخ بازگشایی) (۱۵٪)، ۱۰۰ × پذیرش پاسخ (۱۵٪)، ۲۵ × (رضایت − ۱) (۲۰٪).",
        "جزئی که داده ندارد کنار می‌رود و وزنش میان بقیه پخش می‌شود؛ وزن‌ها را مدیر فنی سامانه تنظیم می‌کند.",
        _ROLLUP,
        "weighted mean of five 0–100 components (35/15/15/15/20 by default) over the measurable ones",
        ("score", "components"),
        public=False,
    ),
    Definition(
        "interval",
        "بازهٔ اطمینان ۹۵٪ و n",
        "95 % interval and n",
        "برای هر جزء، بازهٔ ویلسون: (p + z²/۲n ± z·√(p(۱−p)/n + z²/۴n²)) ÷ (۱ + z²/n) با z = ۱٫۹۶؛ بازهٔ امتیاز ترکیبی میانگین وزن‌دار کران‌های پایین و بالای اجزاست.",
        "n هر جزء مخرج آن است (گزارش‌های دارای مهلت، دریافت‌شده، رسیدگی‌شده، نظرها، امتیازها)؛ n امتیاز ترکیبی شمار گزارش‌های دریافت‌شدهٔ واحد است. رضایت ۱ تا ۵ به سهم (رضایت − ۱) ÷ ۴ تبدیل می‌شود. بازهٔ پهن یعنی داده کم است.",
        _ROLLUP,
        "Wilson score interval (z = 1.96) per component; the composite's is the weighted mean of the component bounds",
        ("low", "high", "component_intervals", "component_n", "n"),
        public=False,
    ),
    Definition(
        "ranking",
        "رتبه‌بندی منصفانه",
        "Fair ranking",
        "امتیاز رتبه‌بندی = (n × امتیاز + m × میانگین شهرداری) ÷ (n + m)؛ n شمار گزارش‌های دریافت‌شدهٔ واحد، m = {m} و میانگین شهرداری میانگین امتیاز همهٔ واحدها با وزن شمار گزارش‌هایشان است. واحدها به ترتیب این امتیاز رتبه می‌گیرند.",
        "فقط واحدهایی که دست‌کم {min} گزارش در بازه دارند رتبه می‌گیرند؛ بقیه در بخش «بدون رتبه: گزارش کم» می‌آیند. واحدی با ۲ گزارش و امتیاز ۱۰۰ تقریباً به اندازهٔ میانگین شهرداری امتیاز می‌گیرد، نه ۱۰۰.",
        _ROLLUP,
        "units with ≥ min reports ranked by (n·score + m·mean)/(n + m); mean = report-weighted mean score of all units",
        ("rank", "shrunk_score", "prior_mean", "ranked"),
        public=False,
    ),
)
BY_KEY: dict[str, Definition] = {d.key: d for d in DEFINITIONS}


def get(key: str) -> Definition:
    return BY_KEY[key]


def markdown() -> str:
    """The table docs/kpis.md carries between DOCS_START and DOCS_END; to refresh it:
    `PYTHONPATH=src python -m shahrvand.analytics.definitions` (no Django needed)."""
    lines = [
        "| anchor | KPI | formula | public |",
        "|---|---|---|---|",
        *(
            f"| `#{d.anchor}` | {d.name_en} | {d.formula_en} | {'yes' if d.public else 'staff'} |"
            for d in DEFINITIONS
        ),
    ]
    return "\n".join([DOCS_START, *lines, DOCS_END])


if __name__ == "__main__":
    print(markdown())
