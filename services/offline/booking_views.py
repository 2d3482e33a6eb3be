"""Citizens' pages for booking a counter visit: choose a centre, a day and a free time, give a
name and mobile number, get a reference and a QR code; find the booking again with the
reference and mobile number (or from "My applications"), cancel or move it.

Which days and times exist, and whether one can be booked, is decided by offline.slots and
offline.bookings only; these views read input, call them and render. Every page is never_cache:
free places change by the second, and the booking pages show a person's visit."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from services.catalogue.forms import CentreFilterForm, searched_text
from services.catalogue.models import Service
from services.lib.cache import kept
from services.lib.clientip import client_ip
from services.lib.qr import qr_svg

from . import access, bookings, slots
from .forms import REFERENCE_INPUT_MAX, DayForm, DetailsForm, FindForm, MoveForm, at_value, parse_at, slot_label
from .models import Booking, ServiceCentre

# A BookingError's `field` as the name of this form's input.
FORM_FIELDS = {"starts_at": "at", "name": "name", "phone": "phone", "email": "email"}


def _service(slug):
    return get_object_or_404(Service.objects.published().select_related("department"), slug=slug, offers_counter=True)


def _centre(service, centre_slug):
    """A centre that takes bookings and handles `service`; 404 otherwise."""
    return get_object_or_404(
        ServiceCentre.objects.select_related("district").prefetch_related("opening_hours"),
        slug=centre_slug,
        bookable=True,
        services=service,
    )


def _kept_target(slug, centre_slug):
    """The time step's service and centre (with its hours): catalogue data, kept per process
    like the guide page's (services.lib.cache.kept, renewed after a write to either). Only
    pairs that exist are kept; anything else is a 404 every time."""

    def load():
        service = _service(slug)
        return service, _centre(service, centre_slug)

    return kept(("booking-target", slug, centre_slug), load)


def _crumbs(service, here=None):
    """The guide, then "Book a counter visit" (a link once past the first step), then `here`."""
    if here is None:
        return [(service.name, service.get_absolute_url()), (_("Book a counter visit"), None)]
    book_url = reverse("offline:book", args=[service.slug])
    return [(service.name, service.get_absolute_url()), (_("Book a counter visit"), book_url), (here, None)]


@never_cache
@require_safe
def book(request, slug):
    """Step 1: the centres that handle the service and take bookings, filtered by district."""
    service = _service(slug)
    form = CentreFilterForm(request.GET)
    district = form.cleaned_data.get("district") if form.is_valid() else None
    centres = ServiceCentre.objects.filter(services=service, bookable=True).select_related("district")
    if district:
        centres = centres.filter(district=district)
    page = Paginator(centres.prefetch_related("opening_hours"), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "offline/booking/centre.html",
        {
            "service": service,
            "form": form,
            "page": page,
            "district": district,
            "ignored": bool(form.errors),
            "crumbs": _crumbs(service, None),
        },
    )


@never_cache
@require_safe
def book_time(request, slug, centre):
    """Step 2: a day (only the centre's bookable days) and a free time. The day's times are a
    partial (#slots) that htmx refreshes when the day changes; without JavaScript "Show times"
    reloads the page with the same choices. It shows times only, so the centre, its hours,
    closures and capacity are kept per process; the places taken are read every time (the
    booking itself reads everything afresh)."""
    service, centre = _kept_target(slug, centre)
    chosen = request.GET.get("at", "")
    if request.htmx and not request.htmx.history_restore_request and not chosen:
        return _slots_fragment(request, service, centre)
    picker = _picker(request, centre, service, chosen=chosen, kept=True)
    return _time_page(request, service, centre, picker)


FRAGMENTS_KEPT = 64  # per centre and service; all dropped when full


def _slots_fragment(request, service, centre):
    """The htmx fragment of one day's times, rendered once per process for each (language,
    elder mode, day asked for, Schedule.fingerprint()): the fingerprint holds the places taken
    in the window (one query of integers) and how many of today's times have started, so a
    booking, move or cancellation, or the next time starting, renders afresh. The store is
    kept data (services.lib.cache.kept), renewed with the kept hours, closures and capacity.
    Only a 200 without a chosen time is stored; an error is rendered every time."""
    schedule = slots.Schedule(centre, service, kept=True)
    key = (translation.get_language(), getattr(request, "elder_mode", False), request.GET.get("date"))
    key += schedule.fingerprint()
    store = kept(("slot-fragments", centre.pk, service.pk), dict)
    hit = store.get(key)
    if hit is not None:
        return HttpResponse(hit[1], content_type=hit[0])
    response = _time_page(request, service, centre, _picker(request, centre, service, schedule=schedule))
    if response.status_code == 200 and not response.cookies:
        if len(store) >= FRAGMENTS_KEPT:
            store.clear()
        store[key] = (response["Content-Type"], response.content)
    return response


def _picker(request, centre, service, chosen="", error=None, alternatives=None, kept=False, schedule=None):
    """The day form and the radio buttons of one day's times (or, after a refusal, of the
    nearest free times on any day). One Schedule: the window is read once for both."""
    schedule = schedule or slots.Schedule(centre, service, kept=kept)
    days = schedule.bookable_days()
    form = DayForm(request.GET if "date" in request.GET else None, days=days)
    day = None
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["date"]
    elif chosen and parse_at(chosen) and parse_at(chosen).date() in days:
        day = parse_at(chosen).date()
    elif days:
        day = days[0]
    if alternatives is not None:
        choices = [(at_value(s.starts_at), slot_label(s), True) for s in alternatives]
    else:
        day_times = schedule.day_slots(day) if day else []
        tz = timezone.get_current_timezone()  # once, not twice a time: a fragment is mostly this loop
        choices = [(at_value(s.starts_at), _time_label(s, tz), s.available) for s in day_times if not s.past]
    return {
        "days": days,
        "day_form": form,
        "day": day,
        "day_value": day.isoformat() if day else "",
        "choices": choices,
        "chosen": chosen,
        "error": error,
        "alternatives": alternatives is not None,
    }


def _time_label(info, tz):
    start, end = info.starts_at.astimezone(tz), info.ends_at.astimezone(tz)
    label = f"{start:%H:%M}–{end:%H:%M}"
    if not info.available:
        return _("%(time)s (full)") % {"time": label}
    if info.free == 1:
        return _("%(time)s (1 place left)") % {"time": label}
    return label


def _time_page(request, service, centre, picker, status=None):
    template = "offline/booking/time.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#slots"
    bad_day = picker["day_form"].errors
    return render(
        request,
        template,
        {
            "service": service,
            "centre": centre,
            "picker": picker,
            "page_url": reverse("offline:book-time", args=[service.slug, centre.slug]),
            "action_url": reverse("offline:book-details", args=[service.slug, centre.slug]),
            "method": "get",
            "crumbs": _crumbs(service, centre.name),
        },
        status=status or (400 if bad_day or picker["error"] else 200),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def book_details(request, slug, centre):
    """Step 3: who is coming. POST books the visit; a refusal says why beside the time (with
    the nearest free times to choose from) or the mobile number, and keeps what was typed."""
    service = _service(slug)
    centre = _centre(service, centre)
    if request.method == "GET":
        starts_at = parse_at(request.GET.get("at"))
        if starts_at is None:
            error = (
                _("Choose a time for your visit.")
                if not request.GET.get("at")
                else _("That time could not be read: choose a time from the list.")
            )
            return _time_page(request, service, centre, _picker(request, centre, service, error=error))
        form = DetailsForm(initial={"at": at_value(starts_at), **_profile(request.user)})
        return _details_page(request, service, centre, form)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        if "at" in form.errors:
            form.offer(slots.nearest_free(centre, service), form.errors["at"][0])
        elif refused := bookings.check_time(centre, service, form.cleaned_data["at"]):
            _refusal_into_form(form, refused)  # every fault at once, the time's too
        return _details_page(request, service, centre, form, status=400)
    data = form.cleaned_data
    try:
        booking = bookings.book(
            centre=centre,
            service=service,
            starts_at=data["at"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            owner=request.user if request.user.is_authenticated else None,
            language=translation.get_language(),
            address=client_ip(request),
        )
    except bookings.BookingError as refused:
        return _refused(request, service, centre, form, refused)
    access.remember(request, booking)
    return redirect("offline:booking-confirmation", booking.reference)


def _profile(user):
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "phone": user.phone, "email": user.email}


def _refused(request, service, centre, form, refused):
    """The details page after bookings.book() said no. A refusal over a visit the number (or
    account) already holds tells whoever posted that the number has one: unless the signed-in
    account owns that visit (it is then linked), it counts as one guess of the booking lookup
    limit, and once that is used up it is answered as a guess would be (429)."""
    held, wait = refused.held, refused.retry_after
    if held is not None and not (request.user.is_authenticated and held.owner_id == request.user.pk):
        held = None
        throttle = access.lookup_throttle(request)
        wait = throttle.retry_after()
        if wait:
            form.add_error(
                None,
                _(
                    "Too many attempts from your connection: this booking cannot be checked now. "
                    "Try again in an hour, or call the citizen hotline on 12345."
                ),
            )
        else:
            throttle.hit()
            _refusal_into_form(form, refused)
    else:
        _refusal_into_form(form, refused)
    response = _details_page(
        request, service, centre, form, status=429 if wait else 400, held=held, find_held=refused.held is not None
    )
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _refusal_into_form(form, refused):
    """A BookingError's message beside the input at fault: the time (with the nearest free
    times offered), a detail of the person, the mobile number when the person already holds a
    visit for the service (the number stands for the person), or at the top (the centre)."""
    field = FORM_FIELDS.get(refused.field) or ("phone" if refused.code == "one_per_service" else None)
    if field == "at":
        form.offer(refused.alternatives, refused.message)
    else:
        form.add_error(field, refused.message)


def _details_page(request, service, centre, form, status=200, held=None, find_held=False):
    at = form.data.get("at") if form.is_bound else form.initial.get("at")
    starts_at = parse_at(at)
    return render(
        request,
        "offline/booking/details.html",
        {
            "service": service,
            "centre": centre,
            "form": form,
            "starts_at": starts_at,
            "time_url": reverse("offline:book-time", args=[service.slug, centre.slug]),
            "at": at if starts_at else "",
            "day": starts_at.date().isoformat() if starts_at else "",
            "held": held,  # the signed-in account's own visit that the booking ran into
            "find_held": find_held,
            "crumbs": _crumbs(service, _("Your details")),
        },
        status=status,
    )


def _visitors_booking(view):
    """The view gets the booking the address's reference names when it is the visitor's (its
    owner, or the browser that made or found it). Anyone else gets the find form with the
    reference filled in, as a 404 - the same page whether the reference exists - and the guess
    counts towards the lookup limit: a 429 once that is used up (access.booking_for)."""

    @functools.wraps(view)
    def wrapper(request, reference):
        try:
            booking = access.booking_for(request, reference)
        except access.NotYours as refused:
            form = FindForm(initial={"reference": str(reference)[:REFERENCE_INPUT_MAX]})
            limited = refused.retry_after > 0
            response = _find_page(request, form, limited=limited, status=429 if limited else 404, elsewhere=True)
            if limited:
                response["Retry-After"] = str(refused.retry_after)
            return response
        return view(request, booking)

    return wrapper


@never_cache
@require_safe
@_visitors_booking
def confirmation(request, booking):
    return _visit_page(request, booking, "offline/booking/confirmation.html", _("Visit booked"))


@never_cache
@require_safe
@_visitors_booking
def booking_detail(request, booking):
    """The booking's page, for its owner or a browser that made or found it."""
    return _visit_page(request, booking, "offline/booking/detail.html", booking.reference)


