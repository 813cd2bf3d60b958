"""The staff shell's own pages: sign-in and the in-app inbox. The capability pages are
each context's (reports/staff, deadlines/staff, routing/staff); config/staff_urls.py mounts
them all under /staff/ in one `backoffice:` namespace (decision 0034)."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from . import geocode, inbox

urlpatterns: list[URLPattern] = [
    path(
        "login/", auth_views.LoginView.as_view(template_name="backoffice/login.html"), name="login"
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read/", inbox.inbox_read, name="inbox_read"),
    path("geocode/", geocode.geocode, name="geocode"),
]
