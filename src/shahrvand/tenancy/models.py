"""The tenant (municipality) and the units that belong to it.

Every tenant-owned row carries `municipality`; selectors filter on it once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Municipality(models.Model):
    slug = models.SlugField(
        unique=True,
        help_text="همچنین شناسهٔ حوزه (jurisdiction_id) در Open311",
        verbose_name="شناسهٔ نشانی",
    )
    name_fa = models.CharField(max_length=120, verbose_name="نام فارسی")
    name_en = models.CharField(max_length=120, verbose_name="نام انگلیسی")
    province = models.CharField(max_length=120, default="تهران", verbose_name="استان")
    population = models.PositiveIntegerField(default=0, verbose_name="جمعیت")
    center_lat = models.FloatField(verbose_name="عرض جغرافیایی مرکز")
    center_lon = models.FloatField(verbose_name="طول جغرافیایی مرکز")
    is_active = models.BooleanField(default=True, verbose_name="فعال")
    public_url = models.URLField(
        blank=True,
        help_text="نشانی عمومی خود این شهرداری (مثلاً https://shahrvand.karaj.ir) برای پیوندهای "
        "پیامک، رایانامه و گواهی‌هایش؛ خالی = SHAHRVAND_PUBLIC_URL.",
        verbose_name="نشانی عمومی",
    )

    class Meta:
        ordering = ["name_fa"]
        verbose_name = "شهرداری"
        verbose_name_plural = "شهرداری‌ها"

    def __str__(self) -> str:
        return self.name_fa


class District(models.Model):
    """A municipal district (منطقه). Boundary stored as GeoJSON; a bbox for fast prefiltering."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="districts"
    )
    number = models.PositiveSmallIntegerField()
    name_fa = models.CharField(max_length=120)
    population = models.PositiveIntegerField(default=0)
    boundary = models.JSONField(help_text="GeoJSON Polygon or MultiPolygon, lon/lat order")
    min_lat = models.FloatField()
    max_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lon = models.FloatField()

    class Meta:
        ordering = ["municipality", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="district_unique_number"
            )
        ]
        indexes = [models.Index(fields=["municipality", "min_lat", "max_lat"])]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.name_fa}"


class Department(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="departments"
    )
    code = models.SlugField()
    name_fa = models.CharField(max_length=160)
    name_en = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering = ["municipality", "name_fa"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="department_unique_code")
        ]

    def __str__(self) -> str:
        return self.name_fa


class ExternalAgency(models.Model):
    """An outside body (water, power, gas, telecom, guilds) as seen from one municipality."""

    class Kind(models.TextChoices):
        WATER = "water", "آب و فاضلاب"
        ELECTRICITY = "electricity", "توزیع برق"
        GAS = "gas", "گاز"
        TELECOM = "telecom", "مخابرات"
        GUILDS = "guilds", "اتاق اصناف / بازرسی"
        OTHER = "other", "سایر"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="agencies"
    )
    code = models.SlugField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name_fa = models.CharField(max_length=160)
    name_en = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering = ["municipality", "name_fa"]
        verbose_name_plural = "external agencies"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="agency_unique_code")
        ]

    def __str__(self) -> str:
        return self.name_fa


class Role(models.TextChoices):
    OPERATOR = "operator", "اپراتور مرکز تماس"
    DISPATCHER = "dispatcher", "توزیع‌کننده (کارشناس ارجاع)"
    FIELD_STAFF = "field_staff", "کارشناس / نیروی میدانی"
    DEPARTMENT_MANAGER = "department_manager", "مدیر واحد"
    AGENCY_USER = "agency_user", "کاربر دستگاه بیرونی"
    MUNICIPALITY_ADMIN = "municipality_admin", "مدیر سامانه شهرداری"
    PROVINCE_SUPERVISOR = "province_supervisor", "ناظر استانی"


class StaffProfile(models.Model):
    """What a staff user is: role, municipality and (below admin) department or agency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="staff"
    )
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    agency = models.ForeignKey(ExternalAgency, on_delete=models.SET_NULL, null=True, blank=True)
    phone = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="province_supervisor")
                | models.Q(municipality__isnull=False),
                name="staff_has_municipality_unless_province",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


KEY_SETTING_PREFIX = "SHAHRVAND_MAP_KEY_"


def _validate_key_setting(value: str) -> None:
    """Only names under our own prefix: the key is shown to browsers (tiles are fetched by
    them), so a name like SECRET_KEY must never be accepted here."""
    if value and not (
        value.startswith(KEY_SETTING_PREFIX)
        and value[len(KEY_SETTING_PREFIX) :].replace("_", "").isalnum()
        and value.isupper()
    ):
        raise ValidationError(
            f"نام کلید باید با {KEY_SETTING_PREFIX} آغاز شود و فقط حروف بزرگ لاتین، "
            "رقم و _ داشته باشد."
        )


class MunicipalityMap(models.Model):
    """The base map of one municipality's pages (decision 0038). Without a row, the global
    SHAHRVAND_TILE_URL is used. The API key is never stored here: only the name of the
    environment variable (or setting) that holds it."""

    class Kind(models.TextChoices):
        XYZ = "xyz", "کاشی XYZ"
        WMTS = "wmts", "WMTS (RESTful یا KVP، شبکه EPSG:3857)"
        NESHAN = "neshan", "نشان"
        MAPIR = "mapir", "Map.ir"

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="map_config", verbose_name="شهرداری"
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.XYZ, verbose_name="نوع"
    )
    url_template = models.CharField(
        max_length=500,
        blank=True,
        help_text="مثلاً https://tiles.example.ir/{z}/{x}/{y}.png؛ {key} با کلید جایگزین می‌شود. "
        "خالی: پیش‌فرض ارائه‌دهنده (Map.ir).",
        verbose_name="الگوی نشانی کاشی‌ها",
    )
    attribution = models.CharField(max_length=300, blank=True, verbose_name="انتساب نقشه")
    api_key_setting = models.CharField(
        max_length=100,
        blank=True,
        validators=[_validate_key_setting],
        help_text=f"نام متغیر محیطی‌ای که کلید را نگه می‌دارد، مثلاً {KEY_SETTING_PREFIX}TEHRAN",
        verbose_name="متغیر محیطی کلید API",
    )
    max_zoom = models.PositiveSmallIntegerField(default=19, verbose_name="بیشینهٔ بزرگ‌نمایی")

    class Meta:
        verbose_name = "نقشهٔ پایهٔ شهرداری"
        verbose_name_plural = "نقشه‌های پایهٔ شهرداری‌ها"

    def __str__(self) -> str:
        return f"{self.municipality} — {self.get_kind_display()}"
