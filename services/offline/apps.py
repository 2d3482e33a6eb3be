from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "services.offline"
    label = "offline"
    verbose_name = _("Service centres")
