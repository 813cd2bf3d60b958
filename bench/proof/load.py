"""Bounded load on loopback: 8 clients mixing intake, tracking, staff lists and Open311
reads against gunicorn + PostgreSQL, and, in the same run, the database's own limit
(a bare psycopg loop doing the same inserts: a report and its history row per transaction).

    .venv/bin/python bench/proof/load.py [--clients 8] [--duration 60] [--before GIT_REF] [--floor]

--before loads the app as of another commit first (before/after in one run); --floor also
loads the cheapest API request, the ceiling of the web tier itself on this machine.

Prints a Markdown table and writes the figures to /tmp/shv-proof/load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import statistics
import string
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402

MIXES = {
    # weights per request type; "intake" types create reports
    "mixed": {
        "intake_api": 30,
        "intake_open311": 10,
        "duplicate_check": 10,
        "track": 20,
        "staff_list": 15,
        "open311_get": 15,
    },
    "intake": {"intake_api": 75, "intake_open311": 25},
    # the framework's floor (--floor): the cheapest API request, one indexed read, no write
    "floor": {"municipalities": 100},
    # the fault drill: only callers that can retry safely (Idempotency-Key) create reports
    "fault": {"intake_api": 60, "track": 20, "staff_list": 20},
}
INTAKE = {"intake_api", "intake_open311"}


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    created: list[str] = field(default_factory=list)  # every tracking code answered 201/200
    retries: int = 0
    retried_on: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # 0 = no answer
    lock: threading.Lock = field(default_factory=threading.Lock)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Http:
    """A keep-alive HTTP/1.1 connection to the app (standard library only)."""

    def __init__(self) -> None:
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                json_body: Any = None, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if params:
            url += "?" + urllib.parse.urlencode(params)
        hdrs = {"Accept-Language": "fa", **(headers or {})}
        body: bytes | None = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            hdrs["Content-Type"] = "application/json"
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", stack.APP_PORT, timeout=30)
        try:
            self.conn.request(method, url, body=body, headers=hdrs)
            resp = self.conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return resp.status, data


class Client:
    """One simulated caller; every intake POST carries an Idempotency-Key and is retried
    with the same key on connection errors and 5xx (as a well-behaved app would)."""

    def __init__(self, seed: dict[str, Any], stats: Stats, rng: random.Random, mix: str,
                 retry_for: float = 0.0):
        self.seed, self.stats, self.rng = seed, stats, rng
        self.types, self.weights = zip(*MIXES[mix].items(), strict=True)
        self.retry_for = retry_for
        self.codes = [s["code"] for s in seed["samples"]]
        self.http = Http()

    def _sample(self) -> dict[str, Any]:
        return self.rng.choice(self.seed["samples"])

    def _point(self, s: dict[str, Any]) -> tuple[float, float]:
        # within ~100 m of a real report: inside a district, sometimes near a duplicate
        return (s["lat"] + self.rng.uniform(-0.001, 0.001),
                s["lon"] + self.rng.uniform(-0.001, 0.001))

    def _phone(self) -> str:
        return "0912" + "".join(self.rng.choice(string.digits) for _ in range(7))

    def one(self) -> None:
        kind = self.rng.choices(self.types, self.weights)[0]
        s = self._sample()
        started = time.perf_counter()
        ok, status, code = getattr(self, kind)(s)
        elapsed = time.perf_counter() - started
        with self.stats.lock:
            self.stats.statuses[kind][status] += 1
            if ok:
                self.stats.latencies[kind].append(elapsed)
                if code:
                    self.stats.created.append(code)
            else:
                self.stats.errors[kind] += 1
        if ok and code and kind in INTAKE:
            self.codes.append(code)

    def _send(self, method: str, url: str, **kw: Any) -> tuple[int, bytes]:
        """Send; on a connection error or 5xx retry (same request, same key) until
        retry_for seconds have passed. Status 0 = no answer at all."""
        deadline = time.monotonic() + self.retry_for
        while True:
            try:
                status, data = self.http.request(method, url, **kw)
                if status < 500 or time.monotonic() >= deadline:
                    return status, data
            except (OSError, http.client.HTTPException):
                status = 0
                if time.monotonic() >= deadline:
                    return 0, b""
            with self.stats.lock:
                self.stats.retries += 1
                self.stats.retried_on[status] += 1
            time.sleep(0.5)

    def intake_api(self, s: dict[str, Any]) -> tuple[bool, int, str | None]:
        lat, lon = self._point(s)
        body = {
            "municipality": self.seed["municipality"],
            # half choose a category, half leave it to the classifier (auto-routing)
            "category": s["category"] if self.rng.random() < 0.5 else "",
            "reporter_phone": self._phone(),
            "lat": lat,
            "lon": lon,
        }
        key = str(uuid.UUID(int=self.rng.getrandbits(128)))
        # the key in the text makes every logical submission unique: a duplicate shows
        body["description"] = f"{s['description']} (ارسال {key})"
        status, data = self._send("POST", "/api/v1/public/reports", json_body=body,
                                  headers={"Idempotency-Key": key})
        if status == 201:
            return True, 201, json.loads(data)["tracking_code"]
        # a refused report (e.g. classifier not sure and no category) is a valid answer
        return status == 400, status, None

    def intake_open311(self, s: dict[str, Any]) -> tuple[bool, int, str | None]:
        lat, lon = self._point(s)
        form = {
            "api_key": self.seed["open311_key"],
            "jurisdiction_id": self.seed["municipality"],
            "service_code": s["category"],
            "description": f"{s['description']} (open311 {self.rng.randrange(10**6)})",
            "lat": f"{lat:.6f}",
            "long": f"{lon:.6f}",
            "phone": self._phone(),
        }
        status, data = self._send("POST", "/open311/v2/requests.json", form=form)
        if status in (200, 201):
            return True, status, json.loads(data)[0]["service_request_id"]
        return status == 400, status, None

    def duplicate_check(self, s: dict[str, Any]) -> tuple[bool, int, None]:
        lat, lon = self._point(s)
        params = {"category": s["category"], "lat": lat, "lon": lon,
                  "description": s["description"][:200]}
        status, _ = self._send("GET", f"/m/{self.seed['municipality']}/nearby/", params=params)
        return status == 200, status, None

    def track(self, s: dict[str, Any]) -> tuple[bool, int, None]:
        code = self.rng.choice(self.codes[-500:])
        status, _ = self._send("GET", f"/api/v1/public/reports/{code}")
        return status == 200, status, None

    def staff_list(self, s: dict[str, Any]) -> tuple[bool, int, None]:
        params: dict[str, Any] = {"page": self.rng.randint(1, 3)}
        if self.rng.random() < 0.3:
            params["status"] = "submitted"
        status, _ = self._send("GET", "/api/v1/staff/reports", params=params,
                               headers={"Authorization": f"Bearer {self.seed['token']}"})
        return status == 200, status, None

    def municipalities(self, s: dict[str, Any]) -> tuple[bool, int, None]:
        status, _ = self._send("GET", "/api/v1/public/municipalities")
        return status == 200, status, None

    def open311_get(self, s: dict[str, Any]) -> tuple[bool, int, None]:
        fmt = "xml" if self.rng.random() < 0.3 else "json"
        status, _ = self._send("GET", f"/open311/v2/requests.{fmt}",
                               params={"jurisdiction_id": self.seed["municipality"]})
        return status == 200, status, None


def drive(seed: dict[str, Any], *, clients: int, duration: float, mix: str,
          retry_for: float = 0.0, seed_value: int = 7) -> tuple[Stats, float]:
    """Run `clients` closed-loop callers (one thread each) for `duration` seconds."""
    stats = Stats()
    stop_at = time.monotonic() + duration

    def worker(n: int) -> None:
        client = Client(seed, stats, random.Random(seed_value * 1000 + n), mix, retry_for)
        while time.monotonic() < stop_at:
            client.one()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.monotonic() - started


def bare_insert_limit(*, threads: int, duration: float) -> dict[str, float]:
    """The database's own limit: `threads` connections each committing one report row and
    its history row per transaction, as fast as they can, columns copied from a real row."""
    conninfo = stack.dsn()
    with psycopg.connect(conninfo) as conn:
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND is_generated = 'NEVER' AND column_name NOT IN ('id') ORDER BY ordinal_position",
            ("reports_report",)).fetchall()]
        ev_cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'report_id') "
            "ORDER BY ordinal_position", ("reports_reportevent",)).fetchall()]
        template = conn.execute(
            f"SELECT {', '.join(cols)} FROM reports_report ORDER BY id DESC LIMIT 1").fetchone()
        ev_template = conn.execute(
            f"SELECT {', '.join(ev_cols)} FROM reports_reportevent ORDER BY id LIMIT 1"
        ).fetchone()
    code_at = cols.index("tracking_code")
    insert = (f"INSERT INTO reports_report ({', '.join(cols)}) "
              f"VALUES ({', '.join(['%s'] * len(cols))}) RETURNING id")
    insert_ev = (f"INSERT INTO reports_reportevent (report_id, {', '.join(ev_cols)}) "
                 f"VALUES (%s, {', '.join(['%s'] * len(ev_cols))})")
    counts = [0] * threads
    ids: list[int] = []
    lat: list[float] = []
    stop_at = time.monotonic() + duration

    def loop(n: int) -> None:
        rng = random.Random(n)
        with psycopg.connect(conninfo) as conn:
            while time.monotonic() < stop_at:
                row = list(template)
                row[code_at] = "Z" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                                             for _ in range(9))
                row = [psycopg.types.json.Jsonb(v) if isinstance(v, (dict, list)) else v
                       for v in row]
                ev = [psycopg.types.json.Jsonb(v) if isinstance(v, (dict, list)) else v
                      for v in ev_template]
                t0 = time.perf_counter()
                with conn.transaction():
                    rid = conn.execute(insert, row).fetchone()[0]
                    conn.execute(insert_ev, [rid, *ev])
                lat.append(time.perf_counter() - t0)
                ids.append(rid)
                counts[n] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    with psycopg.connect(conninfo) as conn:  # leave the table as the app left it
        conn.execute("DELETE FROM reports_reportevent WHERE report_id = ANY(%s)", (ids,))
        conn.execute("DELETE FROM reports_report WHERE id = ANY(%s)", (ids,))
    return {"inserts_per_s": sum(counts) / elapsed, "count": sum(counts),
            "p50_ms": _pct(lat, 0.5) * 1000, "p95_ms": _pct(lat, 0.95) * 1000}


def summarise(stats: Stats, elapsed: float) -> dict[str, Any]:
    rows = {}
    for kind in sorted(set(stats.statuses)):
        lat = stats.latencies.get(kind, [])
        rows[kind] = {
            "ok": len(lat),
            "errors": stats.errors.get(kind, 0),
            "per_s": len(lat) / elapsed,
            "p50_ms": _pct(lat, 0.50) * 1000,
            "p95_ms": _pct(lat, 0.95) * 1000,
            "p99_ms": _pct(lat, 0.99) * 1000,
            "mean_ms": (statistics.fmean(lat) * 1000) if lat else float("nan"),
            "statuses": dict(stats.statuses[kind]),
        }
    intake_lat = [x for k in INTAKE for x in stats.latencies.get(k, [])]
    created = sum(stats.statuses[k].get(201, 0) + stats.statuses[k].get(200, 0)
                  for k in INTAKE)
    return {
        "elapsed_s": elapsed,
        "types": rows,
        "intake_per_s": created / elapsed,
        "intake_p95_ms": _pct(intake_lat, 0.95) * 1000,
        "all_p95_ms": _pct([x for v in stats.latencies.values() for x in v], 0.95) * 1000,
        "created": created,
        "retries": stats.retries,
        "retried_on": dict(stats.retried_on),
    }


def table(title: str, summary: dict[str, Any]) -> str:
    lines = [f"### {title}", "",
             "| request | ok | errors | per s | p50 ms | p95 ms | p99 ms | statuses |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for kind, r in summary["types"].items():
        lines.append(f"| {kind} | {r['ok']} | {r['errors']} | {r['per_s']:.1f} | "
                     f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | "
                     f"{r['statuses']} |")
    lines.append(f"\nreports created {summary['created']} in {summary['elapsed_s']:.0f} s = "
                 f"**{summary['intake_per_s']:.1f}/s**, intake p95 "
                 f"{summary['intake_p95_ms']:.0f} ms, all requests p95 "
                 f"{summary['all_p95_ms']:.0f} ms")
    return "\n".join(lines)


def _variant_env(src: Path) -> dict[str, str]:
    env = stack.django_env()
    env["PYTHONPATH"] = f"{src}:{stack.ROOT / 'bench' / 'proof'}"
    return env


def run_variant(name: str, src: Path, args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """Fresh database, then the app from `src` under gunicorn: warm-up, mixed, intake-only."""
    stack.fresh_stack()
    env = _variant_env(src)
    seed = stack.seed(env)
    web = stack.gunicorn(workers=args.workers, env=env)
    worker = stack.celery_worker(env=env)
    results: dict[str, Any] = {"src": str(src)}
    out = []
    try:
        # warm-up: every worker loads the classifier and fills its caches
        drive(seed, clients=args.clients, duration=5, mix="mixed", seed_value=1)
        # a seed per phase: the same seed would replay Idempotency-Keys with other bodies (409)
        phases = [(7, "mixed"), (8, "intake")] + ([(9, "floor")] if args.floor else [])
        for seed_value, mix in phases:
            stats, elapsed = drive(seed, clients=args.clients, duration=args.duration, mix=mix,
                                   seed_value=seed_value)
            results[mix] = summarise(stats, elapsed)
            out.append(table(f"{name}: {mix} load, {args.clients} clients", results[mix]))
    finally:
        worker.stop()
        web.stop()
    return results, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--baseline", type=float, default=20, help="seconds of bare inserts")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--floor", action="store_true",
                        help="also load the cheapest API request (requests/s ceiling of the "
                             "web tier on this machine)")
    parser.add_argument("--before", metavar="GIT_REF",
                        help="also load the app as of this commit first (before/after in one run)")
    args = parser.parse_args()

    variants = [("after" if args.before else "current", stack.ROOT / "src")]
    if args.before:
        tree = stack.WORK / "before"
        if tree.exists():
            shutil.rmtree(tree)
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(stack.ROOT), "archive", args.before, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        variants.insert(0, (f"before ({args.before})", tree / "src"))
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                               "clients": args.clients, "gunicorn_workers": args.workers,
                               "duration_s": args.duration, "variants": {}}
    mail = stack.smtp_sink()
    out: list[str] = []
    try:
        for name, src in variants:
            results["variants"][name], lines = run_variant(name, src, args)
            out += lines
        results["bare"] = bare_insert_limit(threads=args.clients, duration=args.baseline)
        limit = results["bare"]["inserts_per_s"]
        out.append(
            f"bare psycopg limit ({args.clients} connections, report + history row per "
            f"transaction): **{limit:.0f} inserts/s** (p50 {results['bare']['p50_ms']:.1f} ms)")
        for name, r in results["variants"].items():
            r["ratio_mixed"] = r["mixed"]["intake_per_s"] / limit
            r["ratio_intake"] = r["intake"]["intake_per_s"] / limit
            out.append(f"{name}: intake/limit = {r['ratio_intake']:.3f} intake-only "
                       f"({r['intake']['intake_per_s']:.1f}/s, p95 "
                       f"{r['intake']['intake_p95_ms']:.0f} ms), {r['ratio_mixed']:.3f} mixed "
                       f"({r['mixed']['intake_per_s']:.1f}/s, all-request p95 "
                       f"{r['mixed']['all_p95_ms']:.0f} ms)")
            if "floor" in r:
                floor = sum(t["per_s"] for t in r["floor"]["types"].values())
                r["floor_per_s"] = floor
                out.append(f"{name}: floor = {floor:.0f} requests/s of the cheapest API GET "
                           f"= {floor / limit:.3f} x limit")
        print("\n\n".join(out))
        (stack.WORK / "load.json").write_text(json.dumps(results, indent=2, default=str))
    finally:
        mail.stop()
        stack.teardown()


if __name__ == "__main__":
    main()
