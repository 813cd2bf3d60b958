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
