"""Opening hours of digital-life entries: "open now", the week's hours and the status line.

One rule, written twice - once in SQL for lists (`open_at`, the "open now" filter) and once in
Python for one entry already loaded (`is_open`, `status`); tests/life/test_open_now.py checks
that the two agree over a grid of times and entries.

The rule, in the portal's time zone (settings.TIME_ZONE, Asia/Shanghai):

- An Hours row belongs to the day it starts on. A span whose closing time is not after its
  opening time runs past midnight: Monday 20:00-02:00 is open from Monday 20:00 to Tuesday
  02:00, and 00:00-00:00 is the whole day. So at 01:00 on Tuesday an entry is open when
  Monday's hours say so - and whether that Monday was a public holiday decides which hours
  Monday had.
- On a public holiday (Calendar.is_public_holiday: 春节, 国庆节..., never an ordinary weekend)
  the entry's `holiday_hours` decides: "usual" keeps the weekday's own hours, "sunday" uses
  Sunday's hours, "closed" has none.
- A make-up working day (调休, a Saturday or Sunday worked in exchange for a holiday) keeps
  the weekday's own hours: museums, libraries, hospitals and care homes do not follow the
  office calendar's swaps. (The service centres do: services/offline gives them Monday's
  hours; that is their rule, not this one.)
"""

import dataclasses
import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy

from services.applications.workdays import Calendar

from .models import Area, HolidayHours, Hours

MIDNIGHT = datetime.time(0, 0)
SUNDAY = Hours.Weekday.SUNDAY
ONE_DAY = datetime.timedelta(days=1)
HORIZON_DAYS = 7  # how far ahead status() looks for the next opening or closing

# What status() says on a public holiday, by the entry's holiday_hours.
HOLIDAY_NOTES = {
    HolidayHours.USUAL: _lazy("Public holiday today: usual hours."),
    HolidayHours.SUNDAY: _lazy("Public holiday today: Sunday hours."),
    HolidayHours.CLOSED: _lazy("Public holiday today: closed."),
}
# The same for a live class (an education entry's Hours rows are its class times).
CLASS_HOLIDAY_NOTES = {
    HolidayHours.USUAL: _lazy("Public holiday today: classes as usual."),
    HolidayHours.SUNDAY: _lazy("Public holiday today: Sunday's classes."),
    HolidayHours.CLOSED: _lazy("Public holiday today: no classes."),
}


def is_live_class(entry):
    """An education entry's Hours rows are the times of its live classes, not opening hours."""
    return entry.area == Area.EDUCATION


def heading(entry):
    """The heading of the entry's hours: opening hours (开放时间, not the service centres'
    办公时间), a hospital's hours of online service, a live class's class times."""
    if entry.area == Area.HEALTH:
        return pgettext_lazy("digital life", "Hours of online service")
    if is_live_class(entry):
        return pgettext_lazy("digital life", "Class times")
    return pgettext_lazy("digital life", "Opening hours")


def local(when):
    """`when` (an aware datetime) in the portal's time zone; a naive one is taken as local."""
    if timezone.is_naive(when):
        return when
    return timezone.localtime(when)


def day_weekday(day, holiday_hours, calendar):
    """Which weekday's hours `day` has for an entry with this holiday rule (None: closed)."""
    if not calendar.is_public_holiday(day):
        return day.weekday()
    if holiday_hours == HolidayHours.SUNDAY:
        return SUNDAY
    if holiday_hours == HolidayHours.CLOSED:
        return None
    return day.weekday()


# ---------------------------------------------------------------- SQL (lists)


def _started_today(weekday, moment):
    """Hours rows of `weekday` that are open at `moment` on the day they start."""
    return Q(weekday=weekday, opens__lte=moment) & (Q(closes__gt=moment) | Q(closes__lte=F("opens")))


def _started_yesterday(weekday, moment):
    """Hours rows of `weekday` that started the day before and still run at `moment`."""
    return Q(weekday=weekday, closes__lte=F("opens"), closes__gt=moment)


def _open_on(day, holiday, condition, moment):
    """A condition on entries: some Hours row of `day` matches `condition`. On a holiday the
    row's weekday depends on the entry's holiday_hours (one Exists per rule that has hours)."""

    def exists(weekday):
        return Exists(Hours.objects.filter(condition(weekday, moment), entry=OuterRef("pk")))

    if not holiday:
        return Q(exists(day.weekday()))
    return Q(exists(day.weekday()), holiday_hours=HolidayHours.USUAL) | Q(
        exists(SUNDAY), holiday_hours=HolidayHours.SUNDAY
    )


def open_at(queryset, when, calendar=None):
    """The entries of `queryset` open at `when` (an aware datetime), by the rule above: one
    SQL condition (Exists over Hours), the same number of queries whatever the entries (the
    calendar's holiday rows are read at most once per year and process)."""
    calendar = calendar or Calendar()
    moment = local(when)
    today, now = moment.date(), moment.time().replace(microsecond=0)
    yesterday = today - ONE_DAY
    return queryset.filter(
        _open_on(today, calendar.is_public_holiday(today), _started_today, now)
        | _open_on(yesterday, calendar.is_public_holiday(yesterday), _started_yesterday, now)
    )


# ---------------------------------------------------------------- Python (one entry)


def _rows(entry):
    by_day = {}
    for row in entry.hours.all():  # prefetched by the caller on lists
        by_day.setdefault(row.weekday, []).append(row)
    return by_day


