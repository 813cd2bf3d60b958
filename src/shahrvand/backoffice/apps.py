from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "shahrvand.backoffice"
    label = "backoffice"
