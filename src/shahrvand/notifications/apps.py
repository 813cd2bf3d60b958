from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "shahrvand.notifications"
    label = "notifications"
    verbose_name = "اطلاع‌رسانی (پیامک، ایمیل، درون‌سامانه)"

    def ready(self) -> None:
        from shahrvand.outbox.publish import on_commit_kick

        from . import checks  # noqa: F401  (registers the deploy check)
        from .tasks import kick

        on_commit_kick(kick)
