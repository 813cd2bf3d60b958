"""Case documents: checked by content before anything is stored, stored all-or-none.

Accepted: PDF (a `%PDF-` header and an `%%EOF` trailer), and JPEG or PNG images that Pillow
can decode. The name and the declared content type of an upload are never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import secrets
from dataclasses import dataclass

import filetype
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from shahrvand.common.errors import DomainError
from shahrvand.eservices.models import Case, CaseDocument, CaseStep

from .audit import Actor, audit, snapshot

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class DocumentError(DomainError):
    code = "invalid_document"


@dataclass(frozen=True)
class PreparedDocument:
    doc_key: str
    name: str
    content: bytes
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def sniff(content: bytes) -> str | None:
    """The content type of an acceptable document, or None."""
    if content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]:
        return "application/pdf"
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ("image/jpeg", "image/png"):
        return None
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return str(kind.mime)


def prepare_document(*, doc_key: str, name: str, content: bytes) -> PreparedDocument:
    """Check one document; raises DocumentError with a Persian message if it is refused."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"فایل «{name}» بزرگ‌تر از ۱۰ مگابایت است.",
            message_en=f"File '{name}' is larger than 10 MB.",
            field=doc_key,
            code="document_too_large",
        )
    content_type = sniff(content)
    if content_type is None:
        raise DocumentError(
            f"فایل «{name}» PDF یا تصویر JPEG/PNG سالم نیست.",
            message_en=f"File '{name}' is not a valid PDF, JPEG or PNG.",
            field=doc_key,
            code="document_type",
        )
    return PreparedDocument(
        doc_key=doc_key, name=name[:200], content=content, content_type=content_type
    )


def prepare_upload(*, doc_key: str, upload: UploadedFile[bytes]) -> PreparedDocument:
    """prepare_document for a Django upload (reads at most the size limit + 1 byte)."""
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    return prepare_document(doc_key=doc_key, name=upload.name or doc_key, content=content)


def store_documents(
    *,
    case: Case,
    documents: list[PreparedDocument],
    actor: Actor,
    step: CaseStep | None,
    at: dt.datetime,
    written: list[str],
) -> list[CaseDocument]:
    """Write the files and rows (and one audit row per document). Names of written files are
    appended to `written` so that the caller can delete them if the transaction fails."""
    created = []
    for doc in documents:
        row = CaseDocument(
            case=case,
            step=step,
            doc_key=doc.doc_key,
            original_name=doc.name,
            content_type=doc.content_type,
            size=len(doc.content),
            sha256=doc.sha256,
            uploaded_by_label=actor.label,
            uploaded_at=at,
        )
        stem = f"{doc.doc_key}-{secrets.token_hex(6)}.{EXTENSIONS[doc.content_type]}"
        row.file.save(stem, ContentFile(doc.content), save=False)
        written.append(row.file.name or "")
        row.save()
        audit(
            case=case,
            actor=actor,
            action="document_added",
            obj=row,
            before={},
            after=snapshot(row, ("doc_key", "original_name", "content_type", "size", "sha256")),
            at=row.uploaded_at,
        )
        created.append(row)
    return created


def delete_written(names: list[str]) -> None:
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


__all__ = [
    "DocumentError",
    "PreparedDocument",
    "prepare_document",
    "prepare_upload",
    "sniff",
    "store_documents",
]
