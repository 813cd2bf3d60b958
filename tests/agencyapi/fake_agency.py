"""A local HTTP server playing an agency's system: it checks our signature with the shared
secret, exactly as docs/agency-api.md tells agencies to, and records what it received."""

from __future__ import annotations

import json
import time
from typing import Any

from shahrvand.agencyapi import signing
from tests.fakehttp import LocalServer, QuietHandler


class FakeAgency:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict[str, Any]] = []
        self.script: list[int] = []  # statuses to answer first (e.g. [500]); then 200
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                canonical = signing.canonical_request(
                    "POST",
                    self.path,
                    self.headers[signing.TIMESTAMP_HEADER],
                    self.headers[signing.NONCE_HEADER],
                    body,
                )
                fresh = abs(time.time() - int(self.headers[signing.TIMESTAMP_HEADER])) <= 300
                valid = fresh and signing.signature_matches(
                    fake.secret, canonical, self.headers[signing.SIGNATURE_HEADER]
                )
                fake.received.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(body),
                        "valid": valid,
                    }
                )
                status = fake.script.pop(0) if fake.script else (200 if valid else 401)
                payload = b'{"received":true}'
                self.send_json(status, payload)

        self._local = LocalServer(Handler)
        self.url = self._local.base_url + "/shahrvand/inquiries?v=1"

    def close(self) -> None:
        self._local.close()
