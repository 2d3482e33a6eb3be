from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "一网通办 · City Services Portal"
admin.site.site_title = "City Services Portal"
admin.site.index_template = "admin/portal_index.html"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("prefs/elder/", views.elder_mode, name="elder-mode"),
]
urlpatterns += i18n_patterns(
    path("", include("services.catalogue.urls")),
    path("centres/", include("services.offline.urls")),
    path("account/", include("services.accounts.urls")),
    path("", include("services.applications.urls")),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
