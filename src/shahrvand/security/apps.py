from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "shahrvand.security"
    label = "security"

    def ready(self) -> None:
        from . import checks, loginthrottle  # noqa: F401  (a system check, signal receivers)
