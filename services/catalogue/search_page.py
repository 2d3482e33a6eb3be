"""What the search results page shows beside the services it finds (issue 12, points 8 and 9):
the digital-life entries grouped by area with a link to that area's own search, where to see
more centres, and on a page with no result the ways on (the same search without its filters,
popular services, the life events). The finding itself is services/catalogue/search.py.

The catalogue imports no other app: centres and entries are reached through the objects the
search returns (their URLs, their district), never through services.offline or services.life."""

from django.urls import resolve, reverse
from django.utils.html import format_html_join
from django.utils.translation import get_language

from services.lib.cache import KeptStore, kept

from . import search
from .models import Audience, LifeEvent, Service

POPULAR_SHOWN = 6


def beside_results(form, values, page, found):
    """The page's context beside its services: the centres and digital-life entries the same
    words find (first page only; `found` is search.find_services' result, None without words),
    and on a page without services the ways on."""
    query = values.get("q")
    first = found is not None and page.number == 1
    centres = search.find_centres(query) if first else []
    entries = search.find_life_entries(query) if first else []
    context = {
        "found_centres": centres,
        "found_life_entries": entries,
        "found_life": life_groups(entries),
        "centres_district": centres_district(centres) if centres else None,
    }
    if not page.paginator.count:
        context.update(zero_result_help(query, values, form.active_filters))
    return context


# Each drop-down's <option>s as HTML, per language, select and chosen value (a value that is not
# among the options keys as None: nothing selected), so a bounded number: about 80 options a page
# rendered once per process instead of on every request.
OPTIONS_KEPT = KeptStore(size=1000)


def filter_selects(form):
    """What the filter form's drop-downs show: (bound field, its <option>s as HTML), as
    `{% for value, label, selected in form.selects %}` renders them, but with each list's options
    read once per language and catalogue version in each process (kept) instead of three
    queries a page, and rendered once per chosen value."""
    language = get_language()
    lists = kept(f"catalogue:search-selects:{language}", lambda: _select_options(form))
    stamp = OPTIONS_KEPT.stamp()
    selects = []
    for name, choices in lists:
        current = str(form.data.get(name, ""))
        chosen = current if any(value == current for value, _label in choices) else None
        key = (language, name, chosen)
        html = OPTIONS_KEPT.get(stamp, key)
        if html is None:
            html = OPTIONS_KEPT.set(stamp, key, _options_html(choices, chosen))
        selects.append((form[name], html))
    return selects


def _select_options(form):
    return [
        (name, [(str(value), str(label)) for value, label in field.choices])
        for name, field in form.fields.items()
        if hasattr(field, "choices")
    ]


def _options_html(choices, chosen):
    return format_html_join(
        "", '<option value="{}"{}>{}</option>', ((v, " selected" if v == chosen else "", label) for v, label in choices)
    )


def life_groups(entries):
    """The entries (search.find_life_entries, best first) grouped by area, areas in the order of
    their best entry: [{"label", "url", "entries"}], `url` being the area's page (which takes
    ?q=). The area page's address comes from the entry's own: /life/<segment>/<slug>/."""
    groups = {}
    for entry in entries:
        if entry.area not in groups:
            groups[entry.area] = {
                "label": entry.get_area_display(),
                "url": _area_url(entry),
                "entries": [],
            }
        groups[entry.area]["entries"].append(entry)
    return list(groups.values())


# (language, area) -> the area page's address: fixed by the URLconf, so found once per process
# (resolving an entry's address costs more than the rest of the grouping).
_AREA_URLS = {}


def _area_url(entry):
    key = (get_language(), entry.area)
    if key not in _AREA_URLS:
        segment = resolve(entry.get_absolute_url()).kwargs["segment"]
        _AREA_URLS[key] = reverse("life:area", args=[segment])
    return _AREA_URLS[key]


def centres_district(centres):
    """The district every centre found is in (a query that names a district), for a link to
    that district's list of centres; None when they are spread over several."""
    districts = {c.district_id for c in centres}
    return centres[0].district if len(districts) == 1 else None


def zero_result_help(query, values, active_filters):
    """On a page with no service: how many services the same words find without the filters
    (None without filters or words), popular services and the life events, both for the
    audience chosen (individuals when none)."""
    audience = values.get("audience") or Audience.INDIVIDUAL
    unfiltered = None
    if query and active_filters:
        unfiltered = len(search.find_services(query).ids) or None
    return {"unfiltered_count": unfiltered, **kept(f"catalogue:search-ways-on:{audience}", lambda: _ways_on(audience))}


def _ways_on(audience):
    """The zero-result page's popular services and life events for an audience, kept per
    process while the catalogue is unchanged (the names are read in the page's language)."""
    popular = Service.objects.published().for_audience(audience).popular().select_related("department")
    return {
        "popular": list(
            popular.only("slug", "name_zh", "name_en", "department__name_zh", "department__name_en")[:POPULAR_SHOWN]
        ),
        "all_events": [e for e in LifeEvent.objects.all() if e.audience == audience],
    }
