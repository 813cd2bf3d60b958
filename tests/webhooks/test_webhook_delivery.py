"""Webhooks arrive signed at a local receiver; failures are retried with backoff and logged."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.utils import timezone

from shahrvand.outbox.models import OutboxEvent
from shahrvand.reports.services import report_transition
from shahrvand.webhooks import delivery
from shahrvand.webhooks.models import Attempt, Delivery, Subscription
from shahrvand.webhooks.signing import verify
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on loopback that records requests and answers scripted statuses."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                receiver.requests.append(
                    {"headers": dict(self.headers), "body": self.rfile.read(length)}
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def run_due() -> int:
    delivery.fan_out()
    return delivery.deliver_due()


def make_due() -> None:
    Delivery.objects.filter(state="pending").update(next_attempt_at=timezone.now())


def test_created_event_arrives_signed_without_personal_data(receiver, city, pothole):
    sub = Subscription.objects.create(name="r", url=receiver.url)
    report = reports_factories.report(
        city, pothole, reporter_phone="09127778899", reporter_name="نرگس"
    )
    assert run_due() == 1
    [req] = receiver.requests
    headers, body = req["headers"], req["body"]
    assert headers["X-Shahrvand-Event"] == "report.created"
    assert verify(
        sub.secret,
        int(headers["X-Shahrvand-Timestamp"]),
        body,
        headers["X-Shahrvand-Signature"],
        now=int(time.time()),
    )
    assert not verify(
        "wrong",
        int(headers["X-Shahrvand-Timestamp"]),
        body,
        headers["X-Shahrvand-Signature"],
        now=int(time.time()),
    )
    document = json.loads(body)
    assert document["data"]["report"]["tracking_code"] == report.tracking_code
    assert "09127778899" not in body.decode() and "نرگس" not in body.decode()
    assert Delivery.objects.get().state == "succeeded"


def test_failed_delivery_is_retried_with_backoff_and_logged(receiver, city, pothole):
    Subscription.objects.create(name="r", url=receiver.url)
    receiver.statuses = [500, 503]
    reports_factories.report(city, pothole)
    before = timezone.now()
    assert run_due() == 0
    item = Delivery.objects.get()
    assert item.state == "pending" and item.attempts == 1 and item.last_status_code == 500
    assert item.next_attempt_at >= before + dt.timedelta(seconds=29)
    assert delivery.deliver_due() == 0  # not due yet: nothing sent
    assert len(receiver.requests) == 1
    make_due()
    assert delivery.deliver_due() == 0
    item.refresh_from_db()
    assert item.attempts == 2 and item.next_attempt_at >= timezone.now() + dt.timedelta(seconds=110)
    make_due()
    assert delivery.deliver_due() == 1
    item.refresh_from_db()
    assert item.state == "succeeded"
    assert list(Attempt.objects.values_list("number", "status_code")) == [
        (1, 500),
        (2, 503),
        (3, 200),
    ]
    # Every attempt carried the same event id.
    assert len({json.loads(r["body"])["id"] for r in receiver.requests}) == 1


def test_gives_up_after_max_attempts_then_admin_replay_delivers(receiver, city, pothole):
    Subscription.objects.create(name="r", url=receiver.url)
    receiver.statuses = [500] * delivery.MAX_ATTEMPTS
    reports_factories.report(city, pothole)
    delivery.fan_out()
    for _ in range(delivery.MAX_ATTEMPTS):
        make_due()
        delivery.deliver_due()
    item = Delivery.objects.get()
    assert item.state == "failed" and item.attempts == delivery.MAX_ATTEMPTS
    make_due()
    assert delivery.deliver_due() == 0  # failed deliveries are not retried on their own
    delivery.replay(item)
    assert delivery.deliver_due() == 1
    item.refresh_from_db()
    assert item.state == "succeeded"
    assert Attempt.objects.filter(delivery=item).count() == delivery.MAX_ATTEMPTS + 1


def test_unreachable_subscriber_never_blocks_reports(city, pothole):
    Subscription.objects.create(name="down", url="http://127.0.0.1:9/nothing")
    report = reports_factories.report(city, pothole)
    staff = tenancy_factories.staff(city)
    report_transition(report=report, to_status="triaged", actor=staff)
    assert run_due() == 0
    assert set(Delivery.objects.values_list("state", flat=True)) == {"pending"}
    assert all(a.error for a in Attempt.objects.all())


def test_filters_by_municipality_and_event_type(receiver, city, pothole):
    other = tenancy_factories.municipality("elsewhere", lat=36.3, lon=59.6)
    Subscription.objects.create(name="only-other", url=receiver.url, municipality=other)
    Subscription.objects.create(
        name="status", url=receiver.url, event_types=["report.status_changed"]
    )
    report = reports_factories.report(city, pothole)
    report_transition(report=report, to_status="triaged", actor=tenancy_factories.staff(city))
    run_due()
    assert [r["headers"]["X-Shahrvand-Event"] for r in receiver.requests] == [
        "report.status_changed"
    ]


def test_events_are_written_with_the_change_and_not_on_rollback(city, pothole):
    report = reports_factories.report(city, pothole)
    assert OutboxEvent.objects.filter(type="report.created").count() == 1
    from shahrvand.reports.workflow import IllegalTransition

    with pytest.raises(IllegalTransition):
        report_transition(report=report, to_status="closed", actor=tenancy_factories.staff(city))
    assert OutboxEvent.objects.count() == 1


def test_resolution_and_feedback_events(city, pothole):
    from shahrvand.reports.services import report_feedback

    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, pothole)
    for status in ("assigned", "in_progress"):
        report_transition(report=report, to_status=status, actor=staff)
    report_transition(report=report, to_status="resolved", actor=staff, note="تمام")
    report_feedback(report=report, accepted=True, rating=5)
    types = list(OutboxEvent.objects.values_list("type", flat=True))
    assert "report.resolved" in types and "report.feedback" in types
