"""Citizens browse a municipality's published e-services and search them in Persian."""

from __future__ import annotations

import pytest
from django.test import Client

from shahrvand.eservices.citizen.search import fold, matches, terms
from shahrvand.eservices.services import definition_load
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import published_service, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(ecity: Municipality) -> Municipality:
    published_service(ecity, "building-permit")
    published_service(ecity, "tree-removal")
    definition_load(municipality=ecity, document=shipped("business-licence"))  # a draft only
    return ecity


def _page(client: Client, city: Municipality, q: str = "") -> str:
    response = client.get(f"/m/{city.slug}/services/", {"q": q} if q else {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_catalogue_lists_published_services_with_their_facts(
    client: Client, catalogue: Municipality
) -> None:
    html = _page(client, catalogue)
    assert "پروانهٔ ساختمانی" in html
    assert "مجوز قطع درخت" in html or "قطع" in html
    assert "پروانهٔ کسب" not in html  # loaded as a draft, never published
    assert "مالک رسمی ملک" in html  # who may apply
    assert "سند مالکیت" in html  # required documents
    assert "۳۰ روز کاری" in html  # expected duration, Persian digits
    assert "بر اساس اطلاعات درخواست" in html  # the permit's fee depends on the form


@pytest.mark.parametrize(
    "query",
    [
        "پروانه ساختمانی",
        "پروانهٔ ساختماني",  # Arabic yeh
        "پروانه‌ساختمانی",  # a half-space where the name has a space
        "پروانهساختمانی",  # no space at all
        "ساختمان",
        "۳۰",  # nothing in the texts: no hit expected below
    ],
)
def test_search_folds_persian_variants(client: Client, catalogue: Municipality, query: str) -> None:
    html = _page(client, catalogue, query)
    if query == "۳۰":
        assert "خدمتی با این عبارت پیدا نشد" in html
        return
    assert "پروانهٔ ساختمانی" in html
    assert "۱ خدمت" in html


def test_search_with_arabic_kaf_finds_a_word_with_persian_kaf() -> None:
    assert matches(terms("كسب"), "پروانهٔ کسب")
    assert not matches(terms("كسب درخت"), "پروانهٔ کسب")


def test_fold_treats_half_space_as_space() -> None:
    assert fold("پروانه‌ی  ساختماني") == "پروانه ی ساختمانی"


def test_an_unknown_municipality_is_404(client: Client, db: None) -> None:
    assert client.get("/m/nowhere/services/").status_code == 404


def test_the_service_page_lists_documents_and_steps(
    client: Client, catalogue: Municipality
) -> None:
    html = client.get(f"/m/{catalogue.slug}/services/building-permit/").content.decode()
    assert "نقشه‌های معماری مهرشدهٔ نظام مهندسی" in html
    for name in ("استعلام آب و فاضلاب", "استعلام توزیع برق", "استعلام گاز", "صدور پروانه"):
        assert name in html