def _visit_page(request, booking, template, title):
    return render(
        request,
        template,
        {
            "booking": booking,
            "centre": booking.centre,
            "service": booking.service,
            "materials": booking.service.materials.all(),
            "hours": booking.centre.hours_summary(),
            "qr": _qr_svg(booking),
            "active": booking.status == Booking.Status.BOOKED,
            "crumbs": [(_("Find your booking"), reverse("offline:booking-find")), (title, None)],
        },
    )


def _qr_svg(booking):
    """The booking page's address as a QR code. It carries the reference only; the page it
    opens still asks for the mobile number on another phone."""
    url = settings.SITE_URL + reverse("offline:booking-detail", args=[booking.reference])
    return qr_svg(url, _("QR code that opens this booking's page"))


@never_cache
@require_http_methods(["GET", "POST"])
def find(request):
    """The booking's reference and mobile number. Wrong pairs count towards the tracking
    page's limit of guesses per address (access.lookup_throttle)."""
    throttle = access.lookup_throttle(request)
    wait = throttle.retry_after()
    if request.method == "GET":
        form = FindForm(initial={"reference": searched_text(request.GET.get("reference"), 40)})
        return _find_page(request, form, limited=False)
    form = FindForm(request.POST)
    if wait:
        response = _find_page(request, form, limited=True, status=429)
        response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        return _find_page(request, form, status=400)
    booking = bookings.find(form.cleaned_data["reference"], form.cleaned_data["phone"])
    if booking is None:
        throttle.hit()
        form.add_error(
            None,
            _("No booking matches that reference and mobile number. Check both against your confirmation message."),
        )
        return _find_page(request, form, status=404)
    access.remember(request, booking)
    return redirect("offline:booking-detail", booking.reference)


