from django.urls import path

from . import staff_views

app_name = "supervisory"

urlpatterns = [
    path("", staff_views.archive, name="archive"),
    path("<int:pk>/report.pdf", staff_views.download, {"kind": "pdf"}, name="pdf"),
    path("<int:pk>/report.xlsx", staff_views.download, {"kind": "xlsx"}, name="xlsx"),
]
