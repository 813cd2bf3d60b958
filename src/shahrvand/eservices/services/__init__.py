"""Every write on e-services goes through one of these functions.

Definitions: `definition_load(municipality=, document=)` → draft ProcessDefinition
(validated; idempotent per checksum), `definition_publish(definition=)`.

Cases (applicant side, used by the citizen pages):
  `case_submit(service=, applicant_phone=, form_data=, documents=[PreparedDocument],
  applicant_user=None, applicant_name="")` → Case;
  `case_resubmit(case=, form_data=, documents=, applicant_user=None)` → Case (after a return);
  documents are checked first with `prepare_document(doc_key=, name=, content=)` or
  `prepare_upload(doc_key=, upload=)`.

Payments (the citizen's payment page and eservices/payment_hook.py, which the payments app
calls through its handler registry):
  `case_record_fee(case=, amount=)` stores the fee computed from `Service.fee_rule`;
  `case_payment_settled(case_id=, reference=, amount=None, actor=None)` approves the active
  payment step (refused if `amount` is below the case's fee; idempotent on the same
  reference; the actor defaults to the system actor "درگاه پرداخت") and moves the process
  on, through the same approval as a staff decision.

Steps (staff and agency users):
  `step_decide(step=, actor=, decision="approve"|"reject"|"return", reason="", form_data=None)`,
  `step_suspend(step=, actor=, reason=)`, `step_resume(step=, actor=)`,
  `step_extend(step=, actor=, hours=, reason=)`.
A step's status changes only along eservices/workflow.py (the table), through
`transitions.step_move`.

An approved case gets a Certificate row (verification code); its PDF is rendered by the
citizen side. All raise DomainError (Persian message, English `message_en`, `code`) and
write a CaseAudit row with before/after values for every change.
"""

from .audit import Actor, applicant_actor, staff_actor, system_actor
from .cases import case_payment_settled, case_record_fee, case_resubmit, case_submit
from .definitions import definition_load, definition_publish, published_definition
from .documents import DocumentError, PreparedDocument, prepare_document, prepare_upload
from .steps import may_decide, may_supervise, step_decide, step_extend, step_resume, step_suspend

__all__ = [
    "Actor",
    "DocumentError",
    "PreparedDocument",
    "applicant_actor",
    "case_payment_settled",
    "case_record_fee",
    "case_resubmit",
    "case_submit",
    "definition_load",
    "definition_publish",
    "may_decide",
    "may_supervise",
    "prepare_document",
    "prepare_upload",
    "published_definition",
    "staff_actor",
    "step_decide",
    "step_extend",
    "step_resume",
    "step_suspend",
    "system_actor",
]
