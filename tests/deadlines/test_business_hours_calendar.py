"""Deadline arithmetic on the Iranian office week: Sat–Wed 08–16, Thu 08–12, Fri closed."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from shahrvand.deadlines.business_hours import (
    DEFAULT_CALENDAR,
    TEHRAN,
    WorkCalendar,
    add_business_hours,
    business_hours_between,
)

# The week of Saturday 3 May 2025 (13 Ordibehesht 1404).
SAT, SUN, MON, TUE, WED, THU, FRI = (dt.date(2025, 5, 3) + dt.timedelta(days=i) for i in range(7))
NEXT_SAT = SAT + dt.timedelta(days=7)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), TEHRAN)


def test_week_constants_are_the_days_they_claim():
    assert [d.strftime("%a") for d in (SAT, SUN, MON, TUE, WED, THU, FRI)] == [
        "Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
    ]  # fmt: skip


def test_result_is_utc_and_the_same_instant():
    result = add_business_hours(at(SAT, 9), 2)
    assert result.utcoffset() == dt.timedelta(0)
    assert result == at(SAT, 11)
    assert result == dt.datetime(2025, 5, 3, 7, 30, tzinfo=dt.UTC)  # Tehran is UTC+03:30


def test_within_one_working_day():
    assert add_business_hours(at(SUN, 8), 8) == at(SUN, 16)
    assert add_business_hours(at(SUN, 10, 30), 1.5) == at(SUN, 12)


def test_overflow_continues_next_morning():
    assert add_business_hours(at(SUN, 15), 2) == at(MON, 9)


def test_thursday_is_a_half_day_then_friday_is_skipped():
    assert add_business_hours(at(THU, 11), 1) == at(THU, 12)
    assert add_business_hours(at(THU, 11), 2) == at(NEXT_SAT, 9)
    assert add_business_hours(at(WED, 15), 6) == at(NEXT_SAT, 9)  # 1 Wed + 4 Thu + 1 Sat


@pytest.mark.parametrize("hour", [0, 8, 10, 23])
def test_start_on_friday_counts_from_saturday_morning(hour):
    assert add_business_hours(at(FRI, hour), 1) == at(NEXT_SAT, 9)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(WED, 6), at(WED, 9)),  # before opening
        (at(WED, 16), at(THU, 9)),  # at closing
        (at(WED, 20), at(THU, 9)),  # evening
        (at(THU, 12), at(NEXT_SAT, 9)),  # Thursday afternoon
        (at(THU, 23, 59), at(NEXT_SAT, 9)),
    ],
)
def test_start_outside_working_hours_begins_at_next_opening(start, expected):
    assert add_business_hours(start, 1) == expected


def test_zero_hours_outside_working_time_is_the_next_opening():
    assert add_business_hours(at(FRI, 10), 0) == at(NEXT_SAT, 8)


def test_holidays_are_skipped_whole():
    calendar = DEFAULT_CALENDAR.with_holidays([SUN, MON])
    assert add_business_hours(at(SAT, 15), 2, calendar) == at(TUE, 9)
    assert business_hours_between(at(SAT, 15), at(TUE, 9), calendar) == pytest.approx(2)
    # The default calendar itself is unchanged.
    assert add_business_hours(at(SAT, 15), 2) == at(SUN, 9)


def test_with_holidays_accumulates():
    calendar = DEFAULT_CALENDAR.with_holidays([SUN]).with_holidays([MON])
    assert calendar.holidays == frozenset({SUN, MON})
    assert calendar.window(SUN) is None
    assert calendar.window(TUE) == (at(TUE, 8), at(TUE, 16))


def test_a_full_week_is_44_hours():
    assert business_hours_between(at(SAT, 0), at(NEXT_SAT, 0)) == pytest.approx(44)
    assert add_business_hours(at(SAT, 8), 44) == at(THU, 12)
    assert add_business_hours(at(SAT, 8), 44.5) == at(NEXT_SAT, 8, 30)


def test_a_month_of_work_spans_whole_weeks():
    # 4 weeks × 44 h from a Saturday morning ends at the fourth Thursday noon.
    assert add_business_hours(at(SAT, 8), 4 * 44) == at(THU + dt.timedelta(days=21), 12)


def test_between_counts_only_working_time():
    assert business_hours_between(at(WED, 15), at(NEXT_SAT, 9)) == pytest.approx(6)
    assert business_hours_between(at(FRI, 0), at(FRI, 23)) == 0
    assert business_hours_between(at(WED, 17), at(WED, 23)) == 0


def test_between_is_zero_when_end_is_not_after_start():
    assert business_hours_between(at(SUN, 12), at(SUN, 12)) == 0
    assert business_hours_between(at(SUN, 12), at(SUN, 9)) == 0


def test_between_accepts_instants_in_other_timezones():
    start_utc = at(SUN, 9).astimezone(dt.UTC)
    end_utc = at(SUN, 15).astimezone(dt.UTC)
    assert business_hours_between(start_utc, end_utc) == pytest.approx(6)


def test_calendar_without_working_time_raises_instead_of_looping():
    closed = WorkCalendar(week=dict.fromkeys(range(7)))
    with pytest.raises(ValueError):
        add_business_hours(at(SAT, 8), 1, closed)


def _random_starts(seed: int, count: int) -> list[dt.datetime]:
    rng = random.Random(seed)
    base = at(SAT, 0)
    return [base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 21)) for _ in range(count)]


@pytest.mark.parametrize(
    "calendar",
    [DEFAULT_CALENDAR, DEFAULT_CALENDAR.with_holidays([MON, TUE, THU + dt.timedelta(days=7)])],
    ids=["plain", "holidays"],
)
def test_add_then_measure_returns_the_same_hours(calendar):
    rng = random.Random(2025)
    for start in _random_starts(seed=7, count=400):
        hours = rng.choice([0.25, 0.5, 1, 3.75, 8, 12, 44, 100]) + rng.random()
        deadline = add_business_hours(start, hours, calendar)
        assert deadline >= start
        assert business_hours_between(start, deadline, calendar) == pytest.approx(
            hours, abs=1e-6
        ), (start, hours)
        window = calendar.window(deadline.astimezone(TEHRAN).date())
        assert window is not None
        assert window[0] <= deadline <= window[1]


def test_more_hours_never_give_an_earlier_deadline():
    for start in _random_starts(seed=11, count=100):
        deadlines = [add_business_hours(start, h) for h in (0.5, 1, 2, 4, 8, 16, 32)]
        assert deadlines == sorted(deadlines)
