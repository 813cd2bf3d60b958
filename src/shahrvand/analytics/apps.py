from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "shahrvand.analytics"
    label = "analytics"
    verbose_name = "آمار و شاخص‌ها"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic rollup job)
