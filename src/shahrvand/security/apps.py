from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "shahrvand.security"
    label = "security"
