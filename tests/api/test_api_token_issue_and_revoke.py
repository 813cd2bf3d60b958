"""Staff API tokens are issued (raw value shown once, stored hashed) and revoked in the admin
and with `manage.py api_token`; a revoked token is refused at once, an issued one works."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.test import Client

from shahrvand.api.models import ApiToken, hash_secret
from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
LIST = "/api/v1/staff/reports"


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


def _status(raw: str) -> int:
    return Client().get(LIST, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_command_issues_a_working_token_stored_only_as_a_hash(dispatcher):
    out = _command("issue", "--user", dispatcher.username, "--name", "nightly export")
    raw = out.split("token=")[1].strip()
    token = ApiToken.objects.get(pk=int(out.split("id=")[1].split()[0]))
    assert token.user == dispatcher and token.name == "nightly export"
    assert token.token_hash == hash_secret(raw) and raw not in (token.prefix, token.token_hash)
    assert _status(raw) == 200


def test_command_revokes_and_the_token_is_refused_at_once(dispatcher):
    out = _command("issue", "--user", dispatcher.username)
    raw = out.split("token=")[1].strip()
    token_id = out.split("id=")[1].split()[0]
    assert _status(raw) == 200
    assert "revoked" in _command("revoke", token_id)
    assert _status(raw) == 401
    listing = _command("list", "--user", dispatcher.username)
    assert raw not in listing
    row = listing.splitlines()[1].split("\t")
    assert row[0] == token_id and row[2] == dispatcher.username and row[-1] != "-"


def test_command_refuses_unknown_users_tokens_and_non_staff(dispatcher):
    with pytest.raises(CommandError):
        _command("issue", "--user", "nobody")
    with pytest.raises(CommandError):
        _command("issue", "--user", tenancy_factories.user("citizen-like").username)
    with pytest.raises(CommandError):
        _command("revoke", "999999")
    assert not ApiToken.objects.exists()


@pytest.fixture
def superuser_client(client):
    client.force_login(tenancy_factories.user("root", is_staff=True, is_superuser=True))
    return client


def test_admin_issues_a_token_shown_once_that_works(superuser_client, dispatcher):
    response = superuser_client.post(
        "/admin/api/apitoken/add/", {"user": dispatcher.pk, "name": "GIS sync"}, follow=True
    )
    assert response.status_code == 200
    (message,) = [m for m in map(str, get_messages(response.wsgi_request)) if "API token" in m]
    raw = message.split(f"API token for {dispatcher.username}: ")[1].split(" ")[0]
    token = ApiToken.objects.get()
    assert token.token_hash == hash_secret(raw) and token.name == "GIS sync"
    assert _status(raw) == 200
    page = superuser_client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert raw not in page and token.prefix in page
    listing = superuser_client.get("/admin/api/apitoken/").content.decode()
    assert raw not in listing and dispatcher.username in listing


def test_admin_refuses_a_token_for_a_non_staff_user(superuser_client):
    outsider = tenancy_factories.user("outsider")
    response = superuser_client.post("/admin/api/apitoken/add/", {"user": outsider.pk, "name": "x"})
    assert response.status_code == 200  # the form again, with the error
    assert "فقط برای کارکنان فعال" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_admin_revoke_action_refuses_the_token_at_once(superuser_client, dispatcher):
    token, raw = ApiToken.issue(user=dispatcher, name="laptop")
    assert _status(raw) == 200
    response = superuser_client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _status(raw) == 401
    # kept for the record: no delete
    assert superuser_client.get(f"/admin/api/apitoken/{token.pk}/delete/").status_code == 403
