"""Machine CPU per report, by process group: gunicorn, the Celery worker, PostgreSQL,
Redis and the load driver itself, during an intake-only load (stack up: `stack.py up`).

    .venv/bin/python bench/proof/cpu_per_report.py            # 20 s, 3 sync workers
    DUR=30 WORKERS=3 THREADS=2 MIX=mixed .venv/bin/python bench/proof/cpu_per_report.py

CPU seconds come from /proc/<pid>/stat (utime + stime) before and after the load, summed
per group and divided by the reports created.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load
import stack

TICK = os.sysconf("SC_CLK_TCK")


def cpu_by_process() -> dict[str, tuple[str, float]]:
    """pid → (group, CPU seconds) for the stack's processes."""
    out = {}
    postmaster = int((stack.PG_DATA / "postmaster.pid").read_text().split()[0])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parent, cpu = int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK
        if "gunicorn" in cmd:
            group = "gunicorn"
        elif "celery" in cmd and "worker" in cmd:
            group = "celery"
        elif postmaster in (int(pid), parent):
            group = "postgres"
        elif "redis-server" in cmd and str(stack.REDIS_PORT) in cmd:
            group = "redis"
        else:
            continue
        out[pid] = (group, cpu)
    return out


def main() -> None:
    env = stack.django_env()
    seed = stack.seed(env)
    web = stack.gunicorn(workers=int(os.environ.get("WORKERS", "3")), env=env,
                         threads=int(os.environ.get("THREADS", "1")))
    worker = stack.celery_worker(env=env)
    try:
        load.drive(seed, clients=8, duration=5, mix="mixed", seed_value=1)  # warm-up
        before, t0 = cpu_by_process(), os.times()
        stats, elapsed = load.drive(seed, clients=8, duration=float(os.environ.get("DUR", "20")),
                                    mix=os.environ.get("MIX", "intake"),
                                    seed_value=int(time.time()))
        after, t1 = cpu_by_process(), os.times()
        summary = load.summarise(stats, elapsed)
        totals: dict[str, float] = {}
        for pid, (group, cpu) in after.items():
            totals[group] = totals.get(group, 0.0) + cpu - before.get(pid, (group, 0.0))[1]
        totals["driver"] = (t1.user - t0.user) + (t1.system - t0.system)
        created = max(summary["created"], 1)
        print(f"{summary['created']} reports in {elapsed:.1f} s = {summary['intake_per_s']:.1f}/s,"
              f" intake p95 {summary['intake_p95_ms']:.0f} ms")
        per = {k: round(1000 * v / created, 1) for k, v in totals.items()}
        print(f"CPU ms per report: {per}, total {sum(per.values()):.1f}")
    finally:
        worker.stop()
        web.stop()


if __name__ == "__main__":
    main()
