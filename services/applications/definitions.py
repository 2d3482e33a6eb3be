"""A service's online form definition, read once per process and kept.

Every step of the apply flow needs the service's question pages, their fields and its
materials; read from the database that is three queries and about a third of a submission's
time. The definition is kept per process by `services.lib.cache.kept`, so an edit in the
admin (FormPage, FormField and Material are watched) reaches every process within
CATALOGUE_VERSION_TTL seconds, and this process at once.

Kept objects are shared by every request of the process: read them, never change them.
"""

from services.catalogue.models import District, Material
from services.lib.cache import kept

from .models import FormPage


class Definition:
    def __init__(self, service_id):
        from .formengine import form_version

        self.service_id = service_id
        self.pages = list(FormPage.objects.filter(service_id=service_id).prefetch_related("fields__material"))
        self.materials = list(Material.objects.filter(service_id=service_id))
        self.version = form_version(self.pages)


def for_service(service_id, seen_version=None):
    """The kept definition. `seen_version`, a draft's form version: when the kept definition
    differs and was not read just now, read it again - within CATALOGUE_VERSION_TTL of an edit
    made by another process the draft may have seen a newer definition than this process keeps."""
    read = []

    def load():
        read.append(True)
        return Definition(service_id)

    definition = kept(("form-definition", service_id), load)
    if seen_version and definition.version != seen_version and not read:
        definition = kept(("form-definition", service_id), load, refresh=True)
    return definition


def districts():
    """Every district, in order (for address questions)."""
    return kept(("districts",), lambda: list(District.objects.all()))