def _intervals(entry, start_day, days, calendar, by_day=None):
    """The entry's open intervals (naive local datetimes) for the spans that start on
    `start_day` and the `days - 1` days after it, sorted and merged where they touch."""
    by_day = _rows(entry) if by_day is None else by_day
    spans = []
    for offset in range(days):
        day = start_day + datetime.timedelta(days=offset)
        weekday = day_weekday(day, entry.holiday_hours, calendar)
        for row in by_day.get(weekday, []) if weekday is not None else []:
            start = datetime.datetime.combine(day, row.opens)
            end = datetime.datetime.combine(day + ONE_DAY if row.overnight() else day, row.closes)
            spans.append([start, end])
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def is_open(entry, when, calendar=None):
    """Whether `entry` is open at `when` (an aware datetime): the rule of open_at over
    `entry.hours.all()` (prefetch it on lists)."""
    calendar = calendar or Calendar()
    moment = local(when).replace(tzinfo=None, microsecond=0)
    yesterday = moment.date() - ONE_DAY
    return any(start <= moment < end for start, end in _intervals(entry, yesterday, 2, calendar))


@dataclasses.dataclass
class Status:
    """What a template shows (templates/life/_open_now.html): `open` (None when the entry has no
    hours at all: no verdict, the page says the hours are not listed), `text` ("until 17:00",
    "opens at 09:00 tomorrow", "next class at 19:00 on Thursday") when the next change is
    within HORIZON_DAYS days (empty otherwise), `holiday`, a note when today is a public
    holiday, and `live_class` (the hours are class times: "On now", never "Closed now")."""

    open: bool | None
    text: str = ""
    at: datetime.datetime | None = None  # the next closing (when open) or opening, local
    holiday: str = ""
    live_class: bool = False

    def __bool__(self):
        return bool(self.open)


def _change_text(moment, change, opening, live_class=False):
    """ "until 17:00", "until 02:00 tomorrow", "opens at 09:00 on Monday", "next class at 19:00"..."""
    values = {"time": f"{change:%H:%M}", "day": formats.date_format(change, "l")}
    days = (change.date() - moment.date()).days
    if opening and live_class:
        texts = (
            _("next class at %(time)s"),
            _("next class at %(time)s tomorrow"),
            _("next class at %(time)s on %(day)s"),
        )
    elif opening:
        texts = (_("opens at %(time)s"), _("opens at %(time)s tomorrow"), _("opens at %(time)s on %(day)s"))
    else:
        texts = (_("until %(time)s"), _("until %(time)s tomorrow"), _("until %(time)s on %(day)s"))
    return texts[min(days, 2)] % values


def status(entry, when, calendar=None):
    """The entry's state at `when`: open or not, until when or from when (within a week). An
    entry with no Hours rows gets no verdict (open is None): its hours are not listed, which
    does not make it closed. For a live class the texts speak of classes."""
    by_day = _rows(entry)
    live_class = is_live_class(entry)
    if not by_day:
        return Status(None, live_class=live_class)
    calendar = calendar or Calendar()
    moment = local(when).replace(tzinfo=None, microsecond=0)
    horizon = moment + datetime.timedelta(days=HORIZON_DAYS)
    notes = CLASS_HOLIDAY_NOTES if live_class else HOLIDAY_NOTES
    holiday = str(notes.get(entry.holiday_hours, "")) if calendar.is_public_holiday(moment.date()) else ""
    for start, end in _intervals(entry, moment.date() - ONE_DAY, HORIZON_DAYS + 2, calendar, by_day):
        if start <= moment < end:
            if end > horizon:
                text = "" if live_class else _("open 24 hours")
                return Status(True, text, holiday=holiday, live_class=live_class)
            return Status(True, _change_text(moment, end, opening=False), end, holiday, live_class)
        if moment < start <= horizon:
            return Status(False, _change_text(moment, start, True, live_class), start, holiday, live_class)
    return Status(False, holiday=holiday, live_class=live_class)


def span_text(row):
    if row.opens == row.closes == MIDNIGHT:
        return _("Open 24 hours")
    text = f"{row.opens:%H:%M}–{row.closes:%H:%M}"
    if row.overnight():
        return _("%(span)s (next day)") % {"span": text}
    return text


def week(entry):
    """The week's hours grouped into runs of days with the same hours, like
    ServiceCentre.hours_summary: [("Monday – Friday", "08:00–17:00, 18:00–20:00"),
    ("Saturday", "20:00–02:00 (next day)"), ("Sunday", "Open 24 hours")]. Days without hours
    are left out (the template says "closed" for them or shows nothing)."""
    by_day = {}
    for row in entry.hours.all():
        by_day.setdefault(row.weekday, []).append(span_text(row))
    runs = []
    for day in range(7):
        spans = ", ".join(by_day.get(day, []))
        if not spans:
            continue
        if runs and runs[-1][2] == spans and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, spans])
    names = dict(Hours.Weekday.choices)
    return [(str(names[a]) if a == b else f"{names[a]} – {names[b]}", spans) for a, b, spans in runs]


def for_page(entry, when):
    """What an entry's page shows of its hours (templates/life/entry_detail.html): the week,
    the status line, the heading and whether it is a live class - from the prefetched Hours rows,
    whatever the area page's has_hours says, so a live class's class times show too."""
    return {
        "week": week(entry),
        "status": status(entry, when),
        "heading": heading(entry),
        "live_class": is_live_class(entry),
    }
