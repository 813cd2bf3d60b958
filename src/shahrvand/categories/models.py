"""The province-wide standard taxonomy and each municipality's local categories."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from shahrvand.tenancy.models import Department, ExternalAgency, Municipality


class StandardCategory(models.Model):
    """One of the 17 fixed standard codes (loaded from data/taxonomy.json by a migration)."""

    class BodyKind(models.TextChoices):
        MUNICIPALITY = "municipality", "شهرداری"
        EXTERNAL = "external", "دستگاه بیرونی"

    code = models.CharField(max_length=32, primary_key=True)
    name_fa = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    covers = models.TextField()
    default_body_kind = models.CharField(max_length=20, choices=BodyKind.choices)
    default_body = models.CharField(max_length=120)
    default_target_hours = models.PositiveIntegerField()

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "standard categories"

    def __str__(self) -> str:
        return f"{self.code} — {self.name_fa}"


# Standard codes whose reports are published with coarse coordinates unless the local
# category says otherwise: an exact point of a social issue (a homeless person's sleeping
# place, a house where a child is at risk) harms the person it is about.
COARSE_BY_DEFAULT = frozenset({"social"})


class LocationPrecision(models.TextChoices):
    STANDARD = "", "پیش‌فرض کد استاندارد"
    EXACT = "exact", "نقطهٔ دقیق"
    COARSE = "coarse", "تقریبی (مرکز سلول H3 با دقت ۸، حدود ۵۰۰ متر)"


def coarse_location_q(prefix: str = "") -> models.Q:
    """Category.coarse_location as a filter (`prefix`: the path to the category, e.g.
    "category__"); keep the two in step."""
    return models.Q(**{f"{prefix}location_precision": LocationPrecision.COARSE}) | models.Q(
        **{
            f"{prefix}location_precision": LocationPrecision.STANDARD,
            f"{prefix}standard_id__in": COARSE_BY_DEFAULT,
        }
    )


class Category(models.Model):
    """A municipality's local category (or sub-category); its `code` is the Open311 service_code."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="categories", verbose_name="شهرداری"
    )
    code = models.SlugField(max_length=64, verbose_name="کد")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="دستهٔ والد",
    )
    standard = models.ForeignKey(
        StandardCategory, on_delete=models.PROTECT, related_name="local", verbose_name="استاندارد"
    )
    name_fa = models.CharField(max_length=160, verbose_name="نام فارسی")
    name_en = models.CharField(max_length=160, blank=True, verbose_name="نام انگلیسی")
    description = models.TextField(blank=True, verbose_name="شرح")
    keywords = models.CharField(
        max_length=400,
        blank=True,
        help_text="هم‌معناها، جداشده با ویرگول",
        verbose_name="کلیدواژه‌ها",
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name="واحد"
    )
    agency = models.ForeignKey(
        ExternalAgency, on_delete=models.PROTECT, null=True, blank=True, verbose_name="دستگاه"
    )
    target_hours = models.PositiveIntegerField(
        help_text="ساعت کاری، اولویت عادی", verbose_name="ساعت‌های هدف رسیدگی"
    )
    emergency_hours = models.PositiveIntegerField(
        default=4, help_text="ساعت شبانه‌روزی، موارد اضطراری", verbose_name="ساعت‌های رسیدگی اضطراری"
    )
    attributes = models.JSONField(
        default=list,
        blank=True,
        help_text="ویژگی‌های تعریف خدمت در Open311",
        verbose_name="ویژگی‌ها",
    )
    is_active = models.BooleanField(default=True, verbose_name="فعال")
    location_precision = models.CharField(
        max_length=8,
        choices=LocationPrecision.choices,
        blank=True,
        default=LocationPrecision.STANDARD,
        help_text="گزارش‌های این دسته در داده‌های منتشرشده با چه دقتی روی نقشه قرار می‌گیرند",
        verbose_name="دقت موقعیت",
    )

    class Meta:
        verbose_name = "دستهٔ گزارش"
        verbose_name_plural = "دسته‌های گزارش"
        ordering = ["municipality", "standard", "name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="category_unique_code"),
            models.CheckConstraint(
                condition=~(models.Q(department__isnull=False) & models.Q(agency__isnull=False)),
                name="category_one_responsible_body",
            ),
        ]

    def __str__(self) -> str:
        return self.name_fa

    def clean(self) -> None:
        for unit in (self.department, self.agency):
            if unit is not None and unit.municipality_id != self.municipality_id:
                raise ValidationError("واحد مسئول باید از همین شهرداری باشد.")
        if self.parent is not None and self.parent.standard_id != self.standard_id:
            raise ValidationError("زیرگروه باید به همان کد استاندارد گروه اصلی نگاشت شود.")

    @property
    def responsible_name(self) -> str:
        unit = self.department or self.agency
        return unit.name_fa if unit else ""

    @property
    def coarse_location(self) -> bool:
        """Whether published coordinates of its reports are snapped to an H3 cell centre
        (coarse_location_q is the same rule as a filter)."""
        if self.location_precision:
            return self.location_precision == LocationPrecision.COARSE
        return self.standard_id in COARSE_BY_DEFAULT
