"""Staff corrections become labelled examples; retraining uses them, globally and per city."""

from __future__ import annotations

import pytest

from shahrvand.reports import learning
from shahrvand.reports.services.category import report_recategorise
from shahrvand.triage import store
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_corrections_are_collected_latest_label_wins(city, pothole):
    bins = categories_factories.category(city, "bins", "waste")
    lamp = categories_factories.category(city, "lamp", "lighting")
    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, pothole, description="سطل زباله پر شده")
    report_recategorise(report=report, category=lamp, actor=staff)
    report_recategorise(report=report, category=bins, actor=staff)
    reports_factories.report(city, pothole, description="چاله")  # never corrected
    assert learning.corrections() == {city.pk: [{"text": "سطل زباله پر شده", "label": "waste"}]}


def test_retrain_trains_global_and_municipal_models(city, pothole, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("SHAHRVAND_MODEL_DIR", str(tmp_path))
    settings.SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES = 2
    bins = categories_factories.category(city, "bins", "waste")
    staff = tenancy_factories.staff(city)
    for text in ("مخزن بازیافت لبریز شده", "کیسه های زباله کنار جوی مانده"):
        report = reports_factories.report(city, pothole, description=text)
        report_recategorise(report=report, category=bins, actor=staff)
    outcome = learning.retrain()
    assert outcome["corrections"] == 2
    assert outcome["global"]["promoted"] is True  # type: ignore[index]
    assert store.current(tmp_path) is not None
    local = learning.municipality_dir(city.pk)
    assert store.current(local) is not None
    assert f"municipality-{city.pk}" in outcome


def test_suggestions_use_the_municipal_model_once_it_exists(
    city, pothole, settings, tmp_path, monkeypatch
):
    from shahrvand.triage import classifier
    from shahrvand.triage.suggest import classifier_for

    monkeypatch.setenv("SHAHRVAND_MODEL_DIR", str(tmp_path))
    assert classifier_for(city.pk) is classifier.suggest
    settings.SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES = 1
    bins = categories_factories.category(city, "bins", "waste")
    report = reports_factories.report(city, pothole, description="مخزن بازیافت لبریز شده")
    report_recategorise(report=report, category=bins, actor=tenancy_factories.staff(city))
    learning.retrain()
    local = classifier_for(city.pk)
    assert local is not classifier.suggest
    assert local("مخزن زباله پر است")[0][0] == "waste"
