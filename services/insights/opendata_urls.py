"""The open-data downloads, outside the language prefix (/open-data/v1/services.csv): a file
holds both languages, and its address must not change with the reader's language. The page
that describes them is insights:open-data (/<lang>/open-data/)."""

from django.urls import path

from . import opendata_views

app_name = "opendata"
urlpatterns = [
    path("v1/<slug:slug>.<str:fmt>", opendata_views.download, name="download"),
]
