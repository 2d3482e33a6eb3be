"""The public digital-life pages: a landing page, one page per area (search, filters, htmx live
results over a plain GET form, like the catalogue's service list) and a page per entry.

Area pages are served from the page cache (scopes catalogue and life) except when they filter
by "open now": that answer changes with the minute, so such a request is never cached. The
entry page always says whether it is open now, so it is not page-cached either (a few queries).
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from services.catalogue.models import Service
from services.lib.cache import cache_public_page

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
    form = page.form(request.GET)
    values, ignored = form.filters()
    qs = form.apply(page.queryset(), values)
    now = timezone.now()
    if values.get("open"):
        qs = hours.open_at(qs, now)
    form.counts = {name: _counts(form, page, values, name, now) for name in page.counted}
    results = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "life/area_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "page_info": page,
            "form": form,
            "page": results,
            "ignored": ignored,
            "query": values.get("q"),
            "open_now": bool(values.get("open")),
            "count_rows": _count_rows(request, form),
            "nav": "life",
            "crumbs": [(_("Digital life"), reverse("life:index")), (page.title, None)],
        },
    )


def _counts(form, page, values, name, now):
    """{choice: number of entries} for one filter, under every other filter (one query)."""
    qs = form.apply(page.model.objects.published(), values, skip=(name,))
    if values.get("open"):
        qs = hours.open_at(qs, now)
    column = "subject__slug" if name == "subject" else name
    return dict(qs.values_list(column).annotate(n=Count("pk")).order_by())


def _count_rows(request, form):
    """For each counted filter: its label and, per choice, (label, count, link, chosen); the
    link chooses that value (or, when chosen, drops it) and keeps the other filters."""
    rows = []
    for name, counts in form.counts.items():
        links = []
        for value, label in form.fields[name].choices:
            if not str(value):
                continue
            params = request.GET.copy()
            params.pop("page", None)
            chosen = params.get(name) == str(value)
            params.pop(name, None)
            if not chosen:
                params[name] = str(value)
            links.append((label, counts.get(str(value), 0), f"?{params.urlencode()}", chosen))
        rows.append((_("By %(filter)s") % {"filter": form.fields[name].label.lower()}, links))
    return rows


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
    now = timezone.now()
    return render(
        request,
        "life/entry_detail.html",
        {
            "page_info": page,
            "entry": entry,
            "status": hours.status(entry, now) if page.has_hours else None,
            "week": hours.week(entry) if page.has_hours else [],
            "nav": "life",
            "crumbs": [
                (_("Digital life"), reverse("life:index")),
                (page.title, reverse("life:area", args=[page.segment])),
                (entry.name, None),
            ],
        },
    )
