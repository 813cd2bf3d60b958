"""Routing rules as data: conditions → a department, an outside agency or a person.

Rules of a municipality are evaluated in ascending `order`; the first rule whose every
set condition matches wins. With no match, the category's responsible body is used.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality

WEEKDAYS_FA = {
    5: "شنبه",
    6: "یکشنبه",
    0: "دوشنبه",
    1: "سه‌شنبه",
    2: "چهارشنبه",
    3: "پنجشنبه",
    4: "جمعه",
}


class RoutingRule(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="routing_rules", verbose_name="شهرداری"
    )
    name = models.CharField(max_length=160, verbose_name="نام")
    order = models.PositiveIntegerField(
        default=100, help_text="عدد کوچک‌تر زودتر اجرا می‌شود", verbose_name="ترتیب"
    )
    is_active = models.BooleanField(default=True, verbose_name="فعال")
    # Conditions (empty = any)
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, verbose_name="دسته"
    )
    standard = models.ForeignKey(
        StandardCategory, on_delete=models.CASCADE, null=True, blank=True, verbose_name="استاندارد"
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, verbose_name="منطقه"
    )
    priority = models.CharField(max_length=16, blank=True, verbose_name="اولویت")
    weekdays = models.JSONField(
        default=list,
        blank=True,
        help_text="شمارهٔ روز هفته در پایتون (دوشنبه=0 … شنبه=5، یکشنبه=6)؛ خالی = هر روز",
        verbose_name="روزهای هفته",
    )
    start_time = models.TimeField(
        null=True,
        blank=True,
        help_text="به وقت محلی؛ می‌تواند از نیمه‌شب بگذرد",
        verbose_name="ساعت شروع",
    )
    end_time = models.TimeField(null=True, blank=True, verbose_name="ساعت پایان")
    # Target (exactly one)
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, verbose_name="واحد"
    )
    agency = models.ForeignKey(
        ExternalAgency, on_delete=models.CASCADE, null=True, blank=True, verbose_name="دستگاه"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="کاربر",
    )

    class Meta:
        verbose_name = "قاعدهٔ ارجاع"
        verbose_name_plural = "قواعد ارجاع"
        ordering = ["municipality", "order", "id"]
        indexes = [models.Index(fields=["municipality", "is_active", "order"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        targets = [t for t in (self.department_id, self.agency_id, self.user_id) if t]
        if len(targets) != 1:
            raise ValidationError("دقیقاً یک مقصد (واحد، دستگاه یا کاربر) انتخاب کنید.")
        for obj in (self.category, self.district, self.department, self.agency):
            if obj is not None and obj.municipality_id != self.municipality_id:
                raise ValidationError("شرط‌ها و مقصد باید از همین شهرداری باشند.")
        if (self.start_time is None) != (self.end_time is None):
            raise ValidationError("ساعت شروع و پایان را با هم وارد کنید.")
        if any(not isinstance(d, int) or not 0 <= d <= 6 for d in self.weekdays):
            raise ValidationError("روزهای هفته باید عدد ۰ تا ۶ باشند.")
