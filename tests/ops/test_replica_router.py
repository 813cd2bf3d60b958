"""Analytics reads go to the replica when one is configured; writes always to default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import User
from django.db import models

from shahrvand.ops.dbrouter import AnalyticsReplicaRouter, analytics_db
from shahrvand.reports.models import Report


class _Meta:
    def __init__(self, label: str) -> None:
        self.app_label = label


class _FakeModel:
    def __init__(self, label: str) -> None:
        self._meta = _Meta(label)


def _model(label: str) -> type[models.Model]:
    return _FakeModel(label)  # type: ignore[return-value]


def test_reads_of_analytics_apps_go_to_the_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    router = AnalyticsReplicaRouter()
    for label in ("analytics", "mining", "exports"):
        assert router.db_for_read(_model(label)) == "replica"
        assert router.db_for_write(_model(label)) == "default"
    assert router.db_for_read(Report) is None  # operational reads stay on the primary
    assert router.db_for_read(User) is None
    assert analytics_db() == "replica"  # dashboards ask explicitly: .using(analytics_db())


def test_without_a_replica_everything_reads_the_primary(settings):
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    router = AnalyticsReplicaRouter()
    assert router.db_for_read(_model("analytics")) == "default"
    assert analytics_db() == "default"


def test_the_replica_is_never_migrated():
    router = AnalyticsReplicaRouter()
    assert router.allow_migrate("default", "analytics") is True
    assert router.allow_migrate("replica", "analytics") is False


def test_replica_alias_from_the_environment_mirrors_default_in_tests():
    root = Path(__file__).resolve().parents[2]
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['replica']['HOST'], s.DATABASES['replica']['TEST']['MIRROR'])"
    )
    env = {**os.environ, "DATABASE_REPLICA_URL": "postgres://ro@10.0.0.5:5432/shahrvand"}
    env["PYTHONPATH"] = str(root / "src")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "10.0.0.5 default", done.stderr[-1000:]
