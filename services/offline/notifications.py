"""Telling a citizen about their booked visit: confirmed, moved, cancelled, and the reminder the
day before. By email when they gave an address, otherwise by SMS (services.lib.notify), in the
language they booked in. Queued after the commit through the Django tasks API, so a slow mail
server or SMS gateway never slows or loses a booking.

Templates: offline/email/booking_<kind>_subject.txt, _text.txt and .html, and
offline/sms/booking_<kind>.txt (at most 70 Chinese characters: reference, centre, date, time).
"""

from django.conf import settings
from django.utils import timezone
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
    return send_to_person(
        email=booking.email,
        phone=booking.phone,
        language=booking.language or settings.LANGUAGE_CODE,
        context=context(booking),
        subject=f"offline/email/booking_{kind}_subject.txt",
        text=f"offline/email/booking_{kind}_text.txt",
        html=f"offline/email/booking_{kind}.html",
        sms=f"offline/sms/booking_{kind}.txt",
    )
