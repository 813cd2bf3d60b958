"""Every write on a report goes through one of these functions (HackSoftware-style services)."""

from .feedback import report_feedback
from .intake import ReportInput, report_create
from .merge import report_merge
from .status import report_add_note, report_assign, report_transition

__all__ = [
    "ReportInput",
    "report_add_note",
    "report_assign",
    "report_create",
    "report_feedback",
    "report_merge",
    "report_transition",
]
