"""Test settings: SQLite unless DATABASE_URL is set (CI sets it to PostgreSQL)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shahrvand-media-"))
CELERY_TASK_ALWAYS_EAGER = True
SHAHRVAND_API_PUBLIC_RATE = "100000/m"
# Per-address page limits (security/ratelimits.py) are tested with their own low rates.
SHAHRVAND_CITIZEN_POST_RATE = "100000/m"
SHAHRVAND_CITIZEN_READ_RATE = "100000/m"
SHAHRVAND_OPEN311_READ_RATE = "100000/m"
SHAHRVAND_LOGIN_RATE = "100000/m"
SHAHRVAND_SMS_LOG = Path(tempfile.mkdtemp(prefix="shahrvand-sms-")) / "sms.log"
# Demo signing keys are made once per test run per municipality slug (never in var/).
SHAHRVAND_SIGNING_DIR = Path(tempfile.mkdtemp(prefix="shahrvand-signing-"))
# The classifier trains itself once per test run into a temporary directory (never var/).
os.environ.setdefault("SHAHRVAND_MODEL_DIR", tempfile.mkdtemp(prefix="shahrvand-models-"))
