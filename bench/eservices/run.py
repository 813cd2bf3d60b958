"""Process-mining benchmark: time of `process_mining` over N generated tree-removal cases.

Cases and steps are written with bulk_create (the engine's services are not what is being
measured): each case's steps get random business-day durations, some returns, rejections,
suspensions and open steps. The figure is the time to compute every per-step, per-unit
and bottleneck figure over all of them (business hours counted on the work calendar).

Usage (SQLite in a temporary directory):
    .venv/bin/python bench/eservices/run.py [--cases 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(cases: int, repeat: int) -> None:
    from shahrvand.eservices.models import Case, CaseStep
    from shahrvand.eservices.selectors import process_mining, steps_of_municipalities
    from shahrvand.eservices.services import definition_load, definition_publish
    from shahrvand.eservices.services.definitions import shipped_documents
    from shahrvand.tenancy.models import Department, Municipality

    rng = random.Random(7)
    city = Municipality.objects.create(
        slug="bench", name_fa="بنچ", name_en="Bench", center_lat=35.7, center_lon=51.4
    )
    parks = Department.objects.create(municipality=city, code="parks", name_fa="فضای سبز")
    document = next(d for d in shipped_documents() if d["key"] == "tree-removal")
    definition = definition_publish(
        definition=definition_load(municipality=city, document=document)
    )
    start = dt.datetime(2026, 3, 21, 4, 30, tzinfo=dt.UTC)
    now = start + dt.timedelta(days=400)
    rows = [
        Case(
            municipality=city,
            service=definition.service,
            definition=definition,
            tracking_code=f"{i:012d}",
            applicant_phone="09120000000",
            submitted_at=start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 365)),
        )
        for i in range(cases)
    ]
    Case.objects.bulk_create(rows, batch_size=1000)
    steps = []
    for case in Case.objects.filter(municipality=city):
        moment = case.submitted_at
        for position, spec in enumerate(definition.definition["steps"]):
            step = CaseStep(
                case=case, key=spec["key"], position=position, kind=spec.get("kind", "task"),
                name_fa=spec["name_fa"], after=spec.get("after", []), department=parks,
                role=spec["role"], deadline_hours=spec["deadline_hours"],
            )  # fmt: skip
            steps.append(step)
            if moment is None:
                continue
            step.started_at = moment
            step.deadline = moment + dt.timedelta(hours=spec["deadline_hours"] * 2)
            if rng.random() < 0.1:
                step.status = "active"
                moment = None
                continue
            step.decided_at = moment + dt.timedelta(hours=rng.uniform(1, 400))
            step.return_count = 1 if rng.random() < 0.15 else 0
            step.paused_hours = rng.choice([0, 0, 0, 4, 12])
            step.status = "rejected" if rng.random() < 0.05 else "approved"
            moment = step.decided_at if step.status == "approved" else None
    CaseStep.objects.bulk_create(steps, batch_size=2000)
    queryset = steps_of_municipalities([city.pk])
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        report = process_mining(steps=queryset, now=now)
        times.append(time.perf_counter() - begin)
    started = sum(s.started for p in report.processes for s in p.steps)
    print(f"cases {cases}, step rows {len(steps)}, started steps {started}")
    print(
        f"process_mining: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s over {repeat} runs "
        f"({len(steps) / statistics.median(times):,.0f} step rows/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ.setdefault("DEBUG", "0")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    with tempfile.TemporaryDirectory(prefix="shahrvand-bench-eservices-") as var:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SHAHRVAND_VAR_DIR"] = var
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args.cases, args.repeat)


if __name__ == "__main__":
    main()
