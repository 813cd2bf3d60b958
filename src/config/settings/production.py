"""Production: PostgreSQL, Redis cache, Celery broker; secrets only from the environment.

gunicorn serves the app behind nginx (deploy/); nginx terminates TLS and sets
X-Forwarded-Proto. Every variable is listed in docs/operations.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, STORAGES, env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (50 characters or more)")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the public host names in production")
# Origins that may POST forms (scheme included), e.g. https://137.example.ir
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for _key in ("SHAHRVAND_PII_KEYS", "SHAHRVAND_PII_INDEX_KEY"):
    if not os.environ.get(_key):
        raise ImproperlyConfigured(f"{_key} must be set in production (docs/operations.md)")

SHAHRVAND_SERVE_MEDIA = env_bool("SHAHRVAND_SERVE_MEDIA", False)
# Certificates are signed with each municipality's installed key; no self-signed demo keys.
SHAHRVAND_SIGNING_DEMO_KEYS = env_bool("SHAHRVAND_SIGNING_DEMO_KEYS", False)
# Static files: nginx serves them on a single server; on Kubernetes the pods serve them
# themselves (WhiteNoise, compressed, cache headers), so no extra static server is needed.
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1 :],
]

# TLS ends at nginx, which forwards the scheme; gunicorn only listens on the private network.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The probes and the metrics are scraped over plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # forms carry the token in a hidden field; no script reads it
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"

# S3-compatible object storage for uploads (MinIO, ArvanCloud, AWS...); local disk otherwise.
if os.environ.get("S3_BUCKET"):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["S3_BUCKET"],
                "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("S3_REGION") or None,
                "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
                "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
                "default_acl": "private",
                "querystring_auth": True,  # uploads are private: links are signed
                "querystring_expire": int(os.environ.get("S3_URL_EXPIRE", "300")),
                "file_overwrite": False,
                "location": os.environ.get("S3_PREFIX", "media"),
            },
        },
    }
# The sandbox payment page accepts any "payment": never in production unless asked for.
PAYMENT_SANDBOX_ENABLED = env_bool("PAYMENT_SANDBOX_ENABLED", False)
