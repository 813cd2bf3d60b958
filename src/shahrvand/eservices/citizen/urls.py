from django.urls import path

from .views import apply, cases, catalogue, certificate

app_name = "eservices_citizen"

urlpatterns = [
    path("services/", catalogue.choose_city, name="choose_city"),
    path("m/<slug:slug>/services/", catalogue.catalogue, name="catalogue"),
    path("m/<slug:slug>/services/<slug:key>/", catalogue.service_detail, name="service"),
    path("m/<slug:slug>/services/<slug:key>/apply/", apply.apply, name="apply"),
    path("my/cases/", cases.my_cases, name="my_cases"),
    path("my/cases/<str:code>/", cases.case_detail, name="case"),
    path("my/cases/<str:code>/pay/", cases.pay, name="pay"),
    path("my/cases/<str:code>/certificate.pdf", certificate.download, name="certificate"),
    path("verify/<str:code>", certificate.verify, name="verify"),
]
