from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("<slug:slug>/reports.csv", views.reports_export, {"fmt": "csv"}, name="reports_csv"),
    path("<slug:slug>/reports.json", views.reports_export, {"fmt": "json"}, name="reports_json"),
]
