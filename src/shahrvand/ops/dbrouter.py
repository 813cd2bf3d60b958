"""Send analytics reads to a read replica when one is configured.

Reads of the analytics apps (SHAHRVAND_REPLICA_APPS: analytics, mining, exports) and reads a
dashboard asks for explicitly with `analytics_db()` go to the 'replica' alias
(DATABASE_REPLICA_URL); every write and every other read goes to 'default'. Without a
replica everything reads 'default'. Replica data lags the primary by the replication delay:
never read through it what the same request has just written.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

REPLICA = "replica"


def analytics_db() -> str:
    """The alias a dashboard query should use: `.using(analytics_db())`."""
    return REPLICA if REPLICA in settings.DATABASES else "default"


class AnalyticsReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if model._meta.app_label in settings.SHAHRVAND_REPLICA_APPS:
            return analytics_db()
        return None  # Django's default: 'default'

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return True  # both aliases hold the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # the replica follows the primary's schema by replication
