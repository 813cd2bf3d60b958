"""Regenerate src/shahrvand/deadlines/data/official_lunar_holidays.json (decision 0035).

The lunar (Hijri) public holidays of Iran fall on dates fixed by moon sighting, so the
product ships them as data, not as a conversion at run time. This script writes that data:

1. Dates the official calendar has published (the calendar of the Calendar Centre of the
   University of Tehran's Institute of Geophysics, approved by the Public Culture Council)
   are listed by hand in PUBLISHED below and win.
2. Every other date is estimated: the first day of each Hijri month is counted from one
   published anchor (1 Shawwal 1447 = 1 Farvardin 1405) in mean synodic months
   (29.530589 days) with a phase OFFSET fitted to the published dates (`--check` prints
   the fit: 25 of the 37 published dates of 1403–1405 exact, 12 one day early, none
   further). So an estimated row can be a day off: it says `"status": "estimated"`;
   replace it with the published date when the official calendar of that year appears,
   and rerun.

Standard library and jdatetime only (no Hijri package at run time or here).
Run: .venv/bin/python scripts/generate_lunar_holidays.py [--check]
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

import jdatetime

OUT = Path(__file__).resolve().parent.parent / "src/shahrvand/deadlines/data"
FIRST_YEAR, LAST_YEAR = 1403, 1410  # Jalali years covered
SYNODIC_MONTH = 29.530589
ANCHOR_HIJRI = (1447, 10)  # 1 Shawwal 1447 …
ANCHOR_DATE = dt.date(2026, 3, 21)  # … = 1 Farvardin 1405 in the official calendar
OFFSET = -0.91  # days; fitted to PUBLISHED (see --check)

OFFICIAL = "تقویم رسمی کشور (مرکز تقویم مؤسسهٔ ژئوفیزیک دانشگاه تهران، مصوب شورای فرهنگ عمومی)"
ESTIMATED = (
    "برآورد از تقویم رسمی (میانگین ماه قمری از ۱ شوال ۱۴۴۷ = ۱۴۰۵/۰۱/۰۱)؛ ±۱ روز تا اعلام رسمی"
)

# (key, Hijri month, Hijri day, Persian name, English name)
HOLIDAYS = [
    ("tasua", 1, 9, "تاسوعای حسینی", "Tasua"),
    ("ashura", 1, 10, "عاشورای حسینی", "Ashura"),
    ("arbaeen", 2, 20, "اربعین حسینی", "Arbaeen"),
    (
        "prophet-demise",
        2,
        28,
        "رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)",
        "Demise of the Prophet and martyrdom of Imam Hasan",
    ),
    ("imam-reza", 2, 30, "شهادت امام رضا (ع)", "Martyrdom of Imam Reza"),
    ("imam-askari", 3, 8, "شهادت امام حسن عسکری (ع)", "Martyrdom of Imam Hasan Askari"),
    (
        "prophet-birthday",
        3,
        17,
        "میلاد رسول اکرم (ص) و امام جعفر صادق (ع)",
        "Birthday of the Prophet and Imam Sadiq",
    ),
    ("fatemeh", 6, 3, "شهادت حضرت فاطمهٔ زهرا (س)", "Martyrdom of Fatemeh Zahra"),
    ("imam-ali-birthday", 7, 13, "ولادت امام علی (ع)", "Birthday of Imam Ali"),
    ("mabath", 7, 27, "مبعث رسول اکرم (ص)", "Mab'ath"),
    ("mid-shaban", 8, 15, "ولادت حضرت قائم (عج)", "Birthday of Imam Mahdi (15 Sha'ban)"),
    ("imam-ali-martyrdom", 9, 21, "شهادت حضرت علی (ع)", "Martyrdom of Imam Ali"),
    ("eid-al-fitr", 10, 1, "عید سعید فطر", "Eid al-Fitr"),
    ("eid-al-fitr-2", 10, 2, "تعطیل به مناسبت عید سعید فطر", "Eid al-Fitr holiday"),
    ("imam-sadiq", 10, 25, "شهادت امام جعفر صادق (ع)", "Martyrdom of Imam Sadiq"),
    ("eid-al-adha", 12, 10, "عید سعید قربان", "Eid al-Adha"),
    ("eid-al-ghadir", 12, 18, "عید سعید غدیر خم", "Eid al-Ghadir"),
]

# Dates published in the official calendar (Jalali), by (key, Hijri year). Read from the
# official calendars of 1403, 1404 and 1405 as the press reproduced them; the Imam Reza
# row is the last day of Safar, which the official calendar fixes (29th or 30th).
PUBLISHED: dict[tuple[str, int], str] = {
    ("imam-ali-martyrdom", 1445): "1403-01-13",
    ("eid-al-fitr", 1445): "1403-01-22",
    ("eid-al-fitr-2", 1445): "1403-01-23",
    ("imam-sadiq", 1445): "1403-02-15",
    ("eid-al-adha", 1445): "1403-03-28",
    ("eid-al-ghadir", 1445): "1403-04-05",
    ("tasua", 1446): "1403-04-25",
    ("ashura", 1446): "1403-04-26",
    ("arbaeen", 1446): "1403-06-04",
    ("prophet-demise", 1446): "1403-06-12",
    ("imam-reza", 1446): "1403-06-14",
    ("imam-askari", 1446): "1403-06-22",
    ("prophet-birthday", 1446): "1403-06-31",
    ("fatemeh", 1446): "1403-09-15",
    ("imam-ali-birthday", 1446): "1403-10-25",
    ("mabath", 1446): "1403-11-09",
    ("imam-ali-martyrdom", 1446): "1404-01-02",
    ("eid-al-fitr", 1446): "1404-01-11",
    ("eid-al-fitr-2", 1446): "1404-01-12",
    ("imam-sadiq", 1446): "1404-02-04",
    ("eid-al-adha", 1446): "1404-03-16",
    ("eid-al-ghadir", 1446): "1404-03-24",
    ("tasua", 1447): "1404-04-14",
    ("ashura", 1447): "1404-04-15",
    ("arbaeen", 1447): "1404-05-23",
    ("prophet-demise", 1447): "1404-05-31",
    ("imam-reza", 1447): "1404-06-02",
    ("imam-askari", 1447): "1404-06-10",
    ("prophet-birthday", 1447): "1404-06-19",
    ("imam-ali-birthday", 1447): "1404-10-13",
    ("mabath", 1447): "1404-10-27",
    ("eid-al-fitr", 1447): "1405-01-01",
    ("eid-al-fitr-2", 1447): "1405-01-02",
    ("eid-al-adha", 1447): "1405-03-06",
    ("eid-al-ghadir", 1447): "1405-03-14",
    ("tasua", 1448): "1405-04-03",
    ("ashura", 1448): "1405-04-04",
}


def month_start(hijri_year: int, month: int) -> dt.date:
    """Estimated first day of a Hijri month: mean months counted from the anchor."""
    months = (hijri_year - ANCHOR_HIJRI[0]) * 12 + (month - ANCHOR_HIJRI[1])
    return ANCHOR_DATE + dt.timedelta(days=math.floor(months * SYNODIC_MONTH + OFFSET))


def estimate(key: str, hijri_year: int) -> str:
    month, day = next((h[1], h[2]) for h in HOLIDAYS if h[0] == key)
    return jalali(month_start(hijri_year, month) + dt.timedelta(days=day - 1))


def check() -> None:
    """How far the estimate is from every published date (days; negative = early)."""
    errors = []
    for (key, hijri_year), published in sorted(PUBLISHED.items(), key=lambda kv: kv[1]):
        y, m, d = (int(part) for part in published.split("-"))
        y2, m2, d2 = (int(part) for part in estimate(key, hijri_year).split("-"))
        gap = (jdatetime.date(y2, m2, d2) - jdatetime.date(y, m, d)).days
        errors.append(gap)
        print(f"{published}  {key:20} estimate {gap:+d}")
    exact = errors.count(0)
    print(f"{exact} of {len(errors)} exact; largest error {max(map(abs, errors))} day(s)")


def jalali(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def rows() -> list[dict[str, object]]:
    out = []
    for hijri_year in range(1444, 1455):
        for key, month, day, fa, en in HOLIDAYS:
            published = PUBLISHED.get((key, hijri_year))
            # An estimated "last day of Safar" (30 in the table) is the 29th after a 29-day
            # Safar, which the mean month cannot tell: part of the ±1 day of every estimate.
            date_text = published or estimate(key, hijri_year)
            if not FIRST_YEAR <= int(date_text[:4]) <= LAST_YEAR:
                continue
            out.append(
                {
                    "jalali": date_text,
                    "name_fa": fa,
                    "name_en": en,
                    "kind": "official-lunar",
                    "hijri": f"{hijri_year}-{month:02d}-{day:02d}",
                    "status": "official" if published else "estimated",
                    "source": OFFICIAL if published else ESTIMATED,
                }
            )
    return sorted(out, key=lambda row: (str(row["jalali"]), str(row["hijri"])))


def main() -> None:
    data = {
        "about": (
            "Iran's lunar (Hijri) public holidays, Jalali 1403–1410. Rows with status "
            "'official' are the dates of the official calendar of Iran (Calendar Centre, "
            "Institute of Geophysics, University of Tehran; approved by the Public Culture "
            "Council). Rows with status 'estimated' are counted in mean lunar months from the "
            "official 1 Shawwal 1447 = 1405-01-01 and may differ from the sighted date by one "
            "day: replace them when the official calendar of their year is published. "
            "Generated by scripts/generate_lunar_holidays.py; see "
            "docs/decisions/0035-official-calendar.md."
        ),
        "years": [FIRST_YEAR, LAST_YEAR],
        "holidays": rows(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "official_lunar_holidays.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(data['holidays'])} rows to {path}")


if __name__ == "__main__":
    check() if "--check" in sys.argv else main()
