"""Reports, their append-only history and their attachments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.security.fields import BlindIndexField, EncryptedTextField
from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality

from .workflow import Status


class Channel(models.TextChoices):
    PHONE = "phone", "تلفن ۱۳۷"
    WEB = "web", "وب"
    APP = "app", "اپلیکیشن"
    API = "api", "API"
    SMS = "sms", "پیامک"


class Priority(models.TextChoices):
    LOW = "low", "کم"
    NORMAL = "normal", "عادی"
    HIGH = "high", "زیاد"
    EMERGENCY = "emergency", "فوری"


class Report(models.Model):
    # The reporter secret in clear, set by report_create on the object it returns and
    # nowhere else: it is shown to the reporter once, never stored (decision 0032).
    issued_secret: str = ""

    tracking_code = models.CharField(max_length=12, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="reports")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    # Denormalised from category for cross-municipality statistics without joins.
    standard = models.ForeignKey(StandardCategory, on_delete=models.PROTECT, related_name="reports")
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    # What the text classifier thought at intake (triage/classifier.py).
    suggested_standard = models.ForeignKey(
        StandardCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    suggestion_confidence = models.FloatField(null=True, blank=True)
    auto_categorised = models.BooleanField(default=False)
    # True while `category` holds only the classifier's guess below the automatic threshold
    # (decision 0039): nobody chose it, so no public channel shows it and nothing is routed
    # until a dispatcher picks a category.
    awaiting_category = models.BooleanField(default=False)
    description = models.TextField(max_length=4000)
    # Normalised description + notes, kept by the services; full-text indexed (see search/).
    search_text = models.TextField(blank=True, default="")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    address = models.CharField(max_length=400, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="reports")
    h3_cell = models.CharField(max_length=16, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    reporter_name = models.CharField(max_length=120, blank=True)
    # Encrypted at rest; looked up through the keyed blind index (security/pii.py).
    reporter_phone = EncryptedTextField(blank=True, default="")
    reporter_phone_index = BlindIndexField(source="reporter_phone", db_index=True)
    # Keyed hash of the reporter secret (reports/proof.py, decision 0032); empty for
    # reports older than it, whose reporter proves themselves by a one-time code.
    reporter_secret_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    # When the retention rule removed the reporter's name and phone (reports/services/retention.py).
    reporter_anonymised_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    status_note = models.TextField(blank=True, help_text="the latest public note, for Open311")
    deadline = models.DateTimeField(null=True, blank=True, db_index=True)
    # The clock (see services/deadline.py): warning point, escalation point, pauses.
    warn_at = models.DateTimeField(null=True, blank=True, db_index=True)
    escalate_at = models.DateTimeField(null=True, blank=True, db_index=True)
    on_hold_since = models.DateTimeField(null=True, blank=True)
    paused_hours = models.FloatField(default=0)
    sla_state = models.CharField(
        max_length=10,
        choices=[
            ("", "در مهلت"),
            ("warned", "نزدیک مهلت"),
            ("breached", "گذشته از مهلت"),
            ("escalated", "ارجاع به مدیر سامانه"),
        ],
        blank=True,
        default="",
    )
    assigned_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    assigned_agency = models.ForeignKey(
        ExternalAgency, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_reports",
    )
    external_app = models.CharField(max_length=120, blank=True, help_text="API client that sent it")
    media_url = models.URLField(
        max_length=500, blank=True, help_text="external media link sent by an API client (Open311)"
    )
    attribute_values = models.JSONField(
        default=dict, blank=True, help_text="answers to the category's Open311 attributes"
    )
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback_comment = models.TextField(blank=True)
    # Staff may withdraw a report from every public channel (reports/services/visibility.py).
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "status", "-created_at"]),
            models.Index(fields=["municipality", "standard", "-created_at"]),
            models.Index(fields=["municipality", "assigned_department", "status"]),
            models.Index(fields=["municipality", "assigned_agency", "status"]),
            # Duplicate lookup: the H3 cells around a point, for one kind, recent first.
            models.Index(
                fields=["municipality", "standard", "h3_cell", "-created_at"],
                name="report_nearby_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="report_satisfaction_1_5",
            ),
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (models.Q(lat__isnull=False) & models.Q(lon__isnull=False)),
                name="report_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def responsible_name(self) -> str:
        unit = self.assigned_agency or self.assigned_department
        return unit.name_fa if unit else ""


class AppendOnlyError(Exception):
    pass


class ReportEventQuerySet(models.QuerySet["ReportEvent"]):
    """History refuses bulk update and delete, like the case audit (eservices/models/audit.py).

    Retention and privacy never touch it: an anonymised report keeps its whole history
    (reports/services/retention.py), whose actor labels name staff, not reporters. The two
    named methods below are the only ways round the refusal, each for one caller.
    """

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("report history is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("report history is append-only")

    def backdate_for_seeding(self, created_at: Any) -> int:
        """Seeding only (the demo loader's timeline, test fixtures): set `created_at` (a
        value or an expression) of these rows, so a planned past reads as history. Returns
        the number of rows."""
        return super().update(created_at=created_at)

    def delete_for_demo_reset(self) -> int:
        """Only for demo/reset.py, which removes whole demo municipalities at once: a raw
        delete (no signals, no cascade). Returns the number of rows."""
        return self._raw_delete(self.db)


class ReportEvent(models.Model):
    """One entry of a report's history. Written once, never edited or deleted: instance
    save() of an existing row and delete() raise AppendOnlyError, and so do the queryset's
    update() and delete()."""

    class Kind(models.TextChoices):
        CREATED = "created", "ثبت"
        STATUS = "status", "تغییر وضعیت"
        ASSIGNED = "assigned", "ارجاع"
        NOTE = "note", "یادداشت"
        FEEDBACK = "feedback", "نظر شهروند"
        CATEGORY = "category", "تغییر دسته"
        ATTACHMENT = "attachment", "افزودن پیوست"
        DEADLINE = "deadline", "مهلت"
        VISIBILITY = "visibility", "نمایش عمومی"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(max_length=160, help_text="who, as shown in the history")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ReportEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("report history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("report history is append-only")


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"reports/{instance.report.tracking_code}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", "عکس"
        VIDEO = "video", "ویدیو"

    class Stage(models.TextChoices):
        INTAKE = "intake", "هنگام ثبت"
        BEFORE = "before", "پیش از رسیدگی"
        AFTER = "after", "پس از رسیدگی"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.INTAKE)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    thumbnail = models.FileField(upload_to=attachment_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.file.name)


class ReportFollower(models.Model):
    """A citizen who follows a report instead of filing a duplicate (FixMyStreet pattern);
    followers get the report's status notifications like its reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    phone = EncryptedTextField()
    phone_index = BlindIndexField(source="phone", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "phone_index"], name="follower_once_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.phone[-2:]}"


class PersonalDataAccess(models.Model):
    """Who saw a reporter's name or phone, when and through what. Append-only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="personal_data_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    channel = models.CharField(max_length=16)  # "ui" or "api"
    fields = models.CharField(max_length=120)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} saw {self.fields} of {self.report_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the personal-data access log is append-only")
        super().save(*args, **kwargs)
