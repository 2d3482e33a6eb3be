from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("", views.centre_list, name="centre-list"),
    path("<slug:slug>/", views.centre_detail, name="centre-detail"),
]
