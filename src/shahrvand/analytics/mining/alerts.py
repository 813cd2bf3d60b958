"""Raising spike alerts and telling the responsible manager; acknowledging them.

An alert is written once per (municipality, code, day); its in-app messages go through the
notifications pipeline (Message rows, delivered by notifications.dispatch into the staff
inbox), keyed by alert and user so a re-run never notifies twice.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from shahrvand.categories.models import StandardCategory
from shahrvand.common.errors import PermissionDenied
from shahrvand.common.jalali import format_jalali_long
from shahrvand.common.persian import to_persian_digits
from shahrvand.notifications.models import Channel, Message
from shahrvand.reports.models import Report
from shahrvand.tenancy.access import ALERT_ACK_ROLES, staff_profile_of
from shahrvand.tenancy.links import public_url
from shahrvand.tenancy.models import Role, StaffProfile

from .models import Alert
from .spikes import WEEKS, Spike, detect_spikes
from .window import day_bounds

TEMPLATE_KEY = "mining_spike"


def responsible_department_id(spike: Spike) -> int | None:
    """The department most of the day's reports of that code were categorised to."""
    start, end = day_bounds(spike.day)
    row = (
        Report.objects.filter(
            municipality_id=spike.municipality_id,
            standard_id=spike.code,
            created_at__gte=start,
            created_at__lt=end,
            category__department__isnull=False,
        )
        .values("category__department_id")
        .annotate(n=Count("id"))
        .order_by("-n", "category__department_id")
        .first()
    )
    return row["category__department_id"] if row else None


def recipients(alert: Alert) -> list[int]:
    """User ids told about an alert: the department's managers, else the municipality's
    system admins (e.g. when the code is handled by an outside agency)."""
    profiles = StaffProfile.objects.filter(municipality_id=alert.municipality_id)
    users: list[int] = []
    if alert.department_id is not None:
        users = list(
            profiles.filter(
                role=Role.DEPARTMENT_MANAGER, department_id=alert.department_id
            ).values_list("user_id", flat=True)
        )
    if not users:
        users = list(
            profiles.filter(role=Role.MUNICIPALITY_ADMIN).values_list("user_id", flat=True)
        )
    return sorted(users)


def _message_text(alert: Alert, name_fa: str) -> tuple[str, str]:
    subject = f"هشدار جهش گزارش‌ها: {name_fa}"
    body = (
        f"در روز {format_jalali_long(alert.day)} تعداد "
        f"{to_persian_digits(alert.observed)} گزارش «{name_fa}» ثبت شد؛ "
        f"میانگین همین روز هفته در {to_persian_digits(WEEKS)} هفتهٔ گذشته "
        f"{to_persian_digits(f'{alert.expected:.1f}')} بود. "
        f"جزئیات در صفحهٔ داده‌کاوی: {public_url(alert.municipality, reverse('mining:page'))}"
    )
    return subject, body


@transaction.atomic
def raise_alert(spike: Spike) -> Alert | None:
    """Record the spike as an alert and queue its messages; None if it was raised before."""
    key = f"spike:{spike.municipality_id}:{spike.code}:{spike.day.isoformat()}"
    alert, created = Alert.objects.get_or_create(
        dedupe_key=key,
        defaults={
            "municipality_id": spike.municipality_id,
            "standard_id": spike.code,
            "department_id": responsible_department_id(spike),
            "day": spike.day,
            "observed": spike.observed,
            "expected": spike.expected,
            "baseline_sd": spike.baseline_sd,
            "threshold": spike.threshold,
            "p_value": spike.p_value,
        },
    )
    if not created:
        return None
    name_fa = StandardCategory.objects.get(code=spike.code).name_fa
    subject, body = _message_text(alert, name_fa)
    now = timezone.now()
    Message.objects.bulk_create(
        [
            Message(
                municipality_id=alert.municipality_id,
                user_id=user_id,
                template_key=TEMPLATE_KEY,
                channel=Channel.IN_APP,
                recipient=f"user:{user_id}",
                subject=subject,
                body=body,
                dedupe_key=f"alert:{alert.pk}:user:{user_id}",
                next_attempt_at=now,
            )
            for user_id in recipients(alert)
        ],
        ignore_conflicts=True,
    )
    return alert


def raise_alerts(*, day: dt.date, municipality_ids: list[int] | None = None) -> list[Alert]:
    """Detect the spikes of `day` and raise each new one; returns the alerts raised now."""
    raised = [
        raise_alert(spike) for spike in detect_spikes(day=day, municipality_ids=municipality_ids)
    ]
    alerts = [alert for alert in raised if alert is not None]
    if alerts:
        from shahrvand.notifications.tasks import kick

        transaction.on_commit(kick)
    return alerts


@transaction.atomic
def alert_acknowledge(*, alert: Alert, user: User) -> Alert:
    """Mark an alert seen by a manager of its municipality (department managers: their own
    department's alerts). Acknowledging twice keeps the first acknowledgement."""
    profile = staff_profile_of(user)
    allowed = (
        profile is not None
        and profile.role in ALERT_ACK_ROLES
        and profile.municipality_id == alert.municipality_id
        and (
            profile.role == Role.MUNICIPALITY_ADMIN or profile.department_id == alert.department_id
        )
    )
    if not allowed:
        raise PermissionDenied(
            "فقط مدیر واحد مسئول یا مدیر سامانهٔ شهرداری می‌تواند این هشدار را بررسی‌شده بزند.",
            message_en="Only the responsible manager or the municipality admin may acknowledge.",
        )
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.acknowledged_at is None:
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = user
        locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return locked
