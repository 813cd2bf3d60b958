"""Every write on a report goes through one of these functions (HackSoftware-style services)."""

from .category import report_recategorise, report_relocate
from .dispatch import report_accept_route, reports_dispatch_bulk
from .feedback import report_feedback
from .fieldwork import report_field_update
from .intake import ReportInput, report_create
from .merge import report_merge
from .phone import report_register_by_phone
from .status import report_add_note, report_assign, report_transition

__all__ = [
    "ReportInput",
    "report_accept_route",
    "report_add_note",
    "report_assign",
    "report_create",
    "report_feedback",
    "report_field_update",
    "report_merge",
    "report_recategorise",
    "report_register_by_phone",
    "report_relocate",
    "report_transition",
    "reports_dispatch_bulk",
]
