"""Small filters of the digital-life pages."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def yuan(value):
    """¥1,280 or ¥12.50, grouped as the active language groups numbers; nothing for no value."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return f"¥{number_format(value, places, use_l10n=True, force_grouping=True)}"


@register.filter
def yuan_range(low, high):
    """¥10–¥50, ¥20 when both are the same, or one end alone ("from ¥10", "up to ¥50")."""
    from django.utils.translation import gettext as _

    if low is not None and high is not None:
        return yuan(low) if low == high else f"{yuan(low)}–{yuan(high)}"
    if low is not None:
        return _("from %(amount)s") % {"amount": yuan(low)}
    if high is not None:
        return _("up to %(amount)s") % {"amount": yuan(high)}
    return ""


@register.filter
def duration(minutes):
    """45 minutes, 48 hours, 1 h 30 min: a course's length in the words a reader counts in."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return ngettext("%(n)s minute", "%(n)s minutes", rest) % {"n": rest}
    if not rest:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
