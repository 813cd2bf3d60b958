"""Persian digits everywhere people read (#16 item 3).

The demo province is loaded, plus what a day brings: a report whose address the citizen typed
in Persian digits (stored as ASCII, as input normalisation wants), a building-permit case
with a step waiting, a supervisory report for 1405-08. Then a citizen and every staff role
sign in and visit every page reachable from their navigation, following links two levels
deep (one page per URL shape, so a list of a hundred reports costs one report page). On each
page, once charts and maps are drawn (the queue's clustered map opened), the visible text
must hold no ASCII digit.

What is not read, and why (the only exclusions):
- values of inputs and textareas: form values are posted back and parsed (ASCII is fine,
  and a Persian digit typed stays as typed);
- <code>, <kbd>, <samp>: machine strings shown as such (keys, secrets, shortcuts);
- elements marked dir="ltr" or lang="en": left-to-right machine text, such as a URL in a
  message or an e-mail address, and English text, which is not Persian text.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from shahrvand.analytics.exports.content import JalaliMonth
from shahrvand.analytics.exports.services import supervisory_report_generate
from shahrvand.categories.models import Category, StandardCategory
from shahrvand.categories.taxonomy import standard_rows
from shahrvand.common.persian import normalize_text
from shahrvand.eservices.models import Service
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import submit_permit
from tests.identity.sms import SmsLog
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "09121234567"  # the permit applicant of tests.eservices.helpers
STAFF = [
    "tehran-operator",
    "tehran-dispatcher",
    "tehran-manager-roads",
    "tehran-field-roads",
    "tehran-agency-water",
    "tehran-clerk-planning",
    "tehran-manager-planning",
    "tehran-admin",
    "province-supervisor",
]
PAGES_PER_ROLE = 18
SKIP_PATH = re.compile(
    r"/logout/|\.(csv|pdf|json|png|jpg|geojson|xlsx|zip)$|^/(api|admin|media|static)/|/2fa/|/download"
)

LATIN_DIGITS_JS = """
() => {
  const SKIP = "script, style, noscript, template, textarea, code, kbd, samp, [dir=ltr], [lang=en]";
  // An ASCII digit, or a Persian number with a Latin point or comma (۲۰۰.۰ for ۲۰۰٫۰).
  const LATIN = /[0-9]|[۰-۹][.,][۰-۹]/;
  const found = [];
  const where = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (e.classList.length ? "." + [...e.classList].join(".") : ""));
    }
    return parts.join(" > ");
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!LATIN.test(n.data)) continue;
    const el = n.parentElement;
    if (!el || el.closest(SKIP)) continue;
    const option = el.closest("option");
    const shown = option ? option.closest("select").checkVisibility()
                         : el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    if (shown) found.push(where(el) + ": " + n.data.trim().slice(0, 120));
  }
  for (const el of document.querySelectorAll("[placeholder]")) {
    if (LATIN.test(el.placeholder) && !el.closest(SKIP)) {
      found.push(where(el) + " placeholder: " + el.placeholder);
    }
  }
  if (LATIN.test(document.title)) found.push("title: " + document.title);
  return found;
}
"""


def _seed() -> dict[str, str]:
    """The demo province and what a working day adds; returns URLs worth visiting."""
    for row in standard_rows():  # a transactional test elsewhere may have flushed them
        StandardCategory.objects.get_or_create(code=row["code"], defaults=row)
    call_command("load_demo", stdout=StringIO())
    # staff_sign_in types the factories' password.
    for user in User.objects.filter(staff_profile__isnull=False):
        user.set_password(tenancy_factories.PASSWORD)
        user.save(update_fields=["password"])
    tehran = Municipality.objects.get(slug="tehran")
    pothole = Category.objects.filter(municipality=tehran).first()
    typed = reports_factories.report(
        tehran,
        pothole,
        description=normalize_text("چاله عمیق جلوی پلاک ۱۲ به عمق ۲۰ سانتی‌متر"),
        address=normalize_text("خیابان آزادی، کوچه ۵، پلاک ۱۲"),
        reporter_phone=PHONE,
    )
    assert "کوچه 5" in typed.address  # stored with ASCII digits
    service = Service.objects.get(municipality=tehran, key="building-permit")
    case = submit_permit(service, plot_area_m2=212.5)  # a decimal: ۲۱۲٫۵
    supervisory_report_generate(municipality=tehran, month=JalaliMonth(1405, 8))
    supervisory_report_generate(municipality=None, month=JalaliMonth(1405, 8))
    return {
        "report": f"/track/{typed.tracking_code}/",
        "case": f"/my/cases/{case.tracking_code}/",
        "staff_report": f"/staff/reports/{typed.tracking_code}/",
    }


def _one_request_at_a_time(context: Any) -> None:
    """Tiles never reach the live server (there are none); on SQLite, whose in-memory test
    database the live server shares with this thread through one connection, the map
    page's two parallel GeoJSON requests are refused too: concurrent requests on that
    connection break its transaction state for every later request."""
    context.route("**/no-tiles/**", lambda route: route.abort())
    if connection.vendor != "postgresql":
        context.route("**/map/*.geojson*", lambda route: route.abort())


def _shape(path: str) -> str:
    """One page per URL shape: numbers, codes and municipalities in the path collapse."""
    path = re.sub(r"/(tehran|karaj|shahriar)/", "/M/", path)
    return re.sub(r"\d+", "N", re.sub(r"/services/[\w-]+/", "/services/K/", path))


def _drawn(page: Any) -> None:
    """Wait for what scripts draw: charts, analytics maps, the queue's clustered map."""
    charts = page.locator(".chart[data-chart]").count()
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('.chart.chart-ready').length === n", arg=charts
        )
    maps = page.locator(".analytics-map[data-url]").count()
    # On PostgreSQL (CI) every map must be drawn and its legend is read; on SQLite its
    # data is refused (_one_request_at_a_time), so the page is read undrawn.
    if maps and connection.vendor == "postgresql":
        page.wait_for_function(
            "n => document.querySelectorAll('.analytics-map.map-ready').length === n",
            arg=maps,
            timeout=20000,
        )
    toggle = page.locator("#toggle-map")
    if toggle.count() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
        page.wait_for_load_state("networkidle")


