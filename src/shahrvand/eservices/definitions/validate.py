"""Validation of a process definition document against the units of one municipality.

Every problem is collected (not only the first) so that an author fixes a file in one pass;
each carries a stable code, the place it concerns and a Persian and an English message.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import SchemaError, validators

from shahrvand.common.errors import DomainError
from shahrvand.eservices.definitions.certificate import COMPUTED
from shahrvand.eservices.definitions.formats import FORMATS
from shahrvand.payments.fees import FeeError, validate_fee_rule
from shahrvand.tenancy.models import Role

DECISIONS = ("approve", "reject", "return")
STEP_KINDS = ("task", "payment")
# Roles that may hold a step: every role except the read-only province supervisor.
STEP_ROLES = frozenset(Role.values) - {Role.PROVINCE_SUPERVISOR.value}
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,48}$")


@dataclass(frozen=True)
class Problem:
    code: str
    where: str
    message: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "where": self.where,
            "message": self.message,
            "message_en": self.message_en,
        }


class DefinitionError(DomainError):
    """A definition was refused; `problems` lists every reason."""

    code = "invalid_definition"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "تعریف فرایند پذیرفته نشد: " + "؛ ".join(p.message for p in problems),
            message_en="The process definition was refused: "
            + "; ".join(p.message_en for p in problems),
            field="definition",
        )
        self.problems = problems


def checksum(document: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON form (sorted keys, no spaces)."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_unit(ref: str) -> tuple[str, str] | None:
    """("department"|"agency", code) of a unit reference, or None if malformed."""
    kind, sep, code = str(ref).partition(":")
    if not sep or kind not in ("department", "agency") or not code:
        return None
    return kind, code


def successors(steps: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """step key → the keys of the steps that wait for it."""
    steps = list(steps)
    result: dict[str, list[str]] = {str(s["key"]): [] for s in steps}
    for step in steps:
        for before in _after(step):
            if before in result:
                result[before].append(str(step["key"]))
    return result


class _Checker:
    def __init__(self, departments: set[str], agencies: set[str]) -> None:
        self.departments = departments
        self.agencies = agencies
        self.problems: list[Problem] = []

    def add(self, code: str, where: str, fa: str, en: str) -> None:
        self.problems.append(Problem(code, where, fa, en))

    # -- pieces -------------------------------------------------------------------------
    def schema(self, schema: Any, where: str, *, must_be_object: bool) -> None:
        if not isinstance(schema, dict):
            self.add(
                "bad_schema",
                where,
                f"{where}: طرح فرم باید یک شیء JSON باشد.",
                f"{where}: the form schema must be a JSON object.",
            )
            return
        try:
            validators.validator_for(schema).check_schema(schema)
        except SchemaError as exc:
            self.add(
                "bad_schema",
                where,
                f"{where}: طرح فرم (JSON Schema) نامعتبر است: {exc.message}",
                f"{where}: invalid JSON Schema: {exc.message}",
            )
            return
        if must_be_object and schema.get("type") != "object":
            self.add(
                "bad_schema",
                where,
                f"{where}: طرح فرم باید از نوع object باشد.",
                f"{where}: the form schema must have type object.",
            )

    def text(self, value: Any, code: str, where: str, name: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.add(
                code,
                where,
                f"{where}: «{name}» خالی است یا وجود ندارد.",
                f"{where}: '{name}' is missing or empty.",
            )

    def documents(self, documents: Any) -> set[str]:
        keys: set[str] = set()
        if not isinstance(documents, list):
            self.add(
                "bad_documents",
                "documents",
                "فهرست مدارک باید آرایه باشد.",
                "documents must be a list.",
            )
            return keys
        for i, doc in enumerate(documents):
            where = f"documents[{i}]"
            key = doc.get("key") if isinstance(doc, dict) else None
            if not isinstance(key, str) or not _KEY.match(key):
                self.add(
                    "bad_key",
                    where,
                    f"{where}: کلید مدرک نامعتبر است.",
                    f"{where}: invalid document key.",
                )
                continue
            if key in keys:
                self.add(
                    "duplicate_document",
                    where,
                    f"مدرک «{key}» دو بار تعریف شده است.",
                    f"Document '{key}' is defined twice.",
                )
            keys.add(key)
            self.text(doc.get("name_fa"), "missing_text", where, "name_fa")
        return keys

    def step(self, step: Any, i: int, keys: set[str], doc_keys: set[str]) -> None:
        where = f"steps[{i}]"
        if not isinstance(step, dict):
            self.add(
                "bad_step",
                where,
                f"{where}: مرحله باید یک شیء باشد.",
                f"{where}: a step must be an object.",
            )
            return
        key = step.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            self.add(
                "bad_key",
                where,
                f"{where}: کلید مرحله نامعتبر است (حروف کوچک لاتین، رقم و خط تیره).",
                f"{where}: invalid step key (lowercase letters, digits, dashes).",
            )
            return
        where = f"steps.{key}"
        if key in keys:
            self.add(
                "duplicate_step",
                where,
                f"مرحله «{key}» دو بار تعریف شده است.",
                f"Step '{key}' is defined twice.",
            )
        keys.add(key)
        self.text(step.get("name_fa"), "missing_text", where, "name_fa")
        self.text(step.get("status_fa"), "missing_status_text", where, "status_fa")
        self.text(step.get("status_en"), "missing_status_text", where, "status_en")
        if step.get("kind", "task") not in STEP_KINDS:
            self.add(
                "bad_kind",
                where,
                f"{where}: نوع مرحله «{step.get('kind')}» شناخته نیست.",
                f"{where}: unknown step kind '{step.get('kind')}'.",
            )
        self.unit(step.get("unit"), where)
        role = step.get("role")
        if role not in STEP_ROLES:
            self.add(
                "unknown_role",
                where,
                f"{where}: نقش «{role}» شناخته نیست.",
                f"{where}: unknown role '{role}'.",
            )
        hours = step.get("deadline_hours")
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            self.add(
                "bad_deadline",
                where,
                f"{where}: مهلت (ساعت کاری) باید عددی مثبت باشد.",
                f"{where}: deadline_hours must be a positive number.",
            )
        decisions = step.get("decisions", [])
        if (
            not isinstance(decisions, list)
            or "approve" not in decisions
            or any(d not in DECISIONS for d in decisions)
        ):
            self.add(
                "bad_decision",
                where,
                f"{where}: تصمیم‌ها باید از میان approve، reject و return باشند "
                "و approve را داشته باشند.",
                f"{where}: decisions must be drawn from approve, reject, return "
                "and include approve.",
            )
        if "form" in step:
            self.schema(step["form"], f"{where}.form", must_be_object=True)
        step_docs = step.get("documents", [])
        if not isinstance(step_docs, list):
            self.add(
                "bad_documents",
                where,
                f"{where}: «documents» باید آرایه‌ای از کلید مدارک باشد.",
                f"{where}: 'documents' must be a list of document keys.",
            )
            step_docs = []
        for doc in step_docs:
            if not isinstance(doc, str) or doc not in doc_keys:
                self.add(
                    "unknown_document",
                    where,
                    f"{where}: مدرک «{doc}» در فهرست مدارک نیست.",
                    f"{where}: document '{doc}' is not in the documents list.",
                )
        after = step.get("after", [])
        if not isinstance(after, list) or not all(isinstance(a, str) for a in after):
            self.add(
                "bad_after",
                where,
                f"{where}: «after» باید آرایه باشد.",
                f"{where}: 'after' must be a list.",
            )

    def unit(self, ref: Any, where: str) -> None:
        parsed = parse_unit(ref) if isinstance(ref, str) else None
        known = parsed is not None and (
            self.departments if parsed[0] == "department" else self.agencies
        ).__contains__(parsed[1])
        if not known:
            self.add(
                "unknown_unit",
                where,
                f"{where}: واحد «{ref}» در این شهرداری وجود ندارد (department:کد یا agency:کد).",
                f"{where}: unit '{ref}' does not exist in this municipality "
                "(department:<code> or agency:<code>).",
            )

    def certificate(self, section: Any, document: dict[str, Any]) -> None:
        """The certificate section: every field labelled, with one known source and an
        explicit public flag; answers must exist in the form they name."""
        if not isinstance(section, dict) or not isinstance(section.get("fields"), list):
            self.add(
                "bad_certificate",
                "certificate",
                "بخش گواهی (certificate) باید شیئی با فهرست fields باشد.",
                "certificate must be an object with a fields list.",
            )
            return
        steps = {
            s["key"]: s
            for s in document.get("steps") or []
            if isinstance(s, dict) and isinstance(s.get("key"), str)
        }
        for i, field in enumerate(section["fields"]):
            where = f"certificate.fields[{i}]"
            if isinstance(field, str):  # an application-form property, the older form
                field = {"label_fa": field, "answer": field, "public": True}
            if not isinstance(field, dict):
                self.add(
                    "bad_certificate",
                    where,
                    f"{where}: هر فیلد گواهی باید یک شیء باشد.",
                    f"{where}: a certificate field must be an object.",
                )
                continue
            self.text(field.get("label_fa"), "missing_text", where, "label_fa")
            if not isinstance(field.get("public"), bool):
                self.add(
                    "certificate_public",
                    where,
                    f"{where}: «public» باید true یا false باشد (آیا در صفحهٔ عمومی "
                    "بررسی اصالت نمایش داده شود؟).",
                    f"{where}: 'public' must be true or false (shown on the public check page?).",
                )
            sources = [k for k in ("answer", "computed", "text_fa") if field.get(k)]
            if len(sources) != 1:
                self.add(
                    "certificate_source",
                    where,
                    f"{where}: فیلد گواهی باید دقیقاً یکی از answer، computed یا text_fa را "
                    "داشته باشد.",
                    f"{where}: a certificate field needs exactly one of answer, computed, text_fa.",
                )
                continue
            if sources == ["answer"]:
                self._certificate_answer(field, where, document, steps)
            elif sources == ["computed"]:
                self._certificate_computed(field, where)

    def _certificate_answer(
        self,
        field: dict[str, Any],
        where: str,
        document: dict[str, Any],
        steps: dict[str, Any],
    ) -> None:
        answer = field["answer"]
        step_key = field.get("step")
        if step_key is not None:
            step = steps.get(step_key)
            if step is None:
                self.add(
                    "unknown_step",
                    where,
                    f"{where}: مرحلهٔ «{step_key}» در این فرایند نیست.",
                    f"{where}: step '{step_key}' is not in this process.",
                )
                return
            form, form_name = step.get("form"), f"فرم مرحلهٔ «{step_key}»"
            form_en = f"the form of step '{step_key}'"
        else:
            form, form_name, form_en = document.get("form"), "فرم درخواست", "the application form"
        if isinstance(form, dict) and form.get("type") != "object":
            return  # the form itself is refused (bad_schema): one problem is enough
        properties = form.get("properties") if isinstance(form, dict) else None
        prop = properties.get(answer) if isinstance(properties, dict) else None
        if not isinstance(prop, dict):
            self.add(
                "unknown_answer",
                where,
                f"{where}: پاسخ «{answer}» در {form_name} نیست.",
                f"{where}: answer '{answer}' is not a field of {form_en}.",
            )
            return
        rule = FORMATS.get(str(prop.get("format")))
        if field.get("public") is True and rule is not None and rule.personal:
            self.add(
                "personal_public",
                where,
                f"{where}: «{answer}» دادهٔ شخصی است و نباید در صفحهٔ عمومی بررسی اصالت "
                "نمایش داده شود (public: false).",
                f"{where}: '{answer}' is personal data and may not be public (public: false).",
            )

    def _certificate_computed(self, field: dict[str, Any], where: str) -> None:
        computed = field["computed"]
        if computed not in COMPUTED:
            self.add(
                "unknown_computed",
                where,
                f"{where}: مقدار محاسبه‌شدهٔ «{computed}» شناخته نیست ({'، '.join(COMPUTED)}).",
                f"{where}: unknown computed value '{computed}' ({', '.join(COMPUTED)}).",
            )
        months = field.get("months")
        if computed == "valid_until" and (
            isinstance(months, bool) or not isinstance(months, int) or not 0 < months <= 240
        ):
            self.add(
                "bad_months",
                where,
                f"{where}: مدت اعتبار (months) باید عددی صحیح بین ۱ و ۲۴۰ ماه باشد.",
                f"{where}: months must be an integer from 1 to 240.",
            )

    # -- the graph ----------------------------------------------------------------------
    def graph(self, steps: list[dict[str, Any]]) -> None:
        keys = [s["key"] for s in steps]
        after = {s["key"]: _after(s) for s in steps}
        for key, befores in after.items():
            for before in befores:
                if before not in after:
                    self.add(
                        "unknown_step",
                        f"steps.{key}",
                        f"مرحله «{key}» منتظر مرحلهٔ ناموجود «{before}» است.",
                        f"Step '{key}' waits for unknown step '{before}'.",
                    )
                elif before == key:
                    self.add(
                        "cycle",
                        f"steps.{key}",
                        f"مرحله «{key}» منتظر خودش است.",
                        f"Step '{key}' waits for itself.",
                    )
        finals = [s["key"] for s in steps if s.get("final") is True]
        if not finals:
            self.add(
                "missing_final",
                "steps",
                "هیچ مرحله‌ای «final» (مرحلهٔ پایانی) نیست.",
                "No step is marked final.",
            )
        elif len(finals) > 1:
            self.add(
                "multiple_final",
                "steps",
                "بیش از یک مرحلهٔ پایانی تعریف شده است: " + "، ".join(finals),
                "More than one final step: " + ", ".join(finals),
            )
        starts = [k for k in keys if not after[k]]
        if not starts:
            self.add(
                "no_start",
                "steps",
                "هیچ مرحله‌ای بدون پیش‌نیاز نیست؛ فرایند آغاز نمی‌شود.",
                "No step is free of predecessors; the process cannot start.",
            )
        cycle = _find_cycle(after)
        if cycle:
            path = " → ".join(cycle)
            self.add(
                "cycle", "steps", f"چرخه در ترتیب مراحل: {path}", f"The steps form a cycle: {path}"
            )
        # Reachable: every predecessor can be completed, starting from the start steps.
        done: set[str] = set()
        changed = True
        while changed:
            changed = False
            for key in keys:
                if (
                    key not in done
                    and all(b in done for b in after[key])
                    and all(b in after for b in after[key])
                ):
                    done.add(key)
                    changed = True
        for key in keys:
            if key not in done:
                self.add(
                    "unreachable",
                    f"steps.{key}",
                    f"مرحله «{key}» هرگز فعال نمی‌شود (پیش‌نیازهایش کامل نمی‌شوند).",
                    f"Step '{key}' can never become active.",
                )
        if len(finals) == 1:
            final = finals[0]
            nexts = successors(steps)
            if nexts.get(final):
                self.add(
                    "final_has_successors",
                    f"steps.{final}",
                    f"مرحلهٔ پایانی «{final}» نباید پیش‌نیاز مرحلهٔ دیگری باشد.",
                    f"The final step '{final}' must not be awaited by another step.",
                )
            leads = {final}
            changed = True
            while changed:
                changed = False
                for key in keys:
                    if key not in leads and any(n in leads for n in nexts[key]):
                        leads.add(key)
                        changed = True
            for key in keys:
                if key not in leads and key in done:
                    self.add(
                        "dead_end",
                        f"steps.{key}",
                        f"مرحله «{key}» به مرحلهٔ پایانی نمی‌رسد.",
                        f"Step '{key}' does not lead to the final step.",
                    )


def _after(step: Mapping[str, Any]) -> list[str]:
    after = step.get("after", [])
    return [a for a in after if isinstance(a, str)] if isinstance(after, list) else []


def _find_cycle(after: Mapping[str, list[str]]) -> list[str]:
    """One cycle (as a closed path of keys) in the wait-for graph, or []."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = finished
    stack: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        stack.append(key)
        for before in after.get(key, []):
            if before not in after or before == key:
                continue
            if state.get(before) == 1:
                return [*stack[stack.index(before) :], before]
            if before not in state:
                found = visit(before)
                if found:
                    return found
        stack.pop()
        state[key] = 2
        return []

    for key in after:
        if key not in state:
            found = visit(key)
            if found:
                return found
    return []


