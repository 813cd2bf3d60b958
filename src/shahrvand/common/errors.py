"""Domain errors: raised by services, turned into HTTP/HTML errors by the views that call them.

Each carries a Persian message for people, an English one for the second UI language and
for machine clients, a stable `code`, and the `field` it concerns (if any).
"""

from __future__ import annotations


class DomainError(Exception):
    code = "invalid"
    http_status = 400

    def __init__(
        self, message: str, *, message_en: str = "", field: str = "", code: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "message_en": self.message_en,
        }


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403
