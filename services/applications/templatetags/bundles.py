"""{% bundles_for event as found %}: the published bundles of a life event, for its page (the
catalogue's views import no other app, so the life-event page asks here)."""

from django import template

register = template.Library()


@register.simple_tag
def bundles_for(event):
    from services.applications.bundles import is_open, published_bundles

    return [b for b in published_bundles().filter(life_event=event) if is_open(b)]
