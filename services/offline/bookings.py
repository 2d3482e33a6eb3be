"""Booking a counter visit: the one module that writes bookings and the places in slots.

    book(...)            a new visit; raises BookingError with a translated message and the
                         nearest free alternatives when it cannot be had
    move(booking, t)     the same visit at another time of the same centre and service
    cancel(booking)      the visit is given up; its place is free again
    check_in / no_show   what happened at the counter (the clerk's steps)
    find(reference, phone)  a booking by what the citizen typed, or None

A slot is never over-booked, also when many people take its last place at once: the place is
taken by a conditional UPDATE (`booked < capacity`) of the slot's row inside the booking's
transaction - 0 rows updated means full. Giving a place back is an UPDATE of `booked - 1`.

One person - the same mobile number, or the same account - holds at most one live visit per
service (also a partial unique constraint on phone + service) and never two live visits whose
times overlap, at any centre. On PostgreSQL the check and the write are serialised per person
by a transaction-level advisory lock; SQLite runs one writing transaction at a time anyway
(IMMEDIATE transactions, portal/settings.py).

The citizen is told (email, or SMS without an address) after the commit, through the tasks
queue (services/offline/notifications.py).

A refusal is shown to whoever posted, who may have typed a stranger's mobile number: it never
names another visit (its reference, time or name). The visit it ran into is on the error
(`held`) for the page to link to when the signed-in account owns it.

Limits (README "Booking a counter visit", settings BOOKING_*): each booking, move and
cancellation sends the number a message, and anyone may type any number, so one number gets at
most BOOKING_MESSAGES_PER_NUMBER_PER_DAY of them; past that a booking or a move is refused
(`too_many_changes`; the citizen is told to call the centre) while a cancellation is still
done, without a message (refusing it would keep a place nobody will use). `address=` (the
pages pass the client's address) also limits new bookings per address and hour
(BOOKINGS_PER_ADDRESS_PER_HOUR) and the live visits booked from one address
(LIVE_BOOKINGS_PER_ADDRESS): `too_many_bookings`.
"""

import datetime
import hashlib
import math
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from services.lib.references import is_valid_booking_reference, make_booking_reference, normalise_booking_reference
from services.lib.throttle import Rule, Throttle, minutes
from services.lib.validators import mobile_or_none, validate_mainland_mobile

from . import notifications, slots
from .models import Booking, Slot

Status = Booking.Status
NAME_MAX_LENGTH = Booking._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = Booking._meta.get_field("email").max_length


class BookingError(Exception):
    """Why a booking step was refused.

    `code` is one of CODES; `message` is translated in the active language and says what to do;
    `alternatives` are SlotInfo the citizen could choose instead (nearest first in time order);
    `field` names the input at fault ("starts_at", "name", "phone", "email") or is None."""

    CODES = (
        "full",  # the slot has no free place
        "closed",  # the centre takes no visits that day
        "past",  # the time has started or passed
        "outside_window",  # further ahead than the centre's booking window
        "not_handled",  # the centre does not take bookings, or not for this service
        "malformed",  # not a time the centre's slots start at, or a bad name/number/address
        "one_per_service",  # the person already holds a visit for this service
        "overlap",  # the person holds another visit at an overlapping time
        "not_booked",  # the visit was already cancelled, checked in or marked not come
        "not_today",  # checking in a visit on another day than its own
        "too_early",  # marking a visit as not come before its time has started
        "too_many_changes",  # the mobile number has had its day's booking messages
        "too_many_bookings",  # too many bookings from the client's address (see book())
    )

    def __init__(self, code, message, alternatives=(), field=None, held=None, retry_after=0):
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.alternatives = list(alternatives)
        self.field = field
        self.held = held  # one_per_service / overlap: the visit it ran into (never in `message`)
        self.retry_after = retry_after  # too_many_*: seconds until it may be tried again

    def __str__(self):
        return self.message


# --- checks -------------------------------------------------------------------------------------


