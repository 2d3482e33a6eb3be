"""Telling a citizen about their booked visit: confirmed, moved, cancelled, and the reminder the
day before. By email when they gave an address, otherwise by SMS (services.lib.notify), in the
language they booked in. Queued after the commit through the Django tasks API, so a slow mail
server or SMS gateway never slows or loses a booking.

Templates: offline/email/booking_<kind>_subject.txt, _text.txt and .html, and
offline/sms/booking_<kind>.txt (at most 70 Chinese characters: reference, centre, date, time).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from services.lib.notify import send_to_person

from .models import Booking

KINDS = ("confirmed", "moved", "cancelled", "reminder")


def queue(booking_id, kind):
    send_booking_message.enqueue(booking_id, kind)


def context(booking):
    return {
        "booking": booking,
        "centre": booking.centre,
        "centre_name": booking.centre.name,  # in the booking's language (see send_booking_message)
        "service": booking.service,
        "starts_at": timezone.localtime(booking.starts_at),
        "ends_at": timezone.localtime(booking.ends_at),
    }


@task()
def send_booking_message(booking_id, kind):
    """Send the `kind` message about a booking; returns "email", "sms", "none" or why not."""
    if kind not in KINDS:
        return "unknown kind"
    booking = Booking.objects.select_related("centre", "service").filter(pk=booking_id).first()
    if booking is None:
        return "missing"
    language = booking.language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = context(booking)
    return send_to_person(
        email=booking.email,
        phone=booking.phone,
        language=language,
        context=values,
        subject=f"offline/email/booking_{kind}_subject.txt",
        text=f"offline/email/booking_{kind}_text.txt",
        html=f"offline/email/booking_{kind}.html",
        sms=f"offline/sms/booking_{kind}.txt",
        # A centre's name can be long: the SMS cuts it to fit in one message.
        shorten=("centre_name",),
    )


def due_reminders(now=None):
    """The live bookings to remind now: visits tomorrow (local date) not reminded yet, booked
    before today (one booked today for tomorrow has just had its confirmation)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    tomorrow = now.date() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    today_start = timezone.make_aware(datetime.datetime.combine(now.date(), datetime.time.min))
    return Booking.objects.filter(
        status=Booking.Status.BOOKED,
        reminded_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
        created_at__lt=today_start,
    ).order_by("starts_at", "pk")


def send_reminders(now=None):
    """Queue the reminder of every booking due one, each once: the booking is marked by a
    conditional UPDATE of `reminded_at` first, so two runs at once never both send it (a move
    clears the mark, so the new time is reminded). Returns how many were queued."""
    now = timezone.localtime(now) if now else timezone.localtime()
    sent = 0
    for pk in due_reminders(now).values_list("pk", flat=True):
        with transaction.atomic():
            if Booking.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                transaction.on_commit(lambda pk=pk: queue(pk, "reminder"), robust=True)
                sent += 1
    return sent
