"""Replay the attacks of issue 15 against a running Shahrvand, on loopback only, and print
how many were tried and how many refused.

    .venv/bin/python bench/security/attack.py [--base http://127.0.0.1:8000] [--media-root var/media]
                                              [--json /tmp/shv-attack.json]

Start the server first (`make run`, the demo province loaded). Every case is a bounded
number of requests (at most 60) to the base URL, which must be a loopback address; nothing
else is contacted. Cases that change data create their own reports (through the public API
and Open311 with the demo key), so run it against a demo or test instance, never production.

Each case is an attack; "refused" means the server did what docs/security.md says it must
(403, masked text, 429...). A case that cannot be judged (a precondition failed, e.g. PyAV
missing for the video case) is reported as "skipped", not as refused. The exit status is 1
when any attack succeeded.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import ipaddress
import json
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEMO_KEY = "demo-open311-key"
CITY = "tehran"
POINT = (35.7000, 51.4000)
PASSWORD = "shahrvand-demo"  # every demo account's password (docs/demo-accounts.md)  # noqa: S105
TIMEOUT = 20


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


class Browser:
    """One client with its own cookies (a person's browser, or a script)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        req = urllib.request.Request(  # noqa: S310 (loopback http only, checked in main)
            self.base + path, data=body, method=method, headers=headers or {}
        )
        try:
            with self.opener.open(req, timeout=TIMEOUT) as resp:
                return Answer(resp.status, dict(resp.headers.items()), resp.read())
        except urllib.error.HTTPError as err:
            return Answer(err.code, dict(err.headers.items()), err.read())

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, data: Any, **headers: str) -> Answer:
        return self.request(
            "POST",
            path,
            body=json.dumps(data).encode(),
            headers={"Content-Type": "application/json", **headers},
        )

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def post_form(self, path: str, data: dict[str, str], referer_path: str | None = None) -> Answer:
        """A form post as the page would send it: CSRF cookie and token, same-origin Referer."""
        if not self.csrf():
            self.get(f"/m/{CITY}/report/")  # a page with a form: it sets the CSRF cookie
        fields = {"csrfmiddlewaretoken": self.csrf(), **data}
        return self.request(
            "POST",
            path,
            body=urllib.parse.urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base + (referer_path or path),
                "X-CSRFToken": self.csrf(),
            },
        )


