"""The catalogue: a municipality's published e-services, searchable in Persian."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from shahrvand.eservices.citizen import selectors
from shahrvand.eservices.citizen.fees import fee_text
from shahrvand.tenancy.models import Municipality


def choose_city(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(is_active=True).order_by("name_fa")
    return render(request, "eservices/citizen/choose_city.html", {"municipalities": municipalities})


def catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    query = request.GET.get("q", "")[:100]
    services = selectors.search_services(municipality, query)
    return render(
        request,
        "eservices/citizen/catalogue.html",
        {
            "municipality": municipality,
            "query": query,
            "entries": [(s, fee_text(s)) for s in services],
        },
    )


def service_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug, is_active=True)
    service = selectors.published_services(municipality).filter(key=key).first()
    if service is None:
        raise Http404("خدمت پیدا نشد")
    definition = selectors.published_definition(service)
    steps = definition.definition.get("steps", []) if definition else []
    return render(
        request,
        "eservices/citizen/service_detail.html",
        {
            "municipality": municipality,
            "service": service,
            "fee": fee_text(service),
            "steps": steps,
            "documents": definition.definition.get("documents", []) if definition else [],
        },
    )
