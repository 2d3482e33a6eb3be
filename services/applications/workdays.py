"""Working days in mainland China, for application deadlines.

A day is a working day according to, in this order:

1. the CalendarDay table, which staff edit in the admin (a public holiday on a weekday, or a
   make-up working day on a weekend) - so the State Council's calendar for a year the package
   does not know yet can be entered by hand, and any package mistake corrected;
2. the `chinese-calendar` package, within the years it knows (2004-2026 for 1.11);
3. Monday to Friday, as the fallback beyond that.

A year's CalendarDay rows are read with one query and kept per process like the catalogue's
reference data (`services.lib.cache.kept`): an edit in the admin counts at once in the
process that made it and within CATALOGUE_VERSION_TTL seconds in the others.

Counting convention: the start date itself is never counted. `add_working_days(d, n)` is the
n-th working day after d; `working_days_between(a, b)` counts the working days in (a, b].
"""

import datetime

import chinese_calendar
from django.utils import timezone
from django.utils.translation import gettext

from services.lib.cache import kept

from .models import CalendarDay

WEEKEND = (5, 6)  # Saturday, Sunday


def today():
    """Today's date in the portal's time zone (settings.TIME_ZONE, Asia/Shanghai)."""
    return timezone.localdate()


def _as_date(value):
    """A date from a date or a datetime (an aware datetime is read in the portal's time zone)."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _exceptions(years):
    """{date: is_working_day} for the CalendarDay rows in `years`, in one query."""
    years = sorted(set(years))
    if not years:
        return {}
    rows = CalendarDay.objects.filter(
        date__gte=datetime.date(years[0], 1, 1), date__lte=datetime.date(years[-1], 12, 31)
    ).values_list("date", "kind")
    wanted = set(years)
    return {day: kind == CalendarDay.Kind.WORKDAY for day, kind in rows if day.year in wanted}


def package_knows(year):
    """Whether the installed chinese-calendar has the official calendar for `year`."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class Calendar:
    """The working-day rule for many questions in a row (a reminder run, a demo load): loads a
    year's CalendarDay rows the first time a day of that year is asked about, and keeps them
    for as long as the object lives. The module's functions make one per call.

    `is_working_day(day)`, `add(day, n)` and `between(start, end)` take dates and follow the
    counting convention above (as is_working_day, add_working_days, working_days_between)."""

    def __init__(self):
        self._years = {}

    def _year(self, year):
        if year not in self._years:
            self._years[year] = kept(("calendar-year", year), lambda: _exceptions([year]))
        return self._years[year]

    def preload(self, start, end):
        for year in range(start.year, end.year + 1):
            self._year(year)

    def is_working_day(self, day):
        override = self._year(day.year).get(day)
        if override is not None:
            return override
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() not in WEEKEND

    def is_public_holiday(self, day):
        """Whether `day` is an official public holiday (a day of 春节, 国庆节...): a CalendarDay
        row of kind "holiday", else the package's holiday detail. Never a make-up working day
        (调休), and never an ordinary weekend: opening hours that change on public holidays
        (services.life.hours) must not change every Saturday. Beyond the package's years only
        CalendarDay rows count."""
        override = self._year(day.year).get(day)
        if override is not None:
            return not override
        try:
            holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return False
        return holiday and name is not None

    def add(self, start, n):
        if n < 0:
            raise ValueError("n must be 0 or more working days")
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += datetime.timedelta(days=1)
            return day
        while n:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def between(self, start, end):
        if end <= start:
            return 0
        self.preload(start + datetime.timedelta(days=1), end)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def is_working_day(day):
    """Whether `day` (a date, or an aware datetime read in local time) is a working day."""
    return Calendar().is_working_day(_as_date(day))


def add_working_days(start_date, n):
    """The date n working days after `start_date`, which is itself not counted: the deadline is
    the n-th working day after it (for n >= 1, always later than `start_date`).

    n = 0 means "the same day": `start_date` if it is a working day, otherwise the next working
    day (for services decided on the spot). A negative n is a ValueError.
    """
    return Calendar().add(_as_date(start_date), n)


def working_days_between(start, end):
    """The number of working days d with start < d <= end (0 if end <= start)."""
    return Calendar().between(_as_date(start), _as_date(end))


def extend_by_pause(due_date, paused_from, paused_to):
    """`due_date` moved later by the working days in the pause (paused_from, paused_to]: the
    clock stops while the department waits for the citizen. A pause without working days in it
    leaves the date as it is; a missing due date stays missing."""
    if due_date is None:
        return None
    calendar = Calendar()
    due_date = _as_date(due_date)
    paused = calendar.between(_as_date(paused_from), _as_date(paused_to))
    return calendar.add(due_date, paused) if paused else due_date


def unknown_calendar_years(days):
    """The years of `days` (dates; None ignored) whose public holidays nothing gives: the
    package does not know them and staff have entered no Calendar days row of theirs yet.
    Deadlines in them are counted with weekends only. No query unless such a year is asked about."""
    years = sorted({day.year for day in days if day is not None and not package_knows(day.year)})
    if not years:
        return []
    entered = {d.year for d in CalendarDay.objects.filter(date__year__in=years).dates("date", "year")}
    return [year for year in years if year not in entered]


def calendar_gap_warning(days):
    """The staff queues' warning when a deadline in `days` falls in a year the calendar does not
    know (None when every year is known)."""
    years = unknown_calendar_years(days)
    if not years:
        return None
    listed = ", ".join(str(year) for year in years)
    return gettext(
        "Deadlines in %(years)s are counted without that year's public holidays: the working-day "
        "calendar does not know it yet. Enter the State Council's holiday calendar (published each "
        "November) in Calendar days."
    ) % {"years": listed}
