from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from shahrvand.categories.models import Category
from shahrvand.open311.keys import api_client_create
from shahrvand.open311.models import ApiClient
from shahrvand.tenancy.models import Municipality
from tests.categories import factories as categories_factories

from .support import BASE, parse

LIGHT_ATTRIBUTES: list[dict[str, Any]] = [
    {
        "variable": True,
        "code": "pole_id",
        "datatype": "string",
        "required": True,
        "datatype_description": "The number painted on the pole",
        "order": 1,
        "description": "شماره تیر چراغ",
    },
    {
        "variable": True,
        "code": "kind",
        "datatype": "singlevaluelist",
        "required": False,
        "order": 2,
        "description": "نوع خرابی",
        "values": [{"key": "off", "name": "خاموش"}, {"key": "blinking", "name": "چشمک‌زن"}],
    },
    {
        "variable": True,
        "code": "hazards",
        "datatype": "multivaluelist",
        "required": False,
        "order": 3,
        "description": "خطرها",
        "values": [{"key": "wire", "name": "سیم بیرون"}, {"key": "dark", "name": "تاریکی"}],
    },
    {
        "variable": False,
        "code": "power_cut",
        "datatype": "text",
        "required": False,
        "order": 4,
        "description": "برای قطعی برق کل محله با ۱۲۱ تماس بگیرید.",
    },
    {
        "variable": True,
        "code": "height",
        "datatype": "number",
        "required": False,
        "order": 5,
        "description": "ارتفاع تیر (متر)",
    },
]


@pytest.fixture(autouse=True)
def _open311_defaults(settings: Any) -> None:
    settings.SHAHRVAND_DEFAULT_MUNICIPALITY = "testcity"
    settings.SHAHRVAND_OPEN311_POST_RATE = "60/m"
    cache.clear()  # rate-limit windows live in the cache


@pytest.fixture
def streetlight(city: Municipality) -> Category:
    category = categories_factories.category(city, "streetlight", "lighting")
    category.keywords = "چراغ,روشنایی,lamp"
    category.description = "چراغ خاموش یا خراب معابر"
    category.attributes = LIGHT_ATTRIBUTES
    category.save()
    return category


@pytest.fixture
def app_key(city: Municipality) -> tuple[ApiClient, str]:
    return api_client_create(name="Tehran Bike App", contact="dev@example.org")


class Open311:
    """Shortcuts over Django's test client for /open311/v2/ resources."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, resource: str, fmt: str = "json", **params: Any) -> Any:
        return self.client.get(f"{BASE}/{resource}.{fmt}", params)

    def post(self, fmt: str = "json", **form: Any) -> Any:
        return self.client.post(f"{BASE}/requests.{fmt}", form)

    def data(self, resource: str, fmt: str = "json", expect: int = 200, **params: Any) -> Any:
        response = self.get(resource, fmt, **params)
        assert response.status_code == expect, response.content.decode()
        return parse(response, fmt)[1]


@pytest.fixture
def o311(client: Client) -> Open311:
    return Open311(client)
