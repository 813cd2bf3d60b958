"""A citizen applies for a building permit in Persian and follows it to the certificate.

The citizen signs in with a one-time code (read from the console SMS provider's file),
applies with documents, and follows the case while: urban planning approves the document
check on its queue page; the water company answers through the signed agency API; the
electricity and gas companies answer on their queue pages; urban planning returns the case
for correction; the citizen corrects; planning approves; the citizen pays on the sandbox
bank page; the planning manager issues the permit; the citizen downloads the certificate
and opens the public check page. Every citizen page passes axe-core and fits 360 px.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from shahrvand.agencyapi.credentials import credential_issue
from shahrvand.common.jalali import format_jalali
from shahrvand.eservices.models import Case, CaseStep
from shahrvand.tenancy.models import ExternalAgency, Role
from tests.agencyapi.conftest import AgencyClient, Key
from tests.eservices.helpers import city_with_units, pdf_bytes, published_service
from tests.identity.sms import SmsLog
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "09123456789"


def _watch(page: Any) -> list[str]:
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return blocked


def _check(page: Any, name: str) -> None:
    """axe clean, fits 360 px, screenshot (looked at by hand)."""
    assert serious_axe_violations(page) == [], name
    assert fits_width(page, 360), name
    screenshot(page, f"eservices-{name}-360")
    page.set_viewport_size({"width": 1200, "height": 900})
    screenshot(page, f"eservices-{name}")


def _staff_decides(page: Any, base: str, step: CaseStep, decision: str, reason: str = "") -> None:
    page.goto(f"{base}/staff/eservices/")
    page.click(f"a[href='/staff/eservices/steps/{step.pk}/']")
    page.check(f"input[name=decision][value={decision}]")
    if reason:
        page.fill("#id_reason", reason)
    page.click("#decision-form button[type=submit]")
    page.wait_for_load_state()
    step.refresh_from_db()
    expected = {"approve": "approved", "return": "returned"}[decision]
    assert step.status == expected, page.content()[:3000]


def _staff_page(browser: Any, base: str, username: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(locale="fa-IR", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    blocked = _watch(page)
    staff_sign_in(page, base, username)
    return context, page, blocked


def _files(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for key in ("deed", "national-card", "architectural-plans", "structural-plans"):
        path = tmp_path / f"{key}.pdf"
        path.write_bytes(pdf_bytes(key))
        paths[key] = str(path)
    return paths


def test_citizen_building_permit_end_to_end(
    page: Any, browser: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "sms.log"
    settings.SHAHRVAND_PUBLIC_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    sms = SmsLog(settings.SHAHRVAND_SMS_LOG)
    base = live_server.url
    city = city_with_units("tehran")
    published_service(city, "building-permit")
    planning = tenancy_factories.department(city, "planning")
    clerk = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=planning)
    manager = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=planning)
    electricity = tenancy_factories.staff(
        city,
        Role.AGENCY_USER,
        agency_=ExternalAgency.objects.get(municipality=city, code="electricity"),
    )
    gas = tenancy_factories.staff(
        city, Role.AGENCY_USER, agency_=ExternalAgency.objects.get(municipality=city, code="gas")
    )
    water_key = Key(
        *credential_issue(agency=ExternalAgency.objects.get(municipality=city, code="water"))
    )
    files = _files(tmp_path)

    # The catalogue, searched in Persian (Arabic yeh typed), then apply → sign in.
    page.goto(f"{base}/services/")
    page.click(f"a[href='/m/{city.slug}/services/']")
    page.fill("#q", "پروانه ساختماني")
    page.click("form[role=search] button")
    assert "۱ خدمت" in page.inner_text("main")
    _check(page, "catalogue")
    page.click(f"a[href='/m/{city.slug}/services/building-permit/apply/']")
    assert "/account/login/" in page.url
    _check(page, "login")
    page.fill("#id_phone", "۰۹۱۲ ۳۴۵ ۶۷۸۹")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/account/login/code/" in page.url
    code = sms.last_code(PHONE)
    _check(page, "login-code")
    page.fill("#id_code", code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    page.click("form[action='/account/login/code/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/m/tehran/services/building-permit/apply/")

    # The application, in Persian with Persian digits, and its documents.
    page.fill("#id_applicant_name", "مریم احمدی")
    page.fill("#id_f_owner_name", "مریم احمدی")
    page.fill("#id_f_national_id", "۰۰۱۲۳۴۵۶۷۹")
    page.fill("#id_f_plot_address", "تهران، خیابان ولیعصر، کوچهٔ یاس، پلاک ۷")
    page.fill("#id_f_registration_plate", "۱۲۳/۴۵")
    page.fill("#id_f_plot_area_m2", "۲۰۰")
    page.fill("#id_f_floors", "۴")
    page.fill("#id_f_total_floor_area_m2", "۶۴۰")
    page.select_option("#id_f_usage", "residential")
    page.set_input_files("#id_d_deed", files["deed"])
    page.set_input_files("#id_d_national-card", files["national-card"])
    page.set_input_files("#id_d_architectural-plans", files["architectural-plans"])
    _check(page, "apply")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    case = Case.objects.get()
    assert case.applicant_phone == PHONE
    assert case.form_data["national_id"] == "0012345679"
    assert case.form_data["floors"] == 4
    assert "درخواست شما ثبت شد" in page.inner_text("main")
    assert "مدارک شما در معاونت شهرسازی بررسی می‌شود." in page.inner_text("main")
    _check(page, "case-submitted")

    steps = {s.key: s for s in case.steps.all()}
    staff_pages = []
    clerk_ctx, clerk_page, clerk_blocked = _staff_page(browser, base, clerk.username)
    staff_pages.append((clerk_ctx, clerk_blocked))
    _staff_decides(clerk_page, base, steps["intake-review"], "approve")

    # The water company answers through the signed agency API.
    water = AgencyClient(Client(), water_key)
    listed = water.get("/api/v1/agency/inquiries")
    assert listed.status_code == 200
    assert [i["id"] for i in listed.json()] == [steps["water-inquiry"].pk]
    answer = water.post(
        f"/api/v1/agency/inquiries/{steps['water-inquiry'].pk}/answer",
        {"decision": "approve", "form_data": {"branch_size": "3/4", "note": "انشعاب موجود است"}},
    )
    assert answer.status_code == 200, answer.content

    # Electricity and gas answer on their queue pages.
    for user, key in ((electricity, "electricity-inquiry"), (gas, "gas-inquiry")):
        ctx, agency_page, blocked = _staff_page(browser, base, user.username)
        staff_pages.append((ctx, blocked))
        _staff_decides(agency_page, base, steps[key], "approve")

    # Urban planning returns the case for a correction.
    reason = "زیربنای اعلام‌شده با نقشه‌ها نمی‌خواند؛ زیربنا را اصلاح و نقشهٔ سازه را پیوست کنید."
    _staff_decides(clerk_page, base, steps["planning-review"], "return", reason)

    # The citizen sees the reason, corrects the area and adds the structural plans.
    page.goto(f"{base}/my/cases/{case.tracking_code}/")
    main = page.inner_text("main")
    assert "پرونده برای اصلاح به شما بازگشته است" in main
    assert reason in main
    _check(page, "case-returned")
    page.fill("#id_f_total_floor_area_m2", "۶۵۰")
    page.set_input_files("#id_d_structural-plans", files["structural-plans"])
    page.click(".correction-box button[type=submit]")
    page.wait_for_load_state()
    assert "پاسخ شما ثبت شد" in page.inner_text("main")
    case.refresh_from_db()
    assert case.form_data["total_floor_area_m2"] == 650
    _staff_decides(clerk_page, base, steps["planning-review"], "approve")

    # The fee (650 m² × 150,000 rials) is paid on the sandbox bank page.
    page.goto(f"{base}/my/cases/{case.tracking_code}/")
    assert "۹۷٬۵۰۰٬۰۰۰ ریال" in page.inner_text(".pay-box")
    _check(page, "case-payment-due")
    page.click(".pay-box button[type=submit]")
    page.wait_for_load_state()
    assert "/payments/sandbox/" in page.url
    page.click("button[value=pay]")
    page.wait_for_load_state()
    assert f"/my/cases/{case.tracking_code}/" in page.url
    assert "نتیجهٔ پرداخت: پرداخت‌شده" in page.inner_text("main")

    # The planning manager issues the permit.
    ctx, manager_page, blocked = _staff_page(browser, base, manager.username)
    staff_pages.append((ctx, blocked))
    _staff_decides(manager_page, base, steps["issuance"], "approve")

    # The citizen sees every step with its unit and times, and gets the certificate.
    page.goto(f"{base}/my/cases/{case.tracking_code}/")
    main = page.inner_text("main")
    assert "گواهی صادر شد" in main
    for s in CaseStep.objects.filter(case=case).select_related("department", "agency"):
        assert s.name_fa in main
        assert s.unit is not None and s.unit.name_fa in main
        assert s.started_at is not None and format_jalali(s.started_at) in main
        assert s.decided_at is not None and format_jalali(s.decided_at) in main
        assert s.deadline is not None and format_jalali(s.deadline) in main
    assert re.search(r"[0-9]{4}/[0-9]{2}/[0-9]{2}", main) is None  # Persian digits only
    _check(page, "case-approved")
    with page.expect_download() as download_info:
        page.click("a[href$='certificate.pdf']")
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")

    code = case.certificate.verification_code
    page.goto(f"{base}/verify/{code}")
    assert "این گواهی معتبر است" in page.inner_text("main")
    assert "پروانهٔ ساختمانی" in page.inner_text("main")
    _check(page, "verify")
    page.goto(f"{base}/verify/NOSUCHCODE22")
    assert "گواهی پیدا نشد" in page.inner_text("main")
    _check(page, "verify-unknown")

    for ctx, blocked in staff_pages:
        ctx.close()
        assert blocked == []
