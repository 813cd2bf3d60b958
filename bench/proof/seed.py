"""Print (as one JSON line) what the load clients need: an API token for a dispatcher, a
fresh Open311 key, categories, and real points/descriptions from the demo reports.

Run with the proof stack's environment (stack.django_env()); idempotent enough to rerun.
"""

from __future__ import annotations

import json

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402

from shahrvand.api.models import ApiToken  # noqa: E402
from shahrvand.open311.keys import api_client_create  # noqa: E402
from shahrvand.open311.models import ApiClient  # noqa: E402
from shahrvand.reports import proof  # noqa: E402
from shahrvand.reports.models import Report  # noqa: E402
from shahrvand.tenancy.models import Municipality  # noqa: E402


def main() -> None:
    city = Municipality.objects.get(slug="tehran")
    user = User.objects.get(username="tehran-dispatcher")
    _, token = ApiToken.issue(user=user, name="proof-bench")
    ApiClient.objects.filter(name="proof-bench").delete()
    client_key = "proof-bench-open311-key-0123456789"
    api_client_create(name="proof-bench", municipality=city, raw_key=client_key)
    rows = list(
        Report.objects.filter(municipality=city, lat__isnull=False)
        .select_related("category")
        .order_by("id")
        .values_list("tracking_code", "category__code", "description", "lat", "lon")[:300]
    )
    # The bench acts as each sample's reporter (photo uploads need the reporter secret,
    # decision 0032): give the samples a fresh secret it knows.
    secrets = {}
    for code, *_ in rows:
        secrets[code] = proof.new_secret()
        Report.objects.filter(tracking_code=code).update(
            reporter_secret_hash=proof.secret_hash(secrets[code])
        )
    print(
        json.dumps(
            {
                "municipality": city.slug,
                "token": token,
                "open311_key": client_key,
                "samples": [
                    {
                        "code": c,
                        "secret": secrets[c],
                        "category": cat,
                        "description": d,
                        "lat": la,
                        "lon": lo,
                    }
                    for c, cat, d, la, lo in rows
                ],
            },
            ensure_ascii=False,
        )
    )


main()
