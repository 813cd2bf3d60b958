from shahrvand.common.errors import DomainError


class ReportError(DomainError):
    """Invalid report input or action; `field` names the offending form field."""