def _clean_person(name, phone, email):
    name = " ".join((name or "").split())
    if not name:
        raise BookingError("malformed", _("Enter the name of the person who will come"), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise BookingError(
            "malformed",
            _("A name can be at most %(limit)d characters") % {"limit": NAME_MAX_LENGTH},
            field="name",
        )
    try:
        phone = validate_mainland_mobile(phone)
    except ValidationError as error:
        raise BookingError("malformed", error.messages[0], field="phone") from None
    email = (email or "").strip()
    if email:
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise BookingError(
                "malformed", _("Enter an email address like name@example.com, or leave it empty"), field="email"
            ) from None
    return name, phone, email


def _check_time(centre, service, starts_at, now):
    """The SlotInfo `starts_at` names, or BookingError saying why it cannot be booked."""

    def refuse(code, message, field="starts_at"):
        after = starts_at if isinstance(starts_at, datetime.datetime) and timezone.is_aware(starts_at) else None
        raise BookingError(code, message, slots.nearest_free(centre, service, after=after, now=now), field)

    if not centre.bookable:
        raise BookingError("not_handled", _("This centre does not take bookings online."), field="centre")
    if not centre.services.filter(pk=service.pk).exists():
        raise BookingError(
            "not_handled",
            _("This centre does not handle this service. Choose another centre."),
            field="centre",
        )
    if not isinstance(starts_at, datetime.datetime) or timezone.is_naive(starts_at):
        refuse("malformed", _("Choose one of the times offered."))
    starts_at = timezone.localtime(starts_at)
    first, last = slots.window(centre, now)
    day = starts_at.date()
    if starts_at <= now:
        refuse("past", _("This time has passed. Choose a later time."))
    if day > last:
        refuse(
            "outside_window",
            _("Visits can be booked at most %(days)d days ahead. Choose an earlier date.")
            % {"days": centre.booking_days_ahead},
        )
    day_slots = slots.day_slots(centre, service, day, now=now)
    if not day_slots:
        refuse("closed", _("The centre is closed on %(date)s. Choose another date.") % {"date": f"{day:%Y-%m-%d}"})
    info = next((s for s in day_slots if s.starts_at == starts_at), None)
    if info is None:
        refuse("malformed", _("Choose one of the times offered."))
    if info.free <= 0:
        refuse("full", _("This time has just been fully booked. Choose another time."))
    return info


def check_time(centre, service, starts_at, now=None):
    """The BookingError booking `starts_at` would meet on the time alone, or None: for a page
    that reports every fault at once (a bad email does not hide a past time)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    try:
        _check_time(centre, service, starts_at, now)
    except BookingError as refused:
        return refused
    return None


def _lock_person(phone, owner):
    """Serialise bookings of one person on PostgreSQL until the transaction ends."""
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        {zlib.crc32(f"booking:phone:{phone}".encode())}
        | ({zlib.crc32(f"booking:user:{owner.pk}".encode())} if owner else set())
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _check_person(service, phone, owner, starts_at, ends_at, exclude=None):
    person = Q(phone=phone) | (Q(owner=owner) if owner else Q())
    live = Booking.objects.filter(person, status=Status.BOOKED)
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
    same = live.filter(service=service).first()
    if same is not None:
        raise BookingError("one_per_service", _one_per_service_message(), held=same)
    other = live.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if other is not None:
        raise BookingError(
            "overlap",
            _(
                "This mobile number already has another visit at an overlapping time: choose another time, "
                "or use Find your booking to see, move or cancel that visit."
            ),
            field="starts_at",
            held=other,
        )


def _one_per_service_message():
    return _(
        "This mobile number already has a visit for this service: use Find your booking to see, move or cancel it."
    )


def _take_place(centre, service, starts_at, places):
    """Take one place in the slot; False when it is full. Inside the caller's transaction."""
    for _attempt in range(3):
        slot = Slot.objects.filter(centre=centre, service=service, starts_at=starts_at).only("pk").first()
        if slot is None:
            try:
                with transaction.atomic():
                    slot = Slot.objects.create(centre=centre, service=service, starts_at=starts_at)
            except IntegrityError:
                continue  # created at the same moment by someone else: read theirs
        return Slot.objects.filter(pk=slot.pk, booked__lt=places).update(booked=F("booked") + 1) == 1
    return False


def _give_back(booking):
    Slot.objects.filter(
        centre_id=booking.centre_id, service_id=booking.service_id, starts_at=booking.starts_at, booked__gt=0
    ).update(booked=F("booked") - 1)


def _full(centre, service, starts_at, now):
    return BookingError(
        "full",
        _("This time has just been fully booked. Choose another time."),
        slots.nearest_free(centre, service, after=starts_at, now=now),
        "starts_at",
    )


# --- limits -----------------------------------------------------------------------------------


def message_budget(phone):
    """The booking messages (booked, moved, cancelled) one mobile number is sent in a day."""
    return Throttle(Rule("booking-messages", settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY, 24 * 3600), phone)


def _check_message_budget(phone, centre):
    wait = message_budget(phone).retry_after()
    if not wait:
        return
    if centre.phone:
        message = _(
            "Too many bookings and changes for this mobile number today. "
            "Try again tomorrow, or call the centre on %(phone)s."
        ) % {"phone": centre.phone}
    else:
        message = _(
            "Too many bookings and changes for this mobile number today. "
            "Try again tomorrow, or call the citizen hotline on 12345."
        )
    raise BookingError("too_many_changes", message, field="phone", retry_after=wait)


def address_throttle(address):
    """New bookings from one client address in an hour."""
    return Throttle(Rule("booking-address", settings.BOOKINGS_PER_ADDRESS_PER_HOUR, 3600), address)


def _shared_cache():
    # The cache the throttles count in (services/lib/throttle.py): every process sees it.
    return caches["shared"] if "shared" in settings.CACHES else caches["default"]


def _live_key(address):
    return "booking-live:" + hashlib.sha256(str(address).encode()).hexdigest()[:40]


def _live_from(address, now):
    """The visits booked from `address` that are still to come. The address is not stored on
    the booking: the shared cache keeps, per hashed address, the ids of the visits booked from
    it until the last of them is over."""
    ids = _shared_cache().get(_live_key(address)) or []
    return Booking.objects.filter(pk__in=ids, status=Status.BOOKED, ends_at__gt=now)


def _check_address(address, now):
    wait = address_throttle(address).retry_after()
    if wait:
        wait_minutes = minutes(wait)
        raise BookingError(
            "too_many_bookings",
            ngettext(
                "Too many visits have been booked from your connection in the last hour. "
                "Try again in %(minutes)d minute, or call the citizen hotline on 12345.",
                "Too many visits have been booked from your connection in the last hour. "
                "Try again in %(minutes)d minutes, or call the citizen hotline on 12345.",
                wait_minutes,
            )
            % {"minutes": wait_minutes},
            retry_after=wait,
        )
    limit = settings.LIVE_BOOKINGS_PER_ADDRESS
    live = list(_live_from(address, now).values_list("ends_at", flat=True)[:limit])
    if len(live) >= limit:
        raise BookingError(
            "too_many_bookings",
            ngettext(
                "%(limit)d visit booked from your connection is still to come, the most one connection "
                "may hold. Cancel it if you no longer need it, or call the citizen hotline on 12345.",
                "%(limit)d visits booked from your connection are still to come, the most one connection "
                "may hold. Cancel one you no longer need, or call the citizen hotline on 12345.",
                limit,
            )
            % {"limit": limit},
            retry_after=max(1, math.ceil((min(live) - now).total_seconds())),
        )


def _count_address(address, booking, now):
    address_throttle(address).hit()
    cache, key = _shared_cache(), _live_key(address)
    ids = [*_live_from(address, now).values_list("pk", flat=True)[:50], booking.pk]
    keep = max(b.ends_at for b in Booking.objects.filter(pk__in=ids).only("ends_at")) - now
    cache.set(key, ids, math.ceil(keep.total_seconds()) + 60)


# --- steps -----------------------------------------------------------------------------------


def book(*, centre, service, starts_at, name, phone, email="", owner=None, language, now=None, address=None):
    """Book a visit to `centre` for `service` at `starts_at` (an aware datetime that is a slot
    start); return the Booking. Raises BookingError (see its CODES). `address`: the client's
    address, for the per-address limits (the citizens' pages give it; a clerk or the demo not)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    if address is not None:
        _check_address(address, now)
    name, phone, email = _clean_person(name, phone, email)
    _check_message_budget(phone, centre)
    info = _check_time(centre, service, starts_at, now)
    with transaction.atomic():
        _lock_person(phone, owner)
        _check_person(service, phone, owner, info.starts_at, info.ends_at)
        if not _take_place(centre, service, info.starts_at, info.capacity):
            full = True
        else:
            full = False
            booking = _create(centre, service, info, name, phone, email, owner, language)
        if not full:
            transaction.on_commit(lambda: notifications.queue(booking.pk, "confirmed"), robust=True)
    if full:
        raise _full(centre, service, info.starts_at, now)
    message_budget(phone).hit()
    if address is not None:
        _count_address(address, booking, now)
    return booking


def _create(centre, service, info, name, phone, email, owner, language):
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    reference=make_booking_reference(),
                    centre=centre,
                    service=service,
                    starts_at=info.starts_at,
                    ends_at=info.ends_at,
                    name=name,
                    phone=phone,
                    email=email,
                    owner=owner,
                    language=language,
                )
        except IntegrityError:
            held = Booking.objects.filter(phone=phone, service=service, status=Status.BOOKED).first()
            if held is not None:
                # Booked at the same moment from another tab (SQLite); the constraint says no.
                raise BookingError("one_per_service", _one_per_service_message(), held=held) from None
            # Otherwise the random reference was taken: draw another.
    raise RuntimeError("could not draw a free booking reference")


def move(booking, starts_at, now=None):
    """Move a live visit to another time of the same centre and service; return it. The new
    place is taken and the old one given back in one transaction; the reminder is sent again."""
    now = timezone.localtime(now) if now else timezone.localtime()
    _check_live(booking, now)
    centre, service = booking.centre, booking.service
    if isinstance(starts_at, datetime.datetime) and starts_at == booking.starts_at:
        return booking
    _check_message_budget(booking.phone, centre)
    info = _check_time(centre, service, starts_at, now)
    with transaction.atomic():
        _lock_person(booking.phone, booking.owner)
        _check_person(service, booking.phone, booking.owner, info.starts_at, info.ends_at, exclude=booking)
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != Status.BOOKED:
            raise _not_booked()
        if not _take_place(centre, service, info.starts_at, info.capacity):
            full = True
        else:
            full = False
            _give_back(locked)
            Booking.objects.filter(pk=booking.pk).update(
                starts_at=info.starts_at, ends_at=info.ends_at, reminded_at=None, changed_at=timezone.now()
            )
            transaction.on_commit(lambda: notifications.queue(booking.pk, "moved"), robust=True)
    if full:
        raise _full(centre, service, info.starts_at, now)
    message_budget(booking.phone).hit()
    booking.refresh_from_db()
    return booking


def _not_booked():
    return BookingError("not_booked", _("This visit is no longer booked: it was cancelled or has taken place."))


def _check_live(booking, now):
    if booking.status != Status.BOOKED:
        raise _not_booked()
    if booking.starts_at <= now:
        raise BookingError("past", _("This visit has started or passed and can no longer be changed."))


# One table of the steps a booking takes: step -> (the status it must have, the status it gets).
STEPS = {
    "cancel": (Status.BOOKED, Status.CANCELLED),
    "check_in": (Status.BOOKED, Status.CHECKED_IN),
    "no_show": (Status.BOOKED, Status.NO_SHOW),
}


def _apply(booking, step, **fields):
    """Apply `step` if the booking still has the status it needs (a conditional UPDATE, so two
    clerks or two tabs at once cannot both do it); refresh `booking`."""
    before, after = STEPS[step]
    changed = Booking.objects.filter(pk=booking.pk, status=before).update(
        status=after, changed_at=timezone.now(), **fields
    )
    if not changed:
        booking.refresh_from_db()
        raise _not_booked()
    booking.refresh_from_db()
    return booking


def cancel(booking, by=None, now=None):
    """Cancel a live visit that has not started and give its place back. `by` is the clerk who
    cancels it for the citizen (None: the citizen). The citizen is told after the commit."""
    now = timezone.localtime(now) if now else timezone.localtime()
    _check_live(booking, now)
    budget = message_budget(booking.phone)
    # Past the number's messages for the day it is still cancelled (refusing would keep a place
    # nobody will use), without a message: the page says it is done.
    tell = not budget.retry_after()
    with transaction.atomic():
        _apply(booking, "cancel")
        _give_back(booking)
        if tell:
            transaction.on_commit(lambda: notifications.queue(booking.pk, "cancelled"), robust=True)
    if tell:
        budget.hit()
    return booking


def check_in(booking, clerk, now=None):
    """The person came to the counter: on the day of the visit only (early or late that day)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    if booking.status == Status.BOOKED and timezone.localdate(booking.starts_at) != now.date():
        raise BookingError(
            "not_today",
            _("This visit is booked for %(date)s; it can only be checked in on that day.")
            % {"date": f"{timezone.localtime(booking.starts_at):%Y-%m-%d}"},
        )
    with transaction.atomic():
        return _apply(booking, "check_in", checked_in_at=now, checked_in_by=clerk)


def no_show(booking, clerk, now=None):
    """The person did not come: once the visit's time has started. The place stays used."""
    now = timezone.localtime(now) if now else timezone.localtime()
    if booking.status == Status.BOOKED and booking.starts_at > now:
        raise BookingError("too_early", _("A visit can only be marked as not come once its time has started."))
    with transaction.atomic():
        return _apply(booking, "no_show", checked_in_by=clerk)


def find(reference, phone):
    """The booking with this reference and mobile number as the citizen typed them (forgiving
    spaces, case, +86 and misread letters), or None when either is not well formed or they do
    not belong together. Says nothing about which part was wrong."""
    if not is_valid_booking_reference(reference):
        return None
    phone = mobile_or_none(phone)
    if phone is None:
        return None
    return (
        Booking.objects.select_related("centre", "service")
        .filter(reference=normalise_booking_reference(reference), phone=phone)
        .first()
    )
