from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "services.offline"
    label = "offline"
    verbose_name = _("Service centres")

    def ready(self):
        from services.lib import cache

        from .models import CentreClosure, OpeningHours, ServiceCentre, ServiceCounters

        # Centres and their hours are shown on cached pages: a write renews them. Closures and
        # counters too: the time picker keeps them with the hours (slots.Schedule(kept=True)).
        cache.watch(ServiceCentre, OpeningHours, CentreClosure, ServiceCounters)
        cache.watch_m2m(ServiceCentre.services.through)
