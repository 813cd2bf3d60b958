"""What a request body Django cannot read means for the client: the status and the message.

Django raises these when `request.body`, `request.POST` or `request.FILES` is first read —
inside ninja's parsing, a view, or the CSRF middleware — so three places answer them (the
API's exception handlers, ops.errorpages' middleware and its handler400); this is the one
table all three use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError


@dataclass(frozen=True)
class ClientError:
    status: int
    code: str
    message: str
    message_en: str


TOO_LARGE = ClientError(
    413,
    "payload_too_large",
    "حجم درخواست بیش از حد مجاز است؛ متن کوتاه‌تر یا فایل کوچک‌تری بفرستید.",
    "The request body is too large.",
)
UNREADABLE = ClientError(
    400,
    "invalid_body",
    "درخواست قابل خواندن نیست؛ فرم را دوباره بفرستید.",
    "The request body could not be read.",
)
BAD_REQUEST = ClientError(400, "bad_request", "درخواست نامعتبر است.", "Bad request.")
SERVER_ERROR = ClientError(
    500,
    "server_error",
    "خطایی در سامانه رخ داد؛ کمی بعد دوباره تلاش کنید.",
    "Internal server error.",
)


def body_error_of(exc: BaseException) -> ClientError | None:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE (or too many fields or files), 400
    for a body that cannot be parsed (multipart without a boundary, a broken upload);
    None for anything else."""
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return TOO_LARGE
    if isinstance(exc, MultiPartParserError | UnreadablePostError):
        return UNREADABLE
    return None
