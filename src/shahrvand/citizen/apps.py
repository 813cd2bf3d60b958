from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "shahrvand.citizen"
    label = "citizen"
