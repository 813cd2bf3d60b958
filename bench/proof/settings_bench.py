"""Production settings plus the proof stack's local mail server (bench/proof/smtp_sink.py)."""

import os

from config.settings.production import *  # noqa: F403

EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("SHV_PROOF_SMTP_PORT", "8025"))
EMAIL_TIMEOUT = 5
