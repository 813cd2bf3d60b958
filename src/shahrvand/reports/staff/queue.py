"""Work queues: filters, full-text search, saved filters, map and CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shahrvand.backoffice.models import SavedFilter
from shahrvand.backoffice.services import saved_filter_delete, saved_filter_save
from shahrvand.common.errors import DomainError
from shahrvand.common.jalali import format_jalali
from shahrvand.common.spreadsheet import safe_row
from shahrvand.reports.models import Report
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.tenancy.access import current_staff, current_user, staff_required

from .filters import QueueFilter

PAGE_SIZE = 50
MAP_LIMIT = 5000
DEFAULT_QUERY = "open_only=on&order=urgency"


def _filtered(request: HttpRequest) -> tuple[QueueFilter, QuerySet[Report]]:
    params = request.GET if request.GET else QueryDict(DEFAULT_QUERY)
    form = QueueFilter(params, profile=current_staff(request))
    reports = form.apply(reports_visible_to(current_user(request)))
    return form, reports


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@staff_required
def work_queue(request: HttpRequest) -> HttpResponse:
    profile = current_staff(request)
    form, reports = _filtered(request)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "profile": profile,
        "form": form,
        "page": page,
        "query": _query_without(request, "page"),
        "saved": SavedFilter.objects.filter(user=current_user(request)),
    }
    return render(request, "reports/staff/queue.html", context)


CSV_COLUMNS = [
    ("tracking_code", "کد پیگیری"),
    ("created", "زمان ثبت (شمسی)"),
    ("created_iso", "created_at"),
    ("municipality", "شهرداری"),
    ("category", "موضوع"),
    ("standard", "کد استاندارد"),
    ("district", "منطقه"),
    ("status", "وضعیت"),
    ("priority", "اولویت"),
    ("deadline", "مهلت (شمسی)"),
    ("responsible", "واحد مسئول"),
    ("address", "نشانی"),
    ("description", "شرح"),
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(reports: QuerySet[Report]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # BOM: spreadsheet programs then read the Persian text as UTF-8
    yield writer.writerow([label for _, label in CSV_COLUMNS])
    for r in reports.iterator(chunk_size=1000):
        yield writer.writerow(
            safe_row(
                [
                    r.tracking_code,
                    format_jalali(r.created_at),
                    r.created_at.isoformat(),
                    r.municipality.name_fa,
                    r.category.name_fa,
                    r.standard_id,
                    r.district.name_fa,
                    r.get_status_display(),
                    r.get_priority_display(),
                    format_jalali(r.deadline),
                    r.responsible_name,
                    r.address,
                    r.description.replace("\n", " "),
                ]
            )
        )


@staff_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The current filter as CSV (no reporter data)."""
    _, reports = _filtered(request)
    response = StreamingHttpResponse(_csv_rows(reports), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="shahrvand-reports.csv"'
    return response


@staff_required
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON points of the current filter (located reports only), for the clustered map."""
    _, reports = _filtered(request)
    rows = reports.filter(lat__isnull=False).values_list(
        "tracking_code", "lat", "lon", "status", "category__name_fa"
    )[:MAP_LIMIT]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"code": code, "status": status, "category": name},
        }
        for code, lat, lon, status, name in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_POST
@staff_required
def save_filter(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        saved = saved_filter_save(
            user=current_user(request), name=request.POST.get("name", ""), query=query
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        query = saved.query
        messages.success(request, f"فیلتر «{saved.name}» ذخیره شد.")
    return redirect(f"{reverse('backoffice:queue')}?{query[:1000]}")


@require_POST
@staff_required
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    saved_filter_delete(user=current_user(request), pk=pk)
    return redirect("backoffice:queue")
