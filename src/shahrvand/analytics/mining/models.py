"""What mining writes: alerts about emerging spikes, raised once and acknowledged by people.

Hotspots, recurring addresses and text clusters are computed on demand (they are views of
the reports over a window); only alerts have a life of their own (raised, notified, seen).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from shahrvand.categories.models import StandardCategory
from shahrvand.tenancy.models import Department, Municipality


class Alert(models.Model):
    """A standard code's daily count far above its seasonal baseline in one municipality.

    `dedupe_key` ("spike:<municipality>:<code>:<day>") makes raising idempotent: however
    often the detector runs over a day, that day's spike is one alert and one notification.
    """

    class Kind(models.TextChoices):
        SPIKE = "spike", "جهش ناگهانی"

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    standard = models.ForeignKey(StandardCategory, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SPIKE)
    day = models.DateField(help_text="local (Asia/Tehran) calendar day of the spike")
    observed = models.PositiveIntegerField()
    expected = models.FloatField(help_text="baseline mean of the same weekday")
    baseline_sd = models.FloatField()
    threshold = models.FloatField(help_text="the count above which the day is a spike")
    p_value = models.FloatField(help_text="Poisson tail P(X >= observed | expected)")
    dedupe_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-day", "-observed"]
        indexes = [models.Index(fields=["municipality", "acknowledged_at", "-day"])]

    def __str__(self) -> str:
        return self.dedupe_key
