from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "shahrvand.tenancy"
    label = "tenancy"
    verbose_name = "شهرداری‌ها و واحدها"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check)
