"""Cases (one application by one citizen), their steps, documents and the certificate."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from shahrvand.eservices.workflow import StepStatus
from shahrvand.security.fields import BlindIndexField, EncryptedTextField
from shahrvand.tenancy.models import Department, ExternalAgency, Municipality, Role

from .catalogue import ProcessDefinition, Service


class Case(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "در جریان بررسی"
        RETURNED = "returned", "بازگشت برای اصلاح"
        AWAITING_PAYMENT = "awaiting_payment", "در انتظار پرداخت"
        APPROVED = "approved", "تأیید و صادر شد"
        REJECTED = "rejected", "رد شد"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cases", verbose_name="شهرداری"
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="cases", verbose_name="خدمت"
    )
    definition = models.ForeignKey(
        ProcessDefinition,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name="تعریف فرایند",
    )
    tracking_code = models.CharField(max_length=12, unique=True, verbose_name="کد پیگیری")
    applicant_phone = EncryptedTextField(
        verbose_name="تلفن متقاضی"
    )  # personal data: encrypted at rest
    applicant_phone_index = BlindIndexField(
        source="applicant_phone", db_index=True, verbose_name="نمایهٔ تلفن متقاضی"
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="کاربر متقاضی",
    )
    applicant_name = models.CharField(max_length=160, blank=True, verbose_name="نام متقاضی")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.IN_PROGRESS, verbose_name="وضعیت"
    )
    form_data = models.JSONField(default=dict, blank=True, verbose_name="دادهٔ فرم")
    submitted_at = models.DateTimeField(db_index=True, verbose_name="زمان ثبت")
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان بستن")
    result = models.CharField(
        max_length=10,
        blank=True,
        help_text="approved (پذیرفته) / rejected (رد شده)",
        verbose_name="نتیجه",
    )
    result_reason = models.TextField(blank=True, verbose_name="دلیل نتیجه")
    fee_amount = models.BigIntegerField(
        null=True, blank=True, help_text="به ریال، پس از محاسبه", verbose_name="مبلغ هزینه"
    )
    payment_reference = models.CharField(max_length=64, blank=True, verbose_name="مرجع پرداخت")
    updated_at = models.DateTimeField(auto_now=True, verbose_name="زمان به‌روزرسانی")

    class Meta:
        verbose_name = "پرونده"
        verbose_name_plural = "پرونده‌ها"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CaseStep(models.Model):
    """One step of a case's process, as the definition version of the case describes it.

    A step row exists for every step from submission on (pending until its predecessors are
    approved) so that the applicant sees the whole road. A step returned for correction is
    re-activated on the same row; `return_count` counts the rounds.
    """

    # The statuses and their legal moves live in eservices/workflow.py.
    Status = StepStatus

    class Kind(models.TextChoices):
        TASK = "task", "بررسی"
        PAYMENT = "payment", "پرداخت"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField()
    position = models.PositiveSmallIntegerField(help_text="order in the definition")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TASK)
    name_fa = models.CharField(max_length=160)
    name_en = models.CharField(max_length=160, blank=True)
    after = models.JSONField(default=list, blank=True, help_text="keys of the steps awaited")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True)
    agency = models.ForeignKey(ExternalAgency, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    deadline_hours = models.FloatField(help_text="business hours allowed per round")
    started_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True, db_index=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    paused_hours = models.FloatField(default=0, help_text="business hours spent suspended")
    extended_hours = models.FloatField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by_label = models.CharField(max_length=160, blank=True)
    decision = models.CharField(max_length=10, blank=True)
    reason = models.TextField(blank=True)
    form_data = models.JSONField(default=dict, blank=True)
    return_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="casestep_unique_key"),
            models.CheckConstraint(
                condition=models.Q(department__isnull=True) | models.Q(agency__isnull=True),
                name="casestep_one_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "department"]),
            models.Index(fields=["status", "agency"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.key}"

    @property
    def unit(self) -> Department | ExternalAgency | None:
        return self.department or self.agency

    @property
    def unit_ref(self) -> str:
        if self.department is not None:
            return f"department:{self.department.code}"
        if self.agency is not None:
            return f"agency:{self.agency.code}"
        return ""


def document_path(instance: CaseDocument, filename: str) -> str:
    return f"eservices/{instance.case.tracking_code}/{filename}"


class CaseDocument(models.Model):
    """A document uploaded for a case (type checked by content before it is stored)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    step = models.ForeignKey(
        CaseStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    doc_key = models.SlugField(help_text="the document key in the definition")
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_label = models.CharField(max_length=160)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.doc_key}"


def certificate_path(instance: Certificate, filename: str) -> str:
    return f"certificates/{instance.case.tracking_code}/{filename}"


class Certificate(models.Model):
    """The result document of an approved case. The row (with its verification code) is
    created when the case is approved; the PDF is rendered into `file` by the citizen side."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="certificate")
    verification_code = models.CharField(max_length=16, unique=True)
    issued_at = models.DateTimeField()
    file = models.FileField(upload_to=certificate_path, max_length=200, blank=True)

    def __str__(self) -> str:
        return self.verification_code
