from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("callback/<slug:provider>/", views.callback, name="callback"),
    path("sandbox/<str:authority>/", views.sandbox_bank, name="sandbox_bank"),
    path("<str:token>/", views.result, name="result"),
]
