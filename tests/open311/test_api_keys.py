"""API clients: hashed keys, admin issuing and revoking, the demo client."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.messages import get_messages

from shahrvand.open311.keys import (
    DEMO_KEY_DEFAULT,
    api_client_create,
    client_for_key,
    ensure_demo_api_client,
)
from shahrvand.open311.models import ApiClient
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_the_key_is_stored():
    client, key = api_client_create(name="App")
    client.refresh_from_db()
    assert client.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiClient.objects.values().get())
    assert client.key_prefix == key[:8] and len(key) > 30
    assert client_for_key(key) == client
    assert client_for_key(key + "x") is None
    assert client_for_key("") is None


@pytest.fixture
def superuser_client(client):
    admin = tenancy_factories.user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_admin_issues_a_key_once_and_it_works(superuser_client):
    response = superuser_client.post(
        "/admin/open311/apiclient/add/",
        {"name": "Snapp 137", "contact": "ops@snapp.example", "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    (message,) = [m for m in map(str, get_messages(response.wsgi_request)) if "API key" in m]
    key = message.split("API key for Snapp 137: ")[1].split(" ")[0]
    client = ApiClient.objects.get(name="Snapp 137")
    assert client_for_key(key) == client
    page = superuser_client.get(f"/admin/open311/apiclient/{client.pk}/change/").content.decode()
    assert key not in page and client.key_prefix in page


def test_admin_revoke_action(superuser_client):
    client, key = api_client_create(name="Leaky app")
    response = superuser_client.post(
        "/admin/open311/apiclient/",
        {"action": "revoke", "_selected_action": [client.pk]},
        follow=True,
    )
    assert response.status_code == 200
    client.refresh_from_db()
    assert not client.is_active and client.revoked_at is not None
    assert client_for_key(key) is None


def test_demo_client_is_idempotent(settings, monkeypatch):
    monkeypatch.delenv("SHAHRVAND_DEMO_API_KEY", raising=False)
    first = ensure_demo_api_client()
    assert first is not None and ensure_demo_api_client() == first
    assert client_for_key(DEMO_KEY_DEFAULT) == first
    assert ApiClient.objects.count() == 1


def test_demo_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("SHAHRVAND_DEMO_API_KEY", "my-demo-key")
    client = ensure_demo_api_client()
    assert client is not None and client_for_key("my-demo-key") == client
    assert client_for_key(DEMO_KEY_DEFAULT) is None


def test_no_demo_client_under_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    assert ensure_demo_api_client() is None
    assert not ApiClient.objects.exists()
    settings.SHAHRVAND_ALLOW_DEMO_API_KEY = False
    settings.SETTINGS_MODULE = "config.settings.dev"
    assert ensure_demo_api_client() is None
