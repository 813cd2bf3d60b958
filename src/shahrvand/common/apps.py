from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "shahrvand.common"
    label = "common"
