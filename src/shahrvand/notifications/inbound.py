"""The SMS gateway's receive callback: Kavenegar forwards each SMS sent to our line.

Fields (form body of a POST, or the query string if the panel is set to GET): messageid,
from, to, message. The URL carries a shared secret, `?token=` (SHAHRVAND_SMS_INBOUND_TOKEN);
without the setting the endpoint refuses everything.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .replies import receive_sms


def _token_ok(request: HttpRequest) -> bool:
    expected = str(getattr(settings, "SHAHRVAND_SMS_INBOUND_TOKEN", ""))
    given = request.GET.get("token", "")
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@csrf_exempt  # called by the gateway, authenticated by the token
@require_http_methods(["GET", "POST"])
def kavenegar_inbound(request: HttpRequest) -> HttpResponse:
    if not _token_ok(request):
        return HttpResponseForbidden("invalid token")
    data = request.POST if request.method == "POST" else request.GET
    message_id = data.get("messageid", "").strip()
    sender = data.get("from", "").strip()
    if not message_id or not sender:
        return HttpResponseBadRequest("messageid and from are required")
    receive_sms(
        provider="kavenegar",
        message_id=message_id[:100],
        sender=sender[:32],
        receiver=data.get("to", "").strip()[:32],
        text=data.get("message", "")[:1000],
    )
    return HttpResponse("ok", content_type="text/plain")
