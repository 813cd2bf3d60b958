"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Screenshots land in artifacts/screenshots/ (kept by CI as test artifacts).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise
# refuse to run in the test body next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed; `make test` installs it (browser-deps).")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, settings: Any) -> Iterator[Any]:
    settings.SHAHRVAND_TILE_URL = "/no-tiles/{z}/{x}/{y}.png"
    context = browser.new_context(locale="fa-IR", viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    blocked: list[str] = []
    pg.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    yield pg
    context.close()
    assert blocked == [], f"the page's own CSP blocked something: {blocked}"


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core in the page; return violations of impact serious or critical."""
    # Evaluated through the DevTools protocol, so the page's CSP (no inline script) allows it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def fits_width(page: Any, width: int = 360) -> bool:
    page.set_viewport_size({"width": width, "height": 800})
    overflow: int = page.evaluate("document.documentElement.scrollWidth")
    return overflow <= width + 1


def staff_sign_in(page: Any, base_url: str, user: Any) -> None:
    """Sign in through the real login form and give the second factor every staff role owes
    (decision 0024), as a person would: a user without a device enrols on the way (reads the
    secret, types the current code); one with a device types one of its recovery codes (single
    use, so signing the same user in twice within one TOTP step still works)."""
    from base64 import b32decode

    from django.contrib.auth.models import User
    from django_otp.oath import totp
    from django_otp.plugins.otp_static.models import StaticToken

    from shahrvand.security.twofactor import issue_recovery_codes
    from tests.tenancy import factories as tenancy_factories

    if isinstance(user, str):
        user = User.objects.get(username=user)
    page.goto(f"{base_url}/staff/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", tenancy_factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/staff/2fa/setup/" in page.url:
        secret = page.inner_text("#totp-secret").strip()
        page.fill("#id_token", f"{totp(b32decode(secret)):06d}")
        page.click("#otp-form button[type=submit]")
        page.wait_for_load_state()
        assert page.locator(".recovery-codes li").count() == 10
    elif "/staff/2fa/" in page.url:
        token = StaticToken.objects.filter(device__user=user).first()
        code = token.token if token is not None else issue_recovery_codes(user)[0]
        page.fill("#id_token", code)
        page.click("#otp-form button[type=submit]")
        page.wait_for_load_state()
        assert "/staff/2fa/" not in page.url, page.url
