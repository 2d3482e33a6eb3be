from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "services.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")

    def ready(self):
        from services.lib import cache

        from .models import FAQ, CatalogueVersion, Department, District, LifeEvent, Material, Service, Synonym

        # The catalogue's version row renews cached pages and kept data in every process
        # (services/lib/cache.py); writes to the catalogue's own models bump it.
        cache.use_version_model(CatalogueVersion)
        cache.watch(Department, District, LifeEvent, Service, Material, FAQ)
        # A synonym changes what a search finds: the kept pairs (synonyms.py) and the cached
        # result pages are renewed at once.
        cache.watch(Synonym)
        cache.watch_m2m(Service.life_events.through)

        # The search index follows every write to a service, its guide, department or life events.
        from . import search

        search.connect()
