"""Every lookup of a citizen's booking from a request goes through here: the account that made
it, or a browser that made it or found it with its reference and mobile number. Anything else
is a 404, never a hint that the reference exists - a booking is never reached by its reference
alone.

Wrong guesses of a reference and mobile number count towards the same limit as the tracking
page's wrong guesses (the `tracking` rule of services/lib/throttle.py, one address's budget of
TRACKING_ATTEMPTS_PER_HOUR): both are a reference plus something only its holder knows, and a
guesser must not get two budgets by switching pages."""

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.http import Http404

from services.lib.clientip import client_ip
from services.lib.throttle import Rule, Throttle

from .models import Booking

SESSION_KEY = "offline_bookings"


def remember(request, booking):
    """This browser may see and change `booking` from now on (it made it, or typed its
    reference and mobile number)."""
    refs = request.session.get(SESSION_KEY, [])
    if booking.reference not in refs:
        request.session[SESSION_KEY] = [*refs, booking.reference][-20:]


def may_manage(request, booking):
    if booking.owner_id is not None and booking.owner_id == request.user.pk:
        return True
    return booking.reference in request.session.get(SESSION_KEY, [])


def booking_for(request, reference):
    """The booking `reference` names, for its owner or a browser that may manage it; 404 for
    anyone else and for a reference that does not exist (the same answer)."""
    qs = Booking.objects.select_related("centre__district", "service__department")
    booking = qs.filter(reference=str(reference)[:16]).first()
    if booking is None or not may_manage(request, booking):
        raise Http404
    return booking


def visits_of(user, limit=20):
    """A signed-in citizen's counter visits, for "My applications": the live ones (soonest
    first), then the others (cancelled, done; latest first), `limit` in all, in one query."""
    rows = (
        Booking.objects.filter(owner=user)
        .select_related("centre", "service")
        .only(
            "reference",
            "status",
            "starts_at",
            "ends_at",
            "centre__slug",
            "centre__name_zh",
            "centre__name_en",
            "service__slug",
            "service__name_zh",
            "service__name_en",
        )
        .annotate(live=Case(When(status=Booking.Status.BOOKED, then=Value(0)), default=Value(1)))
        .order_by("live", Case(When(status=Booking.Status.BOOKED, then=F("starts_at"))), "-starts_at")
    )
    return list(rows[:limit])


def lookup_throttle(request):
    return Throttle(Rule("tracking", settings.TRACKING_ATTEMPTS_PER_HOUR, 3600), client_ip(request))
