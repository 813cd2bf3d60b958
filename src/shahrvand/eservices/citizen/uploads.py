"""The application's documents: one file input per document the process asks for.

A file is judged by its content (never its name or declared type). Photos of documents
are re-encoded with the report attachments' image pipeline (which drops EXIF and GPS and
anything hidden after the image data) before the engine's document check; PDFs are
checked by the engine as they are.
"""

from __future__ import annotations

from typing import Any

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile

from shahrvand.common.errors import DomainError
from shahrvand.eservices.services.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    PreparedDocument,
    prepare_document,
)
from shahrvand.reports.attachments import prepare_attachments

DOC_PREFIX = "d_"
ACCEPT = "application/pdf,image/jpeg,image/png"


def document_fields(
    specs: list[dict[str, Any]], *, have: set[str] | None = None
) -> dict[str, forms.FileField]:
    """File fields for the documents; a document already on file is not asked again."""
    fields: dict[str, forms.FileField] = {}
    for spec in specs:
        key = str(spec["key"])
        needed = bool(spec.get("required")) and key not in (have or set())
        fields[f"{DOC_PREFIX}{key}"] = forms.FileField(
            label=str(spec.get("name_fa") or key),
            required=needed,
            help_text="PDF یا عکس (JPEG، PNG)، حداکثر ۱۰ مگابایت",
            error_messages={
                "required": f"مدرک «{spec.get('name_fa') or key}» را پیوست کنید.",
                "empty": "فایل فرستاده‌شده خالی است.",
            },
            widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        )
    return fields


def prepare(doc_key: str, upload: UploadedFile[bytes]) -> PreparedDocument:
    """One upload checked and (if a photo) re-encoded; DomainError names the document."""
    name = upload.name or doc_key
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"فایل «{name}» بزرگ‌تر از ۱۰ مگابایت است.",
            message_en=f"File '{name}' is larger than 10 MB.",
            field=doc_key,
            code="document_too_large",
        )
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in ("image/jpeg", "image/png"):
        try:
            photo = prepare_attachments([upload])[0]
        except DomainError as exc:
            raise DomainError(
                exc.message, message_en=exc.message_en, field=doc_key, code=exc.code
            ) from exc
        return prepare_document(doc_key=doc_key, name=name, content=photo.content)
    upload.seek(0)
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    return prepare_document(doc_key=doc_key, name=name, content=content)


def prepare_all(form: forms.Form) -> list[PreparedDocument]:
    """Every document uploaded in `form`; the first refused one raises DomainError."""
    prepared = []
    for name, value in form.cleaned_data.items():
        if name.startswith(DOC_PREFIX) and value:
            prepared.append(prepare(name[len(DOC_PREFIX) :], value))
    return prepared