def _find_page(request, form, limited=False, status=200, elsewhere=False):
    return render(
        request,
        "offline/booking/find.html",
        {"form": form, "limited": limited, "elsewhere": elsewhere, "crumbs": [(_("Find your booking"), None)]},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_visitors_booking
def cancel(request, booking):
    """GET asks first; POST cancels."""
    if booking.status != Booking.Status.BOOKED:
        messages.info(
            request,
            _("This visit can no longer be cancelled (its status: %(status)s).")
            % {"status": booking.get_status_display()},
        )
        return redirect("offline:booking-detail", booking.reference)
    if request.method == "POST":
        try:
            bookings.cancel(booking, by=request.user if request.user.is_authenticated else None)
        except bookings.BookingError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your visit is cancelled. The time is free for someone else."))
        return redirect("offline:booking-detail", booking.reference)
    return render(
        request,
        "offline/booking/cancel.html",
        {
            "booking": booking,
            "crumbs": [
                (booking.reference, reverse("offline:booking-detail", args=[booking.reference])),
                (_("Cancel the visit"), None),
            ],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_visitors_booking
def move(request, booking):
    """The same day and time picker; POST moves the visit to the chosen time."""
    if booking.status != Booking.Status.BOOKED:
        messages.info(request, _("This visit can no longer be moved."))
        return redirect("offline:booking-detail", booking.reference)
    centre, service = booking.centre, booking.service
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                bookings.move(booking, form.cleaned_data["at"])
            except bookings.BookingError as refused:
                picker = _picker(request, centre, service, error=refused.message, alternatives=refused.alternatives)
                response = _move_page(request, booking, picker)
                if refused.retry_after:  # too many changes for the number today
                    response.status_code = 429
                    response["Retry-After"] = str(refused.retry_after)
                return response
            messages.success(request, _("Your visit is moved to the new time."))
            return redirect("offline:booking-detail", booking.reference)
        picker = _picker(
            request, centre, service, error=form.errors["at"][0], alternatives=slots.nearest_free(centre, service)
        )
        return _move_page(request, booking, picker)
    return _move_page(request, booking, _picker(request, centre, service, chosen=at_value(booking.starts_at)))


def _move_page(request, booking, picker):
    template = "offline/booking/time.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#slots"
    page_url = reverse("offline:booking-move", args=[booking.reference])
    return render(
        request,
        template,
        {
            "service": booking.service,
            "centre": booking.centre,
            "booking": booking,
            "picker": picker,
            "page_url": page_url,
            "action_url": page_url,
            "method": "post",
            "crumbs": [
                (booking.reference, reverse("offline:booking-detail", args=[booking.reference])),
                (_("Move the visit"), None),
            ],
        },
        status=400 if picker["error"] or picker["day_form"].errors else 200,
    )
