"""Validation and processing of report attachments, done fully before anything is stored.

Types are decided by content, never by the file name or the declared content type:
images must be decodable by Pillow as JPEG, PNG, WebP or GIF; videos must carry an MP4,
QuickTime, WebM or 3GP signature. Images are re-encoded to JPEG (which drops EXIF, GPS
and any trailing payload of a polyglot file), orientation applied, and a thumbnail made.
Videos are remuxed into a fresh container without any metadata (video.py); one that cannot
be read through is refused.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from shahrvand.common.errors import DomainError
from shahrvand.common.persian import to_persian_digits

from .video import VideoUnreadable, strip_metadata

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm", "video/3gpp", "video/x-m4v"}
MAX_EDGE = 2560
THUMB_EDGE = 320


class AttachmentError(DomainError):
    code = "invalid_attachment"


@dataclass(frozen=True)
class PreparedFile:
    kind: str  # "photo" | "video"
    name: str
    content: bytes
    content_type: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _mb(n: int) -> str:
    return to_persian_digits(f"{n / (1024 * 1024):.0f}")


def _read(upload: UploadedFile[bytes], limit: int) -> bytes:
    size = upload.size or 0
    if size > limit:
        raise AttachmentError(
            f"فایل «{upload.name}» بزرگ‌تر از حد مجاز ({_mb(limit)} مگابایت) است.",
            message_en=f"File '{upload.name}' is larger than {limit // (1024 * 1024)} MB.",
            field="attachments",
            code="file_too_large",
        )
    upload.seek(0)
    data: bytes = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentError(
            f"فایل «{upload.name}» بزرگ‌تر از حد مجاز است.",
            message_en=f"File '{upload.name}' is too large.",
            field="attachments",
            code="file_too_large",
        )
    return data


def _prepare_image(name: str, data: bytes) -> PreparedFile:
    bad = AttachmentError(
        f"فایل «{name}» تصویر سالمی نیست یا قالب آن پشتیبانی نمی‌شود (JPEG، PNG، WebP).",
        message_en=f"File '{name}' is not a valid JPEG, PNG or WebP image.",
        field="attachments",
        code="invalid_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in IMAGE_FORMATS:
                raise bad
            w, h = probe.size
            if w * h > settings.SHAHRVAND_MAX_IMAGE_PIXELS:
                raise AttachmentError(
                    f"ابعاد تصویر «{name}» بیش از حد بزرگ است.",
                    message_en=f"Image '{name}' has too many pixels.",
                    field="attachments",
                    code="image_too_large",
                )
            probe.verify()
            image: Image.Image = Image.open(io.BytesIO(data))
            image.load()
    except AttachmentError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise bad from exc
    image = ImageOps.exif_transpose(image) or image
    # Pillow carries a JPEG comment (and XMP) from the source into the re-encoded file;
    # nothing of the original's metadata may survive (found by tests/reliability).
    image.info.clear()
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    thumb_img = image.copy()
    thumb_img.thumbnail((THUMB_EDGE, THUMB_EDGE))
    thumb = io.BytesIO()
    thumb_img.convert("RGB").save(thumb, "JPEG", quality=80)
    return PreparedFile(
        kind="photo",
        name="photo.jpg",
        content=out.getvalue(),
        content_type="image/jpeg",
        width=image.width,
        height=image.height,
        thumbnail=thumb.getvalue(),
    )


def _prepare_video(name: str, data: bytes, mime: str) -> PreparedFile:
    try:
        clean = strip_metadata(data, mime)
    except VideoUnreadable as exc:
        raise AttachmentError(
            f"ویدیوی «{name}» خوانده نشد: فایل آسیب دیده یا ناقص است یا قالب آن "
            "پشتیبانی نمی‌شود (MP4، MOV، WebM، 3GP). ویدیو را دوباره از گوشی بفرستید.",
            message_en=f"Video '{name}' could not be read (corrupt, truncated or unsupported).",
            field="attachments",
            code="invalid_video",
        ) from exc
    return PreparedFile(
        kind="video",
        name=f"video.{clean.extension}",
        content=clean.content,
        content_type=mime,
        width=clean.width,
        height=clean.height,
    )


def prepare_attachments(uploads: Sequence[UploadedFile[bytes]]) -> list[PreparedFile]:
    """Validate every upload and return them processed; raise AttachmentError on the first bad one.

    Nothing is written anywhere: a rejected file rejects the whole submission.
    """
    prepared: list[PreparedFile] = []
    total = 0
    for upload in uploads:
        name = upload.name or "file"
        head = upload.read(262)
        upload.seek(0)
        kind = filetype.guess(head)
        mime = kind.mime if kind else ""
        if mime in VIDEO_TYPES:
            data = _read(upload, settings.SHAHRVAND_MAX_VIDEO_BYTES)
            prepared.append(_prepare_video(name, data, mime))
        elif mime.startswith("image/"):
            data = _read(upload, settings.SHAHRVAND_MAX_PHOTO_BYTES)
            prepared.append(_prepare_image(name, data))
        else:
            raise AttachmentError(
                f"نوع فایل «{name}» پذیرفته نیست؛ "
                "فقط عکس (JPEG، PNG، WebP) و ویدیو (MP4، WebM، MOV).",
                message_en=f"File '{name}' is not an accepted photo or video (checked by content).",
                field="attachments",
                code="unsupported_type",
            )
        total += len(data)
    photos = sum(1 for p in prepared if p.kind == "photo")
    videos = len(prepared) - photos
    if photos > settings.SHAHRVAND_MAX_PHOTOS or videos > settings.SHAHRVAND_MAX_VIDEOS:
        raise AttachmentError(
            f"حداکثر {to_persian_digits(settings.SHAHRVAND_MAX_PHOTOS)} عکس و "
            f"{to_persian_digits(settings.SHAHRVAND_MAX_VIDEOS)} ویدیو می‌توانید پیوست کنید.",
            message_en=f"At most {settings.SHAHRVAND_MAX_PHOTOS} photos and "
            f"{settings.SHAHRVAND_MAX_VIDEOS} video per report.",
            field="attachments",
            code="too_many_files",
        )
    if total > settings.SHAHRVAND_MAX_TOTAL_BYTES:
        raise AttachmentError(
            f"مجموع حجم پیوست‌ها بیش از {_mb(settings.SHAHRVAND_MAX_TOTAL_BYTES)} مگابایت است.",
            message_en="The attachments together exceed the total size limit.",
            field="attachments",
            code="total_too_large",
        )
    return prepared
