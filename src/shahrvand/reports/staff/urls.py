"""The report pages of the staff site. Mounted under /staff/ in the `backoffice:` URL
namespace by config/staff_urls.py (decision 0034), so their names did not change."""

from django.urls import URLPattern, path

from . import caller_feedback, dispatch, fieldwork, queue, views

urlpatterns: list[URLPattern] = [
    path("", queue.work_queue, name="home"),
    path("queue/", queue.work_queue, name="queue"),
    path("queue/export.csv", queue.export_csv, name="queue_csv"),
    path("queue/map.geojson", queue.map_data, name="queue_map"),
    path("filters/save/", queue.save_filter, name="save_filter"),
    path("filters/<int:pk>/delete/", queue.delete_filter, name="delete_filter"),
    path("dispatch/", dispatch.dispatch_queue, name="dispatch"),
    path("dispatch/bulk/", dispatch.dispatch_bulk, name="dispatch_bulk"),
    path("dispatch/<str:code>/accept/", dispatch.dispatch_accept, name="dispatch_accept"),
    path("field/", fieldwork.my_work, name="field"),
    path("field/<str:code>/", fieldwork.field_report, name="field_report"),
    path("intake/", views.intake, name="intake"),
    path("intake/caller/", views.caller_history, name="caller_history"),
    path("intake/done/<str:code>/", views.intake_done, name="intake_done"),
    path("reports/<str:code>/", views.report_detail, name="report_detail"),
    path("reports/<str:code>/status/", views.report_change_status, name="report_status"),
    path("reports/<str:code>/assign/", views.report_assign_view, name="report_assign"),
    path("reports/<str:code>/note/", views.report_note, name="report_note"),
    path(
        "reports/<str:code>/caller-feedback/",
        caller_feedback.caller_feedback,
        name="report_caller_feedback",
    ),
    path("reports/<str:code>/visibility/", views.report_visibility, name="report_visibility"),
    path("reports/<str:code>/category/", views.report_category, name="report_category"),
    path("reports/<str:code>/location/", views.report_location, name="report_location"),
]