def multipart(files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, filename, content, ctype in files:
        out.write(f"--{boundary}\r\n".encode())
        out.write(
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
        )
        out.write(f"Content-Type: {ctype}\r\n\r\n".encode())
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


@dataclass
class Result:
    case: str
    threat: str
    outcome: str  # refused | ATTACK SUCCEEDED | skipped
    detail: str
    requests: int = 0


@dataclass
class Attack:
    base: str
    media_root: Path
    results: list[Result] = field(default_factory=list)
    count: int = 0

    # -- helpers -------------------------------------------------------------------------
    def browser(self) -> Browser:
        b = Browser(self.base)
        original = b.request

        def counted(*args: Any, **kwargs: Any) -> Answer:
            self.count += 1
            return original(*args, **kwargs)

        b.request = counted  # type: ignore[method-assign]
        return b

    def new_report(self, description: str = "چاله بزرگ وسط خیابان") -> dict[str, Any]:
        """A report of our own through the public API: its code and the reporter secret."""
        answer = self.browser().post_json(
            "/api/v1/public/reports",
            {
                "municipality": CITY,
                "category": "road-pothole",
                "description": description,
                "lat": POINT[0],
                "lon": POINT[1],
                "reporter_phone": "09120000000",
            },
            **{"Idempotency-Key": uuid.uuid4().hex},
        )
        if answer.status != 201:
            raise Precondition(f"could not create a report: {answer.status} {answer.text[:200]}")
        return answer.json()  # type: ignore[no-any-return]

    def run(self, case: str, threat: str, check: Callable[[], tuple[bool, str]]) -> None:
        before = self.count
        try:
            refused, detail = check()
            outcome = "refused" if refused else "ATTACK SUCCEEDED"
        except Precondition as why:
            outcome, detail = "skipped", str(why)
        self.results.append(Result(case, threat, outcome, detail, self.count - before))
        print(f"{outcome:>16}  {threat:<4} {case}: {detail}", flush=True)

    # -- T1: a tracking code is not a credential ------------------------------------------
    def t1_api_feedback_with_code_only(self) -> tuple[bool, str]:
        report = self.new_report()
        code = report["tracking_code"]
        answer = self.browser().post_json(
            f"/api/v1/public/reports/{code}/feedback", {"accepted": False, "comment": "x"}
        )
        return answer.status == 403, f"{answer.status} {_code(answer)}"

    def t1_api_feedback_with_wrong_secret(self) -> tuple[bool, str]:
        code = self.new_report()["tracking_code"]
        answer = self.browser().post_json(
            f"/api/v1/public/reports/{code}/feedback",
            {"accepted": False, "comment": "x"},
            **{"X-Reporter-Secret": secrets.token_urlsafe(16)},
        )
        return answer.status == 403, f"{answer.status} {_code(answer)}"

    def t1_api_attachment_with_code_only(self) -> tuple[bool, str]:
        code = self.new_report()["tracking_code"]
        body, ctype = multipart([("files", "p.png", _png(), "image/png")])
        answer = self.browser().request(
            "POST",
            f"/api/v1/public/reports/{code}/attachments",
            body=body,
            headers={"Content-Type": ctype},
        )
        return answer.status == 403, f"{answer.status} {_code(answer)}"

    def t1_page_feedback_with_code_only(self) -> tuple[bool, str]:
        code = self.new_report()["tracking_code"]
        stranger = self.browser()
        page = f"/track/{code}/"
        answer = stranger.post_form(
            f"/track/{code}/feedback/", {"accepted": "no", "comment": "x"}, referer_path=page
        )
        not_reporter = "کد پیگیری به تنهایی" in answer.text  # the page's own refusal, not CSRF
        return answer.status == 403 and not_reporter, f"{answer.status}"

    def t1_follow_with_a_guessed_code(self) -> tuple[bool, str]:
        code = self.new_report()["tracking_code"]
        stranger = self.browser()
        page = f"/track/{code}/"
        first = stranger.post_form(
            f"/track/{code}/follow/", {"phone": "09351234567"}, referer_path=page
        )
        if first.status == 429:
            raise Precondition("code requests from this address are already limited: rerun later")
        if first.status not in (302, 303):
            return True, f"number step answered {first.status} (no subscription)"
        second = stranger.post_form(f"/track/{code}/follow/", {"code": "000000"}, referer_path=page)
        subscribed = second.status in (302, 303) and "#follow" not in second.headers.get(
            "Location", "#follow"
        )
        return (not subscribed), f"code step answered {second.status}"

    # -- T2: what is published is scrubbed ------------------------------------------------
    PERSONAL = ("09121234567", "0071234568", "6037991234567893")

    def _personal_text(self) -> str:
        phone, national_id, card = self.PERSONAL
        return (
            f"سگ ولگرد جلوی خانه آقای رضایی. با شماره {phone} تماس بگیرید، "
            f"کد ملی {national_id}، کارت {card[:4]}-{card[4:8]}-{card[8:12]}-{card[12:]}"
        )

    def t2_open311_masks_personal_data(self) -> tuple[bool, str]:
        client = self.browser()
        form = urllib.parse.urlencode(
            {
                "api_key": DEMO_KEY,
                "jurisdiction_id": CITY,
                "service_code": "road-pothole",
                "lat": POINT[0],
                "long": POINT[1],
                "description": self._personal_text(),
            }
        ).encode()
        created = client.request(
            "POST",
            "/open311/v2/requests.json",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if created.status not in (200, 201):
            raise Precondition(f"Open311 POST answered {created.status} {created.text[:200]}")
        rid = created.json()[0]["service_request_id"]
        shown = client.get(f"/open311/v2/requests/{rid}.json?jurisdiction_id={CITY}")
        leaked = [p for p in self.PERSONAL if _digits(shown.text).find(p) >= 0]
        leaked += ["name"] if "رضایی" in shown.text else []
        return not leaked and shown.status == 200, f"{shown.status}, leaked: {leaked or 'none'}"

    def t2_tracking_page_masks_personal_data(self) -> tuple[bool, str]:
        code = self.new_report(self._personal_text())["tracking_code"]
        page = self.browser().get(f"/track/{code}/")
        leaked = [p for p in self.PERSONAL if _digits(page.text).find(p) >= 0]
        leaked += ["name"] if "رضایی" in page.text else []
        return not leaked and page.status == 200, f"{page.status}, leaked: {leaked or 'none'}"

    # -- T3: video metadata -----------------------------------------------------------------
    def t3_video_location_removed(self) -> tuple[bool, str]:
        clip = _video_with_location()
        report = self.new_report()
        body, ctype = multipart([("files", "clip.mov", clip, "video/quicktime")])
        answer = self.browser().request(
            "POST",
            f"/api/v1/public/reports/{report['tracking_code']}/attachments",
            body=body,
            headers={
                "Content-Type": ctype,
                "X-Reporter-Secret": report.get("reporter_secret", ""),
                "Idempotency-Key": uuid.uuid4().hex,
            },
        )
        if answer.status != 201:
            return True, f"upload refused ({answer.status} {_code(answer)})"
        url = urllib.parse.urlparse(answer.json()[0]["url"]).path
        stored = self.browser().get(url)
        leaked = [tag for tag in (b"+35.7", b"ShvPhone", b"ShvMaker") if tag in stored.body]
        return not leaked, f"stored {len(stored.body)} bytes, tags left: {leaked or 'none'}"

    # -- T4: a spoofed X-Forwarded-For gets no bucket of its own ---------------------------------
    def t4_forwarded_for_spoofing(self) -> tuple[bool, str]:
        client = self.browser()
        client.get("/account/login/")
        statuses = []
        for i in range(40):
            number = f"0912{secrets.randbelow(10**7):07d}"
            answer = client.request(
                "POST",
                "/account/login/",
                body=urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": client.csrf(), "phone": number}
                ).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": client.base + "/account/login/",
                    "X-Forwarded-For": f"203.0.113.{i + 1}",
                },
            )
            statuses.append(answer.status)
            if answer.status == 429:
                break
        limited = 429 in statuses
        return limited, (
            f"{'429' if limited else 'no 429'} after {len(statuses)} requests, each with a new "
            "forwarded address"
        )

    # -- T5: every staff role owes the second factor everywhere ------------------------------
    def _login(self, username: str) -> Browser:
        staff = self.browser()
        answer = staff.post_form(
            "/staff/login/", {"username": username, "password": PASSWORD}, "/staff/login/"
        )
        if answer.status not in (302, 303):
            raise Precondition(
                f"{username} could not log in with the demo password ({answer.status})"
            )
        return staff

    def t5_second_factor(self, username: str, path: str) -> tuple[bool, str]:
        answer = self._login(username).get(path)
        where = answer.headers.get("Location", "")
        refused = answer.status in (302, 303) and "/staff/2fa/" in where
        return refused, f"{path} → {answer.status} {where[:40]}"

    # -- T6: private media whatever the spelling of the path ------------------------------------
    def t6_private_media(self) -> tuple[bool, str]:
        name = f"canary-{secrets.token_hex(8)}"
        secret = secrets.token_hex(16)  # the content, never part of a URL or an error page
        private = self.media_root / "supervisory" / f"{name}.txt"
        public = self.media_root / "reports" / f"{name}.txt"
        for f in (private, public):
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(secret)
        try:
            control = self.browser().get(f"/media/reports/{name}.txt")
            if control.status != 200 or secret not in control.text:
                raise Precondition(f"media not served here ({control.status}): nothing to judge")
            variants = [
                f"/media/supervisory/{name}.txt",
                f"/media//supervisory/{name}.txt",
                f"/media/%2Fsupervisory/{name}.txt",
                f"/media/%2fsupervisory/{name}.txt",
                f"/media/%252Fsupervisory/{name}.txt",
                f"/media/reports/../supervisory/{name}.txt",
                f"/media/reports/%2E%2E/supervisory/{name}.txt",
                f"/media/./supervisory/{name}.txt",
                f"/media/reports%5C..%5Csupervisory/{name}.txt",
                f"/media/Supervisory/{name}.txt",
            ]
            served = [v for v in variants if secret in self.browser().get(v).text]
            return not served, f"{len(variants)} spellings, served: {served or 'none'}"
        finally:
            for f in (private, public):
                f.unlink(missing_ok=True)

    # -- T8: login abuse ------------------------------------------------------------------------
    def t8_login_throttled(self, path: str, username: str) -> tuple[bool, str]:
        client = self.browser()
        statuses = []
        for _ in range(30):
            answer = client.post_form(path, {"username": username, "password": "wrong-guess-123"})
            statuses.append(answer.status)
            if answer.status == 429:
                break
        limited = 429 in statuses
        return limited, f"{'429' if limited else 'no 429'} after {len(statuses)} wrong passwords"

    # -- T9: bad input never gives 500 --------------------------------------------------------
    def t9_huge_json(self) -> tuple[bool, str]:
        body = json.dumps({"description": "x" * (6 * 1024 * 1024)}).encode()
        answer = self.browser().request(
            "POST",
            "/api/v1/public/reports",
            body=body,
            headers={"Content-Type": "application/json"},
        )
        return answer.status == 413 and _is_json(answer), f"{answer.status} {_code(answer)}"

    def t9_multipart_without_boundary(self) -> tuple[bool, str]:
        report = self.new_report()
        answer = self.browser().request(
            "POST",
            f"/api/v1/public/reports/{report['tracking_code']}/attachments",
            body=b"--x\r\n\r\n",
            headers={
                "Content-Type": "multipart/form-data",
                "X-Reporter-Secret": report.get("reporter_secret", ""),
            },
        )
        return answer.status == 400, f"{answer.status} {_code(answer)}"

    def t9_huge_page_number(self) -> tuple[bool, str]:
        answer = self.browser().get(
            f"/open311/v2/requests.json?jurisdiction_id={CITY}&page=99999999999999999999"
        )
        return answer.status in (200, 400), f"{answer.status}"

    def t9_no_traceback(self) -> tuple[bool, str]:
        probes = [
            self.browser().get("/api/v1/public/reports/%00"),
            self.browser().get("/track/%ff%fe/"),
            self.browser().request(
                "POST",
                "/api/v1/public/reports",
                body=b"{",
                headers={"Content-Type": "application/json"},
            ),
        ]
        bad = [p.status for p in probes if p.status >= 500 or "Traceback" in p.text]
        return not bad, f"{[p.status for p in probes]}"

    # -- T10: loose ends -----------------------------------------------------------------------
    def t10_form_posted_three_times(self) -> tuple[bool, str]:
        citizen = self.browser()
        page = citizen.get(f"/m/{CITY}/report/")
        key = re.search(r'name="submission_key" value="([^"]+)"', page.text)
        if key is None:
            return False, "the form carries no submission key"
        fields = {
            "csrfmiddlewaretoken": citizen.csrf(),
            "submission_key": key.group(1),
            "category": "road-pothole",
            "description": "چاله عمیق جلوی مدرسه",
            "lat": str(POINT[0]),
            "lon": str(POINT[1]),
        }
        locations: list[str] = []

        def post() -> None:
            body, ctype = _form_multipart(fields)
            answer = citizen.request(
                "POST",
                f"/m/{CITY}/report/",
                body=body,
                headers={"Content-Type": ctype, "Referer": citizen.base + f"/m/{CITY}/report/"},
            )
            locations.append(f"{answer.status} {answer.headers.get('Location', '')}")

        threads = [threading.Thread(target=post) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if not all(loc.startswith("302 ") for loc in locations):
            raise Precondition(f"the form was not accepted: {locations}")
        codes = {re.sub(r"\?.*$", "", loc) for loc in locations}
        return len(codes) == 1, f"three posts → {len(codes)} report(s): {sorted(codes)}"

    def t10_verify_rate_limited(self) -> tuple[bool, str]:
        client = self.browser()
        statuses = []
        for _ in range(60):
            statuses.append(client.get(f"/verify/{secrets.token_hex(5).upper()}").status)
            if statuses[-1] == 429:
                break
        limited = 429 in statuses
        return limited, f"{'429' if limited else 'no 429'} after {len(statuses)} guesses"

    def all(self) -> None:
        self.run(
            "API feedback with the tracking code only", "T1", self.t1_api_feedback_with_code_only
        )
        self.run("API feedback with a wrong secret", "T1", self.t1_api_feedback_with_wrong_secret)
        self.run(
            "API photo with the tracking code only", "T1", self.t1_api_attachment_with_code_only
        )
        self.run(
            "tracking page feedback with the code only", "T1", self.t1_page_feedback_with_code_only
        )
        self.run(
            "follow a stranger's report with a guessed code",
            "T1",
            self.t1_follow_with_a_guessed_code,
        )
        self.run(
            "Open311 shows phone, national ID, card, name",
            "T2",
            self.t2_open311_masks_personal_data,
        )
        self.run(
            "tracking page shows phone, national ID, card, name",
            "T2",
            self.t2_tracking_page_masks_personal_data,
        )
        self.run("video keeps its GPS, make and model", "T3", self.t3_video_location_removed)
        self.run(
            "spoofed X-Forwarded-For buys new one-time-code requests",
            "T4",
            self.t4_forwarded_for_spoofing,
        )
        for username, path in (
            ("tehran-admin", "/analytics/"),
            ("tehran-dispatcher", "/staff/dispatch/"),
            ("province-supervisor", "/analytics/province/"),
        ):
            self.run(
                f"{username} reads {path} with a password only",
                "T5",
                lambda u=username, p=path: self.t5_second_factor(u, p),
            )
        self.run("private media by another spelling of its path", "T6", self.t6_private_media)
        self.run(
            "admin login guessed without limit",
            "T8",
            lambda: self.t8_login_throttled("/admin/login/?next=/admin/", "admin"),
        )
        self.run(
            "staff login guessed without limit",
            "T8",
            lambda: self.t8_login_throttled("/staff/login/", "tehran-operator"),
        )
        self.run("6 MB JSON body", "T9", self.t9_huge_json)
        self.run("multipart without a boundary", "T9", self.t9_multipart_without_boundary)
        self.run("page number past any integer", "T9", self.t9_huge_page_number)
        self.run("malformed requests show a traceback", "T9", self.t9_no_traceback)
        self.run(
            "the citizen form posted three times at once", "T10", self.t10_form_posted_three_times
        )
        self.run("certificate codes guessed without limit", "T10", self.t10_verify_rate_limited)


class Precondition(Exception):
    """The case could not be set up: it is skipped, neither refused nor successful."""


def _code(answer: Answer) -> str:
    try:
        body = answer.json()
    except ValueError:
        return ""
    if isinstance(body, dict):
        return str(body.get("code", ""))
    return ""


def _is_json(answer: Answer) -> bool:
    try:
        answer.json()
    except ValueError:
        return False
    return True


def _digits(text: str) -> str:
    """The text with Persian and Arabic-Indic digits made ASCII and separators dropped, so
    that a number is found however the page spells it."""
    table = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
    return re.sub(r"(?<=\d)[\s\-‌]+(?=\d)", "", text.translate(table))


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _video_with_location() -> bytes:
    """A one-second MOV carrying a location, make and model in its metadata (PyAV)."""
    try:
        import av
        import numpy
    except ImportError as missing:
        raise Precondition(f"PyAV is needed to make the test clip ({missing})") from None
    out = io.BytesIO()
    with av.open(out, "w", format="mov") as container:
        container.metadata["location"] = "+35.7000+051.4000/"
        container.metadata["make"] = "ShvMaker"
        container.metadata["model"] = "ShvPhone"
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_ndarray(
                numpy.full((64, 64, 3), i * 20, dtype=numpy.uint8), format="rgb24"
            )
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    clip = out.getvalue()
    if b"ShvPhone" not in clip:
        raise Precondition("the test clip did not keep its tags: nothing to judge")
    return clip


def _form_multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--media-root", default="var/media", type=Path)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    parsed = urllib.parse.urlparse(args.base)
    host = parsed.hostname or ""
    if parsed.scheme not in ("http", "https"):
        parser.error("the base URL must be http or https")
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        parser.error("the base URL must be a loopback address")
    attack = Attack(args.base, args.media_root)
    started = time.monotonic()
    attack.all()
    refused = sum(r.outcome == "refused" for r in attack.results)
    skipped = sum(r.outcome == "skipped" for r in attack.results)
    succeeded = len(attack.results) - refused - skipped
    print(
        f"\ncases tried: {len(attack.results)}, refused: {refused}, succeeded: {succeeded}, "
        f"skipped: {skipped}; {attack.count} requests in {time.monotonic() - started:.1f} s"
    )
    if args.json:
        args.json.write_text(
            json.dumps([r.__dict__ for r in attack.results], ensure_ascii=False, indent=2)
        )
    return 1 if succeeded else 0


if __name__ == "__main__":
    sys.exit(main())
