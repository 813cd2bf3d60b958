from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "shahrvand.identity"
    label = "identity"
    verbose_name = "هویت شهروندان"
