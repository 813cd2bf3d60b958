"""A local HTTP server speaking Kavenegar's sms/send.json protocol, for the adapter tests."""

from __future__ import annotations

import contextlib
import json
import time
import urllib.parse
from typing import Any

from tests.fakehttp import LocalServer, QuietHandler

API_KEY = "4A6B-TEST-KEY"


class FakeKavenegar:
    """Records each request (path, headers, decoded form) and answers from a script.

    Each scripted answer is (HTTP status, JSON document or raw bytes, delay in seconds);
    with the script empty it answers like Kavenegar does on success.
    """

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: list[tuple[int, Any, float]] = []
        self._next_id = 8792343
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "raw": body,
                        "form": dict(
                            urllib.parse.parse_qsl(body.decode("utf-8"), strict_parsing=True)
                        ),
                    }
                )
                status, document, delay = fake.script.pop(0) if fake.script else fake.ok()
                if delay:
                    time.sleep(delay)
                payload = (
                    document
                    if isinstance(document, bytes)
                    else json.dumps(document, ensure_ascii=False).encode("utf-8")
                )
                # The client may have given up already (the timeout test).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.send_json(status, payload, "application/json; charset=utf-8")

        self._local = LocalServer(Handler)
        self.url = self._local.base_url + "/v1"

    def ok(self) -> tuple[int, Any, float]:
        self._next_id += 1
        receptor = self.requests[-1]["form"].get("receptor", "")
        return (
            200,
            {
                "return": {"status": 200, "message": "تایید شد"},
                "entries": [
                    {
                        "messageid": self._next_id,
                        "message": self.requests[-1]["form"].get("message", ""),
                        "status": 1,
                        "statustext": "در صف ارسال",
                        "sender": "10004346",
                        "receptor": receptor,
                        "date": int(time.time()),
                        "cost": 120,
                    }
                ],
            },
            0.0,
        )

    @staticmethod
    def error(code: int, message: str, http_status: int | None = None) -> tuple[int, Any, float]:
        """Kavenegar's error answer: the HTTP status mirrors return.status."""
        return (
            http_status or code,
            {"return": {"status": code, "message": message}, "entries": None},
            0.0,
        )

    def close(self) -> None:
        self._local.close()
