from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "shahrvand.payments"
    label = "payments"
    verbose_name = "پرداخت‌ها"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic reconciliation)