def validate_document(document: Any, *, departments: set[str], agencies: set[str]) -> list[Problem]:
    """Every problem of `document` for a municipality with these department and agency
    codes; [] means it may be loaded."""
    check = _Checker(departments, agencies)
    if not isinstance(document, dict):
        check.add(
            "bad_document",
            "",
            "تعریف فرایند باید یک شیء JSON باشد.",
            "A process definition must be a JSON object.",
        )
        return check.problems
    key = document.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        check.add("bad_key", "key", "کلید فرایند نامعتبر است.", "Invalid process key.")
    check.text(document.get("name_fa"), "missing_text", "definition", "name_fa")
    check.text(document.get("name_en"), "missing_text", "definition", "name_en")
    if "form" not in document:
        check.add(
            "bad_schema",
            "form",
            "طرح فرم درخواست (form) وجود ندارد.",
            "The application form schema (form) is missing.",
        )
    else:
        before = len(check.problems)
        check.schema(document["form"], "form", must_be_object=True)
        fee_rule = document.get("fee_rule") or ""
        # The fee rule is checked against a sound form only (its fields come from it).
        if len(check.problems) == before and isinstance(fee_rule, str):
            try:
                validate_fee_rule(fee_rule, form_schema=document["form"])
            except FeeError as error:
                check.add(error.code, "fee_rule", error.message, error.message_en)
    doc_keys = check.documents(document.get("documents", []))
    steps = document.get("steps")
    if not isinstance(steps, list) or not steps:
        check.add("no_steps", "steps", "فرایند هیچ مرحله‌ای ندارد.", "The process has no steps.")
        return check.problems
    keys: set[str] = set()
    for i, step in enumerate(steps):
        check.step(step, i, keys, doc_keys)
    well_formed = [s for s in steps if isinstance(s, dict) and isinstance(s.get("key"), str)]
    if len({s["key"] for s in well_formed}) == len(well_formed) == len(steps):
        check.graph(well_formed)
    if "certificate" in document:
        check.certificate(document["certificate"], document)
    return check.problems
