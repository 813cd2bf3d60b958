"""Process-mining figures on a hand-computed fixture of four tree-removal cases.

Times are Tehran local; the work week is Sat–Wed 08–16, Thu 08–12. Steps:
site-inspection (24 h, parks field staff) → commission (40 h, parks manager) → payment.

case A: inspection Sat 08→Sat 12 = 4 h;  commission Sat 12→Sun 12 = 4+4 = 8 h.
case B: inspection returned Sat 10, answered Sat 14, approved Mon 10 = 2+8+2 = 12 h
        (last round); commission Mon 10→Mon 16 rejected = 6 h.
case C: inspection Sat 08→Thu 10 = 8+8+8+8+8+2 = 42 h, past its Mon 16:00 deadline;
        commission open since Thu 10: at Sat 12 it has waited 2+4 = 6 h.
case D: inspection never decided: at Sat 5 Dec 12:00 it has waited 8*5+4+4 = 48 h and is
        overdue (deadline Mon 16:00).
"""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.eservices.models import Case
from shahrvand.eservices.selectors import process_mining, steps_of_municipalities
from shahrvand.eservices.services import case_resubmit, case_submit, step_decide
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import TEHRAN, city_with_units, doc, published_service, step, step_owner

FORM = {
    "applicant_name": "مینا احمدی",
    "address": "خیابان ولیعصر، کوچه نارون، پلاک ۳",
    "trees": 1,
    "trunk_diameter_cm": 30,
    "reason": "dead",
}


def at(day: int, hour: int) -> dt.datetime:
    month = 11 if day > 20 else 12
    return dt.datetime(2026, month, day, hour, 0, tzinfo=TEHRAN)


def submit(city: Municipality) -> Case:
    return case_submit(
        service=published_service(city, "tree-removal")
        if not city.eservices.exists()
        else city.eservices.get(key="tree-removal"),
        applicant_phone="09351112233",
        form_data=FORM,
        documents=[doc("deed"), doc("tree-photo")],
    )


def decide(case: Case, key: str, decision: str = "approve", reason: str = "") -> None:
    s = step(case, key)
    step_decide(step=s, actor=step_owner(s), decision=decision, reason=reason)


@pytest.fixture
def fixture_cases(ecity: Municipality, eclock: Clock) -> dict[str, Case]:
    eclock.set(at(28, 8))
    cases = {name: submit(ecity) for name in "ABCD"}
    eclock.set(at(28, 10))
    decide(cases["B"], "site-inspection", "return", "عکس واضح‌تر بفرستید")
    eclock.set(at(28, 12))
    decide(cases["A"], "site-inspection")
    eclock.set(at(28, 14))
    case_resubmit(case=cases["B"], form_data={}, documents=[doc("tree-photo")])
    eclock.set(at(29, 12))
    decide(cases["A"], "commission")
    eclock.set(at(30, 10))
    decide(cases["B"], "site-inspection")
    eclock.set(at(30, 16))
    decide(cases["B"], "commission", "reject", "درخت سالم است")
    eclock.set(at(3, 10))
    decide(cases["C"], "site-inspection")
    # Another municipality's case must not enter ecity's figures.
    other = city_with_units("othercity")
    submit(other)
    return cases


def test_figures_per_step(ecity: Municipality, fixture_cases: dict[str, Case]) -> None:
    report = process_mining(steps=steps_of_municipalities([ecity.pk]), now=at(5, 12))
    (process,) = report.processes
    assert (process.service_key, process.case_count, process.overdue_case_count) == (
        "tree-removal",
        4,
        2,  # C decided late, D open past its deadline
    )
    inspection, commission, payment, issuance = process.steps
    assert inspection.step_key == "site-inspection"
    assert inspection.durations == [4, 12, 42]  # A, B, C in case order
    assert (inspection.median_hours, inspection.p90_hours) == (12, 42)
    assert inspection.mean_hours == pytest.approx(58 / 3)
    assert (inspection.started, inspection.decided, inspection.open) == (4, 3, 1)
    assert (inspection.returned, inspection.returns) == (1, 1)
    assert inspection.return_share == pytest.approx(0.25)
    assert (inspection.decided_late, inspection.overdue_open, inspection.overdue) == (1, 1, 2)
    assert inspection.waiting_hours == pytest.approx(48)
    assert inspection.histogram == [
        ("کمتر از ۱ روز کاری", 1),
        ("۱ تا ۳ روز کاری", 1),
        ("۳ تا ۵ روز کاری", 0),
        ("۵ تا ۱۰ روز کاری", 1),
        ("بیش از ۱۰ روز کاری", 0),
    ]

    assert commission.durations == [8, 6]
    assert (commission.median_hours, commission.p90_hours) == (7, 8)
    assert (commission.decided, commission.rejected, commission.rejection_share) == (2, 1, 0.5)
    assert (commission.open, commission.waiting_hours, commission.overdue) == (1, 6, 0)
    assert commission.return_share == 0

    assert (payment.started, payment.open) == (1, 1)  # case A waits for the applicant
    assert issuance.started == 0 and issuance.median_hours is None


def test_bottlenecks_and_units(ecity: Municipality, fixture_cases: dict[str, Case]) -> None:
    report = process_mining(steps=steps_of_municipalities([ecity.pk]), now=at(5, 12))
    assert [b.step_key for b in report.bottlenecks[:2]] == ["site-inspection", "commission"]
    (parks,) = report.units  # payment steps are the applicant's, not a unit's
    assert parks.unit_ref == "department:parks"
    assert sorted(parks.durations) == [4, 6, 8, 12, 42]
    assert parks.median_hours == 8
    assert parks.waiting_hours == pytest.approx(48 + 6)
    assert parks.overdue == 2


def test_prefix_sum_clock_agrees_with_the_calendar() -> None:
    """The mining clock (cumulative hours per day) equals business_hours_between, holidays
    and the Thursday half-day included, on 2,000 seeded random intervals."""
    import random

    from shahrvand.deadlines.business_hours import DEFAULT_CALENDAR, business_hours_between
    from shahrvand.eservices.selectors.mining import _Clock

    calendar = DEFAULT_CALENDAR.with_holidays([dt.date(2026, 3, 21), dt.date(2026, 11, 30)])
    clock = _Clock(calendar)
    rng = random.Random(5)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for _ in range(2000):
        a = base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 500))
        b = a + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 90))
        assert clock.between(a, b) == pytest.approx(business_hours_between(a, b, calendar))
    # Before the epoch it falls back to the calendar walk.
    old = dt.datetime(2019, 12, 28, 5, 0, tzinfo=dt.UTC)
    assert clock.between(old, old + dt.timedelta(days=3)) == pytest.approx(
        business_hours_between(old, old + dt.timedelta(days=3), calendar)
    )
