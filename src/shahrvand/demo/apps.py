from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shahrvand.demo"
    label = "demo"
