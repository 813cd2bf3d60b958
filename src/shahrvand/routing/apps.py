from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "shahrvand.routing"
    label = "routing"
    verbose_name = "قواعد ارجاع"
