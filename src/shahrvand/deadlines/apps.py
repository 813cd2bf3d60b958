from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "shahrvand.deadlines"
    label = "deadlines"
