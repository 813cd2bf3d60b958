"""The classifier in the product: suggestions while typing, automatic categorisation above
the configured confidence, the dispatcher's queue below it (real trained model)."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Channel
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.triage.suggest import suggest_categories
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
GAS = "بوی گاز خیلی شدید توی کوچه پیچیده لطفا سریع بیاین"


@pytest.fixture
def categories(city):
    gas_company = tenancy_factories.agency(city, "gas", "gas")
    return {
        "pothole": categories_factories.category(city, "pothole", "road"),
        "gas": categories_factories.category(city, "gas-smell", "utilities", agency_=gas_company),
        "bins": categories_factories.category(city, "bins", "waste"),
    }


def create(city, description, category_code=""):
    return report_create(
        data=ReportInput(
            municipality=city,
            category_code=category_code,
            description=description,
            channel=Channel.APP,
            lat=tenancy_factories.INSIDE_WEST[0],
            lon=tenancy_factories.INSIDE_WEST[1],
        )
    )


def test_suggestions_map_codes_to_local_categories(city, categories):
    found = suggest_categories(city.pk, GAS)
    assert found[0].category == categories["gas"] and found[0].standard_code == "utilities"
    assert found[0].probability > 0.5
    assert suggest_categories(city.pk, "   ") == []


def test_confident_guess_is_categorised_and_routed_without_a_dispatcher(city, categories, settings):
    settings.SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE = 0.5
    report = create(city, GAS)
    assert report.category == categories["gas"] and report.auto_categorised
    assert report.status == "forwarded_external" and report.assigned_agency.code == "gas"
    assert report.events.last().actor_label == "سامانه"


def test_unsure_guess_waits_for_the_dispatcher(city, categories, settings):
    settings.SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE = 0.9999
    report = create(city, GAS)
    assert report.category == categories["gas"] and not report.auto_categorised
    assert report.status == "submitted"
    assert report.suggested_standard_id == "utilities" and 0 < report.suggestion_confidence < 1


def test_a_chosen_category_is_kept_and_the_classifier_opinion_recorded(city, categories):
    report = create(city, GAS, category_code="pothole")
    assert report.category == categories["pothole"] and not report.auto_categorised
    assert report.suggested_standard_id == "utilities"


def test_suggest_endpoint_and_citizen_form_without_category(client, city, categories):
    html = client.get("/m/testcity/suggest/", {"description": GAS}).content.decode()
    assert 'data-code="gas-smell"' in html
    assert client.get("/m/testcity/suggest/", {"description": "ab"}).content.decode().strip() == ""
    response = client.post(
        "/m/testcity/report/",
        {"category": "", "description": GAS, "lat": "35.70", "lon": "51.37"},
    )
    assert response.status_code == 302


GAS_FINGLISH = "booye gaz kheili shadid too kooche pichide lotfan zood biyaid"


def test_finglish_is_suggested_and_categorised_like_persian(client, city, categories, settings):
    found = suggest_categories(city.pk, GAS_FINGLISH)
    assert found[0].category == categories["gas"]
    html = client.get("/m/testcity/suggest/", {"description": GAS_FINGLISH}).content.decode()
    assert 'data-code="gas-smell"' in html
    settings.SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE = 0.5
    report = create(city, GAS_FINGLISH)
    assert report.category == categories["gas"] and report.auto_categorised
