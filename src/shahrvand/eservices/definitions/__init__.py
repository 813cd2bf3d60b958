"""Process definitions as data: one JSON file per process (in `files/`), checked here before
anything reaches the database.

A definition document::

    {"key": "building-permit", "name_fa": "...", "name_en": "...",
     "description_fa": "...", "eligibility_fa": "...", "expected_days": 30,
     "fee_rule": "...",                      # payments.fees expression; "" = free
     "documents": [{"key": "deed", "name_fa": "...", "name_en": "...", "required": true}],
     "form": {JSON Schema of the application form, type object;
              a string property may declare "format": "national-id" | "postal-code" |
              "mobile" (formats.py)},
     "certificate": {"fields": [{"label_fa": "...", "answer": "plot_address",
                                 "public": true}, ...]},   # what it states (certificate.py)
     "steps": [{"key": "planning-review", "name_fa": "...", "name_en": "...",
                "kind": "task" | "payment",  # payment steps are closed by the payment hook
                "after": ["intake"],         # the steps it waits for (all of them: a join)
                "unit": "department:planning" | "agency:water",
                "role": "field_staff",        # a tenancy Role value
                "deadline_hours": 16,         # business hours per round
                "form": {JSON Schema of the decision form},   # optional
                "documents": ["deed"],        # documents the step needs to see (optional)
                "decisions": ["approve", "reject", "return"],
                "status_fa": "...", "status_en": "...",       # what the applicant reads
                "final": true}]}              # exactly one step is final
"""

from .validate import (
    DECISIONS,
    DefinitionError,
    Problem,
    checksum,
    parse_unit,
    successors,
    validate_document,
)

__all__ = [
    "DECISIONS",
    "DefinitionError",
    "Problem",
    "checksum",
    "parse_unit",
    "successors",
    "validate_document",
]
