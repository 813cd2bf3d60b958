"""GET /staff/geocode/?q=: address search for staff placing a report on the map. JSON, for
the staff member's own municipality only, rate-limited per user (the provider's quota is
the municipality's)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from shahrvand.common.ratelimit import allow
from shahrvand.tenancy.access import current_staff, staff_required
from shahrvand.tenancy.geocoding import GeocodingError, geocoder, search_places


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"results": [], "error": message}, status=status)


@require_GET
@staff_required
def geocode(request: HttpRequest) -> JsonResponse:
    municipality = current_staff(request).municipality
    if municipality is None:
        return _error("جستجوی نشانی فقط برای کارکنان یک شهرداری است.", 400)
    provider = geocoder()
    if provider is None:
        return _error("جستجوی نشانی در این سامانه پیکربندی نشده است.", 503)
    allowed, retry = allow("geocode", str(request.user.pk), settings.SHAHRVAND_GEOCODE_RATE)
    if not allowed:
        response = _error("جستجوهای شما زیاد بود؛ چند لحظه بعد دوباره امتحان کنید.", 429)
        response["Retry-After"] = str(retry)
        return response
    try:
        found = search_places(
            provider=provider, municipality=municipality, query=request.GET.get("q", "")
        )
    except GeocodingError:
        return _error("سرویس جستجوی نشانی پاسخ نداد؛ روی نقشه بزنید یا منطقه را برگزینید.", 502)
    return JsonResponse(
        {
            "results": [
                {
                    "label": f.place.label,
                    "lat": round(f.place.lat, 6),
                    "lon": round(f.place.lon, 6),
                    "district": f.district.pk,
                    "district_name": f.district.name_fa,
                }
                for f in found
            ]
        }
    )
