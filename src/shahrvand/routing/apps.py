from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "shahrvand.routing"
    label = "routing"
    verbose_name = "قواعد ارجاع"

    def ready(self) -> None:
        # Intake keeps per-process copies of municipalities, categories, district shapes
        # and routing rules (with the bodies and users they name): any change to those
        # rows drops every copy. The token is read once per web request.
        from django.contrib.auth import get_user_model
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from shahrvand.categories.models import Category, StandardCategory
        from shahrvand.common.localcopy import begin_request, end_request, forget
        from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality

        from .models import RoutingRule

        request_started.connect(begin_request, dispatch_uid="localcopy-begin-request")
        request_finished.connect(end_request, dispatch_uid="localcopy-end-request")
        models = (
            RoutingRule,
            District,
            Department,
            ExternalAgency,
            get_user_model(),
            Municipality,
            Category,
            StandardCategory,
        )
        for model in models:
            post_save.connect(forget, sender=model, dispatch_uid=f"localcopy-save-{model.__name__}")
            post_delete.connect(
                forget, sender=model, dispatch_uid=f"localcopy-delete-{model.__name__}"
            )
