"""Replay the hostile-upload corpus over HTTP against gunicorn (production settings) on
every upload path: the API attachment endpoint, Open311 POST with media and the citizen
form (with its CSRF token). Zero 5xx, nothing stored for a rejected file, stored photos
re-encoded without payload.

    .venv/bin/python -m tests.reliability.hostile_files /tmp/shv-proof/hostile-corpus
    .venv/bin/python bench/proof/uploads.py /tmp/shv-proof/hostile-corpus
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402

from tests.reliability.hostile_files import FORBIDDEN, corpus  # noqa: E402

PERSIAN = re.compile(r"[\u0600-\u06FF]{3,}")


def multipart(fields: dict[str, str], files: list[tuple[str, str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for field, filename, ctype, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                     f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", stack.APP_PORT, timeout=60)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data, resp


def _text(data: bytes) -> str:
    """The answer as text, JSON \\u escapes decoded."""
    text = data.decode("utf-8", "replace")
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def counts() -> tuple[int, int, int, int]:
    row = stack.psql("SELECT (SELECT count(*) FROM reports_report), "
                     "(SELECT count(*) FROM reports_attachment), "
                     "(SELECT count(*) FROM reports_reportevent)")
    a, b, c = (int(x) for x in row.split("|"))
    media = stack.WORK / "media"
    return a, b, c, sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0


def csrf() -> tuple[str, str]:
    status, data, resp = request("GET", "/m/tehran/report/")
    cookie = resp.getheader("Set-Cookie", "")
    token = re.search(r"csrftoken=([^;]+)", cookie).group(1)  # type: ignore[union-attr]
    field = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()  # type: ignore[union-attr]
    return token, field


def main() -> None:
    stack.fresh_stack()
    seed = stack.seed()
    sample = seed["samples"][0]
    web = stack.gunicorn(workers=2)
    results: Counter[str] = Counter()
    failures: list[str] = []
    try:
        cookie, token = csrf()
        for number, case in enumerate(corpus()):
            target = seed["samples"][number + 1]["code"]  # a report of its own: photo limit
            secret = seed["samples"][number + 1]["secret"]  # its reporter's proof
            for path in ("api", "open311", "form"):
                before = counts()
                upload = [("files" if path == "api" else "media" if path == "open311" else "photos",
                           case.filename, case.content_type, case.data)]
                if path == "api":
                    body, ctype = multipart({}, upload)
                    status, data, _ = request("POST", f"/api/v1/public/reports/{target}/attachments",
                                              body, {"Content-Type": ctype,
                                                     "X-Reporter-Secret": secret})
                elif path == "open311":
                    body, ctype = multipart({
                        "api_key": seed["open311_key"], "jurisdiction_id": "tehran",
                        "service_code": sample["category"], "description": "چاله عمیق جلوی مدرسه",
                        "lat": str(sample["lat"]), "long": str(sample["lon"])}, upload)
                    status, data, _ = request("POST", "/open311/v2/requests.json", body,
                                              {"Content-Type": ctype})
                else:
                    body, ctype = multipart({
                        "csrfmiddlewaretoken": token, "category": sample["category"],
                        "description": "چاله عمیق جلوی مدرسه", "lat": str(sample["lat"]),
                        "lon": str(sample["lon"])}, upload)
                    status, data, _ = request("POST", "/m/tehran/report/", body, {
                        "Content-Type": ctype, "Cookie": f"csrftoken={cookie}",
                        "Referer": f"{stack.BASE_URL}/m/tehran/report/"})
                after = counts()
                label = f"{case.name} via {path}: {status}"
                results[f"{path} {status}"] += 1
                if status >= 500:
                    failures.append(f"{label} server error")
                elif case.expect == "reject":
                    if not 400 <= status < 500:
                        failures.append(f"{label} accepted a hostile file")
                    elif after != before:
                        failures.append(f"{label} partial write {before} -> {after}")
                    elif not PERSIAN.search(_text(data)):
                        failures.append(f"{label} no Persian message")
                elif status not in (200, 201, 302):
                    failures.append(f"{label} a harmless-once-cleaned file was refused")
                else:
                    new = sorted((stack.WORK / "media").rglob("*"), key=lambda p: p.stat().st_mtime)
                    stored = [p for p in new if p.is_file()][-2:]
                    for p in stored:
                        content = p.read_bytes()
                        if not content.startswith(b"\xff\xd8\xff") or any(m in content for m in FORBIDDEN):
                            failures.append(f"{label} stored {p.name} not clean")
        total = sum(results.values())
        print(f"{total} hostile uploads ({len(corpus())} files × 3 paths); statuses: "
              f"{dict(sorted(results.items()))}")
        print(f"failures: {len(failures)}")
        for f in failures:
            print("  ", f)
        (stack.WORK / "uploads.json").write_text(json.dumps(
            {"total": total, "statuses": results, "failures": failures}, indent=2))
    finally:
        web.stop()
        stack.teardown()


if __name__ == "__main__":
    main()
