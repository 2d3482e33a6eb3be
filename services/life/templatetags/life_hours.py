"""The hours of one entry for its page (templates/life/entry_detail.html): the week, the status
line and the heading, computed per request from the entry's prefetched Hours rows - whatever
the area page's has_hours says, so a live class's class times show too."""

from django import template
from django.utils import timezone

from services.life import hours

register = template.Library()


@register.simple_tag
def entry_hours(entry):
    """{% entry_hours entry as h %}: h.week, h.status, h.heading, h.live_class (see services.life.hours)."""
    return {
        "week": hours.week(entry),
        "status": hours.status(entry, timezone.now()),
        "heading": hours.heading(entry),
        "live_class": hours.is_live_class(entry),
    }