def _leaks(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state()
    _drawn(page)
    found: list[str] = page.evaluate(LATIN_DIGITS_JS)
    return [f"{urlsplit(page.url).path}: {line}" for line in found]


def _crawl(page: Any, base: str, start: list[str]) -> tuple[list[str], int]:
    """Visit `start` and the pages they link to (one per URL shape); return leaks, pages."""
    leaks: list[str] = []
    seen: set[str] = set()
    queue = [(path, 0) for path in start]
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        path, depth = queue.pop(0)
        shape = _shape(urlsplit(path).path)
        if shape in seen or SKIP_PATH.search(urlsplit(path).path):
            continue
        seen.add(shape)
        leaks += _leaks(page, f"{base}{path}")
        visited += 1
        if depth < 2:
            links: list[str] = page.evaluate(
                """() => [...document.querySelectorAll('a[href]:not([download])')]
                      .map(a => a.getAttribute('href'))
                      .filter(h => h.startsWith('/') && !h.startsWith('//'))"""
            )
            queue += [(link.split("#")[0], depth + 1) for link in links]
    return leaks, visited


def test_no_latin_digit_in_any_page_a_role_reaches(
    page: Any, browser: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "sms.log"
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    urls = _seed()
    _one_request_at_a_time(page.context)
    leaks: list[str] = []
    visited = 0

    # The citizen: public pages, then signed in with a one-time code, their own pages.
    found, n = _crawl(page, base, ["/", "/track/", urls["report"], "/services/"])
    leaks += found
    visited += n
    page.goto(f"{base}/account/login/")
    page.fill("#id_phone", PHONE)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.fill("#id_code", SmsLog(settings.SHAHRVAND_SMS_LOG).last_code(PHONE))
    page.click("form[action='/account/login/code/'] button[type=submit]")
    page.wait_for_load_state()
    found, n = _crawl(page, base, ["/my/cases/", urls["case"]])
    leaks += found
    visited += n

    for username in STAFF:
        context = browser.new_context(locale="fa-IR", viewport={"width": 1200, "height": 900})
        _one_request_at_a_time(context)
        staff_page = context.new_page()
        staff_sign_in(staff_page, base, username)
        found, n = _crawl(staff_page, base, ["/staff/", "/analytics/", urls["staff_report"]])
        leaks += [f"{username} {line}" for line in found]
        visited += n
        context.close()

    assert visited > 60
    assert not leaks, "\n".join(sorted(set(leaks)))
