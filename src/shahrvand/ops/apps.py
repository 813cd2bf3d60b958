from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "shahrvand.ops"
    label = "ops"
