from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/", auth_views.LoginView.as_view(template_name="backoffice/login.html"), name="login"
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
    path("intake/", views.intake, name="intake"),
    path("intake/caller/", views.caller_history, name="caller_history"),
    path("intake/done/<str:code>/", views.intake_done, name="intake_done"),
    path("reports/<str:code>/", views.report_detail, name="report_detail"),
    path("reports/<str:code>/status/", views.report_change_status, name="report_status"),
    path("reports/<str:code>/assign/", views.report_assign_view, name="report_assign"),
    path("reports/<str:code>/note/", views.report_note, name="report_note"),
    path("reports/<str:code>/category/", views.report_category, name="report_category"),
    path("reports/<str:code>/location/", views.report_location, name="report_location"),
]
