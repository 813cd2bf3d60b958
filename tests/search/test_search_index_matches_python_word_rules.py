"""Both databases cut text into exactly the words that words.indexed_words describes, so
the query side (built from the same rules) finds the same reports on either."""

from __future__ import annotations

import pytest

from shahrvand.common.persian import ZWNJ
from shahrvand.reports.models import Report
from shahrvand.search.words import indexed_words

from .conftest import indexed

pytestmark = pytest.mark.django_db

TEXTS = [
    f"می{ZWNJ}شود خانه{ZWNJ}ها «سلام»، خوب؟ بله؛ نه!",
    "عالی👍 عالی👍🏽 عالی🤔 عالی🥲 خوب😡بد ❤️ok",
    "آدرس: www.tehran.ir/137 و a.b@mail.com و 12.5 متر و 1/2 و 3-4 و a_b و x+y",
    "ABC Café CAFÉ ÉTÉ naïve",
    "x² ½ ① Ⅻ ℃ № ™ € ₽ ₿ ±×÷ °",
    "\u2066پلاک\u2069 \u061cعلی\u200fرضا",
    "「東京」。 ＡＢＣ １２ Привет Γειά",
    "ﻻ ﷲ ﺍﺏ",
    "new\nline\ttab\u00a0nbsp\u2003em",
    "'quote' \"double\" `tick` ‹a› «b» “c” ‘d’ — – …",
]


@pytest.mark.parametrize("text", TEXTS)
def test_database_words_equal_python_words(write, text):
    report = write("متن")
    Report.objects.filter(pk=report.pk).update(search_text=text)
    assert indexed(report.pk) == indexed_words(text)
