"""The work calendar that admins maintain: the work week and Jalali-dated holidays."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models

from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.common.localcopy import forget
from shahrvand.common.persian import normalize_digits
from shahrvand.tenancy.models import Municipality

DAY_KEYS = {"sat": 5, "sun": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}


def calendar_cache_key(municipality_id: int | None) -> str:
    return f"workcal:{municipality_id}"


def forget_calendars(municipality_id: int | None) -> None:
    forget()  # every process's copies (deadlines.calendar keeps one per municipality)
    if municipality_id is None:
        cache.delete_many(
            [calendar_cache_key(pk) for pk in Municipality.objects.values_list("pk", flat=True)]
        )
    else:
        cache.delete(calendar_cache_key(municipality_id))


class Holiday(models.Model):
    """A day off beyond the official calendar (built in: deadlines.official), entered in
    Jalali (e.g. ۱۴۰۵/۰۱/۰۱): either local to one municipality, or a province-wide closure
    (e.g. for air pollution) entered once for every municipality whose `province` it names.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="شهرداری",
        help_text="برای تعطیلی محلی؛ برای تعطیلی استانی خالی بماند.",
    )
    province = models.CharField(
        "استان",
        max_length=120,
        blank=True,
        help_text="برای تعطیلی سراسری استان (شهرداری خالی بماند): نام استان دقیقاً همان‌گونه "
        "که روی شهرداری‌ها نوشته شده، مثلاً تهران.",
    )
    jalali = models.CharField(
        "تاریخ (شمسی)", max_length=10, help_text="سال/ماه/روز، مثلاً ۱۴۰۵/۰۱/۰۱"
    )
    date = models.DateField("تاریخ (میلادی)", editable=False)
    title = models.CharField("مناسبت", max_length=160)
    source = models.CharField(
        "منبع", max_length=200, blank=True, help_text="مثلاً اطلاعیهٔ استانداری تهران"
    )

    class Meta:
        ordering = ["date"]
        verbose_name = "تعطیلی"
        verbose_name_plural = "تعطیلی‌ها"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(municipality__isnull=False) & models.Q(province=""))
                | (models.Q(municipality__isnull=True) & ~models.Q(province="")),
                name="holiday_local_or_province",
            ),
            models.UniqueConstraint(
                fields=["municipality", "date"],
                condition=models.Q(municipality__isnull=False),
                name="holiday_once_per_day",
            ),
            models.UniqueConstraint(
                fields=["province", "date"],
                condition=models.Q(municipality__isnull=True),
                name="holiday_once_per_day_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jalali} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.date = parse_jalali(self.jalali)
        super().save(*args, **kwargs)
        forget_calendars(self.municipality_id)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        forget_calendars(self.municipality_id)
        return result

    @property
    def kind(self) -> str:
        return "province" if self.municipality_id is None else "local"

    def source_text(self) -> str:
        """The source as entered, else who entered it."""
        if self.source:
            return self.source
        if self.municipality_id is None:
            return f"تعطیلی استان {self.province}"
        return f"تعطیلی محلی شهرداری {self.municipality}"

    def clean(self) -> None:
        self.date = parse_jalali(self.jalali)
        if (self.municipality_id is None) == (not self.province):
            raise ValidationError(
                {"province": "یا شهرداری را انتخاب کنید (تعطیلی محلی) یا استان را (تعطیلی استانی)."}
            )


def parse_jalali(text: str) -> dt.date:
    match = re.fullmatch(
        r"\s*(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})\s*", normalize_digits(text or "")
    )
    if not match:
        raise ValidationError({"jalali": "تاریخ را به شکل ۱۴۰۵/۰۱/۰۱ وارد کنید."})
    year, month, day = (int(g) for g in match.groups())
    try:
        return jalali_to_gregorian(year, month, day)
    except ValueError as exc:
        raise ValidationError({"jalali": "این تاریخ شمسی وجود ندارد."}) from exc


class WorkWeek(models.Model):
    """Office hours per weekday for one municipality; days missing or null are closed."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="work_week", verbose_name="شهرداری"
    )
    hours = models.JSONField(
        "ساعت‌های کاری",
        help_text='مثلاً {"sat": ["08:00", "16:00"], …, "thu": ["08:00", "12:00"], "fri": null}',
    )

    class Meta:
        verbose_name = "هفتهٔ کاری"
        verbose_name_plural = "هفته‌های کاری"

    def __str__(self) -> str:
        return f"work week of {self.municipality}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        forget_calendars(self.municipality_id)

    def as_mapping(self) -> dict[int, tuple[dt.time, dt.time] | None]:
        week: dict[int, tuple[dt.time, dt.time] | None] = dict.fromkeys(range(7))
        for key, span in (self.hours or {}).items():
            if span:
                week[DAY_KEYS[key]] = (
                    dt.time.fromisoformat(span[0]),
                    dt.time.fromisoformat(span[1]),
                )
        return week

    def clean(self) -> None:
        if not isinstance(self.hours, dict) or set(self.hours) - set(DAY_KEYS):
            raise ValidationError({"hours": f"کلیدها باید از {', '.join(DAY_KEYS)} باشند."})
        try:
            week = self.as_mapping()
        except (TypeError, ValueError, IndexError) as exc:
            raise ValidationError(
                {"hours": 'ساعت‌ها را به شکل ["08:00", "16:00"] وارد کنید.'}
            ) from exc
        if any(span and span[0] >= span[1] for span in week.values()):
            raise ValidationError({"hours": "ساعت پایان باید بعد از شروع باشد."})
        if all(span is None for span in week.values()):
            raise ValidationError({"hours": "دست‌کم یک روز کاری لازم است."})
