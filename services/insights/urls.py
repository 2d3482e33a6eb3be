from django.urls import path

from . import opendata_views, performance, views

app_name = "insights"
urlpatterns = [
    path("performance/", performance.city, name="performance"),
    path("performance/service/<slug:slug>/", performance.service, name="performance-service"),
    path("performance/<slug:slug>/", performance.department, name="performance-department"),
    path("open-data/", opendata_views.open_data, name="open-data"),
    path("rate/<str:reference>/", views.rate, name="rate"),
    path("rate-link/<str:token>/", views.rate_link, name="rate-link"),
]
