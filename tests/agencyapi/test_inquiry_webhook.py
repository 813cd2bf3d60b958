"""An opened inquiry is pushed to the agency's webhook: signed, retried, logged, once per round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from shahrvand.agencyapi import notify
from shahrvand.agencyapi.models import Exchange, InquiryNotice
from shahrvand.eservices.models import Case
from shahrvand.eservices.services import case_resubmit, step_decide
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import PERMIT_FORM, step, step_owner

from .conftest import Key, issue
from .fake_agency import FakeAgency

pytestmark = pytest.mark.django_db


@pytest.fixture
def water_hook(city: Municipality) -> Iterator[tuple[Key, FakeAgency]]:
    key = issue(city, "water", webhook_url="http://placeholder.invalid/")
    fake = FakeAgency(key.secret)
    key.credential.webhook_url = fake.url
    key.credential.save(update_fields=["webhook_url"])
    yield key, fake
    fake.close()


def run() -> int:
    notify.discover()
    return notify.deliver_due()


def test_opened_inquiry_is_delivered_signed_and_logged(
    water_hook: tuple[Key, FakeAgency], permit_case: Case
) -> None:
    key, fake = water_hook
    assert run() == 1
    assert len(fake.received) == 1
    received = fake.received[0]
    assert received["valid"]  # the agency could verify our signature with its secret
    assert received["path"] == "/shahrvand/inquiries?v=1"
    assert received["headers"]["X-Shahrvand-Key"] == key.credential.key_id
    assert received["headers"]["X-Shahrvand-Event"] == "inquiry.opened"
    inquiry = received["json"]["inquiry"]
    assert (inquiry["step"], inquiry["case"], inquiry["round"]) == (
        "water-inquiry",
        permit_case.tracking_code,
        1,
    )
    notice = InquiryNotice.objects.get()
    assert notice.state == "succeeded" and notice.attempts == 1 and notice.last_status == 200
    logged = Exchange.objects.get(direction="out")
    assert logged.agency == key.agency and logged.status == 200 and logged.outcome == "ok"
    assert logged.request_signature == received["headers"]["X-Shahrvand-Signature"]
    # Running again sends nothing new.
    assert run() == 0 and len(fake.received) == 1


def test_failed_delivery_is_retried_with_the_shared_backoff(
    water_hook: tuple[Key, FakeAgency], permit_case: Case
) -> None:
    _, fake = water_hook
    fake.script = [503]
    before = timezone.now()
    assert run() == 0
    notice = InquiryNotice.objects.get()
    assert notice.state == "pending" and notice.attempts == 1 and notice.last_status == 503
    # First retry after 30 s (common/retry.py).
    wait = notice.next_attempt_at - before
    assert dt.timedelta(seconds=29) < wait < dt.timedelta(seconds=32)
    assert run() == 0  # not due yet
    InquiryNotice.objects.update(next_attempt_at=timezone.now())
    assert run() == 1
    assert len(fake.received) == 2
    assert list(
        Exchange.objects.filter(direction="out")
        .order_by("at", "id")
        .values_list("status", flat=True)
    ) == [503, 200]


def test_gives_up_after_the_maximum_attempts(
    water_hook: tuple[Key, FakeAgency], permit_case: Case
) -> None:
    _, fake = water_hook
    fake.script = [500] * 7
    for _ in range(7):
        InquiryNotice.objects.update(next_attempt_at=timezone.now())
        run()
    notice = InquiryNotice.objects.get()
    assert notice.state == "failed" and notice.attempts == 7


def test_a_returned_and_reopened_inquiry_is_a_new_notice(
    water_hook: tuple[Key, FakeAgency], permit_case: Case
) -> None:
    _, fake = water_hook
    run()
    water = step(permit_case, "water-inquiry")
    step_decide(step=water, actor=step_owner(water), decision="return", reason="نقشه ناخواناست")
    case_resubmit(case=permit_case, form_data=dict(PERMIT_FORM), documents=[])
    water.refresh_from_db()
    assert water.status == "active" and water.return_count == 1
    assert run() == 1
    assert [r["json"]["inquiry"]["round"] for r in fake.received] == [1, 2]
    assert InquiryNotice.objects.count() == 2


def test_agencies_without_webhook_get_nothing(city: Municipality, permit_case: Case) -> None:
    issue(city, "gas")
    assert notify.discover() == 0
    assert not InquiryNotice.objects.exists()


def test_only_http_webhooks_are_ever_opened(city: Municipality, permit_case: Case) -> None:
    # Issuing refuses such URLs; a row edited behind the service's back is refused again
    # at sending, since urllib would read a file:// URL as a local file.
    key = issue(city, "water", webhook_url="http://placeholder.invalid/")
    type(key.credential).objects.filter(pk=key.credential.pk).update(
        webhook_url="file:///etc/passwd"
    )
    assert run() == 0
    notice = InquiryNotice.objects.get()
    assert notice.state == "pending" and notice.last_status is None
    assert "scheme" in notice.last_error
    assert not Exchange.objects.filter(direction="out").exists()
