"""A local HTTP server speaking Zarinpal's REST v4 protocol, for the adapter tests.

POST /pg/v4/payment/request.json → {"data": {"code": 100, "authority": …}, "errors": []}
GET  /pg/StartPay/<authority>    → the "bank": 302 to callback_url?Authority=…&Status=OK|NOK
POST /pg/v4/payment/verify.json  → 100 the first time, 101 afterwards, -50/-51/-54 errors
Errors answer HTTP 4xx with {"data": [], "errors": {"code": -NN, "message": …}}.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from tests.fakehttp import LocalServer, QuietHandler

MERCHANT_ID = "1344b5d4-0048-11e8-94db-005056a205be"


@dataclass
class Session:
    amount: int
    callback_url: str
    paid: bool = False
    verified: bool = False
    ref_id: int = 0


class FakeZarinpal:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.sessions: dict[str, Session] = {}
        self.bank_decision = "OK"  # what the payer does at StartPay
        self.fail_next: list[int] = []  # HTTP statuses to answer (empty body) before working
        self.verify_delay = 0.0  # seconds the gateway takes to answer verify
        self._counter = 207288780
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                document = json.loads(raw or b"{}")
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": document}
                )
                if fake.fail_next:
                    self.send_json(fake.fail_next.pop(0), b"")
                    return
                if self.path == "/pg/v4/payment/request.json":
                    status, answer = fake.request(document)
                elif self.path == "/pg/v4/payment/verify.json":
                    time.sleep(fake.verify_delay)
                    status, answer = fake.verify(document)
                else:
                    status, answer = 404, {"errors": {"code": -1, "message": "not found"}}
                self.send_json(status, json.dumps(answer).encode())

            def do_GET(self) -> None:
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": None}
                )
                prefix = "/pg/StartPay/"
                authority = self.path[len(prefix) :] if self.path.startswith(prefix) else ""
                session = fake.sessions.get(authority)
                if session is None:
                    self.send_json(404, b"unknown authority")
                    return
                if fake.bank_decision == "OK":
                    session.paid = True
                query = urllib.parse.urlencode(
                    {"Authority": authority, "Status": fake.bank_decision}
                )
                self.send_response(302)
                self.send_header("Location", f"{session.callback_url}?{query}")
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._local = LocalServer(Handler)
        self.url = self._local.base_url + ""

    @staticmethod
    def error(code: int, message: str) -> tuple[int, dict[str, Any]]:
        return 400, {"data": [], "errors": {"code": code, "message": message, "validations": []}}

    def request(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("merchant_id") != MERCHANT_ID:
            return self.error(-10, "Terminal is not valid, please check merchant_id or ip address.")
        amount = body.get("amount")
        if not isinstance(amount, int) or amount < 10000 or not body.get("callback_url"):
            return self.error(-9, "The input params invalid, validation error.")
        self._counter += 1
        authority = f"A{self._counter:035d}"
        self.sessions[authority] = Session(amount=amount, callback_url=body["callback_url"])
        return 200, {
            "data": {
                "code": 100,
                "message": "Success",
                "authority": authority,
                "fee_type": "Merchant",
                "fee": 100,
            },
            "errors": [],
        }

    def verify(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("merchant_id") != MERCHANT_ID:
            return self.error(-10, "Terminal is not valid, please check merchant_id or ip address.")
        session = self.sessions.get(str(body.get("authority")))
        if session is None:
            return self.error(-54, "Invalid authority.")
        if body.get("amount") != session.amount:
            return self.error(-50, "Session is not valid, amounts values is not the same.")
        if not session.paid:
            return self.error(-51, "Session is not active, paid try.")
        code, message = (101, "Verified") if session.verified else (100, "Paid")
        if not session.verified:
            session.verified = True
            self._counter += 1
            session.ref_id = self._counter
        return 200, {
            "data": {
                "code": code,
                "message": message,
                "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
                "card_pan": "502229******5995",
                "ref_id": session.ref_id,
                "fee_type": "Merchant",
                "fee": 0,
            },
            "errors": [],
        }

    def verify_calls(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/pg/v4/payment/verify.json"]

    def close(self) -> None:
        self._local.close()
