"""The admin index panel: the open applications of the user's department (every department for
supervisors and superusers) by status, overdue, due soon, assigned to the user, and today's
intake by channel. Three queries at most, whatever the number of applications: the department's
name, the open cases by status (with the deadline and assignee counts as conditional counts),
and today's intake by channel."""

from urllib.parse import urlencode

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext

from services.catalogue.models import Channel, Department

from .. import access
from ..lifecycle import due_soon_label
from ..models import OPEN, Status
from ..staff_admin import due_soon_limit, received_on
from ..workdays import today

register = template.Library()

OPEN_STATUSES = [status for status in Status if status in OPEN]  # in the lifecycle's order


def _queue(**params):
    return f"{reverse('admin:applications_application_changelist')}?{urlencode(params)}"


@register.simple_tag
def staff_panel(user):
    """The panel's numbers for `user`, or None when they may not see applications."""
    if not access.sees_applications(user):
        return None
    all_departments = access.sees_every_department(user)
    processes = access.processes_applications(user)
    day = today()
    soon_until = due_soon_limit()
    cases = access.staff_queryset(user)

    counts = {
        "n": Count("id"),
        "overdue": Count("id", filter=Q(due_on__lt=day)),
        "soon": Count("id", filter=Q(due_on__gte=day, due_on__lte=soon_until)),
    }
    if processes:
        counts["mine"] = Count("id", filter=Q(assignee=user))
    rows = cases.filter(status__in=OPEN_STATUSES).values("status").annotate(**counts).order_by()
    by_status = {row["status"]: row for row in rows}
    intake = dict(
        cases.filter(received_on(day)).values("channel").annotate(n=Count("id")).order_by().values_list("channel", "n")
    )

    if all_departments:
        scope = gettext("All departments")
    else:
        department = Department.objects.filter(pk=user.department_id).first()
        scope = department.name if department else ""

    def total(key):
        return sum(row[key] for row in by_status.values())

    open_list = ",".join(OPEN_STATUSES)
    return {
        "scope": scope,
        "day": day,
        "statuses": [
            {
                "label": str(status.label),
                "count": by_status.get(status, {}).get("n", 0),
                "url": _queue(status=status.value),
            }
            for status in OPEN_STATUSES
        ],
        "open_total": total("n"),
        "overdue": {"count": total("overdue"), "url": _queue(due="overdue")},
        "due_soon": {"label": due_soon_label(), "count": total("soon"), "url": _queue(due="soon")},
        "mine": {"count": total("mine"), "url": _queue(assigned="me", status__in=open_list)} if processes else None,
        "intake": [
            {
                "label": str(channel.label),
                "count": intake.get(channel.value, 0),
                "url": _queue(channel__exact=channel.value, received="today"),
            }
            for channel in Channel
        ],
        "intake_total": sum(intake.values()),
    }
