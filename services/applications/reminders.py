"""Daily deadline reminders for case officers (management command send_deadline_reminders).

Each case officer - an active member of staff with a department and the
`applications.process_application` permission - gets at most one email a day listing the
overdue and due-soon cases assigned to them and the unassigned ones of their department.
ReminderSent records who was reminded on which day; it is written in the same transaction
that queues the email, so the command can run every few minutes from cron and an officer
still gets one email a day.

Queries are bounded whatever the number of cases: one for the officers, one for who was
already reminded, one for every listed case of every officer (at most CAP a section per
assignee, with the section totals, through window functions), and one a calendar year for
the working-day counts. The email names no applicant: reference, service, due date and a link
to the admin page only.

Other apps add sections of their own to the same email without this module importing them
(the follow-ups of bad ratings, services.insights): their AppConfig names its sections in
`digest_sections` (dotted paths to DigestSection objects, imported on first use, so that start-up
imports nothing more), or calls `register_section(DigestSection(...))`. A section's
`collect(officers, day)` returns {officer pk: (items, total)} in a fixed number of queries; its
items are JSON (they travel in the task) and `describe(item)` turns one into the row the email
shows, in the active language.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Count, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext
from django_tasks import task

from services.accounts.models import User
from services.lib.i18n import is_english

from . import workdays
from .lifecycle import DUE_SOON_WORKING_DAYS, due_soon_label
from .models import DEADLINE_RUNNING, Application, ReminderSent
from .workdays import today

CAP = 50  # cases listed per section (overdue / due soon) and per assignee; the rest are counted


@dataclass(frozen=True)
class DigestSection:
    """A section another app adds to the reminder (see the module docstring). `title()` is the
    section's heading, `describe(item)` a dict with reference, service, due_on, when, unassigned
    and url (an absolute address), as the cases' rows."""

    name: str
    collect: Callable
    title: Callable
    describe: Callable
    queue_url: Callable  # () -> the absolute address of the section's whole list


SECTIONS = {}


def register_section(section):
    SECTIONS[section.name] = section


def sections():
    """{name: DigestSection}: those registered, and those the installed apps name."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    found = dict(SECTIONS)
    for config in apps.get_app_configs():
        for dotted in getattr(config, "digest_sections", ()):
            section = import_string(dotted)
            found.setdefault(section.name, section)
    return found


@dataclass
class Digest:
    """What one officer is told: the listed cases of each section and each section's total, and
    the other apps' sections ({name: (items, total)})."""

    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    overdue_total: int = 0
    due_soon_total: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def empty(self):
        return not (self.overdue_total or self.due_soon_total or any(total for _items, total in self.extra.values()))


@dataclass
class Outcome:
    reminded: list = field(default_factory=list)
    already: list = field(default_factory=list)
    nothing_due: list = field(default_factory=list)
    no_address: list = field(default_factory=list)

    def summary(self, dry_run=False):
        n = len(self.reminded)
        head = f"{n} officer{'s' if n != 1 else ''} {'would be ' if dry_run else ''}reminded"
        parts = [head, f"{len(self.already)} skipped (already today)", f"{len(self.nothing_due)} with nothing due"]
        if self.no_address:
            parts.append(f"{len(self.no_address)} without an email address")
        return ("Dry run: " if dry_run else "") + ", ".join(parts) + "."


# --- selection (plain functions) -----------------------------------------------------------------


def officers():
    """Everyone who processes applications for a department: active staff with a department and
    the processing permission (through a group, directly, or as superuser) - the rule of
    access.processes_applications, as one query over every user."""
    granted = Permission.objects.filter(codename="process_application", content_type__app_label="applications")
    return (
        User.objects.filter(is_active=True, is_staff=True, department__isnull=False)
        .filter(Q(is_superuser=True) | Q(user_permissions__in=granted) | Q(groups__permissions__in=granted))
        .distinct()
        .order_by("pk")
    )


