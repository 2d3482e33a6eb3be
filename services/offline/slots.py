"""Slot arithmetic: which days a centre is open for bookings, which times it offers for a
service, and how many places are left in each.

A day is open for bookings at a centre when all of these hold:

1. the city's calendar (services.applications.workdays.Calendar: the staff-edited CalendarDay
   table first, then the chinese-calendar package, then Monday to Friday) does not make it a
   holiday, and the centre has opening hours for it:
   - a working day from Monday to Friday uses the centre's hours for that weekday;
   - a make-up working day (a Saturday or Sunday the State Council makes a working day) uses
     the centre's MONDAY hours: the city works a normal weekday, and so does the centre;
   - a Monday to Friday that is not a working day is a public holiday: closed;
   - a Saturday or Sunday that is a public holiday (Calendar.is_public_holiday: a day of a
     holiday period of the State Council's calendar, 春节, 国庆节..., as the CalendarDay table
     or the package names it) is closed;
   - any other Saturday or Sunday uses the centre's own hours for that day, if it has any
     (some centres open on Saturday mornings for booked visits). It does not matter what the
     days around it are: a weekend beside a one-day holiday (2024's Dragon Boat Festival on
     Monday 10 June, "与周末连休") is an ordinary weekend, and a holiday on a Sunday between
     a working Friday and Monday (Mid-autumn 2015) is closed. Beyond the package's years only
     CalendarDay rows name holidays: staff enter a holiday period's weekend days too;
2. it is not one of the centre's own closures (CentreClosure) - which is also how a centre
   closes a weekend the rule above would open.

Slots run from each opening time in steps of the centre's `slot_minutes`; a slot must end by
the closing time (a 09:00-12:00 span with 40-minute slots gives 09:00, 09:40, 10:20, 11:00 and
no 11:40). A slot holds `capacity(centre, service)` visits: the service's own counter number
(ServiceCounters) or the centre-wide `counters`. The places taken come from the Slot rows
(`booked`, raised and lowered only by offline/bookings.py).

The booking window runs from now (a slot that has started is past) to the end of the day
`booking_days_ahead` days after today. All times are in the portal's time zone
(settings.TIME_ZONE, Asia/Shanghai); datetimes returned are aware.

Queries do not grow with the number of slots: one for the opening hours (none when the
caller prefetched the centre's `opening_hours`), one for the closures, one for the capacity, one
for the Slot rows of the whole day range, plus the calendar's one query per year (kept per
process). A page that asks several questions about one centre and service (the time picker:
the bookable days, then one day's times) uses one `Schedule`, which reads all of that once for
the booking window. A page that only shows times (the time picker) may ask it to keep the hours,
closures and capacity per process (`kept=True`, services.lib.cache.kept: renewed at once in
this process and within CATALOGUE_VERSION_TTL in the others after a write to a centre, its hours,
closures or counters); then only the places taken are read. The places taken are never kept,
and a booking (offline.bookings) reads everything afresh.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from services.applications.workdays import Calendar
from services.lib import cache

from .models import CentreClosure, OpeningHours, ServiceCounters, Slot

MONDAY = OpeningHours.Weekday.MONDAY


@dataclass(frozen=True)
class SlotInfo:
    """One bookable time for one service at one centre."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    booked: int
    past: bool

    @property
    def free(self):
        return max(self.capacity - self.booked, 0)

    @property
    def available(self):
        """Can it be booked now: not started and with a free place."""
        return not self.past and self.free > 0


def _now(now):
    return timezone.localtime(now) if now is not None else timezone.localtime()


def _aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def capacity(centre, service):
    """How many visits for `service` one slot of `centre` holds: the service's own number of
    counters at the centre (ServiceCounters) or, without one, the centre-wide `counters`."""
    own = ServiceCounters.objects.filter(centre=centre, service=service).values_list("counters", flat=True).first()
    return own or centre.counters


def window(centre, now=None):
    """(first day, last day) of the booking window: today to today + booking_days_ahead."""
    today = _now(now).date()
    return today, today + datetime.timedelta(days=centre.booking_days_ahead)


