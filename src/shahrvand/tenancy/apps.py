from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "shahrvand.tenancy"
    label = "tenancy"
    verbose_name = "شهرداری‌ها و واحدها"
