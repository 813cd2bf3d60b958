"""Settings shared by every environment. Values come from environment variables (12-factor)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets admin and other generic classes be subscripted at run time (ModelAdmin[Model]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[3]
SRC_DIR = BASE_DIR / "src"
VAR_DIR = Path(os.environ.get("SHAHRVAND_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "ninja",  # serves Swagger UI from its own static files (no CDN: works offline)
    "shahrvand.common",
    "shahrvand.ops",
    "shahrvand.security",
    "shahrvand.tenancy",
    "shahrvand.categories",
    "shahrvand.deadlines",
    "shahrvand.routing",
    "shahrvand.triage",
    "shahrvand.reports",
    "shahrvand.search",
    "shahrvand.backoffice",
    "shahrvand.api",
    "shahrvand.outbox",
    "shahrvand.webhooks",
    "shahrvand.open311",
    "shahrvand.demo",
    "shahrvand.notifications",
    "shahrvand.analytics",
    "shahrvand.analytics.mining",
    "shahrvand.analytics.exports",
    "shahrvand.identity",
    "shahrvand.eservices",
    "shahrvand.payments",
    "shahrvand.agencyapi",
]

MIDDLEWARE = [
    "shahrvand.ops.logging.RequestIdMiddleware",
    # 413/400 for bodies a view cannot read; no traceback for non-loopback clients in DEBUG
    "shahrvand.ops.errorpages.RequestErrorMiddleware",
    "shahrvand.ops.metrics.MetricsMiddleware",
    "shahrvand.ops.headers.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shahrvand.security.middleware.SessionExpiryMiddleware",
    "shahrvand.security.middleware.StaffTwoFactorMiddleware",
    "shahrvand.security.ratelimits.PublicRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Signs, checks and logs everything under /api/v1/agency/ (docs/agency-api.md).
    "shahrvand.agencyapi.gate.AgencyGateMiddleware",
    # last, so it sees view exceptions first: 503 + Retry-After while PostgreSQL restarts
    "shahrvand.ops.unavailable.BackendUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shahrvand.common.context.site",
                "shahrvand.backoffice.context.staff",
                "shahrvand.identity.context.citizen",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'shahrvand.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Analytics reads may go to a streaming replica (shahrvand.ops.dbrouter); without one they
# read the primary. The replica is never migrated or written to.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["shahrvand.ops.dbrouter.AnalyticsReplicaRouter"]
SHAHRVAND_REPLICA_APPS = frozenset(env_list("SHAHRVAND_REPLICA_APPS", "analytics,mining,exports"))
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database lives in var/
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers proceed while the single writer commits; busy timeout absorbs bursts.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Checked when a password is set or changed (not when fixtures or the demo load users).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "shahrvand.security.passwords.SimilarityValidator"},
    {"NAME": "shahrvand.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "shahrvand.security.passwords.CommonPasswordValidator"},
    {"NAME": "shahrvand.security.passwords.NumericPasswordValidator"},
]
# Sessions end after SESSION_IDLE_SECONDS without a request (the cookie is renewed on each
# request) and SESSION_ABSOLUTE_SECONDS after login whatever happens.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff two-factor (TOTP): the roles that must use it, comma-separated, or "all" (every
# role sees personal data or acts across municipalities); superusers and users who may open
# the Django admin always. Decision 0024.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Shahrvand")
SHAHRVAND_SECOND_FACTOR_ROLES = frozenset(env_list("SHAHRVAND_SECOND_FACTOR_ROLES", "all"))
# Personal data at rest: Fernet keys (comma-separated, newest first; older ones only decrypt)
# and the HMAC key of the blind index used for look-ups by phone. Derived from SECRET_KEY
# in development; production must set both (docs/operations.md, key rotation).
SHAHRVAND_PII_KEYS = env_list("SHAHRVAND_PII_KEYS")
SHAHRVAND_PII_INDEX_KEY = os.environ.get("SHAHRVAND_PII_INDEX_KEY", "")
# Reporters of reports closed this many days ago are anonymised (0 turns it off).
SHAHRVAND_RETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "365"))
# /metrics: a bearer token, or client addresses allowed without one (docs/operations.md).
SHAHRVAND_METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
SHAHRVAND_METRICS_ALLOWED_IPS = frozenset(env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1"))
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "build" / "static"))
# Front-end packages are installed from the npm registry by `make assets` and copied here.
STATICFILES_DIRS = [("vendor", BASE_DIR / "build" / "vendor")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SHAHRVAND_SERVE_MEDIA = env_bool("SHAHRVAND_SERVE_MEDIA", True)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: the request may carry 5 photos + 1 video; limits are enforced per file in
# shahrvand.reports.attachments, this only bounds what Django buffers in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SHAHRVAND_MAX_PHOTOS = 5
SHAHRVAND_MAX_VIDEOS = 1
SHAHRVAND_MAX_PHOTO_BYTES = int(os.environ.get("SHAHRVAND_MAX_PHOTO_BYTES", 10 * 1024 * 1024))
SHAHRVAND_MAX_VIDEO_BYTES = int(os.environ.get("SHAHRVAND_MAX_VIDEO_BYTES", 50 * 1024 * 1024))
SHAHRVAND_MAX_TOTAL_BYTES = int(os.environ.get("SHAHRVAND_MAX_TOTAL_BYTES", 80 * 1024 * 1024))
SHAHRVAND_MAX_IMAGE_PIXELS = 40_000_000

SHAHRVAND_OPEN311_POST_RATE = os.environ.get("SHAHRVAND_OPEN311_POST_RATE", "60/m")
SHAHRVAND_API_PUBLIC_RATE = os.environ.get("SHAHRVAND_API_PUBLIC_RATE", "120/m")
# Per client address (shahrvand.security.ratelimits): citizen form posts, every citizen
# page, Open311 reads, the staff login and second-factor forms.
SHAHRVAND_CITIZEN_POST_RATE = os.environ.get("SHAHRVAND_CITIZEN_POST_RATE", "10/m")
SHAHRVAND_CITIZEN_READ_RATE = os.environ.get("SHAHRVAND_CITIZEN_READ_RATE", "300/m")
SHAHRVAND_OPEN311_READ_RATE = os.environ.get("SHAHRVAND_OPEN311_READ_RATE", "300/m")
SHAHRVAND_LOGIN_RATE = os.environ.get("SHAHRVAND_LOGIN_RATE", "10/m")
# Our own reverse proxies, as addresses or CIDR networks (comma-separated): X-Forwarded-For
# is read only on requests coming from one of them (shahrvand.common.clientip); empty, the
# default, means REMOTE_ADDR is the client. A bare number (the old hop count) is refused.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or network (e.g. 10.0.0.0/8)"
        ) from None
# Ninja's own throttles would otherwise trust X-Forwarded-For from anyone (its default, None,
# reads the whole header); ours identify clients by common.clientip instead.
NINJA_NUM_PROXIES = 0
# Duplicate detection: same standard code, within this radius and age (Signalen's 50 m / 12 weeks),
# open or closed within the last days.
SHAHRVAND_DUPLICATE_RADIUS_M = float(os.environ.get("SHAHRVAND_DUPLICATE_RADIUS_M", "50"))
SHAHRVAND_DUPLICATE_MAX_AGE_WEEKS = int(os.environ.get("SHAHRVAND_DUPLICATE_MAX_AGE_WEEKS", "12"))
SHAHRVAND_DUPLICATE_CLOSED_DAYS = int(os.environ.get("SHAHRVAND_DUPLICATE_CLOSED_DAYS", "30"))
# The deadline clock: warn the assignee at this share of the target time; escalate to the
# municipality admin when this share of the target time has passed beyond the deadline.
SHAHRVAND_DEADLINE_WARN_FRACTION = float(os.environ.get("SHAHRVAND_DEADLINE_WARN_FRACTION", "0.75"))
SHAHRVAND_ESCALATION_AFTER_FRACTION = float(
    os.environ.get("SHAHRVAND_ESCALATION_AFTER_FRACTION", "0.5")
)
# Reports whose reporter chose no category are categorised and routed without a
# dispatcher when the classifier is at least this sure.
SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE = float(
    os.environ.get("SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE", "0.85")
)
# A municipality gets a classifier of its own once its staff made this many corrections.
SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES = int(
    os.environ.get("SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES", "300")
)
SHAHRVAND_DEFAULT_MUNICIPALITY = os.environ.get("SHAHRVAND_DEFAULT_MUNICIPALITY", "tehran")
SHAHRVAND_TILE_URL = os.environ.get(
    "SHAHRVAND_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SHAHRVAND_TILE_ATTRIBUTION = os.environ.get(
    "SHAHRVAND_TILE_ATTRIBUTION", "© OpenStreetMap contributors"
)
# Address search on the staff maps (tenancy.geocoding): "" (off), nominatim, neshan, mapir.
SHAHRVAND_GEOCODER = os.environ.get("SHAHRVAND_GEOCODER", "")
SHAHRVAND_GEOCODER_URL = os.environ.get("SHAHRVAND_GEOCODER_URL", "")
SHAHRVAND_GEOCODER_KEY = os.environ.get("SHAHRVAND_GEOCODER_KEY", "")
SHAHRVAND_GEOCODER_TIMEOUT = float(os.environ.get("SHAHRVAND_GEOCODER_TIMEOUT", "5"))
SHAHRVAND_GEOCODE_RATE = os.environ.get("SHAHRVAND_GEOCODE_RATE", "30/m")

CACHES: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shahrvand",
    }
}
if os.environ.get("REDIS_URL"):
    # Degrades to "no cache" while Redis is down (shahrvand.common.cache), with short
    # timeouts so a hung Redis cannot hold requests.
    CACHES["default"] = {
        "BACKEND": "shahrvand.common.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }

# Celery: production sets CELERY_BROKER_URL; the embedded default runs tasks in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process is killed mid-run (OOM, kill -9) goes back to the queue
# instead of being acknowledged as failed; one message at a time per process, so a
# killed worker holds back no prefetched tasks. Tasks are idempotent (leases, dedupe keys).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Unacknowledged tasks of a worker that died entirely come back after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Safety net: events are also pushed right after each commit.
    "webhooks-dispatch": {"task": "webhooks.dispatch", "schedule": 30.0},
    "reports-escalate": {"task": "reports.escalate", "schedule": 300.0},
    "notifications-dispatch": {"task": "notifications.dispatch", "schedule": 30.0},
    "triage-retrain": {"task": "triage.retrain", "schedule": 7 * 24 * 3600.0},
    "analytics-refresh": {"task": "analytics.refresh", "schedule": 600.0},
    "mining-detect-spikes": {"task": "mining.detect_spikes", "schedule": 3600.0},
    "payments-reconcile": {"task": "payments.reconcile", "schedule": 300.0},
    "agencyapi-notify": {"task": "agencyapi.notify", "schedule": 30.0},
    "reports-anonymise": {"task": "reports.anonymise_closed", "schedule": 24 * 3600.0},
}
# `make run` runs the same tasks on a thread of the web process (no broker needed).
SHAHRVAND_EMBEDDED_WORKER = env_bool("SHAHRVAND_EMBEDDED_WORKER", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "shahrvand.ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # LOG_FORMAT=json in production: one JSON object per line, with the request id.
            **({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Notifications (docs/notifications.md)
SHAHRVAND_PUBLIC_URL = os.environ.get("SHAHRVAND_PUBLIC_URL", "http://127.0.0.1:8000")
# Certificate signing (PAdES) with each municipality's key: <dir>/<slug>/key.pem (encrypted
# with the passphrase), cert.pem, chain.pem. Never in the repository (var/ is ignored).
# Demo keys: a self-signed pair is made on first use where none is installed (off in
# production). Decision 0036, docs/operations.md.
SHAHRVAND_SIGNING_DIR = Path(os.environ.get("SHAHRVAND_SIGNING_DIR", VAR_DIR / "signing"))
SHAHRVAND_SIGNING_KEY_PASSPHRASE = os.environ.get("SHAHRVAND_SIGNING_KEY_PASSPHRASE", "")
SHAHRVAND_SIGNING_DEMO_KEYS = env_bool("SHAHRVAND_SIGNING_DEMO_KEYS", True)
SHAHRVAND_SMS_PROVIDER = os.environ.get("SHAHRVAND_SMS_PROVIDER", "console")  # or "kavenegar"
SHAHRVAND_SMS_LOG = Path(os.environ.get("SHAHRVAND_SMS_LOG", VAR_DIR / "outbox-sms.log"))
SHAHRVAND_KAVENEGAR_API_KEY = os.environ.get("SHAHRVAND_KAVENEGAR_API_KEY", "")
SHAHRVAND_KAVENEGAR_SENDER = os.environ.get("SHAHRVAND_KAVENEGAR_SENDER", "")
SHAHRVAND_KAVENEGAR_URL = os.environ.get("SHAHRVAND_KAVENEGAR_URL", "https://api.kavenegar.com/v1")
SHAHRVAND_KAVENEGAR_TIMEOUT = float(os.environ.get("SHAHRVAND_KAVENEGAR_TIMEOUT", "10"))
SHAHRVAND_SMS_INBOUND_TOKEN = os.environ.get("SHAHRVAND_SMS_INBOUND_TOKEN", "")

# Citizen sign-in by one-time code (shahrvand.identity).
SHAHRVAND_OTP_TTL_SECONDS = int(os.environ.get("SHAHRVAND_OTP_TTL_SECONDS", "120"))
SHAHRVAND_OTP_RESEND_SECONDS = int(os.environ.get("SHAHRVAND_OTP_RESEND_SECONDS", "60"))
# Wrong codes (decision 0033): per code and address, then per code from everyone (the code
# dies), then per number from everyone (the number is locked; several addresses needed).
SHAHRVAND_OTP_MAX_FAILURES = int(os.environ.get("SHAHRVAND_OTP_MAX_FAILURES", "5"))
SHAHRVAND_OTP_CHALLENGE_MAX_FAILURES = int(
    os.environ.get("SHAHRVAND_OTP_CHALLENGE_MAX_FAILURES", "10")
)
SHAHRVAND_OTP_NUMBER_MAX_FAILURES = int(os.environ.get("SHAHRVAND_OTP_NUMBER_MAX_FAILURES", "30"))
SHAHRVAND_OTP_LOCK_MINUTES = int(os.environ.get("SHAHRVAND_OTP_LOCK_MINUTES", "15"))
SHAHRVAND_OTP_RATES = {"phone": "10/h", "phone_ip": "3/h", "ip": "20/h", "verify_ip": "60/h"}
# Staff and admin login (decision 0033): free failures per account and address, per account
# and per address, then a progressive delay (2, 4, 8 ... seconds) up to the maximum.
SHAHRVAND_LOGIN_FREE_FAILURES = {"account_ip": 5, "account": 20, "ip": 30}
SHAHRVAND_LOGIN_MAX_DELAY_SECONDS = int(os.environ.get("SHAHRVAND_LOGIN_MAX_DELAY_SECONDS", "900"))
SHAHRVAND_CITIZEN_SESSION_IDLE_MINUTES = 30
SHAHRVAND_CITIZEN_SESSION_MAX_HOURS = 12

# Payments (docs/payments.md): "sandbox" (a local bank page, dev/test only) or "zarinpal".
PAYMENT_PROVIDER = os.environ.get("PAYMENT_PROVIDER", "sandbox")
PAYMENT_SANDBOX_ENABLED = env_bool("PAYMENT_SANDBOX_ENABLED", True)
PAYMENT_EXPIRY_MINUTES = int(os.environ.get("PAYMENT_EXPIRY_MINUTES", "30"))
PAYMENT_RECONCILE_AFTER_MINUTES = int(os.environ.get("PAYMENT_RECONCILE_AFTER_MINUTES", "5"))
ZARINPAL_MERCHANT_ID = os.environ.get("ZARINPAL_MERCHANT_ID", "")
ZARINPAL_BASE_URL = os.environ.get("ZARINPAL_BASE_URL", "https://payment.zarinpal.com")
ZARINPAL_TIMEOUT = float(os.environ.get("ZARINPAL_TIMEOUT", "10"))
# Agency API secrets are derived from this key (docs/decisions/0022); empty: from SECRET_KEY.
AGENCY_API_MASTER_KEY = os.environ.get("AGENCY_API_MASTER_KEY", "")
# Public certificate checks (/verify/<code>) per client address (security/ratelimits.py):
# plenty for a clerk checking a pile of certificates, few enough to stop scraping.
SHAHRVAND_VERIFY_RATE = os.environ.get("SHAHRVAND_VERIFY_RATE", "30/m")

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Shahrvand <no-reply@localhost>")
# Outgoing mail server (e-mail notifications); Django's defaults without the variables.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Analytics (docs/kpis.md): heat-map H3 resolution of the hex rollups, the composite
# department score's weights (renormalised over the measurable components), and the
# longest date range the public KPI endpoint answers.
SHAHRVAND_ANALYTICS_H3_RESOLUTION = int(os.environ.get("SHAHRVAND_ANALYTICS_H3_RESOLUTION", "8"))
# Rollup reads are cached this long, keyed by the rollup generation (never stale); 0: off.
SHAHRVAND_ANALYTICS_CACHE_SECONDS = int(os.environ.get("SHAHRVAND_ANALYTICS_CACHE_SECONDS", "900"))
# After each rollup refresh, read what the dashboards open with (analytics/views/prewarm.py).
SHAHRVAND_ANALYTICS_PREWARM = os.environ.get("SHAHRVAND_ANALYTICS_PREWARM", "1") != "0"
SHAHRVAND_ANALYTICS_SCORE_WEIGHTS = {
    "within_deadline": 0.35,
    "closure": 0.15,
    "reopen": 0.15,
    "acceptance": 0.15,
    "satisfaction": 0.20,
}
# Fair ranking (docs/kpis.md): a unit is ranked only from this many reports received in the
# period, and its score is shrunk toward the municipality mean as if it had this many more
# reports at the mean ((n·score + m·mean) / (n + m)).
SHAHRVAND_RANKING_MIN_REPORTS = int(os.environ.get("SHAHRVAND_RANKING_MIN_REPORTS", "30"))
SHAHRVAND_RANKING_PRIOR_REPORTS = int(os.environ.get("SHAHRVAND_RANKING_PRIOR_REPORTS", "20"))
SHAHRVAND_ANALYTICS_MAX_RANGE_DAYS = int(
    os.environ.get("SHAHRVAND_ANALYTICS_MAX_RANGE_DAYS", "1100")
)
