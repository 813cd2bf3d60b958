from django.apps import AppConfig


class EservicesConfig(AppConfig):
    name = "shahrvand.eservices"
    label = "eservices"
    verbose_name = "خدمات الکترونیک"
