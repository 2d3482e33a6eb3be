from django.urls import path

from . import views

app_name = "life"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:segment>/", views.area, name="area"),
    path("<slug:segment>/<slug:slug>/", views.entry_detail, name="entry-detail"),
]
