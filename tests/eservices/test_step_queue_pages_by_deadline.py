"""The e-service step queue shows its total, pages through every step and puts the earliest
step deadline first (issue #16 item 1)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.models import CaseStep
from shahrvand.eservices.staff import views
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import published_service, step, step_owner, submit_permit


def test_every_step_is_reachable_by_pages_earliest_deadline_first(
    client: Client, ecity: Municipality, eclock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "STEP_PAGE", 3)
    service = published_service(ecity)
    steps = [step(submit_permit(service), "intake-review") for _ in range(7)]
    now = timezone.now()
    for days, s in zip([5, -2, 1, 3, -4, 2, 4], steps, strict=True):
        CaseStep.objects.filter(pk=s.pk).update(deadline=now + dt.timedelta(days=days))
    client.force_login(step_owner(steps[0]))
    url = reverse("eservices_staff:queue")
    prefix = reverse("eservices_staff:step", args=[0])[:-2]
    seen: list[int] = []
    first_page = ""
    while url:
        html = client.get(url).content.decode()
        first_page = first_page or html
        seen += [int(pk) for pk in re.findall(rf'href="{re.escape(prefix)}(\d+)/"', html)]
        link = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = reverse("eservices_staff:queue") + unescape(link.group(1)) if link else ""
    by_deadline = sorted(steps, key=lambda s: CaseStep.objects.get(pk=s.pk).deadline)
    assert seen == [s.pk for s in by_deadline]
    assert to_persian_digits(7) in first_page
