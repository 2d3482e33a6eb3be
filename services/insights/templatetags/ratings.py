"""Ratings in the applications' pages and the guide, without those apps importing insights:
`{% load ratings %}` in a template reaches this library by name."""

from django import template

from services.applications import access

from ..forms import RatingForm
from ..satisfaction import satisfaction_of

register = template.Library()


@register.simple_tag
def rating_form():
    """An empty rating form (the tracking and application pages post it to insights:rate)."""
    return RatingForm()


@register.simple_tag(takes_context=True)
def may_rate(context, app):
    request = context.get("request")
    return bool(request) and access.may_rate(request, app)


@register.simple_tag(takes_context=True)
def is_rater(context, app):
    request = context.get("request")
    return bool(request) and access.is_rater(request, app)


@register.simple_tag
def rating_of(app):
    """The application's rating, or None; an application without a final decision has none and
    costs no query (the tracking page is the busiest public page)."""
    if app.status not in access.RATEABLE:
        return None
    return app.rating if access.has_rating(app) else None


@register.simple_tag
def service_satisfaction(service):
    """The service's satisfaction for its guide (satisfaction.satisfaction_of)."""
    return satisfaction_of(service.pk)
