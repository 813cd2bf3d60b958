from django.apps import AppConfig, apps


class EservicesConfig(AppConfig):
    name = "shahrvand.eservices"
    label = "eservices"
    verbose_name = "خدمات الکترونیک"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check)

        if apps.is_installed("shahrvand.payments"):
            from shahrvand.payments import handlers

            from .payment_hook import PREFIX, on_payment_settled

            handlers.register(PREFIX, on_payment_settled)
