from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "shahrvand.notifications"
    label = "notifications"
    verbose_name = "اطلاع‌رسانی (پیامک، ایمیل، درون‌سامانه)"

    def ready(self) -> None:
        from shahrvand.ops.metrics import register_gauge
        from shahrvand.outbox.publish import on_commit_kick
        from shahrvand.reports.services.retention import register_anonymiser

        from . import checks  # noqa: F401  (registers the deploy check)
        from .models import Message
        from .retention import anonymise_for_reports
        from .tasks import kick

        on_commit_kick(kick)
        register_anonymiser(anonymise_for_reports)
        register_gauge(
            "shahrvand_notifications_pending",
            "Notification messages queued or waiting for a retry.",
            lambda: Message.objects.filter(state=Message.State.QUEUED).count(),
        )
