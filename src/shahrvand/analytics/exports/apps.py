from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "shahrvand.analytics.exports"
    label = "exports"
    verbose_name = "گزارش‌های نظارتی و داده باز"
