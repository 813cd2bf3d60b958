"""Definitions are refused with a specific, bilingual reason for each kind of mistake."""

from __future__ import annotations

from typing import Any

import pytest

from shahrvand.eservices.definitions import DefinitionError, validate_document
from shahrvand.eservices.models import ProcessDefinition
from shahrvand.eservices.services import definition_load, definition_publish
from shahrvand.eservices.services.definitions import shipped_documents
from shahrvand.tenancy.models import Municipality

from .helpers import AGENCIES, DEPARTMENTS, shipped

UNITS = {"departments": set(DEPARTMENTS), "agencies": {code for code, _ in AGENCIES}}


def codes(document: Any) -> list[str]:
    return [p.code for p in validate_document(document, **UNITS)]


def steps_of(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in doc["steps"]}


def test_every_shipped_definition_is_valid() -> None:
    documents = shipped_documents()
    assert {d["key"] for d in documents} == {
        "building-permit",
        "completion-certificate",
        "business-licence",
        "tree-removal",
    }
    for document in documents:
        assert validate_document(document, **UNITS) == [], document["key"]


def test_unknown_department_and_agency_are_refused() -> None:
    doc = shipped("building-permit")
    steps_of(doc)["planning-review"]["unit"] = "department:astrology"
    steps_of(doc)["gas-inquiry"]["unit"] = "agency:oil"
    steps_of(doc)["water-inquiry"]["unit"] = "water"  # no kind prefix
    problems = validate_document(doc, **UNITS)
    assert [(p.code, p.where) for p in problems] == [
        ("unknown_unit", "steps.water-inquiry"),
        ("unknown_unit", "steps.gas-inquiry"),
        ("unknown_unit", "steps.planning-review"),
    ]
    assert "department:astrology" in problems[2].message
    assert "وجود ندارد" in problems[2].message
    assert "does not exist" in problems[2].message_en


def test_unknown_role_and_the_read_only_supervisor_are_refused() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["commission"]["role"] = "mayor"
    steps_of(doc)["issuance"]["role"] = "province_supervisor"
    assert codes(doc) == ["unknown_role", "unknown_role"]


def test_duplicate_step_keys() -> None:
    doc = shipped("tree-removal")
    doc["steps"][1]["key"] = "site-inspection"
    assert "duplicate_step" in codes(doc)


def test_cycle_is_named_with_its_path() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["site-inspection"]["after"] = ["commission"]
    problems = validate_document(doc, **UNITS)
    cycle = next(p for p in problems if p.code == "cycle")
    assert "site-inspection" in cycle.message and "commission" in cycle.message
    assert "چرخه" in cycle.message
    # With the only start step in the cycle there is nowhere to begin, and nothing runs.
    assert {"no_start", "unreachable"} <= {p.code for p in problems}


def test_step_waiting_for_itself() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["commission"]["after"] = ["site-inspection", "commission"]
    assert "cycle" in codes(doc)


def test_unknown_predecessor_makes_the_step_unreachable() -> None:
    doc = shipped("business-licence")
    steps_of(doc)["health-inspection"]["after"] = ["document-chek"]
    assert codes(doc) == ["unknown_step", "unreachable", "unreachable", "unreachable"]


def test_step_that_leads_nowhere_is_a_dead_end() -> None:
    doc = shipped("business-licence")
    doc["steps"].insert(
        1,
        {
            **steps_of(doc)["guild-inquiry"],
            "key": "fire-inquiry",
            "name_fa": "استعلام آتش‌نشانی",
        },
    )
    problems = validate_document(doc, **UNITS)
    assert [(p.code, p.where) for p in problems] == [("dead_end", "steps.fire-inquiry")]


def test_missing_and_multiple_final_steps() -> None:
    doc = shipped("tree-removal")
    del steps_of(doc)["issuance"]["final"]
    assert codes(doc)[0] == "missing_final"
    doc = shipped("tree-removal")
    steps_of(doc)["payment"]["final"] = True
    assert "multiple_final" in codes(doc)


def test_final_step_awaited_by_another() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["payment"]["final"] = True
    del steps_of(doc)["issuance"]["final"]
    # …and the step after it then leads nowhere.
    assert codes(doc) == ["final_has_successors", "dead_end"]


def test_bad_json_schema_in_application_and_step_forms() -> None:
    doc = shipped("building-permit")
    doc["form"]["properties"]["floors"]["type"] = "whole-number"
    steps_of(doc)["water-inquiry"]["form"] = {"type": "object", "required": "branch_size"}
    problems = validate_document(doc, **UNITS)
    assert [(p.code, p.where) for p in problems] == [
        ("bad_schema", "form"),
        ("bad_schema", "steps.water-inquiry.form"),
    ]
    assert "JSON Schema" in problems[0].message


def test_form_must_describe_an_object() -> None:
    doc = shipped("tree-removal")
    doc["form"] = {"type": "string"}
    assert codes(doc) == ["bad_schema"]


def test_bad_decisions_deadline_kind_and_status_text() -> None:
    doc = shipped("tree-removal")
    s = steps_of(doc)
    s["site-inspection"]["decisions"] = ["approve", "escalate"]
    s["commission"]["deadline_hours"] = 0
    s["payment"]["kind"] = "lottery"
    del s["issuance"]["status_fa"]
    assert codes(doc) == ["bad_decision", "bad_deadline", "bad_kind", "missing_status_text"]


def test_step_documents_must_be_listed() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["site-inspection"]["documents"] = ["tree-photo", "passport"]
    assert codes(doc) == ["unknown_document"]


