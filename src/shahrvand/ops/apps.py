from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "shahrvand.ops"
    label = "ops"

    def ready(self) -> None:
        from .metrics import connect_celery_signals

        connect_celery_signals()
