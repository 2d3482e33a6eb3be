from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from services.lib.cache import KeptStore, cache_public_page, kept

from . import querylog, search, search_page
from .forms import CatalogueFilterForm, CentreFilterForm
from .models import Audience, Channel, Department, LifeEvent, Service

PAGE_SIZE = 20
LIFE_ENTRIES_SHOWN = 12  # digital-life entries listed on a guide or life-event page


def _page(request, qs, size=PAGE_SIZE):
    # get_page() turns a missing, malformed or out-of-range page number into a valid page.
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _service_cards(qs):
    return qs.select_related("department").only(
        "slug",
        "name_zh",
        "name_en",
        "summary_zh",
        "summary_en",
        "offers_online",
        "offers_counter",
        "offers_post",
        "counter_visits",
        "promised_limit_days",
        "department__name_zh",
        "department__name_en",
    )


class _RankedCards:
    """The service cards of a search's ranked ids, as the paginator needs them: its length, and
    a slice (a page) whose cards are read with one query in the ranked order - only when
    something asks for them: the page itself shows kept items (`_result_items`)."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _CardsPage(self.ids[index])
        return _CardsPage([self.ids[index]])[0]

    def __iter__(self):
        return iter(self[:])


class _CardsPage(Sequence):
    """One page of ranked ids; the cards are read (one query) on first use."""

    def __init__(self, ids):
        self.ids = ids

    @cached_property
    def cards(self):
        cards = _service_cards(Service.objects.filter(pk__in=self.ids)).in_bulk()
        return [cards[pk] for pk in self.ids if pk in cards]

    def __len__(self):
        return len(self.cards)

    def __bool__(self):
        return bool(self.ids)

    def __getitem__(self, index):
        return self.cards[index]


# Each result item's rendered HTML (templates/includes/service_item.html), per language, heading
# level and service, kept in each web process while the catalogue version is unchanged: a search
# page that misses the page cache then renders the page around 20 kept strings and reads no
# service from the database when every item is kept. About 0.6 KB each: at most 6 MB.
ITEMS_KEPT = KeptStore(size=10000)


def _result_items(objects, heading):
    """The rendered items of one page of results, in order: `objects` is a search's page
    (`_CardsPage`: its cards are read, with one query, only when some item is not kept) or a
    page of service cards (`_service_cards`). The same HTML as including
    includes/service_item.html for each in a loop."""
    stamp = ITEMS_KEPT.stamp()
    language = get_language()
    # A search's page (_CardsPage) gives its ids without reading its cards; a list's page its cards.
    pks = objects.ids if isinstance(objects, _CardsPage) else [obj.pk for obj in objects]
    items = {pk: ITEMS_KEPT.get(stamp, (language, heading, pk)) for pk in pks}
    missing = [pk for pk, html in items.items() if html is None]
    if missing:
        cards = {obj.pk: obj for obj in objects}
        for pk in missing:
            if pk in cards:  # a ranked id whose service is gone since is left out
                html = render_to_string("includes/service_item.html", {"s": cards[pk], "heading": heading})
                items[pk] = ITEMS_KEPT.set(stamp, (language, heading, pk), mark_safe(html))  # noqa: S308 - escaped by the template
    return [items[pk] for pk in pks if items[pk] is not None]


@cache_public_page
def home(request):
    audience = request.GET.get("audience")
    if audience not in (Audience.INDIVIDUAL, Audience.BUSINESS):
        audience = Audience.INDIVIDUAL
    popular = _service_cards(Service.objects.published().for_audience(audience).popular())[:12]
    events = [e for e in LifeEvent.objects.all() if e.audience == audience]
    departments = Department.objects.annotate(service_count=Count("services", filter=Q(services__published=True)))
    return render(
        request,
        "catalogue/home.html",
        {
            "audience": audience,
            "popular": popular,
            "events": events,
            "departments": departments,
        },
    )


@querylog.counts_searches
@cache_public_page
def service_list(request):
    form = CatalogueFilterForm(request.GET)
    values, ignored = form.filters()  # with a message when the search was cut to its maximum
    found = None
    if values.get("q"):
        # The search index finds and ranks (services/catalogue/search.py); this page shows one
        # page of its ids, each item rendered once per process (`_result_items`).
        found = search.find_services(values["q"], audience=values.get("audience"), filters=values)
        page = _page(request, _RankedCards(found.ids))
    else:
        page = _page(request, _service_cards(form.apply(Service.objects.published(), values)))
    request.search_results = page.paginator.count  # counted by querylog.counts_searches
    # found_centres, found_life_entries (first page only), the entries by area, and on a page
    # without services the ways on (services/catalogue/search_page.py)
    beside = search_page.beside_results(form, values, page, found)
    # Under a "Services" heading (h3 items) when other groups share the first page, else h2 items.
    grouped = page.number == 1 and bool(found and found.life_events or beside["found_centres"] or beside["found_life"])
    template = "catalogue/service_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "selects": search_page.filter_selects(form),
            "page": page,
            "items": _result_items(page.object_list, 3 if grouped else 2),
            "grouped": grouped,
            "ignored": ignored,
            "query": values.get("q"),
            "search": found,
            **beside,
            "nav": "services",
            "crumbs": [(_("All services"), None)],
        },
    )


def _published_service(slug):
    return get_object_or_404(
        Service.objects.published().select_related("department").prefetch_related("materials", "faqs", "life_events"),
        slug=slug,
    )


def _life_entries(model):
    """Prefetch of the published digital-life entries linked to a service or life event, as
    `published_life_entries` (at most LIFE_ENTRIES_SHOWN + 1, to know there are more). The
    catalogue imports no other app: the Entry model is reached through the relation."""
    entry = model._meta.get_field("life_entries").related_model
    entries = (
        entry._default_manager.filter(published=True)
        .select_related("district")
        .only("slug", "area", "name_zh", "name_en", "district__name_zh", "district__name_en")
        .order_by("area", "name_zh", "pk")
    )
    return Prefetch("life_entries", queryset=entries[: LIFE_ENTRIES_SHOWN + 1], to_attr="published_life_entries")


def _life_links(obj):
    """What templates/catalogue/_life_entries.html needs, from `_life_entries`' prefetch."""
    entries = obj.published_life_entries
    return {"life_entries": entries[:LIFE_ENTRIES_SHOWN], "more_life_entries": len(entries) > LIFE_ENTRIES_SHOWN}