def test_no_steps_and_not_an_object() -> None:
    doc = shipped("tree-removal")
    doc["steps"] = []
    assert codes(doc) == ["no_steps"]
    assert codes(["not", "an", "object"]) == ["bad_document"]


def test_loading_refuses_with_every_problem_and_writes_nothing(ecity: Municipality) -> None:
    doc = shipped("building-permit")
    steps_of(doc)["gas-inquiry"]["unit"] = "agency:oil"
    steps_of(doc)["issuance"]["role"] = "mayor"
    with pytest.raises(DefinitionError) as caught:
        definition_load(municipality=ecity, document=doc)
    assert [p.code for p in caught.value.problems] == ["unknown_unit", "unknown_role"]
    assert caught.value.message.startswith("تعریف فرایند پذیرفته نشد")
    assert not ProcessDefinition.objects.exists()


def test_units_are_those_of_the_municipality(ecity: Municipality) -> None:
    """A unit code that exists elsewhere is still unknown here."""
    from tests.tenancy import factories as tenancy_factories

    other = tenancy_factories.municipality("othercity")
    with pytest.raises(DefinitionError) as caught:
        definition_load(municipality=other, document=shipped("tree-removal"))
    assert {p.code for p in caught.value.problems} == {"unknown_unit"}


def test_versions_drafts_and_publishing(ecity: Municipality) -> None:
    first = definition_load(municipality=ecity, document=shipped("tree-removal"))
    assert (first.version, first.status) == (1, "draft")
    assert not first.service.is_published
    # The same file again adds nothing.
    assert definition_load(municipality=ecity, document=shipped("tree-removal")).pk == first.pk
    definition_publish(definition=first)
    changed = shipped("tree-removal")
    changed["steps"][0]["deadline_hours"] = 32
    second = definition_load(municipality=ecity, document=changed)
    assert (second.version, second.status) == (2, "draft")
    definition_publish(definition=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("retired", "published")
    assert second.service.is_published and second.published_at is not None
    assert len(second.checksum) == 64 and second.checksum != first.checksum


def test_malformed_lists_are_refused_not_crashed_on() -> None:
    doc = shipped("tree-removal")
    steps_of(doc)["commission"]["after"] = "site-inspection"
    steps_of(doc)["site-inspection"]["documents"] = "tree-photo"
    # The commission no longer waits for the inspection, so the inspection leads nowhere.
    assert codes(doc) == ["bad_documents", "bad_after", "dead_end"]


def test_fee_rule_is_compiled_against_the_form_when_loaded() -> None:
    doc = shipped("building-permit")
    doc["fee_rule"] = "total_floor_area_m2 * 1000 + unknown_field"
    problems = validate_document(doc, **UNITS)
    assert [(p.code, p.where) for p in problems] == [("fee_unknown_field", "fee_rule")]
    assert "unknown_field" in problems[0].message_en
    doc["fee_rule"] = "total_floor_area_m2 * (1000"
    assert [p.code for p in validate_document(doc, **UNITS)] == ["fee_syntax"]


def test_a_certificate_field_naming_an_unknown_answer_is_refused_where_it_is() -> None:
    doc = shipped("building-permit")
    fields = doc["certificate"]["fields"]
    fields[1]["answer"] = "plate_number"  # the form calls it registration_plate
    fields[9]["answer"] = "setback"  # planning-review's form has setback_m
    problems = validate_document(doc, **UNITS)
    assert [(p.code, p.where) for p in problems] == [
        ("unknown_answer", "certificate.fields[1]"),
        ("unknown_answer", "certificate.fields[9]"),
    ]
    assert problems[0].message == "certificate.fields[1]: پاسخ «plate_number» در فرم درخواست نیست."
    assert "«planning-review»" in problems[1].message
    assert "plate_number" in problems[0].message_en


def test_certificate_fields_need_a_label_one_source_and_a_public_decision() -> None:
    doc = shipped("tree-removal")
    fields = doc["certificate"]["fields"]
    del fields[0]["public"]
    fields[1]["label_fa"] = " "
    fields[2]["text_fa"] = "ثابت"  # an answer and a fixed text: which one?
    fields[3] = {"label_fa": "بی‌منبع", "public": True}
    fields[4]["step"] = "no-such-step"
    fields[5]["months"] = 0
    fields[6] = {"label_fa": "ساعت", "computed": "moon_phase", "public": True}
    doc["certificate"]["fields"].append("address")  # the older spelling still reads
    assert [(p.code, p.where) for p in validate_document(doc, **UNITS)] == [
        ("certificate_public", "certificate.fields[0]"),
        ("missing_text", "certificate.fields[1]"),
        ("certificate_source", "certificate.fields[2]"),
        ("certificate_source", "certificate.fields[3]"),
        ("unknown_step", "certificate.fields[4]"),
        ("bad_months", "certificate.fields[5]"),
        ("unknown_computed", "certificate.fields[6]"),
    ]


def test_a_national_id_or_mobile_may_not_be_public() -> None:
    doc = shipped("building-permit")
    national_id = next(f for f in doc["certificate"]["fields"] if f.get("answer") == "national_id")
    national_id["public"] = True
    problems = validate_document(doc, **UNITS)
    assert [p.code for p in problems] == ["personal_public"]
    assert "دادهٔ شخصی" in problems[0].message


def test_the_certificate_section_must_list_fields() -> None:
    doc = shipped("tree-removal")
    doc["certificate"] = ["address"]
    assert codes(doc) == ["bad_certificate"]
