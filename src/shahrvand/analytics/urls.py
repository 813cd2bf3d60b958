from django.urls import path

from .views import dashboard, definitions, maps, province, public

app_name = "analytics"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("definitions/", definitions.definitions_page, name="definitions"),
    path("province/", province.province, name="province"),
    path("province/csv/<slug:key>.csv", province.province_csv, name="province_csv"),
    path("public/<slug:slug>/", public.public, name="public"),
    path("public/<slug:slug>/csv/<slug:key>.csv", public.public_csv, name="public_csv"),
    path("m/<slug:slug>/", dashboard.dashboard, name="dashboard"),
    path("m/<slug:slug>/units/", dashboard.league, name="league"),
    path("m/<slug:slug>/units/<str:unit>/", dashboard.scorecard, name="scorecard"),
    path("m/<slug:slug>/map/", maps.map_page, name="map"),
    path("m/<slug:slug>/map/hexes.geojson", maps.hexes_geojson, name="hexes_geojson"),
    path("m/<slug:slug>/map/districts.geojson", maps.districts_geojson, name="districts_geojson"),
    path("m/<slug:slug>/map/hexes.csv", maps.hexes_csv, name="hexes_csv"),
    path("m/<slug:slug>/map/districts.csv", maps.districts_csv, name="districts_csv"),
    path("m/<slug:slug>/csv/<slug:key>.csv", dashboard.chart_csv, name="csv"),
]
