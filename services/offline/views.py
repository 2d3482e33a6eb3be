import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from services.applications.workdays import Calendar
from services.catalogue.forms import CentreFilterForm, searched_text
from services.catalogue.models import Service
from services.lib.cache import cache_public_page

from . import slots
from .models import CentreClosure, OpeningHours, ServiceCentre

NEAREST = 3  # centres the guide's "find a centre" shows


def _service_from(request):
    """(the published service named by ?service=<slug>, whether one was named but not found)."""
    # read like a search box: a NUL (which PostgreSQL refuses in a string) or other control
    # character as a space, at most a slug's length
    slug = searched_text(request.GET.get("service"), limit=50)
    if not slug:
        return None, False
    service = Service.objects.published().filter(slug=slug).only("slug", "name_zh", "name_en").first()
    return service, service is None


@cache_public_page
def centre_list(request):
    form = CentreFilterForm(request.GET)
    centres = ServiceCentre.objects.select_related("district").prefetch_related("opening_hours")
    district = form.cleaned_data.get("district") if form.is_valid() else None
    if district:
        centres = centres.filter(district=district)
    service, unknown_service = _service_from(request)
    if service:
        centres = centres.filter(services=service)
    page = Paginator(centres, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "offline/centre_list.html",
        {
            "form": form,
            "page": page,
            "district": district,
            "service": service,
            "ignored": bool(form.errors),
            "unknown_service": unknown_service,
            "nav": "centres",
            "crumbs": [(_("Service centres"), None)],
        },
    )


@cache_public_page
def centre_detail(request, slug):
    centre = get_object_or_404(
        ServiceCentre.objects.select_related("district").prefetch_related("opening_hours"), slug=slug
    )
    services = (
        centre.services.published()
        .select_related("department")
        .only("slug", "name_zh", "name_en", "department__name_zh", "department__name_en")
        .order_by("department__order", "-popularity")
    )
    return render(
        request,
        "offline/centre_detail.html",
        {
            "centre": centre,
            "services": services,
            "nav": "centres",
            "crumbs": [(_("Service centres"), reverse("offline:centre-list")), (centre.name, None)],
        },
    )


@dataclass
class NearCentre:
    """One centre as "find a centre" shows it: today's opening spans (empty when closed today,
    with the closure's reason if it has one) and the next free booking time."""

    centre: ServiceCentre
    today: list
    closure: CentreClosure | None
    next_free: slots.SlotInfo | None


def _today_spans(centre, day, calendar):
    """The opening spans of `day` at `centre`, by the same rule as the slots (slots.open_days):
    none when it does not take visits; a make-up working day on a weekend keeps Monday's hours."""
    if not slots.open_days(centre, day, day):
        return []
    weekday = day.weekday()
    if weekday >= OpeningHours.Weekday.SATURDAY and calendar.is_working_day(day):
        weekday = OpeningHours.Weekday.MONDAY
    return [h.span() for h in centre.opening_hours.all() if h.weekday == weekday]


def _nearest(service, district):
    """(up to NEAREST centres handling `service`, in `district` when it has any; whether the
    district had none). Centres come in the directory's order: the most central first."""
    centres = service.centres.select_related("district").prefetch_related("opening_hours")
    if district:
        local = list(centres.filter(district=district)[:NEAREST])
        if local:
            return local, False
    return list(centres[:NEAREST]), district is not None


# Never cached, here or in a browser: the next free time changes with every booking and every
# minute, and a stale "10:30" sends a citizen to a slot that is gone. Its cost stays small and
# flat (NEAREST centres, a few queries each); the guide page around it stays cached whole.
@never_cache
@vary_on_headers("HX-Request")
def find_centre(request, slug):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    form = CentreFilterForm(request.GET)
    district = form.cleaned_data.get("district") if form.is_valid() else None
    centres, none_in_district = _nearest(service, district)
    day = timezone.localdate()
    calendar = Calendar()
    closures = {c.centre_id: c for c in CentreClosure.objects.filter(centre__in=[c.pk for c in centres], date=day)}
    near = [
        NearCentre(c, _today_spans(c, day, calendar), closures.get(c.pk), slots.next_free(c, service)) for c in centres
    ]
    template = "offline/find_centre.html"
    if request.htmx:
        template += "#nearest-centres"
    return render(
        request,
        template,
        {
            "service": service,
            "form": form,
            "district": district,
            "ignored": bool(form.errors),
            "none_in_district": none_in_district,
            "near": near,
            "today": day,
            "tomorrow": day + datetime.timedelta(days=1),
            "total": service.centres.count(),
            "level": 3 if request.htmx else 2,
            "nav": "centres",
            "crumbs": [
                (_("All services"), reverse("catalogue:service-list")),
                (service.name, service.get_absolute_url()),
                (_("Find a centre"), None),
            ],
        },
    )
