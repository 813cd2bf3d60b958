"""A citizen's application, submitted at most once per form shown (SubmissionKey)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from shahrvand.common.errors import DomainError
from shahrvand.eservices.models import Case, Service
from shahrvand.identity.models import CitizenAccount, SubmissionKey

from .cases import case_submit
from .documents import PreparedDocument

KEY_LENGTH = 64


def case_submit_once(
    *,
    account: CitizenAccount,
    submission_key: str,
    service: Service,
    applicant_name: str,
    form_data: dict[str, Any],
    documents: list[PreparedDocument],
) -> Case:
    """Submit the citizen's application (`case_submit`) under `submission_key`, the key of
    the form shown: a second call with the same key (a double click, a retried request)
    returns the case the first one opened. DomainError as case_submit, or when the first
    submission with that key did not finish.

    The transaction is a block, not the decorator: the unique key's IntegrityError must be
    caught outside the rolled-back block to look the first submission up.
    """
    key = submission_key[:KEY_LENGTH]
    try:
        with transaction.atomic():
            row = SubmissionKey.objects.create(key=key, account=account)
            case = case_submit(
                service=service,
                applicant_phone=account.phone,
                applicant_name=applicant_name,
                form_data=form_data,
                documents=documents,
            )
            row.tracking_code = case.tracking_code
            row.save(update_fields=["tracking_code"])
            return case
    except IntegrityError:
        earlier = SubmissionKey.objects.filter(key=key, account=account).first()
        case_found = (
            Case.objects.filter(tracking_code=earlier.tracking_code).first()
            if earlier is not None and earlier.tracking_code
            else None
        )
        if case_found is None:
            raise DomainError(
                "این فرم پیش‌تر فرستاده شده است؛ فهرست پرونده‌های خود را ببینید.",
                message_en="This form was already submitted.",
                code="duplicate_submission",
            ) from None
        return case_found