class _Days:
    """Opening hours, closures and the calendar of one centre, read once for a run of days.
    Each day's spans and slot times are worked out once too: a kept _Days (Schedule(kept=True))
    answers later requests from memory (the calendar package alone costs tens of microseconds
    a day)."""

    def __init__(self, centre, start, end):
        self.calendar = Calendar()
        self.calendar.preload(start, end)
        self.hours = {}
        # .all() uses the caller's prefetch_related("opening_hours") when there is one.
        for row in sorted(centre.opening_hours.all(), key=lambda row: (row.weekday, row.opens)):
            self.hours.setdefault(row.weekday, []).append((row.opens, row.closes))
        self.closed = set(
            CentreClosure.objects.filter(centre=centre, date__gte=start, date__lte=end).values_list("date", flat=True)
        )
        self._spans, self._times = {}, {}

    def spans(self, day):
        """The (opens, closes) spans of `day`, or [] when the centre does not take visits."""
        if day not in self._spans:
            self._spans[day] = self._day_spans(day)
        return self._spans[day]

    def times(self, day, minutes):
        """The (starts_at, ends_at) of every slot of `day` (`minutes` long), in order."""
        if (day, minutes) not in self._times:
            self._times[day, minutes] = list(_starts(self.spans(day), day, minutes))
        return self._times[day, minutes]

    def _day_spans(self, day):
        if day in self.closed:
            return []
        weekday = day.weekday()
        weekend = weekday >= OpeningHours.Weekday.SATURDAY
        if self.calendar.is_working_day(day):
            # A make-up working day on a weekend: the centre works a normal weekday.
            return self.hours.get(MONDAY if weekend else weekday, [])
        if not weekend or self.calendar.is_public_holiday(day):
            return []
        return self.hours.get(weekday, [])


def _starts(spans, day, minutes):
    """The (starts_at, ends_at) of every slot of `day` in `spans`, in order."""
    step = datetime.timedelta(minutes=minutes)
    for opens, closes in spans:
        start, end = _aware(day, opens), _aware(day, closes)
        while start + step <= end:
            yield start, start + step
            start += step


def open_days(centre, start, end):
    """The days from `start` to `end` (dates, both included) on which `centre` takes visits:
    the city's working days on which the centre has hours (a make-up working day on a weekend
    uses the Monday hours), plus weekend days on which it has hours and that are not public
    holidays, minus the centre's closures (see the module's docstring)."""
    if end < start:
        return []
    days = _Days(centre, start, end)
    result, day = [], start
    while day <= end:
        if days.spans(day):
            result.append(day)
        day += datetime.timedelta(days=1)
    return result


def _booked(centre, service, start, end):
    """{starts_at: booked} from the Slot rows between two aware datetimes, in one query."""
    rows = Slot.objects.filter(centre=centre, service=service, starts_at__gte=start, starts_at__lt=end)
    return dict(rows.values_list("starts_at", "booked"))


def _day_range(first, last):
    """(start of `first`, start of the day after `last`) as aware datetimes."""
    return _aware(first, datetime.time.min), _aware(last + datetime.timedelta(days=1), datetime.time.min)


def _slots(centre, service, first, last, now, days=None, places=None, booked=None):
    """Every SlotInfo from day `first` to day `last` (both included), in time order."""
    now = _now(now)
    days = days or _Days(centre, first, last)
    places = capacity(centre, service) if places is None else places
    booked = _booked(centre, service, *_day_range(first, last)) if booked is None else booked
    day = first
    while day <= last:
        for starts_at, ends_at in days.times(day, centre.slot_minutes):
            yield SlotInfo(starts_at, ends_at, places, booked.get(starts_at, 0), starts_at <= now)
        day += datetime.timedelta(days=1)


