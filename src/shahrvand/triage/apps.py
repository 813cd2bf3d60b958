from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "shahrvand.triage"
    label = "triage"
    verbose_name = "هوشمندی ارجاع"
