"""Background tasks of the insights app (django-tasks; run by `manage.py db_worker`)."""

import datetime

from django.utils import timezone
from django_tasks import task

from . import rollup


def default_days():
    """Yesterday and today, in the portal's time zone: the nightly run closes yesterday and
    starts today's provisional figures."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=1), today


@task()
def roll_up_figures(first=None, last=None):
    """rollup.roll_up for each day from `first` to `last` (ISO dates; default yesterday and
    today). Returns {ISO day: rows written}; arguments are strings so the task's arguments stay
    JSON."""
    if first is None:
        first_day, last_day = default_days()
    else:
        first_day = datetime.date.fromisoformat(first)
        last_day = datetime.date.fromisoformat(last or first)
    written = rollup.roll_up_days(first_day, last_day)
    return {day.isoformat(): rows for day, rows in written.items()}
