"""The staff site under /staff/: the shell (backoffice: sign-in, inbox) and the staff pages
of each bounded context, in one URL namespace, `backoffice:`, so every reverse() name
stayed what it was when all of them lived in backoffice (decision 0034).

Mounted here, at the top, rather than by backoffice: the contexts' staff pages import the
shell (access helpers, saved filters, the base template), so the shell must not import them.
"""

from django.urls import URLPattern

from shahrvand.backoffice.urls import urlpatterns as shell
from shahrvand.deadlines.staff.urls import urlpatterns as deadlines
from shahrvand.reports.staff.urls import urlpatterns as reports
from shahrvand.routing.staff.urls import urlpatterns as routing

app_name = "backoffice"

urlpatterns: list[URLPattern] = [*shell, *reports, *deadlines, *routing]
