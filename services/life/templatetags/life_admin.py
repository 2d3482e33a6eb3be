"""The admin index panel of the digital-life directories: per area, the entries, those not
updated for STALE_DAYS days and those with a change waiting for an editor - every entry for
content editors, a provider's own organisation's for a provider. Two queries, whatever the
number of entries."""

import datetime

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .. import access
from ..models import AREA_MODELS, STALE_DAYS, Area, ChangeRequest

register = template.Library()


@register.simple_tag
def life_panel(user):
    """The panel's numbers for `user`, or None when they keep no digital-life entries."""
    if not (access.is_editor(user) or access.is_provider(user)):
        return None
    cutoff = timezone.now() - datetime.timedelta(days=STALE_DAYS)
    # Two grouped counts, no per-row subquery: the entries and the stale ones per area (the
    # stale count from the updated_at index), and the pending requests per area, from
    # ChangeRequest (its partial unique index on pending rows) joined to Entry.
    rows = (
        access.entries_for(user)
        .values("area")
        .annotate(n=Count("pk"), stale=Count("pk", filter=Q(updated_at__lt=cutoff)))
        .order_by()
    )
    pending = dict(
        access.change_requests_for(user)
        .filter(status=ChangeRequest.Status.PENDING)
        .values_list("entry__area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_area = {row["area"]: {**row, "pending": pending.get(row["area"], 0)} for row in rows}
    areas = []
    editor = access.is_editor(user)
    for area in Area:
        if not editor and area not in by_area and area != user.organisation.area:
            continue  # a provider: their organisation's area, and any other they have entries in
        row = by_area.get(area, {"n": 0, "stale": 0, "pending": 0})
        url = reverse(f"admin:life_{AREA_MODELS[area]._meta.model_name}_changelist")
        areas.append(
            {
                "label": str(area.label),
                "count": row["n"],
                "url": url,
                "stale": row["stale"],
                "stale_url": f"{url}?stale=yes",
                "pending": row["pending"],
                "pending_url": f"{url}?pending=yes",
            }
        )
    requests_url = reverse("admin:life_changerequest_changelist") + "?status__exact=pending"
    return {
        "editor": editor,
        "days": STALE_DAYS,
        "areas": areas,
        "stale_total": sum(a["stale"] for a in areas),
        "pending_total": sum(a["pending"] for a in areas),
        "requests_url": requests_url,
    }


@register.simple_tag
def life_person(person, obj, viewer):
    """A history row's user as `viewer` may read it (access.person_shown): "a content editor"
    to a provider for an editor's account. `obj`: the entry or change request of the page."""
    organisation_id = getattr(obj, "organisation_id", None)
    if organisation_id is None and hasattr(obj, "entry"):
        organisation_id = obj.entry.organisation_id
    return access.person_shown(person, organisation_id, viewer)
