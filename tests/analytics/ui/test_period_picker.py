"""The Jalali period picker: presets, explicit dates in Persian digits, bad input."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict

from shahrvand.analytics.views.period import parse_period

# 10 Azar 1405 (a Tuesday).
TODAY = dt.date(2026, 12, 1)


def period(query: str):
    return parse_period(QueryDict(query), on=TODAY)


def test_default_is_this_jalali_month_by_week():
    p = period("")
    assert (p.start, p.end) == (dt.date(2026, 11, 22), TODAY)  # 1 Azar 1405 → today
    assert p.preset == "month" and p.granularity == "week" and p.errors == ()
    assert p.start_jalali == "۱۴۰۵/۰۹/۰۱"


def test_last_three_jalali_months_starts_on_1_mehr():
    p = period("preset=quarter")
    assert p.start == dt.date(2026, 9, 23)  # 1 Mehr 1405
    assert p.granularity == "week"  # 70 days


def test_this_jalali_year_starts_on_nowruz_and_goes_by_month():
    p = period("preset=year")
    assert p.start == dt.date(2026, 3, 21)  # 1 Farvardin 1405
    assert p.granularity == "month"


def test_three_months_back_crosses_the_jalali_new_year():
    p = parse_period(QueryDict("preset=quarter"), on=dt.date(2026, 4, 10))  # 21 Farvardin
    assert p.start == dt.date(2026, 1, 21)  # 1 Bahman 1404


def test_explicit_range_in_persian_digits():
    p = period("from=۱۴۰۵/۰۸/۰۱&to=1405/08/30&by=month")
    assert (p.start, p.end) == (dt.date(2026, 10, 23), dt.date(2026, 11, 21))
    assert p.granularity == "month" and p.preset == ""
    assert p.query() == "by=month&from=1405%2F08%2F01&to=1405%2F08%2F30"
    assert p.label == "۱ آبان ۱۴۰۵ تا ۳۰ آبان ۱۴۰۵"


def test_missing_end_means_until_today():
    assert period("from=1405/09/01").end == TODAY


def test_bad_input_falls_back_with_a_persian_message():
    p = period("from=1405/13/40&to=1405/08/30")
    assert p.errors and "تاریخ بازه درست نیست" in p.errors[0]
    assert p.preset == "month" and p.end == TODAY
    reversed_range = period("from=1405/08/30&to=1405/08/01")
    assert reversed_range.errors == ("تاریخ شروع بازه پس از تاریخ پایان است.",)
    too_long = period("from=1400/01/01&to=1405/08/01")
    assert too_long.errors == ("بازه حداکثر ۱۱۰۰ روز می‌تواند باشد.",)


def test_unknown_preset_and_granularity_are_ignored():
    p = period("preset=decade&by=year")
    assert p.preset == "month" and p.granularity == "week"
