from django.urls import path

from . import inbound

app_name = "notifications"

urlpatterns = [
    path("sms/inbound/kavenegar/", inbound.kavenegar_inbound, name="sms_inbound_kavenegar"),
]
