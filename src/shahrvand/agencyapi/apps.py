from django.apps import AppConfig


class AgencyApiConfig(AppConfig):
    name = "shahrvand.agencyapi"
    label = "agencyapi"
    verbose_name = "API دستگاه‌های بیرونی"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the inquiry notifier)
