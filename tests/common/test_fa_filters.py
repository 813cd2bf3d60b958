"""Template filters for reading: Persian digits and separators; links stay ASCII."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template

from shahrvand.common.templatetags.fa import fa_decimal, fa_digits, fa_number


def test_numbers_use_persian_digits_and_separators():
    assert fa_digits("کوچه 5، پلاک 12") == "کوچه ۵، پلاک ۱۲"
    assert fa_decimal(200.0) == "۲۰۰٫۰"
    assert fa_digits(200.0) == "۲۰۰٫۰"
    assert fa_digits(Decimal("12.50")) == "۱۲٫۵۰"
    assert fa_number(12345) == "۱۲٬۳۴۵"
    assert fa_number(12345.67) == "۱۲٬۳۴۵٫۷"
    assert fa_number(0.5, 2) == "۰٫۵۰"
    assert fa_number(None) == "—"


def test_fa_text_keeps_links_ascii_and_left_to_right_and_escapes():
    rendered = Template("{% load fa %}{{ body|fa_text }}").render(
        Context({"body": "مهلت 3 روز <b>\nhttps://137.example.ir/staff/reports/123/"})
    )
    assert rendered == (
        'مهلت ۳ روز &lt;b&gt;\n<span dir="ltr">https://137.example.ir/staff/reports/123/</span>'
    )