class Schedule:
    """The days and times of one service at one centre over its booking window, for a page
    that asks several questions in a row (the time picker: the bookable days, then one day's
    times). The hours, closures, capacity and Slot rows of the whole window are read once, on
    the first question that needs them (nothing at all for a centre that takes no bookings);
    each answer is the same as the module function of the same name. With kept=True the hours,
    closures and capacity come from the process's kept data (see the module's docstring)."""

    def __init__(self, centre, service, now=None, kept=False):
        self.centre, self.service, self.kept = centre, service, kept
        self.now = _now(now)
        self.first, self.last = window(centre, self.now)

    @cached_property
    def _setup(self):
        def load():
            return _Days(self.centre, self.first, self.last), capacity(self.centre, self.service)

        if not self.kept:
            return load()
        return cache.kept(("slot-setup", self.centre.pk, self.service.pk, self.first, self.last), load)

    @property
    def _days(self):
        return self._setup[0]

    @property
    def places(self):
        return self._setup[1]

    @cached_property
    def _booked(self):
        return _booked(self.centre, self.service, *_day_range(self.first, self.last))

    def _slots(self, first, last):
        return _slots(
            self.centre, self.service, first, last, self.now, days=self._days, places=self.places, booked=self._booked
        )

    def fingerprint(self):
        """What this schedule's answers depend on besides the kept hours, closures and capacity:
        the window, how many of today's times have started, and the places taken as the window's
        Slot rows' (id, booked) - one query of integers, cheaper than reading their times. A
        booking, a move or a cancellation changes it; equal fingerprints, equal answers (for a
        kept Schedule of the same kept data)."""
        today = self._days.times(self.first, self.centre.slot_minutes)
        started = sum(1 for starts_at, _ends_at in today if starts_at <= self.now)
        start, end = _day_range(self.first, self.last)
        rows = Slot.objects.filter(centre=self.centre, service=self.service, starts_at__gte=start, starts_at__lt=end)
        return self.first, self.last, started, tuple(rows.order_by("id").values_list("id", "booked"))

    def bookable_days(self):
        """The open days in the window that still have a free slot (today only if a slot that
        has not started is free); [] when the centre does not take bookings. A day counts at
        its first free slot: the rest of it is never looked at."""
        if not self.centre.bookable:
            return []
        found, day = [], self.first
        while day <= self.last:
            for starts_at, _ends_at in self._days.times(day, self.centre.slot_minutes):
                if starts_at > self.now and self._booked.get(starts_at, 0) < self.places:
                    found.append(day)
                    break
            day += datetime.timedelta(days=1)
        return found

    def day_slots(self, day):
        """As day_slots(): every slot of `day`, past and full ones included. A day outside the
        window is read on its own."""
        if not self.first <= day <= self.last:
            return day_slots(self.centre, self.service, day, now=self.now)
        return list(self._slots(day, day))

    def nearest_free(self, after=None, limit=3):
        """As nearest_free()."""
        if not self.centre.bookable:
            return []
        free = [info for info in self._slots(self.first, self.last) if info.available]
        target = after or self.now
        free.sort(key=lambda info: (abs(info.starts_at - target), info.starts_at))
        return sorted(free[:limit], key=lambda info: info.starts_at)


def bookable_days(centre, service, now=None):
    """The open days in the booking window that still have a free slot for `service` (today
    only if a slot that has not started is free). [] when the centre does not take bookings."""
    return Schedule(centre, service, now).bookable_days()


def day_slots(centre, service, day, now=None):
    """Every slot of `day` for `service` (past and full ones included, marked so), in time
    order; [] on a closed day. Does not look at the booking window: callers that offer the
    slots check `day` is inside it (bookings.book does)."""
    return list(_slots(centre, service, day, day, now))


def nearest_free(centre, service, after=None, limit=3, now=None):
    """Up to `limit` free slots in the booking window, nearest to `after` (an aware datetime;
    default now) first - both before and after it, ordered by distance, then time. Used to
    offer alternatives when a chosen time is full, closed or past."""
    return Schedule(centre, service, now).nearest_free(after=after, limit=limit)


def next_free(centre, service, now=None):
    """The first free slot from now within the booking window, or None. Cheap enough to call
    per centre on a guide page: it reads a week at a time and stops at the first free slot."""
    now = _now(now)
    if not centre.bookable:
        return None
    first, last = window(centre, now)
    days = _Days(centre, first, last)
    places = capacity(centre, service)
    start = first
    while start <= last:
        stop = min(start + datetime.timedelta(days=6), last)
        for info in _slots(centre, service, start, stop, now, days=days, places=places):
            if info.available:
                return info
        start = stop + datetime.timedelta(days=1)
    return None
