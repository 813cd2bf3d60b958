from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "shahrvand.security"
    label = "security"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
