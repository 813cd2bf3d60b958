"""Arabic and Persian spellings of ی and ک find each other, in the query and in the text."""

from __future__ import annotations

import pytest

from shahrvand.reports.services import report_add_note
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_arabic_yeh_and_kaf_in_the_query_find_persian_letters(find, write):
    write("کوچه باریک پر از زباله است")
    assert find("كوچه باريك") == {"کوچه باریک پر از زباله است"}
    assert find("زباله كوچه") == {"کوچه باریک پر از زباله است"}


def test_persian_query_finds_text_typed_with_arabic_letters(find, write):
    report = write("كوچه باريك تاريك است")
    assert report.description == "کوچه باریک تاریک است"  # intake normalised it
    assert find("کوچه تاریک") == {report.description}


def test_arabic_letters_in_a_note_are_found_with_persian_ones(find, city, write):
    report = write("چراغ خاموش")
    staff = tenancy_factories.staff(city)
    report_add_note(report=report, actor=staff, note="پيمانكار تماس گرفت", public=False)
    assert find("پیمانکار") == {"چراغ خاموش"}