def collect(officer_list, day=None):
    """{officer pk: Digest} for `officer_list`, in one query for every case of every officer
    (plus the calendar's, one a year). Each case is a dict ready to be queued as JSON."""
    digests = {o.pk: Digest() for o in officer_list}
    if not officer_list:
        return digests
    day = day or today()
    calendar = workdays.Calendar()  # one calendar for the whole run: one query a year, none a case
    limit = calendar.add(day, DUE_SOON_WORKING_DAYS)  # the last day of "due soon", as the queue's filter
    by_department = {}
    for o in officer_list:
        by_department.setdefault(o.department_id, []).append(o.pk)
    overdue = Case(When(due_on__lt=day, then=Value(True)), default=Value(False), output_field=BooleanField())
    partition = [F("department_id"), F("assignee_id"), overdue]
    rows = (
        Application.objects.filter(status__in=DEADLINE_RUNNING, department_id__in=by_department, due_on__lte=limit)
        .filter(Q(assignee_id__in=digests) | Q(assignee__isnull=True))
        .annotate(
            is_overdue=overdue,
            rank=Window(RowNumber(), partition_by=partition, order_by=[F("due_on").asc(), F("id").asc()]),
            total=Window(Count("id"), partition_by=partition),
        )
        .filter(rank__lte=CAP)
        .values(
            "pk",
            "reference",
            "department_id",
            "assignee_id",
            "due_on",
            "is_overdue",
            "total",
            "service__name_zh",
            "service__name_en",
        )
    )
    department_of = {o.pk: o.department_id for o in officer_list}
    counted = set()
    for row in rows:
        unassigned = row["assignee_id"] is None
        case = {
            "pk": row["pk"],
            "reference": row["reference"],
            "service_zh": row["service__name_zh"],
            "service_en": row["service__name_en"],
            "due_on": row["due_on"].isoformat(),
            "days": calendar.between(row["due_on"], day) if row["is_overdue"] else calendar.between(day, row["due_on"]),
            "unassigned": unassigned,
        }
        targets = by_department.get(row["department_id"], []) if unassigned else [row["assignee_id"]]
        group = (row["department_id"], row["assignee_id"], row["is_overdue"])
        for pk in targets:
            digest = digests.get(pk)
            if digest is None or department_of[pk] != row["department_id"]:
                continue  # assigned to an officer now in another department: not theirs to act on
            (digest.overdue if row["is_overdue"] else digest.due_soon).append(case)
            if (group, pk) not in counted:
                counted.add((group, pk))
                if row["is_overdue"]:
                    digest.overdue_total += row["total"]
                else:
                    digest.due_soon_total += row["total"]
    for digest in digests.values():
        digest.overdue.sort(key=lambda c: (c["due_on"], c["reference"]))
        digest.due_soon.sort(key=lambda c: (c["due_on"], c["reference"]))
    for name, section in sections().items():
        for pk, (items, total) in section.collect(officer_list, day).items():
            if pk in digests and total:
                digests[pk].extra[name] = (items, total)
    return digests


def payload(officer, digest, day):
    """The JSON the email task gets: no applicant's personal data, only case references."""
    return {
        "to": officer.email,
        "name": officer.get_full_name() or officer.get_username(),
        "day": day.isoformat(),
        "overdue": digest.overdue,
        "due_soon": digest.due_soon,
        "overdue_total": digest.overdue_total,
        "due_soon_total": digest.due_soon_total,
        "extra": {name: {"items": items, "total": total} for name, (items, total) in digest.extra.items()},
    }


# --- the email -------------------------------------------------------------------------------------


def _queue_url(query):
    return f"{settings.SITE_URL}{reverse('admin:applications_application_changelist')}?{query}"


def _case_text(case, overdue):
    if overdue:
        if case["days"]:
            when = ngettext("overdue by %(n)d working day", "overdue by %(n)d working days", case["days"]) % {
                "n": case["days"]
            }
        else:
            when = gettext("overdue")
    elif case["days"]:
        when = ngettext("due in %(n)d working day", "due in %(n)d working days", case["days"]) % {"n": case["days"]}
    else:
        when = gettext("due today")
    zh, en = case["service_zh"], case["service_en"]
    return {
        "reference": case["reference"],
        "service": (en or zh) if is_english() else (zh or en),
        "due_on": case["due_on"],
        "when": when,
        "unassigned": gettext("unassigned") if case["unassigned"] else "",
        "url": f"{settings.SITE_URL}{reverse('admin:applications_application_change', args=[case['pk']])}",
    }


def _sections(data):
    extra = [
        (
            section.title(),
            [section.describe(item) for item in data["extra"][name]["items"]],
            data["extra"][name]["total"],
            section.queue_url(),
        )
        for name, section in sections().items()
        if name in data.get("extra", {})
    ]
    return [
        (
            gettext("Overdue"),
            [_case_text(c, True) for c in data["overdue"]],
            data["overdue_total"],
            _queue_url("due=overdue"),
        ),
        (
            due_soon_label(),
            [_case_text(c, False) for c in data["due_soon"]],
            data["due_soon_total"],
            _queue_url("due=soon"),
        ),
        *extra,
    ]


