"""E-service models: the catalogue (Service, ProcessDefinition), cases and their steps,
documents, certificates and the append-only audit trail."""

from .audit import AppendOnlyError, CaseAudit
from .cases import Case, CaseDocument, CaseStep, Certificate
from .catalogue import ProcessDefinition, Service

__all__ = [
    "AppendOnlyError",
    "Case",
    "CaseAudit",
    "CaseDocument",
    "CaseStep",
    "Certificate",
    "ProcessDefinition",
    "Service",
]
