"""Fixed-format dates for pages that list many of them (timelines, queues).

The portal shows dates as 2026-11-28 and times as 2026-11-28 09:30 in both languages. Django's
`date` filter handles any format through its format machinery at about 40 µs a call; these
filters produce the same text with `strftime` on the local time, some ten times faster.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _formatted(value, fmt):
    # Like Django's `date`, anything that is not a date (None, "") shows as nothing.
    if not isinstance(value, datetime.date):
        return ""
    local = _local(value)
    return local.isoformat() if fmt is None else local.strftime(fmt)


@register.filter
def day(value):
    """2026-11-28 (the `date:"Y-m-d"` of a date or a datetime in local time)."""
    return _formatted(value, "%Y-%m-%d")


@register.filter
def minute(value):
    """2026-11-28 09:30 in local time (the `date:"Y-m-d H:i"`)."""
    return _formatted(value, "%Y-%m-%d %H:%M")


@register.filter
def iso(value):
    """The ISO 8601 form for a <time datetime> attribute, to the second: HTML allows at most three
    digits of a fraction of a second, and `date:"c"` gives six."""
    if isinstance(value, datetime.datetime):
        value = value.replace(microsecond=0)
    return _formatted(value, None)
