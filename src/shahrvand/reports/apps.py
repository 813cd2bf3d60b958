from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shahrvand.reports"
    label = "reports"
    verbose_name = "گزارش‌های شهروندی"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic jobs)
