from django.urls import path

from . import views

app_name = "mining"

urlpatterns = [
    path("", views.mining_page, name="page"),
    path("alerts/<int:pk>/ack", views.alert_ack, name="alert_ack"),
]
