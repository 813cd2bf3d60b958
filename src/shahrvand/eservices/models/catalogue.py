"""A municipality's e-service catalogue and the versioned definitions of its processes."""

from __future__ import annotations

from django.db import models

from shahrvand.tenancy.models import Municipality


class Service(models.Model):
    """One entry of a municipality's e-service catalogue (e.g. پروانه ساختمانی)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="eservices", verbose_name="شهرداری"
    )
    key = models.SlugField(help_text="کلید پایدار، مشترک با پروندهٔ تعریف", verbose_name="کلید")
    name_fa = models.CharField(max_length=160, verbose_name="نام فارسی")
    name_en = models.CharField(max_length=160, blank=True, verbose_name="نام انگلیسی")
    description_fa = models.TextField(blank=True, verbose_name="شرح فارسی")
    description_en = models.TextField(blank=True, verbose_name="شرح انگلیسی")
    eligibility_fa = models.TextField(blank=True, verbose_name="چه کسی می‌تواند درخواست دهد (فارسی)")
    eligibility_en = models.TextField(
        blank=True, verbose_name="چه کسی می‌تواند درخواست دهد (انگلیسی)"
    )
    required_documents = models.JSONField(
        default=list,
        blank=True,
        help_text='[{"key": "deed", "name_fa": "...", "name_en": "...", "required": true}]',
        verbose_name="مدارک لازم",
    )
    fee_rule = models.TextField(
        blank=True,
        help_text="عبارت هزینه که payments.fees روی دادهٔ فرم ارزیابی می‌کند (ریال)؛ خالی = رایگان",
        verbose_name="قاعدهٔ هزینه",
    )
    expected_days = models.PositiveIntegerField(
        default=0,
        help_text="کل مدت مورد انتظار به روز کاری",
        verbose_name="مدت مورد انتظار (روز کاری)",
    )
    is_published = models.BooleanField(default=False, verbose_name="منتشرشده")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")

    class Meta:
        verbose_name = "خدمت الکترونیک"
        verbose_name_plural = "خدمات الکترونیک"
        ordering = ["municipality", "name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="eservice_unique_key")
        ]

    def __str__(self) -> str:
        return self.name_fa


class ProcessDefinition(models.Model):
    """One version of a service's process. Published versions are never edited; a case keeps
    the version it started with."""

    class Status(models.TextChoices):
        DRAFT = "draft", "پیش‌نویس"
        PUBLISHED = "published", "منتشرشده"
        RETIRED = "retired", "بازنشسته"

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="definitions", verbose_name="خدمت"
    )
    version = models.PositiveIntegerField(verbose_name="نسخه")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, verbose_name="وضعیت"
    )
    definition = models.JSONField(help_text="سند تعریفِ اعتبارسنجی‌شده", verbose_name="سند تعریف")
    checksum = models.CharField(
        max_length=64, help_text="sha256 نسخهٔ متعارف JSON", verbose_name="چک‌سام"
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    published_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان انتشار")

    class Meta:
        verbose_name = "تعریف فرایند"
        verbose_name_plural = "تعریف‌های فرایند"
        ordering = ["service", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "version"], name="definition_unique_version"
            ),
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status="published"),
                name="definition_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.key} v{self.version} ({self.status})"

    def step_spec(self, key: str) -> dict[str, object]:
        """The definition of step `key` (a KeyError if there is none)."""
        for step in self.definition["steps"]:
            if step["key"] == key:
                return dict(step)
        raise KeyError(key)
