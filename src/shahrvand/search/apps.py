from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "shahrvand.search"
    label = "search"
    verbose_name = "جستجوی متن"

    def ready(self) -> None:
        from .sql import repair_after_migrate

        # Sent once per migrate for the reports app (this app has no models of its own):
        # a reports migration that rebuilt the table on SQLite has dropped the triggers.
        post_migrate.connect(
            repair_after_migrate,
            sender=apps.get_app_config("reports"),
            dispatch_uid="search.repair_after_migrate",
        )
