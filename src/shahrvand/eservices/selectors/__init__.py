"""Reads of e-service cases. Tenant and unit isolation is decided in `access`, once."""

from .access import cases_visible_to, step_queue, steps_visible_to
from .mining import (
    MiningReport,
    ProcessMining,
    StepFigures,
    UnitFigures,
    process_mining,
    steps_of_municipalities,
)

__all__ = [
    "MiningReport",
    "ProcessMining",
    "StepFigures",
    "UnitFigures",
    "cases_visible_to",
    "process_mining",
    "step_queue",
    "steps_of_municipalities",
    "steps_visible_to",
]
