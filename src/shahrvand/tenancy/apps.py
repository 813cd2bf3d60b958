from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "shahrvand.tenancy"
    label = "tenancy"
    verbose_name = "شهرداری‌ها و واحدها"

    def ready(self) -> None:
        # Pages read the map configuration from a per-process copy (tenancy.maps): a change
        # drops every copy, as for the other small tables (common.localcopy).
        from django.db.models.signals import post_delete, post_save

        from shahrvand.common.localcopy import forget

        from . import checks  # noqa: F401  (registers the deploy check)
        from .models import MunicipalityMap

        post_save.connect(forget, sender=MunicipalityMap, dispatch_uid="localcopy-save-map")
        post_delete.connect(forget, sender=MunicipalityMap, dispatch_uid="localcopy-delete-map")
