"""The performance pages' numbers, read from the DailyFigure rows only (services.insights.rollup).

`for_city()`, `for_department(department)` and `for_service(service)` return a `Figures` for the
last WINDOW_DAYS days, today included. Today's rows come from a roll-up of today (the command
run every few minutes, or the nightly one) and are marked provisional: decisions and ratings
keep arriving until midnight. Each page costs the same few queries however many applications
there are: the rows are per day, service and channel.

The meaning of each figure (README, "How the city performs"):

- applications per day: submitted that day, all channels and per channel;
- share by channel: each channel's part of the applications of the window;
- on-time rate: decisions (approved or rejected) made on or before their due date, which the
  lifecycle moves later by the working days spent waiting for the applicant;
- average working days to a decision: from acceptance to decision, less the paused working days,
  against the average promised limit of the same decisions;
- satisfaction: the share of ratings of 4 or 5, shown once there are MIN_RATINGS ratings; the
  number of ratings is always shown;
- the busiest services: the TOP_SERVICES with the most applications in the window.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Q, Sum
from django.utils import timezone

from services.catalogue.models import Channel, Department, Service

from .models import DailyFigure
from .numbers import whole_percents

WINDOW_DAYS = 30
TOP_SERVICES = 10
MIN_RATINGS = 10
"""Satisfaction is given as a share from this many ratings on (as on the guide)."""

TOTALS = (
    "submitted",
    "decided",
    "decided_on_time",
    "decision_working_days",
    "promised_working_days",
    "completed",
    "ratings",
    "ratings_good",
)


@dataclass
class Day:
    day: datetime.date
    by_channel: dict  # channel value -> applications
    provisional: bool = False

    @property
    def total(self):
        return sum(self.by_channel.values())


@dataclass
class Share:
    channel: str
    label: str
    count: int
    share: float | None  # 0..1, None without applications
    percent: int | None = None  # whole per cent; the channels' add up to 100 (numbers.whole_percents)


@dataclass
class Totals:
    """Sums over the window, and what follows from them."""

    submitted: int = 0
    decided: int = 0
    decided_on_time: int = 0
    decision_working_days: int = 0
    promised_working_days: int = 0
    completed: int = 0
    ratings: int = 0
    ratings_good: int = 0

    @property
    def on_time_rate(self):
        return self.decided_on_time / self.decided if self.decided else None

    @property
    def average_working_days(self):
        return self.decision_working_days / self.decided if self.decided else None

    @property
    def average_promised_days(self):
        return self.promised_working_days / self.decided if self.decided else None

    @property
    def satisfaction(self):
        return self.ratings_good / self.ratings if self.ratings >= MIN_RATINGS else None


@dataclass
class Figures:
    first: datetime.date
    today: datetime.date
    days: list
    shares: list
    totals: Totals
    busiest: list = field(default_factory=list)  # [(Service, applications)]
    today_computed_at: datetime.datetime | None = None  # None: today not rolled up yet
    computed_at: datetime.datetime | None = None  # the latest roll-up of the window
    per_service: dict = field(default_factory=dict)  # {service id: (department id, Totals)}

    @property
    def channels(self):
        return [(value, label) for value, label in Channel.choices]

    @property
    def last_complete_day(self):
        return self.today - datetime.timedelta(days=1)


def window(today=None):
    """The first and last day (today) of the pages' window."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=WINDOW_DAYS - 1), today


def _sums():
    return {name: Sum(name, default=0) for name in TOTALS}


def _add(totals, row):
    for name in TOTALS:
        setattr(totals, name, getattr(totals, name) + row[name])


def _figures(rows, first, today, breakdown=True):
    """Two scans of the window's rows: by day and channel (the days, the totals, the roll-up
    times) and, for a city or a department, by service (the busiest services, and what
    by_department / by_service list)."""
    per_day, totals = {}, Totals()
    computed_at = today_computed_at = None
    for row in rows.values("day", "channel").annotate(**_sums(), last_roll_up=Max("computed_at")).order_by():
        per_day.setdefault(row["day"], {})[row["channel"]] = row["submitted"]
        _add(totals, row)
        computed_at = max(filter(None, (computed_at, row["last_roll_up"])))
        if row["day"] == today:
            today_computed_at = max(filter(None, (today_computed_at, row["last_roll_up"])))
    days = []
    for offset in range((today - first).days + 1):
        day = first + datetime.timedelta(days=offset)
        counts = per_day.get(day, {})
        days.append(Day(day, {value: counts.get(value, 0) for value in Channel.values}, provisional=day == today))
    shares = []
    for value, label in Channel.choices:
        count = sum(d.by_channel[value] for d in days)
        shares.append(Share(value, str(label), count, count / totals.submitted if totals.submitted else None))
    for share, percent in zip(shares, whole_percents([s.count for s in shares]), strict=True):
        share.percent = percent
    per_service = _per_service(rows) if breakdown else {}
    return Figures(
        first=first,
        today=today,
        days=days,
        shares=shares,
        totals=totals,
        busiest=_busiest(per_service),
        today_computed_at=today_computed_at,
        computed_at=computed_at,
        per_service=per_service,
    )


def _per_service(rows):
    """{service id: (department id, Totals)} over the window, one query."""
    found = {}
    for row in rows.values("service", "department").annotate(**_sums()).order_by():
        totals = Totals()
        _add(totals, row)
        found[row["service"]] = (row["department"], totals)
    return found


def _busiest(per_service):
    ranked = sorted(
        ((pk, totals.submitted) for pk, (_dept, totals) in per_service.items() if totals.submitted),
        key=lambda pair: (-pair[1], pair[0]),
    )[:TOP_SERVICES]
    services = Service.objects.select_related("department").in_bulk([pk for pk, _ in ranked]) if ranked else {}
    return [(services[pk], n) for pk, n in ranked if pk in services]


def _rows(first, today, **scope):
    return DailyFigure.objects.filter(day__gte=first, day__lte=today, **scope)


def for_city(today=None):
    first, today = window(today)
    return _figures(_rows(first, today), first, today)


def for_department(department, today=None):
    first, today = window(today)
    return _figures(_rows(first, today, department=department), first, today)


def for_service(service, today=None):
    first, today = window(today)
    return _figures(_rows(first, today, service=service), first, today, breakdown=False)


def by_department(figures=None, today=None):
    """[(Department, Totals)] for every department, by name in the active language, from the
    city's figures (`for_city`; computed when not given)."""
    figures = figures or for_city(today)
    per_department = {}
    for department_id, totals in figures.per_service.values():
        _add(per_department.setdefault(department_id, Totals()), vars(totals))
    departments = sorted(Department.objects.all(), key=lambda d: d.name)
    return [(d, per_department.get(d.pk, Totals())) for d in departments]


def by_service(department, figures=None, today=None):
    """[(Service, Totals)] for the department's published services and any other service with
    figures of it in the window, the most applications first, from the department's figures
    (`for_department`; computed when not given)."""
    figures = figures or for_department(department, today)
    totals = {pk: t for pk, (_dept, t) in figures.per_service.items()}
    services = Service.objects.filter(Q(department=department, published=True) | Q(pk__in=list(totals)))
    rows = [(s, totals.get(s.pk, Totals())) for s in services.select_related("department")]
    return sorted(rows, key=lambda pair: (-pair[1].submitted, pair[0].name))
