from shahrvand.common.errors import DomainError


class ReportError(DomainError):
    """Invalid report input or action; `field` names the offending form field."""


class NotReporter(ReportError):
    """A citizen write on a report without proof of being its reporter (decision 0032)."""

    code = "not_reporter"
    http_status = 403
