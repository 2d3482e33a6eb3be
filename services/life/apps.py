from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifeConfig(AppConfig):
    name = "services.life"
    label = "life"
    verbose_name = _("Digital life")

    def ready(self):
        from services.lib import cache

        from .models import CarePlace, Entry, Hospital, Hours, Organisation, Resource, Specialty, Subject, Venue

        # A routine write (free beds, hours, fees: Entry.ROUTINE_FIELDS) renews the directory
        # pages only; anything else about an entry may show on a catalogue page too (a guide
        # lists the entries linked to its service by name), so it renews both.
        cache.watch(Hours, scopes=("life",))
        cache.watch(Entry, Hospital, Resource, CarePlace, Venue, scopes=_entry_scopes)
        cache.watch(Organisation, Specialty, Subject, scopes=("catalogue", "life"))
        cache.watch_m2m(
            Entry.services.through,
            Entry.life_events.through,
            Hospital.specialties.through,
            scopes=("catalogue", "life"),
        )


def _entry_scopes(instance=None, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= instance.routine_fields() | {"updated_at"}:
        return ("life",)
    return ("catalogue", "life")
