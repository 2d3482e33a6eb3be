"""The performance pages' number filters (services.insights.numbers): `{{ x|decimal:1 }}` and
`{{ part|percent_of:whole }}`, rounded half up like the charts and the guide."""

from django import template

from .. import numbers

register = template.Library()


@register.filter
def decimal(value, places=0):
    return "–" if value is None else numbers.decimal(value, int(places))


@register.filter
def percent_of(part, whole):
    return numbers.percent(part, whole)


@register.filter
def percent_of_1(part, whole):
    """One decimal (satisfaction, as on the guide)."""
    return numbers.percent(part, whole, 1)
