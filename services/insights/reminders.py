"""The follow-ups' section of the officers' morning reminder (services.applications.reminders,
registered from InsightsConfig.ready): each officer's department's follow-ups assigned to them
or to nobody whose call-back or resolution is due today or overdue, at most CAP listed (the
rest counted), in one query whatever their number."""

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext

from services.applications.reminders import DigestSection
from services.applications.workdays import Calendar
from services.lib.i18n import is_english

from . import followups
from .models import FollowUp

CAP = 50


def collect(officer_list, day):
    """{officer pk: (items, total)}."""
    by_department = {}
    for o in officer_list:
        by_department.setdefault(o.department_id, []).append(o.pk)
    if not by_department:
        return {}
    partition = [F("department_id"), F("assignee_id")]
    rows = (
        followups.due_or_overdue(day)
        .filter(department_id__in=by_department)
        .filter(Q(assignee_id__in=[o.pk for o in officer_list]) | Q(assignee__isnull=True))
        .annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=[F("resolution_due").asc(), F("id").asc()]),
            total=Window(Count("id"), partition_by=partition),
        )
        .filter(rank__lte=CAP)
        .values(
            "pk",
            "status",
            "department_id",
            "assignee_id",
            "callback_due",
            "resolution_due",
            "total",
            "rating__application__reference",
            "rating__service__name_zh",
            "rating__service__name_en",
        )
    )
    calendar = Calendar()
    found = {}
    counted = set()
    for row in rows:
        callback = row["status"] == FollowUp.Status.OPEN and row["callback_due"] <= day
        resolution_late = row["resolution_due"] < day
        what, due_on = (
            ("resolution", row["resolution_due"])
            if resolution_late or not callback
            else ("callback", row["callback_due"])
        )
        item = {
            "pk": row["pk"],
            "reference": row["rating__application__reference"],
            "service_zh": row["rating__service__name_zh"],
            "service_en": row["rating__service__name_en"],
            "what": what,
            "due_on": due_on.isoformat(),
            "late_days": calendar.between(due_on, day),
            "unassigned": row["assignee_id"] is None,
        }
        targets = by_department.get(row["department_id"], []) if item["unassigned"] else [row["assignee_id"]]
        for pk in targets:
            items, total = found.get(pk, ([], 0))
            if (row["department_id"], row["assignee_id"], pk) not in counted:
                counted.add((row["department_id"], row["assignee_id"], pk))
                total += row["total"]
            found[pk] = ([*items, item], total)
    return found


def describe(item):
    late = item["late_days"]
    if item["what"] == "callback":
        when = gettext("call-back overdue") if late else gettext("call-back due today")
    else:
        when = gettext("resolution overdue") if late else gettext("resolution due today")
    zh, en = item["service_zh"], item["service_en"]
    return {
        "reference": item["reference"],
        "service": (en or zh) if is_english() else (zh or en),
        "due_on": item["due_on"],
        "when": when,
        "unassigned": gettext("unassigned") if item["unassigned"] else "",
        "url": f"{settings.SITE_URL}{reverse('admin:insights_followup_change', args=[item['pk']])}",
    }


def queue_url():
    return f"{settings.SITE_URL}{reverse('admin:insights_followup_changelist')}?late=today"


SECTION = DigestSection(
    name="follow_ups",
    collect=collect,
    title=lambda: gettext("Follow-ups of bad ratings"),
    describe=describe,
    queue_url=queue_url,
)
