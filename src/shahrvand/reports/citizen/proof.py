"""The browser's proof of being a report's reporter, kept in the Django session.

A browser earns the right to act on one report (feedback, reopen) for `grant_minutes()`
by submitting it, by opening its private link (`/track/<code>/?k=<secret>`), or by
entering a one-time code sent to the report's phone. A signed-in citizen whose verified
number is the report's phone needs no more. Decision 0032.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

from shahrvand.identity.session import current_citizen
from shahrvand.reports.models import Report

GRANTS = "reporter_grants"
ISSUED = "reporter_issued_secret"  # {code: secret}, shown once on the confirmation page
FOLLOW_PENDING = "follow_pending_phone"  # {code: phone} between the two follow steps
CODE_SENT = "reporter_code_sent"  # the report whose reporter was just sent a code


def grant_minutes() -> int:
    return int(getattr(settings, "SHAHRVAND_REPORTER_GRANT_MINUTES", 60))


def grant(request: HttpRequest, report: Report) -> None:
    grants = {
        code: until
        for code, until in dict(request.session.get(GRANTS, {})).items()
        if until > time.time()
    }
    grants[report.tracking_code] = time.time() + grant_minutes() * 60
    request.session.cycle_key()  # a new right: no session id fixed in advance carries it
    request.session[GRANTS] = grants


def is_reporter(request: HttpRequest, report: Report) -> bool:
    until = dict(request.session.get(GRANTS, {})).get(report.tracking_code)
    if until is not None and until > time.time():
        return True
    citizen = current_citizen(request)
    return bool(
        citizen is not None
        and report.reporter_phone_index
        and citizen.phone_index == report.reporter_phone_index
    )


def remember_issued(request: HttpRequest, report: Report) -> None:
    """Grant this browser the report just submitted and keep its secret for the
    confirmation page, which shows the private link once."""
    grant(request, report)
    request.session[ISSUED] = {report.tracking_code: report.issued_secret}


def pop_issued(request: HttpRequest, report: Report) -> str:
    issued = dict(request.session.get(ISSUED, {}))
    secret = str(issued.pop(report.tracking_code, ""))
    if secret:
        request.session[ISSUED] = issued
    return secret
