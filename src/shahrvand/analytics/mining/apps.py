from django.apps import AppConfig


class MiningConfig(AppConfig):
    name = "shahrvand.analytics.mining"
    label = "mining"
    verbose_name = "داده‌کاوی گزارش‌ها"
