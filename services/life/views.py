"""The public digital-life pages: a landing page, one page per area (search, filters, htmx live
results over a plain GET form, like the catalogue's service list) and a page per entry.

Area pages are served from the page cache (scopes catalogue and life) except when they filter
by "open now": that answer changes with the minute, so such a request is never cached. The
entry page always says whether it is open now, so it is not page-cached either (a few queries).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from services.catalogue.models import Service
from services.lib.cache import KeptStore, cache_public_page
from services.lib.shell import render_in_shell

from . import hours
from .forms import (
    CultureFilterForm,
    EducationFilterForm,
    ElderlyFilterForm,
    HealthFilterForm,
    open_now_requested,
)
from .models import AREA_SEGMENTS, Area, CarePlace, Entry, Hospital, Resource, Venue

PAGE_SIZE = 20
LIFE_SCOPES = ("catalogue", "life")


@dataclass(frozen=True)
class AreaPage:
    """What differs between the four area pages."""

    area: str
    title: object
    intro: object
    form: type
    model: type
    related: tuple = ()  # select_related for the result cards
    prefetch: tuple = ()
    counted: tuple = ()  # filters whose choices show how many entries each has
    has_hours: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def segment(self):
        return AREA_SEGMENTS[self.area]

    def queryset(self):
        return self.model.objects.published().select_related("district", *self.related).prefetch_related(*self.prefetch)


AREAS = {
    page.segment: page
    for page in (
        AreaPage(
            Area.HEALTH,
            gettext_lazy("Internet hospitals"),
            gettext_lazy("Consult a doctor online: hospitals' online clinics, their specialties, fees and hours."),
            HealthFilterForm,
            Hospital,
            prefetch=("specialties",),
        ),
        AreaPage(
            Area.EDUCATION,
            gettext_lazy("Education resources"),
            gettext_lazy(
                "Courses, live classes, e-books and exercises for every stage, "
                "from pre-school to the university for older people."
            ),
            EducationFilterForm,
            Resource,
            related=("subject", "organisation"),
            counted=("stage", "subject"),
            has_hours=False,
        ),
        AreaPage(
            Area.ELDERLY,
            gettext_lazy("Elderly care"),
            gettext_lazy(
                "Home care, day care, nursing homes, community canteens, alarms, "
                "assistive devices and digital-skills classes."
            ),
            ElderlyFilterForm,
            CarePlace,
        ),
        AreaPage(
            Area.CULTURE,
            gettext_lazy("Museums, galleries and attractions"),
            gettext_lazy(
                "Opening hours, booking, tickets, virtual tours and accessibility of the city's "
                "museums, galleries, libraries and attractions."
            ),
            CultureFilterForm,
            Venue,
        ),
    )
}


def _area_or_404(segment):
    try:
        return AREAS[segment]
    except KeyError:
        raise Http404(_("There is no such part of digital life.")) from None


@cache_public_page(scopes=LIFE_SCOPES)
def index(request):
    counts = dict(Entry.objects.published().values_list("area").annotate(n=Count("pk")).order_by())
    areas = [(page, counts.get(page.area, 0)) for page in AREAS.values()]
    return render(
        request,
        "life/index.html",
        {"areas": areas, "nav": "life", "crumbs": [(_("Digital life"), None)]},
    )


def area(request, segment):
    page = _area_or_404(segment)
    if open_now_requested(request.GET):
        return _fresh_area_page(request, page)
    return _cached_area_page(request, page)


def _area_page(request, page):
    """One area page or (htmx) its results. The page cache misses for every new combination of
    filters, and "open now" is never cached, so this is what a visitor waits for: what it
    needs is kept in the process (_KEPT_RESULTS, _KEPT_CARDS, _KEPT_FORMS, _KEPT_OPEN), keyed by
    the versions of both cache scopes, so a write - a provider's free beds - renews it at once
    in this process and within CATALOGUE_VERSION_TTL in the others."""
    form = page.form(request.GET)
    values, ignored = form.filters()
    stamp = _KEPT_RESULTS.stamp()
    open_now = bool(values.get("open"))
    # "Open now" is computed for the minute (hours are whole minutes) and kept for it.
    minute = hours.local(timezone.now()).replace(second=0, microsecond=0) if open_now else None
    key = (page.area, _hashable(values), minute)
    summary = _KEPT_RESULTS.get(stamp, key)
    matches = None  # with "open now": every match, in order
    if summary is None:
        if minute:
            matches = _open_matches(page, form, values, minute, stamp)
        total = len(matches) if minute else _filtered(page, form, values).count()
        counts = {name: _counts(form, page, values, name, minute) for name in page.counted}
        summary = _KEPT_RESULTS.set(stamp, key, (total, counts))
    count, form.counts = summary
    results = Paginator(_Unloaded(count), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _KEPT_RESULTS.get(stamp, (*key, results.number))
    if rows is None:
        bottom = (results.number - 1) * PAGE_SIZE
        if minute:
            if matches is None:
                matches = _open_matches(page, form, values, minute, stamp)
            rows = matches[bottom : bottom + PAGE_SIZE]
        else:
            rows = list(_filtered(page, form, values).values_list("pk", "slug")[bottom : bottom + PAGE_SIZE])
        _KEPT_RESULTS.set(stamp, (*key, results.number), rows)
    results.object_list = _cards(request, page, rows, open_now, stamp)
    context = {
        "page_info": page,
        "form": form,
        "page": results,
        "ignored": ignored,
        "query": values.get("q"),
        "open_now": open_now,
        "count_rows": _count_rows(request, form),
    }
    if request.htmx:
        return render(request, "life/area_list.html#results", context)
    context["filters"] = _filters_html(request, page, form, stamp, context["count_rows"])
    title = page.title
    if values.get("q"):
        title = _("%(title)s matching “%(query)s”") % {"title": title, "query": values["q"]}
    return render_in_shell(
        request,
        "life/area_list.html",
        context,
        title=f"{title} – {_('Digital life')}",
        crumbs=[(_("Digital life"), reverse("life:index")), (page.title, None)],
        nav="life",
    )


# Per process. A card is about 1-2 KB of HTML; 6,000 of them is about 10 MB per process.
_KEPT_CARDS = KeptStore(6000, scopes=LIFE_SCOPES)
_KEPT_RESULTS = KeptStore(4000, scopes=LIFE_SCOPES)  # (count, counts) and each page's (pk, slug)
_KEPT_FORMS = KeptStore(1000, scopes=LIFE_SCOPES)  # the filter form's HTML per language and filters
_KEPT_OPEN = KeptStore(8, scopes=LIFE_SCOPES)  # per area, the ids of the entries open this minute


class _Unloaded:
    """What the Paginator counts: `count` entries, of which the view loads only one page."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, index):
        return []


