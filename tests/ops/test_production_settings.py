"""Production settings load from the environment and pass `manage.py check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-test-key-with-enough-entropy-0123456789",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/shv_p1_unused",
    "ALLOWED_HOSTS": "137.example.ir",
    "CSRF_TRUSTED_ORIGINS": "https://137.example.ir",
    "SHAHRVAND_PII_KEYS": Fernet.generate_key().decode(),
    "SHAHRVAND_PII_INDEX_KEY": "index-key-for-the-test-0123456789",
    # Off by default (a preload listing is hard to undo); check --deploy warns (W021) without.
    "SECURE_HSTS_PRELOAD": "true",
    # The console provider is for development; check --deploy warns (shahrvand.W001) with it.
    "SHAHRVAND_SMS_PROVIDER": "kavenegar",
    "SHAHRVAND_KAVENEGAR_API_KEY": "test-api-key",
    "SHAHRVAND_KAVENEGAR_SENDER": "10004346",
    # Links in SMS, e-mail and certificates; check --deploy warns (shahrvand.W010) without.
    "SHAHRVAND_PUBLIC_URL": "https://137.example.ir",
    # Encrypts the certificate-signing keys; check --deploy warns (shahrvand.W021) without.
    "SHAHRVAND_SIGNING_KEY_PASSPHRASE": "signing-passphrase-for-the-test-0123456789",
}


def _run(code: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    # Only the machine's basics: nothing the test run itself set (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ENV and not k.startswith(("SHAHRVAND_", "DJANGO_"))
    }
    env.update(ENV)
    env.update(overrides)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_the_required_environment():
    done = _run(
        "import django,sys; django.setup(); from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    without_preload = _run(
        "import django,sys; django.setup(); from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')",
        SECURE_HSTS_PRELOAD="false",
    )
    assert "security.W021" in without_preload.stderr
    assert without_preload.stderr.count("(security.") == 1  # the only warning left


CHECK_DEPLOY = (
    "import django,sys; django.setup(); from django.core.management import call_command;"
    "call_command('check', deploy=True, fail_level='WARNING')"
)


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"SHAHRVAND_SMS_PROVIDER": "console"}, "shahrvand.W001"),
        ({"SHAHRVAND_KAVENEGAR_API_KEY": ""}, "shahrvand.W002"),
        ({"SHAHRVAND_KAVENEGAR_SENDER": ""}, "shahrvand.W002"),
        ({"SHAHRVAND_PUBLIC_URL": "http://127.0.0.1:8000"}, "shahrvand.W010"),
        ({"SHAHRVAND_PUBLIC_URL": "http://137.example.ir"}, "shahrvand.W010"),
    ],
)
def test_check_deploy_warns_about_an_sms_setup_unfit_for_citizens(overrides, warning):
    done = _run(CHECK_DEPLOY, **overrides)
    assert done.returncode != 0 and warning in done.stderr, done.stderr[-2000:]
    assert done.stderr.count("(shahrvand.W") == 1


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"SHAHRVAND_SIGNING_DEMO_KEYS": "true"}, "shahrvand.W020"),
        ({"SHAHRVAND_SIGNING_KEY_PASSPHRASE": ""}, "shahrvand.W021"),
    ],
)
def test_check_deploy_warns_about_certificate_signing_unfit_for_production(overrides, warning):
    done = _run(CHECK_DEPLOY, **overrides)
    assert done.returncode != 0 and warning in done.stderr, done.stderr[-2000:]
    assert done.stderr.count("(shahrvand.W") == 1


def test_security_settings_from_the_environment():
    done = _run(
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.X_FRAME_OPTIONS, s.SESSION_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE,"
        " s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.STORAGES['default']['BACKEND'])",
        S3_BUCKET="uploads",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "31536000",
        "True",
        "True",
        "DENY",
        "True",
        "True",
        "True",
        "Lax",
        "['137.example.ir']",
        "['https://137.example.ir']",
        "storages.backends.s3.S3Storage",
    ]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must name"),
        ("SHAHRVAND_PII_KEYS", "SHAHRVAND_PII_KEYS must be set"),
        ("SHAHRVAND_PII_INDEX_KEY", "SHAHRVAND_PII_INDEX_KEY must be set"),
    ],
)
def test_refuses_to_start_without_a_required_variable(missing, message):
    done = _run("import django; django.setup()", **{missing: ""})
    assert done.returncode != 0 and message in done.stderr


def test_local_disk_is_the_default_storage():
    done = _run(
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.STORAGES['default']['BACKEND'])"
    )
    assert done.stdout.strip() == "django.core.files.storage.FileSystemStorage"


def test_mail_server_from_the_environment_is_the_one_mail_goes_to(tmp_path):
    """EMAIL_* variables reach Django's SMTP backend: a message is delivered to a local
    SMTP server (the proof stack's sink) on the port and with the login they name."""
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "mail.log"
    sink = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "proof" / "smtp_sink.py"), str(port), str(log)]
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        done = _run(
            "import django; django.setup(); from django.conf import settings as s;"
            "from django.core.mail import send_mail;"
            "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT);"
            "send_mail('آزمون', 'متن', None, ['staff@137.example.ir'])",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            EMAIL_TIMEOUT="5",
            DEFAULT_FROM_EMAIL="Shahrvand <no-reply@137.example.ir>",
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.split() == ["127.0.0.1", str(port), "False", "5"]
        assert "no-reply@137.example.ir> -> <staff@137.example.ir>" in log.read_text()
    finally:
        sink.terminate()
        sink.wait(5)
