"""Fault drill on the private stack: while 8 clients submit reports (with Idempotency-Key,
retrying on errors), PostgreSQL is restarted twice (fast, then crash), Redis is stopped
and started, a Celery pool process and then the whole worker are killed with SIGKILL.

    .venv/bin/python bench/proof/faults.py [--duration 100]

Afterwards it checks: every 201 tracking code is in the database; no submission was stored
twice; every outbox event of the run was handled and every message it planned was sent.
Writes /tmp/shv-proof/faults.json and prints a Markdown summary.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402
import stack  # noqa: E402


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


class Readiness(threading.Thread):
    """Polls /readyz once a second and records (second, HTTP status, its "status" field);
    0 = no answer in 5 s."""

    def __init__(self, t0: float) -> None:
        super().__init__(daemon=True)
        self.t0, self.samples, self.stop = t0, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with urllib.request.urlopen(f"{stack.BASE_URL}/readyz", timeout=5) as resp:  # noqa: S310
                    status, said = resp.status, json.loads(resp.read())["status"]
            except urllib.error.HTTPError as exc:
                status, said = exc.code, "unavailable"
            except OSError:
                status, said = 0, "no answer"
            self.samples.append((round(time.monotonic() - self.t0), status, said))
            self.stop.wait(1.0)


def counts(since: str) -> dict[str, Any]:
    q = stack.psql
    return {
        "reports": int(q("SELECT count(*) FROM reports_report")),
        "outbox_events_run": int(q(f"SELECT count(*) FROM outbox_outboxevent "
                                   f"WHERE created_at >= '{since}'")),
        "handled_events_run": int(q(
            "SELECT count(*) FROM notifications_handledevent h JOIN outbox_outboxevent e "
            f"ON e.id = h.event_id WHERE e.created_at >= '{since}'")),
        "messages_run": dict(
            tuple(line.split("|")) for line in q(
                "SELECT state, count(*) FROM notifications_message m JOIN outbox_outboxevent e "
                f"ON e.id = m.event_id WHERE e.created_at >= '{since}' GROUP BY state"
            ).splitlines() if line),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=100)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    stack.fresh_stack()
    seed = stack.seed()
    mail = stack.smtp_sink()
    web = stack.gunicorn(workers=3)
    worker = stack.celery_worker(concurrency=2)
    beat = stack.celery_beat()
    since = stack.psql("SELECT now()")
    before = counts(since)
    sms_before = _sms_lines()
    mail_before = _lines(stack.WORK / "mail.log")
    timeline: list[str] = []
    result: dict[str, Any] = {}
    t0 = time.monotonic()

    def at(second: float) -> None:
        time.sleep(max(0.0, second - (time.monotonic() - t0)))

    def note(text: str) -> None:
        timeline.append(f"t={time.monotonic() - t0:5.1f}s {text}")
        print(timeline[-1], flush=True)

    def faults() -> None:
        nonlocal worker
        at(15)
        note("PostgreSQL restart (fast: sessions terminated)")
        note(f"  PostgreSQL back after {stack.pg_restart('fast'):.1f} s")
        at(30)
        note("PostgreSQL crash restart (immediate: no checkpoint, WAL recovery)")
        note(f"  PostgreSQL back after {stack.pg_restart('immediate'):.1f} s")
        at(45)
        note("Redis stopped (cache + Celery broker)")
        stack.redis_stop()
        at(57)
        stack.redis_start()
        note("Redis started (empty: --save '')")
        at(66)
        kids = _children(worker.pid)
        if kids:
            os.kill(kids[0], signal.SIGKILL)
            note(f"SIGKILL to Celery pool process {kids[0]}")
        at(76)
        worker.stop(signal.SIGKILL)
        note(f"SIGKILL to the whole Celery worker (pid {worker.pid} and its pool)")
        at(82)
        worker = stack.celery_worker(concurrency=2)
        note("Celery worker started again")

    ready = Readiness(t0)
    ready.start()
    chaos = threading.Thread(target=faults)
    chaos.start()
    try:
        stats, elapsed = load.drive(seed, clients=args.clients, duration=args.duration,
                                    mix="fault", retry_for=60)
        chaos.join()
        note("load finished; waiting for the workers to drain the outbox")
        drained = _wait_drained(since, timeout=180)
        note(f"drained: {drained}")
        ready.stop.set()
        after = counts(since)
        result = verify(stats, since, before, after)
        result |= {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "elapsed_s": elapsed, "timeline": timeline, "drained": drained,
            "load": load.summarise(stats, elapsed),
            "sms_log_lines": _sms_lines() - sms_before,
            "mails_received": _lines(stack.WORK / "mail.log") - mail_before,
            "readyz_not_ok_seconds": [s for s, st, _ in ready.samples if st != 200],
            "readyz_degraded_seconds": [s for s, st, said in ready.samples
                                        if st == 200 and said == "degraded"],
        }
        (stack.WORK / "faults.json").write_text(json.dumps(result, indent=2, default=str,
                                                           ensure_ascii=False))
        print(report(result))
    finally:
        for proc in (beat, worker, web, mail):
            proc.stop()
        if not args.keep:
            stack.teardown()


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def _sms_lines() -> int:
    return _lines(stack.WORK / "sms.log")


def _wait_drained(since: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        c = counts(since)
        if (c["handled_events_run"] == c["outbox_events_run"]
                and int(c["messages_run"].get("queued", 0)) == 0):
            return True
        time.sleep(3)
    return False


def verify(stats: load.Stats, since: str, before: dict[str, Any],
           after: dict[str, Any]) -> dict[str, Any]:
    answered = set(stats.created)
    stored = set(stack.psql(
        f"SELECT tracking_code FROM reports_report WHERE created_at >= '{since}'").split())
    duplicates = int(stack.psql(
        "SELECT count(*) FROM (SELECT description FROM reports_report "
        f"WHERE created_at >= '{since}' GROUP BY description HAVING count(*) > 1) d"))
    statuses = stats.statuses.get("intake_api", {})
    return {
        "before": before,
        "after": after,
        "answered_201": len(answered),
        "stored_in_run": len(stored),
        "answered_but_missing": sorted(answered - stored),
        "stored_but_never_answered": len(stored - answered),
        "duplicate_submissions": duplicates,
        "intake_final_statuses": dict(statuses),
        "client_retries": stats.retries,
        "retried_on": dict(stats.retried_on),
    }


def report(r: dict[str, Any]) -> str:
    b, a = r["before"], r["after"]
    lines = [
        f"Fault drill {r['date']} ({r['elapsed_s']:.0f} s of load)", "",
        *[f"    {t}" for t in r["timeline"]], "",
        "| check | value |", "|---|---|",
        f"| reports before → after | {b['reports']} → {a['reports']} |",
        f"| intake answered 201 (distinct codes) | {r['answered_201']} |",
        f"| reports stored during the run | {r['stored_in_run']} |",
        f"| answered 201 but missing from the database | {len(r['answered_but_missing'])} |",
        f"| stored but never answered 201 | {r['stored_but_never_answered']} |",
        f"| submissions stored twice (same Idempotency-Key) | {r['duplicate_submissions']} |",
        f"| final statuses of intake requests | {r['intake_final_statuses']} |",
        f"| client retries (5xx / connection errors) | {r['client_retries']} "
        f"(by status, 0 = no answer: {r['retried_on']}) |",
        f"| outbox events of the run / handled by notifications | "
        f"{a['outbox_events_run']} / {a['handled_events_run']} |",
        f"| messages of the run by state | {a['messages_run']} |",
        f"| SMS lines written by the console provider | {r['sms_log_lines']} |",
        f"| e-mails received by the local SMTP server | {r['mails_received']} |",
        f"| all drained within 180 s after the load | {r['drained']} |",
        f"| seconds /readyz was not 200 | {len(r['readyz_not_ok_seconds'])} "
        f"({r['readyz_not_ok_seconds'][:20]}) |",
        f"| seconds /readyz said degraded (200: cache or broker down) | "
        f"{len(r['readyz_degraded_seconds'])} ({r['readyz_degraded_seconds'][:20]}) |",
    ]
    return "\n".join(lines) + "\n\n" + load.table("requests during the drill", r["load"])


if __name__ == "__main__":
    main()
