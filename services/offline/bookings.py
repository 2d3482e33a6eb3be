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
"""

import datetime
import zlib

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from services.lib.references import is_valid_booking_reference, make_booking_reference, normalise_booking_reference
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
    )

    def __init__(self, code, message, alternatives=(), field=None):
        assert code in self.CODES, code
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.alternatives = list(alternatives)
        self.field = field

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
    same = live.filter(service=service).select_related("centre").first()
    if same is not None:
        raise BookingError(
            "one_per_service",
            _(
                "You already have a visit booked for this service (%(reference)s, %(when)s). "
                "Move or cancel that visit instead."
            )
            % {"reference": same.reference, "when": _when(same.starts_at)},
        )
    other = live.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if other is not None:
        raise BookingError(
            "overlap",
            _("You already have another visit booked at that time (%(reference)s, %(when)s). Choose another time.")
            % {"reference": other.reference, "when": _when(other.starts_at)},
            field="starts_at",
        )


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


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


# --- steps -----------------------------------------------------------------------------------


def book(*, centre, service, starts_at, name, phone, email="", owner=None, language, now=None):
    """Book a visit to `centre` for `service` at `starts_at` (an aware datetime that is a slot
    start); return the Booking. Raises BookingError (see its CODES)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    name, phone, email = _clean_person(name, phone, email)
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
            if Booking.objects.filter(phone=phone, service=service, status=Status.BOOKED).exists():
                # Booked at the same moment from another tab (SQLite); the constraint says no.
                raise BookingError(
                    "one_per_service",
                    _("You already have a visit booked for this service. Move or cancel that visit instead."),
                ) from None
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
    with transaction.atomic():
        _apply(booking, "cancel")
        _give_back(booking)
        transaction.on_commit(lambda: notifications.queue(booking.pk, "cancelled"), robust=True)
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
