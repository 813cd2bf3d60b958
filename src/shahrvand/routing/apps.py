from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "shahrvand.routing"
    label = "routing"
    verbose_name = "قواعد ارجاع"

    def ready(self) -> None:
        # Intake keeps per-process copies of district shapes and routing rules (with the
        # bodies and users they name): any change to those rows drops every copy.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from shahrvand.common.localcopy import forget
        from shahrvand.tenancy.models import Department, District, ExternalAgency

        from .models import RoutingRule

        for model in (RoutingRule, District, Department, ExternalAgency, get_user_model()):
            post_save.connect(forget, sender=model, dispatch_uid=f"localcopy-save-{model.__name__}")
            post_delete.connect(
                forget, sender=model, dispatch_uid=f"localcopy-delete-{model.__name__}"
            )
