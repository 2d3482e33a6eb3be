"""What the search results page shows beside the services it finds (issue 12, points 8 and 9):
the digital-life entries grouped by area with a link to that area's own search, where to see
more centres, and on a page with no result the ways on (the same search without its filters,
popular services, the life events). The finding itself is services/catalogue/search.py.

The catalogue imports no other app: centres and entries are reached through the objects the
search returns (their URLs, their district), never through services.offline or services.life."""

from django.urls import resolve, reverse

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


def life_groups(entries):
    """The entries (search.find_life_entries, best first) grouped by area, areas in the order of
    their best entry: [{"label", "url", "entries"}], `url` being the area's page (which takes
    ?q=). The area page's address comes from the entry's own: /life/<segment>/<slug>/."""
    groups = {}
    for entry in entries:
        if entry.area not in groups:
            segment = resolve(entry.get_absolute_url()).kwargs["segment"]
            groups[entry.area] = {
                "label": entry.get_area_display(),
                "url": reverse("life:area", args=[segment]),
                "entries": [],
            }
        groups[entry.area]["entries"].append(entry)
    return list(groups.values())


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
    popular = Service.objects.published().for_audience(audience).popular().select_related("department")
    return {
        "unfiltered_count": unfiltered,
        "popular": popular.only("slug", "name_zh", "name_en", "department__name_zh", "department__name_en")[
            :POPULAR_SHOWN
        ],
        "all_events": [e for e in LifeEvent.objects.all() if e.audience == audience],
    }
