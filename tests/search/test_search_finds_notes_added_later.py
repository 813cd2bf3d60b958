"""Notes added after intake, by a note or with a status change, are searched too."""

from __future__ import annotations

import pytest

from shahrvand.reports.services import report_add_note, report_transition
from shahrvand.reports.workflow import Status
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_a_note_added_later_is_found(find, city, write):
    report = write("آسفالت خراب")
    staff = tenancy_factories.staff(city)
    assert find("پیمانکار") == set()
    report_add_note(report=report, actor=staff, note="پیمانکار فردا می‌آید", public=False)
    assert find("پیمانکار") == {"آسفالت خراب"}
    assert find("آسفالت فردا") == {"آسفالت خراب"}  # description and note together


def test_a_status_change_note_is_found(find, city, write):
    report = write("چراغ خاموش")
    staff = tenancy_factories.staff(city)
    report_transition(
        report=report, to_status=Status.REJECTED, actor=staff, note="خارج از محدوده شهرداری"
    )
    assert find("محدوده") == {"چراغ خاموش"}
