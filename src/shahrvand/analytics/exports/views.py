"""Public open data endpoints: /open-data/<slug>/reports.csv|json?from=YYYY-MM-DD&to=…"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from shahrvand.common import ratelimit
from shahrvand.common.clientip import client_ip
from shahrvand.common.errors import DomainError, NotFound
from shahrvand.tenancy.models import Municipality

from . import opendata

RATE = "30/m"


def _error(exc: DomainError) -> JsonResponse:
    return JsonResponse(
        exc.as_dict(), status=exc.http_status, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def reports_export(
    request: HttpRequest, slug: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """Stream one municipality's reports in a date range as CSV or JSON (no personal data)."""
    client = client_ip(request)
    allowed, retry = ratelimit.allow("open-data", client, RATE)
    if not allowed:
        refused = JsonResponse(
            {
                "code": "throttled",
                "field": "",
                "message": "درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره بفرستید.",
                "message_en": "Too many requests.",
            },
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
        refused["Retry-After"] = str(retry)
        return refused
    try:
        municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
        if municipality is None:
            raise NotFound("شهرداری پیدا نشد.", message_en="No such municipality.", field="slug")
        first, last = opendata.parse_range(request.GET.get("from", ""), request.GET.get("to", ""))
    except DomainError as exc:
        return _error(exc)
    records = opendata.rows(municipality=municipality, first=first, last=last)
    name = f"shahrvand-{slug}-reports-{first.isoformat()}-{last.isoformat()}"
    response: StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            opendata.stream_csv(records), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            opendata.stream_json(records, municipality=municipality, first=first, last=last),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
