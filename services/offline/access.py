"""Every lookup of a citizen's booking from a request goes through here: the account that made
it, or a browser that made it or found it with its reference and mobile number. Anything else
is a 404, never a hint that the reference exists - a booking is never reached by its reference
alone.

Wrong guesses of a reference and mobile number count towards the same limit as the tracking
page's wrong guesses (the `tracking` rule of services/lib/throttle.py, one address's budget of
TRACKING_ATTEMPTS_PER_HOUR): both are a reference plus something only its holder knows, and a
guesser must not get two budgets by switching pages. A reference in a booking page's address
that is not the visitor's counts the same way: the pages answer it with a 404 (the find form,
the same for a real reference as for a made-up one), and with a 429 once the budget is used up;
the visitor's own bookings open whatever is left of it."""

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


class NotYours(Http404):
    """A booking reference that is not the visitor's: one that does not exist, or another
    person's (the same answer). `retry_after` > 0: the lookup budget is used up (a 429)."""

    def __init__(self, retry_after=0):
        super().__init__()
        self.retry_after = retry_after


def booking_for(request, reference):
    """The booking `reference` names, for its owner or a browser that may manage it. Anyone else
    gets NotYours (a 404), and the guess is counted."""
    qs = Booking.objects.select_related("centre__district", "service__department")
    booking = qs.filter(reference=str(reference)[:16]).first()
    if booking is not None and may_manage(request, booking):
        return booking
    throttle = lookup_throttle(request)
    wait = throttle.retry_after()
    if not wait:
        throttle.hit()
    raise NotYours(wait)


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
