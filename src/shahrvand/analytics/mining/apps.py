from django.apps import AppConfig


class MiningConfig(AppConfig):
    name = "shahrvand.analytics.mining"
    label = "mining"
    verbose_name = "داده‌کاوی گزارش‌ها"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the hourly spike detection job)
