from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shahrvand.reports"
    label = "reports"
    verbose_name = "گزارش‌های شهروندی"

    def ready(self) -> None:
        from django.utils import timezone

        from shahrvand.ops.metrics import register_gauge

        from . import tasks  # noqa: F401  (registers the periodic jobs)
        from .models import Report
        from .workflow import OPEN_STATUSES

        register_gauge(
            "shahrvand_reports_past_deadline",
            "Open reports whose deadline has passed.",
            lambda: Report.objects.filter(
                status__in=OPEN_STATUSES, deadline__lt=timezone.now(), on_hold_since__isnull=True
            ).count(),
        )
