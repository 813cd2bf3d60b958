"""Persian, Arabic-Indic and ASCII digits are the same digits to search."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["پلاک ۱۲", "پلاک 12", "پلاک ١٢", "۱۲ پلاک"])
def test_digits_in_any_script_find_the_house_number(find, write, query):
    write("جلوی پلاک ۱۲ چاله است")
    write("جلوی پلاک 7 چاله است")
    assert find(query) == {"جلوی پلاک 12 چاله است"}


def test_ascii_digits_in_the_text_are_found_with_persian_digits(find, write):
    write("تیر برق شماره 4521 افتاده")
    assert find("۴۵۲۱") == {"تیر برق شماره 4521 افتاده"}
