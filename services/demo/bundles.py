"""The demo's bundles ("one thing, done once") from data/bundles.yaml.

Each entry names a life event of life_events.yaml and, in order, two or more demo services
offered online with a form. Everything is read and checked before anything is written, so a
mistake names the file and the entry and loads nothing. Loading is safe to run any number of
times: bundles are matched by slug, their fields updated and their services set to the file's
list in its order. Bundles that are not part of the demo (made in the admin) are left alone.
"""

from django.db import transaction

from services.applications.models import Bundle, BundlePart, FormPage
from services.catalogue.models import LifeEvent, Service
from services.demo import files
from services.demo.catalogue import DemoDataError, bilingual, check, lookup, name_of, once, part

FILE = "bundles.yaml"
FIELDS = ("slug", "life_event", *bilingual("name", "summary"), "services")
OPTIONAL = ("published",)


def demo_bundles():
    """The bundles of data/bundles.yaml, checked against the demo catalogue's slugs and forms."""
    events = {e["slug"] for e in part("life_events.yaml", "life_events")}
    forms = {}
    for _stem, content in files.read_all("forms"):
        forms.update(content or {})
    services = {}
    for _stem, content in files.read_all("departments"):
        for service in content.get("services", []):
            services[service["slug"]] = service
    entries, seen = [], {}
    for entry in part(FILE, "bundles"):
        where = f"{FILE}, bundle {name_of(entry)}"
        bundle = dict(check(entry, where, FIELDS, OPTIONAL))
        once(seen, "slug", bundle["slug"], where)
        if bundle["life_event"] not in events:
            raise DemoDataError(f"{where}: unknown life event {bundle['life_event']!r} (not in life_events.yaml)")
        slugs = bundle["services"]
        if not isinstance(slugs, list) or len(slugs) < 2 or len(set(slugs)) != len(slugs):
            raise DemoDataError(f"{where}: services must list two or more different service slugs")
        for slug in slugs:
            service = lookup(services, slug, where, "service", "departments/*.yaml")
            if not service.get("offers_online") or slug not in forms:
                raise DemoDataError(f"{where}: service {slug!r} is not offered online with a form (forms/*.yaml)")
        entries.append(bundle)
    return entries


def load_demo_bundles(entries=None):
    """Create or update the demo bundles; returns {"bundles": n, "parts": n}."""
    entries = demo_bundles() if entries is None else entries
    events = {e.slug: e for e in LifeEvent.objects.all()}
    wanted = {slug for entry in entries for slug in entry["services"]}
    services = {s.slug: s for s in Service.objects.filter(slug__in=wanted)}
    with_forms = set(FormPage.objects.filter(service__in=services.values()).values_list("service__slug", flat=True))
    counts = {"bundles": 0, "parts": 0}
    with transaction.atomic():
        for entry in entries:
            where = f"{FILE}, bundle {entry['slug']!r}"
            for slug in entry["services"]:
                if slug not in with_forms:
                    raise DemoDataError(f"{where}: service {slug!r} has no online form in the database")
            fields = {k: entry[k] for k in bilingual("name", "summary")}
            fields["life_event"] = lookup(events, entry["life_event"], where, "life event")
            fields["published"] = entry.get("published", True)
            bundle, _created = Bundle.objects.update_or_create(slug=entry["slug"], defaults=fields)
            parts = {p.service.slug: p for p in bundle.parts.select_related("service")}
            for slug in set(parts) - set(entry["services"]):
                parts[slug].delete()
            for order, slug in enumerate(entry["services"]):
                if slug in parts:
                    if parts[slug].order != order:
                        BundlePart.objects.filter(pk=parts[slug].pk).update(order=order)
                else:
                    BundlePart.objects.create(bundle=bundle, service=services[slug], order=order)
                counts["parts"] += 1
            counts["bundles"] += 1
    return counts
