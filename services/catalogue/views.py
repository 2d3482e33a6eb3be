from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from services.lib.cache import cache_public_page

from .forms import CatalogueFilterForm, CentreFilterForm
from .models import MAX_QUERY_LENGTH, Audience, Channel, Department, LifeEvent, Service

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


@cache_public_page
def service_list(request):
    form = CatalogueFilterForm(request.GET)
    values, ignored = form.filters()
    if len(request.GET.get("q", "").strip()) > MAX_QUERY_LENGTH:
        # The box says maxlength, but a link or an edited address can carry more: say so.
        ignored.append(
            _("Your search was too long, so only the first %(n)s characters were used. Shorten your search.")
            % {"n": MAX_QUERY_LENGTH}
        )
    qs = form.apply(Service.objects.published(), values)
    if values.get("q"):
        # Services whose name contains the whole query come first.
        qs = qs.alias(in_name=Q(name_zh__icontains=values["q"]) | Q(name_en__icontains=values["q"]))
        qs = qs.order_by("-in_name", "-popularity", "pk")
    page = _page(request, _service_cards(qs))
    template = "catalogue/service_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "ignored": ignored,
            "query": values.get("q"),
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


@cache_public_page
def service_detail(request, slug):
    service = _published_service(slug)
    prefetch_related_objects([service], _life_entries(Service))
    return render(
        request,
        "catalogue/service_detail.html",
        {
            **_find_a_centre(service),
            **_life_links(service),
            "service": service,
            "nav": "services",
            "crumbs": [
                (_("All services"), reverse("catalogue:service-list")),
                (service.department.name, service.department.get_absolute_url()),
                (service.name, None),
            ],
        },
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
