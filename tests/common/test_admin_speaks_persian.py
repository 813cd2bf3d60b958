"""The Django admin staff use reads in Persian: the site language is Persian and every model
Shahrvand registers in it has a Persian name (singular and plural)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin

PERSIAN = re.compile(r"[\u0600-\u06ff]")
# The holiday calendar's models are being reshaped on the calendar branch (#16 item 4); their
# Persian names come with that change rather than as a second migration of the same table.
LATER = {"deadlines.holiday", "deadlines.workweek"}


def test_site_language_is_persian():
    assert settings.LANGUAGE_CODE == "fa"


def test_every_registered_shahrvand_model_has_a_persian_name():
    ours = [m for m in admin.site._registry if m.__module__.startswith("shahrvand.")]
    assert len(ours) >= 18
    english = [
        f"{model._meta.label_lower}: {model._meta.verbose_name} / {model._meta.verbose_name_plural}"
        for model in ours
        if model._meta.label_lower not in LATER
        and not (
            PERSIAN.search(str(model._meta.verbose_name))
            and PERSIAN.search(str(model._meta.verbose_name_plural))
        )
    ]
    assert english == []
