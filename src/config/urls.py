from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from shahrvand.common.media import serve_media
from shahrvand.ops import health, metrics

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("staff/2fa/", include("shahrvand.security.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("shahrvand.api.urls")),
    path("open311/v2/", include("shahrvand.open311.urls")),
    path("open-data/", include("shahrvand.analytics.exports.urls")),
    path("staff/mining/", include("shahrvand.analytics.mining.urls")),
    path("staff/supervisory/", include("shahrvand.analytics.exports.staff_urls")),
    path("staff/eservices/", include("shahrvand.eservices.staff.urls")),
    path("staff/", include("config.staff_urls")),
    path("notifications/", include("shahrvand.notifications.urls")),
    path("analytics/", include("shahrvand.analytics.urls")),
    path("payments/", include("shahrvand.payments.urls")),
    path("account/", include("shahrvand.identity.urls")),
    path("", include("shahrvand.eservices.citizen.urls")),
    path("", include("shahrvand.reports.citizen.urls")),
]
# Django's own 400s and 500s in the caller's format: Persian HTML, the API's JSON error
# body under /api/, Open311's error list under /open311/ (shahrvand.ops.errorpages).
handler400 = "shahrvand.ops.errorpages.bad_request"
handler500 = "shahrvand.ops.errorpages.server_error"

if settings.SHAHRVAND_SERVE_MEDIA:
    # The embedded default serves uploads itself; production serves MEDIA_ROOT from nginx.
    urlpatterns.append(path("media/<path:path>", serve_media, name="media"))
