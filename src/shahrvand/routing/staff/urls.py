"""The routing-rule pages of the staff site, in the `backoffice:` namespace (decision 0034)."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("routing/", views.routing_rules, name="routing_rules"),
    path("routing/<int:pk>/toggle/", views.routing_rule_toggle_view, name="routing_rule_toggle"),
]
