from django.urls import path
from ninja import NinjaAPI

from shahrvand.agencyapi.api import router as agency_router
from shahrvand.common.api_errors import install_handlers

from . import private, public

api = NinjaAPI(
    title="Shahrvand API",
    version="1",
    description=(
        "REST API v1 of Shahrvand. `/public/` is for citizens' apps (no login); `/staff/` "
        "needs a staff bearer token or the back-office session; `/agency/` is for outside "
        "agencies, with HMAC-signed requests (docs/agency-api.md). Errors always have the body "
        '`{"code", "message" (Persian), "message_en", "field", "details"}`. POSTs that create '
        "something accept an `Idempotency-Key` header."
    ),
    urls_namespace="api-v1",
)
install_handlers(api)
api.add_router("/public", public.router)
api.add_router("/staff", private.router)
api.add_router("/agency", agency_router)

urlpatterns = [path("", api.urls)]
