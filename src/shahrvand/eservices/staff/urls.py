from django.urls import path

from . import views

app_name = "eservices_staff"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("mining/", views.mining, name="mining"),
    path("steps/<int:pk>/", views.step_detail, name="step"),
    path(
        "steps/<int:pk>/<str:action>/",
        views.step_supervise,
        name="step_supervise",
    ),
    path("documents/<int:pk>/", views.document, name="document"),
    path("cases/<str:code>/audit.<str:fmt>", views.audit_export, name="audit_export"),
]