@dataclass(frozen=True)
class Found:
    """One result of an area page: what tests and the template need, and its card's HTML."""

    pk: int
    slug: str
    card: str


def _cards(request, page, rows, open_now, stamp):
    """Each result's card, rendered once per process, language, elder mode and "open now" tag
    until a write to either scope; only the cards not kept are loaded and rendered."""
    prefix = (get_language(), getattr(request, "elder_mode", False), open_now)
    cards = {pk: _KEPT_CARDS.get(stamp, (*prefix, pk)) for pk, _slug in rows}
    missing = [pk for pk, card in cards.items() if card is None]
    if missing:
        for entry in page.queryset().filter(pk__in=missing):
            html = render_to_string("life/_card.html", {"e": entry, "open_now": open_now})
            cards[entry.pk] = _KEPT_CARDS.set(stamp, (*prefix, entry.pk), html)
    return [Found(pk, slug, cards[pk]) for pk, slug in rows if cards.get(pk) is not None]


def _filters_html(request, page, form, stamp, count_rows):
    """The filter form, rendered once per language and choices sent (the counts beside the
    choices, and the rows of counted choices as links, follow from those and the data)."""
    sent = tuple((name, tuple(request.GET.getlist(name))) for name in form.fields)
    key = (get_language(), page.area, sent)
    html = _KEPT_FORMS.get(stamp, key)
    if html is None:
        context = {"form": form, "page_info": page, "count_rows": count_rows}
        html = _KEPT_FORMS.set(stamp, key, render_to_string("life/_filters.html", context))
    return html


