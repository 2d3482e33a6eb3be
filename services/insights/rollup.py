"""The daily roll-up: one day's DailyFigure rows, computed from the applications and ratings.

`roll_up(day)` deletes the day's rows and inserts them again in one transaction, so it is safe
to re-run for any day (a late decision, a corrected calendar, a failed night): the same data
gives the same rows. The performance pages read only these rows (services.insights.figures).

What a day's row for a service and channel counts (README, "How the city performs"):

- submitted: applications submitted that day (submitted_at, in the portal's time zone);
- decided: decisions made that day - approved or rejected (decided_at set). A refusal to
  accept (not accepted) is not a decision: it ends the intake, which has its own limit of 5
  working days, and no decision was promised for it;
- decided_on_time: of those, the ones whose decision day is on or before decision_due. The
  lifecycle moves decision_due later by the working days spent waiting for the applicant, so
  pauses do not make a decision late;
- decision_working_days: the sum of the working days from acceptance to decision
  (workdays.working_days_between) minus the working days of the pauses after acceptance;
- promised_working_days: the sum of those services' promised limits (Service.promised_limit_days);
- completed: applications completed (result handed over) that day;
- ratings, ratings_good, rating_score_sum: ratings given that day, those of 4-5, and their sum.

Only rows with something to count are written: a day without applications has no rows, and the
pages count it as zero.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from services.applications.models import Application, InfoRequest, Status
from services.applications.workdays import Calendar
from services.catalogue.models import Service
from services.lib.cache import bump_version

from .models import GOOD_SCORES, DailyFigure, Rating

COUNTED = (
    "submitted",
    "decided",
    "decided_on_time",
    "decision_working_days",
    "promised_working_days",
    "completed",
    "ratings",
    "ratings_good",
    "rating_score_sum",
)


def day_bounds(day):
    """The start of `day` and of the next day, aware, in the portal's time zone."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min), tz)
    return start, end


def _local_date(value):
    return timezone.localdate(value)


def _submitted(rows, start, end):
    counted = (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("service_id", "channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in counted:
        rows[row["service_id"], row["channel"]]["submitted"] += row["n"]


def _paused_days(start, end, calendar):
    """{application id: working days paused after acceptance} for the decisions of the day."""
    paused = defaultdict(int)
    pauses = InfoRequest.objects.filter(
        application__decided_at__gte=start, application__decided_at__lt=end, answered_at__isnull=False
    ).values_list("application_id", "requested_at", "answered_at", "application__accepted_at")
    for app_id, asked, answered, accepted in pauses:
        # A pause before acceptance moved the acceptance deadline, not the decision's.
        if accepted is not None and asked >= accepted:
            paused[app_id] += calendar.between(_local_date(asked), _local_date(answered))
    return paused


def _decided(rows, start, end, calendar, limits):
    # decided_at is written by the two decisions only (approve, reject); it stays on completion.
    decisions = Application.objects.filter(decided_at__gte=start, decided_at__lt=end).values_list(
        "pk", "service_id", "channel", "accepted_at", "decided_at", "decision_due"
    )
    decisions = list(decisions)
    if not decisions:
        return
    paused = _paused_days(start, end, calendar)
    for pk, service_id, channel, accepted_at, decided_at, decision_due in decisions:
        row = rows[service_id, channel]
        decided_on = _local_date(decided_at)
        row["decided"] += 1
        row["decided_on_time"] += decision_due is not None and decided_on <= decision_due
        if accepted_at is not None:
            taken = calendar.between(_local_date(accepted_at), decided_on) - paused.get(pk, 0)
            row["decision_working_days"] += max(taken, 0)
        row["promised_working_days"] += limits.get(service_id, 0)


def _completed(rows, start, end):
    counted = (
        Application.objects.filter(status=Status.COMPLETED, closed_at__gte=start, closed_at__lt=end)
        .values("service_id", "channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in counted:
        rows[row["service_id"], row["channel"]]["completed"] += row["n"]


def _rated(rows, start, end):
    counted = (
        Rating.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("service_id", "application__channel")
        .annotate(n=Count("id"), good=Count("id", filter=Q(score__in=GOOD_SCORES)), total=Sum("score"))
        .order_by()
    )
    for row in counted:
        counts = rows[row["service_id"], row["application__channel"]]
        counts["ratings"] += row["n"]
        counts["ratings_good"] += row["good"]
        counts["rating_score_sum"] += row["total"] or 0


def compute(day):
    """{(service id, channel): {column: value}} for `day`, without writing anything."""
    start, end = day_bounds(day)
    rows = defaultdict(lambda: dict.fromkeys(COUNTED, 0))
    limits = dict(Service.objects.values_list("pk", "promised_limit_days"))
    calendar = Calendar()
    _submitted(rows, start, end)
    _decided(rows, start, end, calendar, limits)
    _completed(rows, start, end)
    _rated(rows, start, end)
    return {key: counts for key, counts in rows.items() if any(counts.values())}


def roll_up(day, *, now=None):
    """Compute `day`'s DailyFigure rows and replace the stored ones in one transaction; returns
    the number of rows written. Re-running it for the same day and data gives the same rows."""
    now = now or timezone.now()
    rows = compute(day)
    departments = dict(Service.objects.filter(pk__in={sid for sid, _ in rows}).values_list("pk", "department_id"))
    figures = [
        DailyFigure(day=day, service_id=sid, department_id=departments[sid], channel=channel, computed_at=now, **counts)
        for (sid, channel), counts in sorted(rows.items())
    ]
    with transaction.atomic():
        DailyFigure.objects.filter(day=day).delete()
        DailyFigure.objects.bulk_create(figures, batch_size=500)
        # The performance pages are cached by the "insights" version: renew them once committed.
        transaction.on_commit(lambda: bump_version("insights"))
    return len(figures)


def roll_up_days(first, last, *, now=None):
    """roll_up for each day from `first` to `last` (both included); {day: rows written}."""
    written = {}
    day = first
    while day <= last:
        written[day] = roll_up(day, now=now)
        day += datetime.timedelta(days=1)
    return written
