"""The demo's booked visits (data/visits.yaml) at the demo clerk's service centre, made through
services.offline.bookings like a citizen's booking.

A visit's day is the centre's first or second open day from today (slots.open_days), so the
counter page has visits today - or on the next day the centre opens, at a weekend or a holiday.
Bookings are made with a clock at the start of today, so today's morning slots can be booked
however late in the day the demo is loaded.

Idempotent: a demo visit is the live booking of its mobile number for its service (the rule of
one visit per service). One booked for today or later is kept; one left on a day that has
passed is marked "did not come" by the clerk (bookings.no_show) and booked anew.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from services.catalogue.models import Service
from services.offline import bookings, slots
from services.offline.models import Booking

from .catalogue import DemoDataError, check
from .files import read

VISIT_FIELDS = ("day", "time", "service", "language")
VISIT_OPTIONAL = ("name", "phone", "email", "citizen")


@dataclass(frozen=True)
class DemoVisit:
    day: int
    time: datetime.time
    service: str
    language: str
    name: str = ""
    phone: str = ""
    email: str = ""
    citizen: bool = False


def _visit(entry, where):
    check(entry, where, VISIT_FIELDS, VISIT_OPTIONAL)
    if entry["day"] not in (0, 1):
        raise DemoDataError(f"{where}: day must be 0 (the first open day) or 1 (the next), not {entry['day']!r}")
    try:
        time = datetime.time.fromisoformat(str(entry["time"]))
    except ValueError:
        raise DemoDataError(f'{where}: time must be "HH:MM" in quotes, not {entry["time"]!r}') from None
    if not entry.get("citizen") and not (entry.get("name") and entry.get("phone")):
        raise DemoDataError(f"{where}: a visit needs a name and a phone, or citizen: true")
    return DemoVisit(**{**entry, "time": time})


DEMO_VISITS = [_visit(entry, f"visits.yaml, visit {n}") for n, entry in enumerate(read("visits.yaml")["visits"], 1)]


def demo_visit_days(centre, today):
    """The centre's first two open days from `today` (today included), at most a month ahead."""
    return slots.open_days(centre, today, today + datetime.timedelta(days=31))[:2]


def _start(centre, service, day, time, now):
    """The slot start for a visit at `time` on `day`: the first slot at or after it, else the
    day's last; a later free one when that is full."""
    times = slots.day_slots(centre, service, day, now=now)
    if not times:
        return None
    wanted = [info for info in times if info.starts_at.time() >= time] or times[-1:]
    free = [info for info in times if info.starts_at >= wanted[0].starts_at and info.free]
    return (free or wanted)[0].starts_at


def load_demo_visits(stdout=None):
    """Book the demo visits at the demo clerk's centre that are not booked yet. Returns counts:
    booked now, kept, marked "did not come", and skipped (no clerk, centre or open day)."""
    User = get_user_model()
    counts = {"booked": 0, "kept": 0, "no_show": 0, "skipped": 0}
    clerk = User.objects.filter(username="clerk", centre__isnull=False).select_related("centre").first()
    demo_citizen = read("applications.yaml")["citizen"]
    citizen = User.objects.filter(username=demo_citizen["username"]).first()
    centre = clerk.centre if clerk else None
    today = timezone.localdate()
    days = demo_visit_days(centre, today) if centre and centre.bookable else []
    if len(days) < 2:
        counts["skipped"] = len(DEMO_VISITS)
        return counts
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    services = {s.slug: s for s in Service.objects.filter(slug__in=[v.service for v in DEMO_VISITS])}
    handled = set(centre.services.values_list("slug", flat=True))
    for n, visit in enumerate(DEMO_VISITS, 1):
        if visit.service not in handled or visit.service not in services:
            raise DemoDataError(f"visits.yaml, visit {n}: {centre.slug} does not handle {visit.service!r}")
        if visit.citizen and citizen is None:
            counts["skipped"] += 1
            continue
        service = services[visit.service]
        person = (
            {"name": demo_citizen["applicant_name"], "phone": citizen.phone, "email": citizen.email}
            if visit.citizen
            else {"name": visit.name, "phone": visit.phone, "email": visit.email}
        )
        live = Booking.objects.filter(phone=person["phone"], service=service, status=Booking.Status.BOOKED).first()
        if live is not None and timezone.localdate(live.starts_at) >= today:
            counts["kept"] += 1
            continue
        if live is not None:
            bookings.no_show(live, clerk)
            counts["no_show"] += 1
        starts_at = _start(centre, service, days[visit.day], visit.time, now)
        if starts_at is None:
            counts["skipped"] += 1
            continue
        try:
            bookings.book(
                centre=centre,
                service=service,
                starts_at=starts_at,
                owner=citizen if visit.citizen else None,
                language=visit.language,
                now=now,
                **person,
            )
        except bookings.BookingError:
            counts["skipped"] += 1  # e.g. every later slot of the day is full: the demo does without
            continue
        counts["booked"] += 1
    if stdout is not None:
        stdout.write(
            f"  visits booked at {centre.name_en}: {counts['booked']} now, {counts['kept']} kept "
            f"({days[0]:%Y-%m-%d} and {days[1]:%Y-%m-%d})"
        )
    return counts
