from django.urls import path

from . import views

app_name = "citizen"

urlpatterns = [
    path("", views.home, name="home"),
    path("m/<slug:slug>/report/", views.report_new, name="report_new"),
    path("m/<slug:slug>/nearby/", views.nearby, name="nearby"),
    path("m/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("m/<slug:slug>/districts.geojson", views.districts_geojson, name="districts_geojson"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.track_report, name="track_report"),
    path("track/<str:code>/feedback/", views.feedback, name="feedback"),
    path("track/<str:code>/follow/", views.follow, name="follow"),
    path("track/<str:code>/reporter-code/", views.reporter_code, name="reporter_code"),
]
