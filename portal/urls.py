from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from services.accounts.views import admin_login
from services.life.admin import view_on_site as life_view_on_site

from . import views

# The portal's own name (templates/base.html), in the admin's language: translated lazily, per request.
admin.site.site_header = _("Haipu City Services")
admin.site.site_title = _("Haipu City Services")
admin.site.index_title = _("Staff pages")
admin.site.index_template = "admin/portal_index.html"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # The admin's sign-in, through the citizens' lockout and with a safe `next` (accounts.views).
    path("admin/login/", admin_login, name="admin-login"),
    # The admin's "View on site" shortcut, staff only as before, and a digital-life entry only for
    # those who may see it in the admin (services/life/admin.py); before admin.site.urls.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(life_view_on_site)),
    path("admin/", admin.site.urls),
    path("prefs/elder/", views.elder_mode, name="elder-mode"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Open-data files: one address whatever the reader's language (services/insights/opendata_urls.py).
    path("open-data/", include("services.insights.opendata_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("services.catalogue.urls")),
    path("centres/", include("services.offline.urls")),
    path("account/", include("services.accounts.urls")),
    path("life/", include("services.life.urls")),
    path("", include("services.applications.urls")),
    path("", include("services.insights.urls")),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
