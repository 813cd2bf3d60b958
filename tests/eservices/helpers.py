"""Shared helpers of the e-services tests: a municipality with the units the shipped
definitions name, documents that pass the content checks, a fixed clock."""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import User
from PIL import Image

from shahrvand.eservices.models import Case, CaseStep, Service
from shahrvand.eservices.services import (
    PreparedDocument,
    case_submit,
    definition_load,
    definition_publish,
    prepare_document,
)
from shahrvand.eservices.services.definitions import shipped_documents
from shahrvand.tenancy.models import Municipality, Role
from tests.tenancy import factories as tenancy_factories

TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30))
# Saturday 28 November 2026 (۸ آذر ۱۴۰۵), 08:00 in Tehran: the start of a working week.
SATURDAY_8 = dt.datetime(2026, 11, 28, 8, 0, tzinfo=TEHRAN)

DEPARTMENTS = ("planning", "enforcement", "urban-services", "health", "parks")
AGENCIES = (
    ("water", "water"),
    ("electricity", "electricity"),
    ("gas", "gas"),
    ("guilds", "guilds"),
)

PERMIT_FORM: dict[str, Any] = {
    "owner_name": "علی رضایی",
    "national_id": "0012345679",
    "registration_plate": "123/45",
    "plot_address": "تهران، خیابان آزادی، کوچه بهار، پلاک ۱۲",
    "plot_area_m2": 200,
    "floors": 4,
    "total_floor_area_m2": 640,
    "usage": "residential",
}


def pdf_bytes(text: str = "deed") -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n% " + text.encode() + b"\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def doc(key: str) -> PreparedDocument:
    return prepare_document(doc_key=key, name=f"{key}.pdf", content=pdf_bytes(key))


def permit_documents() -> list[PreparedDocument]:
    return [doc("deed"), doc("national-card"), doc("architectural-plans")]


def city_with_units(slug: str | None = None) -> Municipality:
    city = tenancy_factories.municipality(slug)
    for code in DEPARTMENTS:
        tenancy_factories.department(city, code)
    for code, kind in AGENCIES:
        tenancy_factories.agency(city, code, kind)
    return city


def shipped(key: str) -> dict[str, Any]:
    return copy.deepcopy(next(d for d in shipped_documents() if d["key"] == key))


def published_service(city: Municipality, key: str = "building-permit") -> Service:
    definition = definition_publish(
        definition=definition_load(municipality=city, document=shipped(key))
    )
    return definition.service


def submit_permit(service: Service, **changes: Any) -> Case:
    return case_submit(
        service=service,
        applicant_phone="09121234567",
        form_data={**PERMIT_FORM, **changes},
        documents=permit_documents(),
    )


def step_owner(step: CaseStep) -> User:
    """A fresh staff user with exactly the step's role and unit."""
    user = tenancy_factories.staff(
        step.case.municipality, step.role, dept=step.department, agency_=step.agency
    )
    assert isinstance(user, User)
    return user


def manager_of(city: Municipality, code: str) -> User:
    user = tenancy_factories.staff(
        city, Role.DEPARTMENT_MANAGER, dept=tenancy_factories.department(city, code)
    )
    assert isinstance(user, User)
    return user


def step(case: Case, key: str) -> CaseStep:
    return CaseStep.objects.select_related("case", "department", "agency").get(case=case, key=key)
