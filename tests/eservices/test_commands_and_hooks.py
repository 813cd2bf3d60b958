"""The definition-loading command and the payments hook."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from shahrvand.eservices.models import Case, ProcessDefinition, Service
from shahrvand.eservices.payment_hook import on_payment_settled, payment_reference
from shahrvand.eservices.services import step_decide
from shahrvand.payments import handlers
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import city_with_units, published_service, shipped, step, step_owner, submit_permit


def test_command_loads_validates_and_is_idempotent(ecity: Municipality) -> None:
    city_with_units("second")
    out = StringIO()
    call_command("load_process_definitions", "--publish", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 8  # 4 definitions × 2 municipalities
    assert "ecity/building-permit: v1 published" in lines
    assert Service.objects.filter(is_published=True).count() == 8
    out = StringIO()
    call_command("load_process_definitions", "--municipality", "ecity", stdout=out)
    assert "ecity/tree-removal: v1 published" in out.getvalue()  # unchanged: no new version
    assert ProcessDefinition.objects.count() == 8


def test_command_refuses_a_bad_file_with_reasons(ecity: Municipality, tmp_path: Path) -> None:
    bad = shipped("tree-removal")
    bad["steps"][1]["unit"] = "agency:oil"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_process_definitions", str(path), "--municipality", "ecity", stderr=err)
    assert "[unknown_unit] steps.commission" in err.getvalue()
    assert "agency:oil" in err.getvalue()
    assert not ProcessDefinition.objects.exists()


@dataclass
class PaidPayment:
    reference: str
    token: uuid.UUID
    amount: int


def test_settled_payment_closes_the_payment_step(ecity: Municipality, eclock: Clock) -> None:
    assert handlers.handler_for("case:1") is on_payment_settled
    case = submit_permit(published_service(ecity))
    for key in ("intake-review", "water-inquiry", "electricity-inquiry", "gas-inquiry",
                "planning-review"):  # fmt: skip
        s = step(case, key)
        step_decide(step=s, actor=step_owner(s), decision="approve")
    payment = PaidPayment(payment_reference(case.pk), uuid.uuid4(), 1000)
    on_payment_settled(payment)
    on_payment_settled(payment)  # reconciliation may call it again
    case = Case.objects.get(pk=case.pk)
    assert case.payment_reference == str(payment.token)
    assert step(case, "payment").status == "approved"
    assert step(case, "issuance").status == "active"
    assert case.audit.filter(action="case_paid").count() == 1
