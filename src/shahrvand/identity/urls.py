from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.code, name="code"),
    path("login/resend/", views.resend, name="resend"),
    path("logout/", views.logout, name="logout"),
]
