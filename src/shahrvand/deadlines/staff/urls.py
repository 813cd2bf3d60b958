"""The holiday calendar pages of the staff site, in the `backoffice:` namespace (decision 0034)."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/<int:pk>/delete/", views.holiday_delete_view, name="holiday_delete"),
]
