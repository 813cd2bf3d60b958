"""Errors answered in the spec's error list (HTTP 400/403/404, 413 for a body over the size
limit, 429 for the rate limit)."""

from __future__ import annotations

from shahrvand.common.errors import DomainError


class Open311Error(Exception):
    """Raised anywhere under a view; the view answers `status` with one error entry.

    `description` is English (machine clients, logs) followed by the Persian message in
    parentheses when there is one, because it may be shown to end users as is.
    """

    def __init__(
        self,
        status: int,
        message_en: str,
        message_fa: str = "",
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.status = status
        self.message_en = message_en
        self.message_fa = message_fa
        self.headers = headers or {}

    @property
    def description(self) -> str:
        if self.message_fa and self.message_fa != self.message_en:
            return f"{self.message_en} ({self.message_fa})"
        return self.message_en

    @classmethod
    def from_domain(cls, exc: DomainError) -> Open311Error:
        status = getattr(exc, "http_status", 400)
        return cls(status if status in (400, 403, 404) else 400, exc.message_en, exc.message)


def bad_request(message_en: str, message_fa: str = "") -> Open311Error:
    return Open311Error(400, message_en, message_fa)


def not_found(message_en: str, message_fa: str = "") -> Open311Error:
    return Open311Error(404, message_en, message_fa)


def forbidden(message_en: str, message_fa: str = "") -> Open311Error:
    return Open311Error(403, message_en, message_fa)
