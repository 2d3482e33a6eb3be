from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="service-list"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("services/<slug:slug>/how-to-apply/<str:channel>/", views.service_how_to_apply, name="service-how-to-apply"),
    path("departments/", views.department_list, name="department-list"),
    path("departments/<slug:slug>/", views.department_detail, name="department-detail"),
    path("life-events/", views.lifeevent_list, name="lifeevent-list"),
    path("life-events/<slug:slug>/", views.lifeevent_detail, name="lifeevent-detail"),
]
