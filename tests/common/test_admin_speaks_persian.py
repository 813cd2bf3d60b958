"""The Django admin staff use reads in Persian: the site language is Persian and every model
Shahrvand registers in it has a Persian name (singular and plural)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin

PERSIAN = re.compile(r"[\u0600-\u06ff]")
LATER: set[str] = set()  # models allowed to wait for their Persian names (none now)


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


def test_every_field_of_every_registered_shahrvand_model_has_a_persian_label():
    ours = [m for m in admin.site._registry if m.__module__.startswith("shahrvand.")]
    english = [
        f"{model._meta.label_lower}.{field.name}: {field.verbose_name}"
        for model in ours
        if model._meta.label_lower not in LATER
        for field in model._meta.get_fields()
        # auto-created fields are the implicit `id` and the reverse relations
        if field.concrete and not field.auto_created and not PERSIAN.search(str(field.verbose_name))
    ]
    assert english == []


def test_admin_actions_of_shahrvand_models_are_in_persian():
    english = [
        f"{model._meta.label_lower}: {name} = {description}"
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("shahrvand.")
        for _func, name, description in model_admin._get_base_actions()
        if name != "delete_selected" and not PERSIAN.search(str(description))
    ]
    assert english == []
