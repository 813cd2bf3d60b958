from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shahrvand.reports"
    label = "reports"
    verbose_name = "گزارش‌های شهروندی"
