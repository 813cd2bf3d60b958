from __future__ import annotations

import pytest

from shahrvand.categories.models import Category
from shahrvand.tenancy.models import Municipality

from . import factories


@pytest.fixture
def city(db: None) -> Municipality:
    return factories.municipality("testcity")


@pytest.fixture
def pothole(city: Municipality) -> Category:
    return factories.category(city, "pothole", "road")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Database rows roll back between tests but the cache does not: start each test empty
    (work calendars and rate-limit counters are cached by primary key or client)."""
    from django.core.cache import cache

    cache.clear()