def render(data):
    """(subject, text, html) of a reminder, in the active language."""
    subject = gettext("Deadlines: %(overdue)d overdue, %(soon)d due soon") % {
        "overdue": data["overdue_total"],
        "soon": data["due_soon_total"],
    }
    others = sum(section["total"] for section in data.get("extra", {}).values())
    if others:
        subject += pgettext("punctuation", "; ") + ngettext("%(n)d other item due", "%(n)d other items due", others) % {
            "n": others
        }
    intro = ngettext(
        "These cases assigned to you, and the unassigned cases of your department, are overdue or due "
        "within %(n)d working day.",
        "These cases assigned to you, and the unassigned cases of your department, are overdue or due "
        "within %(n)d working days.",
        DUE_SOON_WORKING_DAYS,
    ) % {"n": DUE_SOON_WORKING_DAYS}
    greeting = gettext("Hello %(name)s,") % {"name": data["name"]}
    text = [greeting, "", intro]
    html = [format_html("<p>{}</p><p>{}</p>", greeting, intro)]
    for title, cases, total, queue in _sections(data):
        if not total:
            continue
        heading = pgettext("punctuation", "%(text)s (%(note)s)") % {"text": title, "note": total}
        text += ["", heading]
        html.append(format_html("<h2>{}</h2>", heading))
        lines = []
        for c in cases:
            mark = f" [{c['unassigned']}]" if c["unassigned"] else ""
            text.append(f"- {c['reference']} · {c['service']} · {c['due_on']} · {c['when']}{mark}")
            text.append(f"  {c['url']}")
            lines.append((c["url"], c["reference"], c["service"], c["due_on"], c["when"], c["unassigned"] or "—"))
        html.append(
            format_html(
                '<table style="border-collapse:collapse"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
                format_html_join(
                    "",
                    '<th scope="col" style="text-align:left;padding:4px 12px 4px 0">{}</th>',
                    [
                        (gettext("Reference"),),
                        (gettext("Service"),),
                        (gettext("Due"),),
                        (gettext("Deadline"),),
                        (gettext("Assigned"),),
                    ],
                ),
                format_html_join(
                    "",
                    '<tr><td style="padding:4px 12px 4px 0"><a href="{}">{}</a></td><td style="padding:4px 12px 4px 0">'
                    '{}</td><td style="padding:4px 12px 4px 0">{}</td><td style="padding:4px 12px 4px 0">{}</td>'
                    '<td style="padding:4px 12px 4px 0">{}</td></tr>',
                    lines,
                ),
            )
        )
        if total > len(cases):
            more = gettext("%(n)d more in the queue:") % {"n": total - len(cases)}
            text.append(f"{more} {queue}")
            html.append(format_html('<p>{} <a href="{}">{}</a></p>', more, queue, queue))
    footer = gettext("You get this reminder at most once a day.")
    text += ["", footer, ""]
    html.append(format_html("<p>{}</p>", footer))
    body = format_html_join("\n", "{}", ((part,) for part in html))
    document = format_html(
        '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b">{}</body></html>',
        translation.get_language(),
        subject,
        body,
    )
    return subject, "\n".join(text), str(document)


@task()
def send_reminder(data):
    """Send one officer's reminder (text and HTML), in the portal's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, html = render(data)
    message = EmailMultiAlternatives(subject, text, to=[data["to"]])
    message.attach_alternative(html, "text/html")
    message.send()
    return "sent"


# --- the run -----------------------------------------------------------------------------------------


def run(dry_run=False, day=None, out=None):
    """Remind every officer with something due who was not reminded on `day` (today). With
    `dry_run`, write each email to `out` instead of queuing it and record nothing."""
    day = day or today()
    result = Outcome()
    candidates = list(officers())
    with_address = []
    for o in candidates:
        (with_address if o.email else result.no_address).append(o)
    done = set(
        ReminderSent.objects.filter(day=day, user__in=[o.pk for o in with_address]).values_list("user_id", flat=True)
    )
    pending = []
    for o in with_address:
        (result.already if o.pk in done else pending).append(o)
    digests = collect(pending, day)
    for officer in pending:
        digest = digests[officer.pk]
        if digest.empty:
            result.nothing_due.append(officer)
            continue
        data = payload(officer, digest, day)
        if dry_run:
            if out is not None:
                with translation.override(settings.LANGUAGE_CODE):
                    subject, text, _html = render(data)
                out.write(f"To: {officer.email}\nSubject: {subject}\n\n{text}\n")
            result.reminded.append(officer)
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    user=officer, day=day, overdue=digest.overdue_total, due_soon=digest.due_soon_total
                )
                # The database task queue writes its row in this same transaction: the reminder is
                # recorded if and only if its email is queued.
                send_reminder.enqueue(data)
        except IntegrityError:  # another run reminded this officer a moment ago
            result.already.append(officer)
            continue
        result.reminded.append(officer)
    return result