def _find_a_centre(service):
    """What the guide's "find a centre" needs (includes/find_centre.html): the district form and
    how many centres handle the service. The centres themselves, with today's hours and the next
    free time, come from the offline app's fragment, never cached - so this page can be."""
    return {"centre_form": CentreFilterForm(), "centre_count": service.centres.count()}


# A guide's rendered content, per language and service, kept in each web process: a page-cache
# miss (a new query string such as a campaign tag, the page cache's time up, more guides asked
# for than it holds) then renders only the page chrome around it. Valid while the catalogue
# version is unchanged, like the page cache. 4-10 KB each: at most 10 MB.
# The guide shows the service's satisfaction from the daily figures, so its page and its kept
# content are keyed by the "insights" version too, which each roll-up bumps (a scope is a name:
# the catalogue does not import insights).
GUIDE_SCOPES = ("catalogue", "insights")
GUIDES_KEPT = KeptStore(size=1000, scopes=GUIDE_SCOPES)


@cache_public_page(scopes=GUIDE_SCOPES)
def service_detail(request, slug):
    stamp = GUIDES_KEPT.stamp()
    key = (get_language(), slug)
    guide = GUIDES_KEPT.get(stamp, key)
    if guide is None:
        guide = GUIDES_KEPT.set(stamp, key, _guide(slug))
    return render(request, "catalogue/service_detail.html", {**guide, "nav": "services"})


def _guide(slug):
    """The guide's content (templates/catalogue/_guide.html) with its title, description and
    breadcrumbs. Rendered without the request, so nothing of one visitor's can be kept. Four
    plain queries (the service, its materials, FAQs and life events); the centres' count and
    which services have digital-life entries come from tables kept per process (one query
    each per catalogue version), and the entries are read only for a service that has some."""
    service = get_object_or_404(Service.objects.published().select_related("department"), slug=slug)
    events = _life_events()
    event_ids = Service.life_events.through.objects.filter(service=service).values_list("lifeevent_id", flat=True)
    service.published_life_entries = _guide_life_entries(service) if service.pk in _life_linked() else []
    context = {
        "centre_form": CentreFilterForm(),
        "centre_count": _centre_counts().get(service.pk, 0),
        **_life_links(service),
        "service": service,
        "materials": list(service.materials.all()),
        "faqs": list(service.faqs.all()),
        "life_events": sorted((events[pk] for pk in event_ids if pk in events), key=lambda e: e.sort_key),
    }
    return {
        "title": service.name,
        "description": truncatechars(service.summary, 150),
        "crumbs": [
            (_("All services"), reverse("catalogue:service-list")),
            (service.department.name, service.department.get_absolute_url()),
            (service.name, None),
        ],
        "guide": mark_safe(render_to_string("catalogue/_guide.html", context)),  # noqa: S308 - escaped by the template
    }


