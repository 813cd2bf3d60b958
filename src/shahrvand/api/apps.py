from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shahrvand.api"
    label = "api"
    verbose_name = "REST API"