def _hashable(values):
    """The cleaned filter values as a key: model instances by pk, lists as tuples."""
    return tuple(
        sorted(
            (name, tuple(value) if isinstance(value, list) else getattr(value, "pk", value))
            for name, value in values.items()
        )
    )


def _filtered(page, form, values):
    """The entries matching the filters but "open now", in the page's order. Filtered by area
    too, so that SQLite reads them in order from the index (area, name_zh) and stops after a
    page."""
    return form.apply(page.model.objects.published(), values).filter(area=page.area)


def _open_matches(page, form, values, minute, stamp):
    """[(pk, slug)] of the entries matching the filters and open at `minute`, in order. Which of
    the area's entries are open is worked out once a minute (hours.open_at: an EXISTS over
    Hours per entry, 20-40 ms for 5,000 entries) and kept; each request's matches are then
    checked against that set, not asked again per entry in SQL."""
    open_ids = _KEPT_OPEN.get(stamp, (page.area, minute))
    if open_ids is None:
        qs = hours.open_at(page.model.objects.published().filter(area=page.area), minute)
        open_ids = _KEPT_OPEN.set(stamp, (page.area, minute), frozenset(qs.values_list("pk", flat=True)))
    return [row for row in _filtered(page, form, values).values_list("pk", "slug") if row[0] in open_ids]


def _counts(form, page, values, name, minute):
    """{choice: number of entries} for one filter, under every other filter (one query)."""
    qs = form.apply(page.model.objects.published(), values, skip=(name,))
    if minute:
        qs = hours.open_at(qs, minute)
    column = "subject__slug" if name == "subject" else name
    return dict(qs.values_list(column).annotate(n=Count("pk")).order_by())


def _count_rows(request, form):
    """For each counted filter: its label and the HTML of its links, one per choice with its
    count; a link chooses that value (or, when chosen, drops it) and keeps the other filters."""
    sent = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]
    rows = []
    for name, counts in form.counts.items():
        current = request.GET.get(name)
        others = [(key, value) for key, value in sent if key != name]
        links = []
        for value, label in form.fields[name].choices:
            value = str(value)
            if not value:
                continue
            chosen = current == value
            params = others if chosen else [*others, (name, value)]
            links.append((f"?{urlencode(params)}", CURRENT if chosen else "", label, counts.get(value, 0)))
        # Joined here, not in the template: 20-odd links a page, each a handful of template nodes.
        html = format_html_join(" · ", '<a href="{}"{}>{} ({})</a>', links)
        rows.append((_("By %(filter)s") % {"filter": form.fields[name].label.lower()}, html))
    return rows


CURRENT = mark_safe(' aria-current="true"')  # noqa: S308 - a constant


_cached_area_page = cache_public_page(scopes=LIFE_SCOPES)(vary_on_headers("HX-Request")(_area_page))
_fresh_area_page = never_cache(vary_on_headers("HX-Request")(_area_page))


@never_cache
def entry_detail(request, segment, slug):
    page = _area_or_404(segment)
    qs = (
        page.queryset()
        .select_related("organisation")
        .prefetch_related(
            "hours",
            Prefetch(
                "services",
                queryset=Service.objects.published().only("slug", "name_zh", "name_en", "summary_zh", "summary_en"),
            ),
            "life_events",
        )
    )
    entry = get_object_or_404(qs, slug=slug)
    return render(
        request,
        "life/entry_detail.html",
        {
            "page_info": page,
            "entry": entry,
            "h": hours.for_page(entry, timezone.now()),
            "nav": "life",
            "crumbs": [
                (_("Digital life"), reverse("life:index")),
                (page.title, reverse("life:area", args=[page.segment])),
                (entry.name, None),
            ],
        },
    )