def _life_events():
    """Every life event by id, in LifeEvent's order (`sort_key`), kept per process."""

    def load():
        events = {}
        for n, event in enumerate(LifeEvent.objects.all()):
            event.sort_key = n
            events[event.pk] = event
        return events

    return kept("catalogue:guide-life-events", load)


def _centre_counts():
    """How many centres handle each service, kept per process (a centre's services are watched)."""
    through = Service.centres.through
    return kept(
        "catalogue:guide-centre-counts",
        lambda: dict(through.objects.values_list("service_id").annotate(n=Count("*")).order_by()),
    )


def _life_linked():
    """The ids of the services some published digital-life entry is linked to, kept per process
    (publishing an entry or linking it renews the catalogue scope: services/life/apps.py)."""
    entry = Service._meta.get_field("life_entries").related_model
    return kept(
        "catalogue:guide-life-linked",
        lambda: frozenset(
            entry._default_manager.filter(published=True, services__isnull=False).values_list("services", flat=True)
        ),
    )


def _guide_life_entries(service):
    """`_life_entries` for one service: a plain query with a LIMIT (the prefetch's sliced form
    numbers the rows with a window function, three times the cost for one service)."""
    return list(
        service.life_entries.filter(published=True)
        .select_related("district")
        .only("slug", "area", "name_zh", "name_en", "district__name_zh", "district__name_en")
        .order_by("area", "name_zh", "pk")[: LIFE_ENTRIES_SHOWN + 1]
    )


@cache_public_page
def service_how_to_apply(request, slug, channel):
    service = _published_service(slug)
    if channel not in service.channels:
        raise Http404(_("This service cannot be applied for that way."))
    if channel == "post":  # the page with the printable form (applications.printform), by URL name only
        return redirect("applications:apply-by-post", slug, permanent=True)
    return render(
        request,
        "catalogue/how_to_apply.html",
        {
            **_find_a_centre(service),
            "service": service,
            "channel": channel,
            "channel_label": Channel(channel).label,
            "nav": "services",
            "crumbs": [
                (_("All services"), reverse("catalogue:service-list")),
                (service.name, service.get_absolute_url()),
                (Channel(channel).label, None),
            ],
        },
    )


@cache_public_page
def department_list(request):
    departments = Department.objects.annotate(service_count=Count("services", filter=Q(services__published=True)))
    return render(
        request,
        "catalogue/department_list.html",
        {
            "departments": departments,
            "nav": "departments",
            "crumbs": [(_("Departments"), None)],
        },
    )


@cache_public_page
def department_detail(request, slug):
    department = get_object_or_404(Department, slug=slug)
    page = _page(request, _service_cards(department.services.published().popular()))
    return render(
        request,
        "catalogue/department_detail.html",
        {
            "department": department,
            "page": page,
            "nav": "departments",
            "crumbs": [(_("Departments"), reverse("catalogue:department-list")), (department.name, None)],
        },
    )


@cache_public_page
def lifeevent_list(request):
    events = LifeEvent.objects.annotate(service_count=Count("services", filter=Q(services__published=True)))
    return render(
        request,
        "catalogue/lifeevent_list.html",
        {
            "individual": [e for e in events if e.audience == Audience.INDIVIDUAL],
            "business": [e for e in events if e.audience == Audience.BUSINESS],
            "nav": "events",
            "crumbs": [(_("Life events"), None)],
        },
    )


@cache_public_page
def lifeevent_detail(request, slug):
    event = get_object_or_404(LifeEvent.objects.prefetch_related(_life_entries(LifeEvent)), slug=slug)
    page = _page(request, _service_cards(event.services.published().popular()))
    return render(
        request,
        "catalogue/lifeevent_detail.html",
        {
            **_life_links(event),
            "event": event,
            "page": page,
            "nav": "events",
            "crumbs": [(_("Life events"), reverse("catalogue:lifeevent-list")), (event.name, None)],
        },
    )
