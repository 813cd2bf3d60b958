from django.contrib.auth import views as auth_views
from django.urls import path

from . import dispatch, field, holidays, inbox, queue, rules, views

app_name = "backoffice"

urlpatterns = [
    path("", queue.work_queue, name="home"),
    path("queue/", queue.work_queue, name="queue"),
    path("dispatch/", dispatch.dispatch_queue, name="dispatch"),
    path("field/", field.my_work, name="field"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read/", inbox.inbox_read, name="inbox_read"),
    path("holidays/", holidays.holidays, name="holidays"),
    path("routing/", rules.routing_rules, name="routing_rules"),
    path("routing/<int:pk>/toggle/", rules.routing_rule_toggle_view, name="routing_rule_toggle"),
    path("holidays/<int:pk>/delete/", holidays.holiday_delete_view, name="holiday_delete"),
    path("field/<str:code>/", field.field_report, name="field_report"),
    path("dispatch/bulk/", dispatch.dispatch_bulk, name="dispatch_bulk"),
    path("dispatch/<str:code>/accept/", dispatch.dispatch_accept, name="dispatch_accept"),
    path("queue/export.csv", queue.export_csv, name="queue_csv"),
    path("queue/map.geojson", queue.map_data, name="queue_map"),
    path("filters/save/", queue.save_filter, name="save_filter"),
    path("filters/<int:pk>/delete/", queue.delete_filter, name="delete_filter"),
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
