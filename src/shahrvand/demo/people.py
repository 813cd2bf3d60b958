"""Demo staff accounts: one or more per role and municipality, all with one public password.

The account list is computed from data/people.json alone, so the same function drives the
loader, the tests and docs/demo-accounts.md (`manage.py load_demo --accounts-markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from shahrvand.tenancy.models import Department, Municipality, Role, StaffProfile

from .data import for_municipality, municipality_rows, read
from .organisation import Units, unit_names

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # the configured user model


EMAIL_DOMAIN = "example.org"  # reserved for documentation: mail to it goes nowhere


@dataclass(frozen=True)
class Account:
    username: str
    role: str  # a Role value
    municipality: str | None  # slug; None for the province supervisor
    unit: str | None  # "department:<code>" / "agency:<code>"
    first_name: str
    last_name: str


def demo_password() -> str:
    return str(read("people.json")["password"])


def superuser_name() -> str:
    return str(read("people.json")["superuser"])


def account_specs() -> list[Account]:
    """Every demo staff account (without the superuser), in a stable order."""
    people = read("people.json")
    names = iter(people["names"])
    accounts = []
    first, last = next(names)
    accounts.append(
        Account(people["province_supervisor"], Role.PROVINCE_SUPERVISOR, None, None, first, last)
    )
    for city in municipality_rows():
        slug = city["slug"]
        for row in people["accounts"]:
            if not for_municipality(row, slug):
                continue
            first, last = next(names)
            accounts.append(
                Account(f"{slug}-{row['suffix']}", row["role"], slug, row.get("unit"), first, last)
            )
    return accounts


def demo_usernames() -> list[str]:
    return [superuser_name(), *(a.username for a in account_specs())]


def load_people(
    municipalities: dict[str, Municipality], units: dict[str, Units]
) -> dict[str, User]:
    """Create the superuser and every staff account with its StaffProfile.

    The password is hashed once and the hash shared: the demo password is public anyway,
    and hashing it forty times with the production hasher would take most of the load time.
    An `admin` user that already exists is left untouched (a developer may have made it).
    """
    user_model = get_user_model()
    password = make_password(demo_password())
    users: dict[str, User] = {}
    admin_name = superuser_name()
    if not user_model.objects.filter(username=admin_name).exists():
        user_model.objects.create(
            username=admin_name,
            password=password,
            first_name="مدیر",
            last_name="سامانه",
            email=f"{admin_name}@{EMAIL_DOMAIN}",
            is_staff=True,
            is_superuser=True,
        )
    for account in account_specs():
        user = user_model.objects.create(
            username=account.username,
            password=password,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@{EMAIL_DOMAIN}",
        )
        municipality, unit = None, None
        if account.municipality:
            municipality = municipalities[account.municipality]
            unit = units[account.municipality].get(account.unit) if account.unit else None
        StaffProfile.objects.create(
            user=user,
            role=account.role,
            municipality=municipality,
            department=unit if isinstance(unit, Department) else None,
            agency=None if unit is None or isinstance(unit, Department) else unit,
        )
        users[account.username] = user
    return users


def accounts_markdown() -> str:
    """docs/demo-accounts.md, generated from the same data as the accounts themselves."""
    cities = {row["slug"]: row["name_fa"] for row in municipality_rows()}
    password = demo_password()
    lines = [
        "# Demo accounts",
        "",
        "`make run` loads a demo province (`python manage.py load_demo --if-empty`). Every",
        f"account below, and the Django superuser `{superuser_name()}`, has the password",
        f"**`{password}`**. The data is invented; never load it into a production database.",
        "",
        "Every staff account gives a second factor (decision 0024): at its first login it enrols",
        "an authenticator app (any TOTP app; the page shows a QR code and the key as text) and",
        "gets ten recovery codes; later logins ask for the app's current code.",
        "",
        "Regenerate this file with `python manage.py load_demo --accounts-markdown >"
        " docs/demo-accounts.md`.",
        "",
        "| username | name | role | role (fa) | municipality | unit |",
        "|---|---|---|---|---|---|",
        f"| `{superuser_name()}` | مدیر سامانه | Django superuser | — | — | — |",
    ]
    for account in account_specs():
        city = cities[account.municipality] if account.municipality else "همه (استان)"
        unit = "—"
        if account.municipality and account.unit:
            unit = unit_names(account.municipality)[account.unit][0]
        label = Role(account.role).label
        name = f"{account.first_name} {account.last_name}"
        lines.append(
            f"| `{account.username}` | {name} | {account.role} | {label} | {city} | {unit} |"
        )
    return "\n".join(lines) + "\n"
