"""The follow-up of a bad rating (1 or 2): the one module that changes a follow-up's status, in
the lifecycle's shape (a table of allowed steps and one function, `act`, that applies a step).

    open --contact--> contacted --resolve--> resolved
      |                   |
      +-------------------+--not_resolved (with the reason)--> not_resolved

The department calls the citizen back within 1 working day (callback_due) and settles the
matter within 15 (resolution_due), both counted with the city's working-day calendar from the
day of the rating. Each step is recorded (FollowUpEvent), version-checked so that two officers
cannot both act on what they saw, and a closing step emails (or texts) the citizen the outcome,
which the tracking page also shows."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.applications.workdays import add_working_days

from .access import may_act
from .models import FollowUp, FollowUpEvent

CALLBACK_WORKING_DAYS = 1
RESOLUTION_WORKING_DAYS = 15
OUTCOME_MAX = 2000
Status = FollowUp.Status
OPEN_STATUSES = frozenset({Status.OPEN, Status.CONTACTED})
"""Still to be settled: the resolution deadline runs."""


class FollowUpError(Exception):
    """The step is not allowed now; `message` is fit to show the officer."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset
    target: str
    label: str
    note_required: str = ""  # the message when the note is missing (the note is then the outcome)
    closes: bool = False


STEPS = {
    s.name: s
    for s in [
        Step("contact", frozenset({Status.OPEN}), Status.CONTACTED, _("Record the call-back")),
        Step(
            "resolve",
            frozenset({Status.CONTACTED}),
            Status.RESOLVED,
            _("Resolved"),
            note_required=_("Say what was done: the citizen reads it on the tracking page."),
            closes=True,
        ),
        Step(
            "not_resolved",
            frozenset({Status.OPEN, Status.CONTACTED}),
            Status.NOT_RESOLVED,
            _("Not resolved"),
            note_required=_("Give the reason it could not be resolved: the citizen reads it on the tracking page."),
            closes=True,
        ),
    ]
}


def step(name):
    try:
        return STEPS[name]
    except (KeyError, TypeError):
        raise ValueError(f"A follow-up has no step called {name!r}; the steps are: {', '.join(STEPS)}.") from None


def deadlines(day):
    """(callback_due, resolution_due) for a rating given on `day`."""
    return add_working_days(day, CALLBACK_WORKING_DAYS), add_working_days(day, RESOLUTION_WORKING_DAYS)


def open_for(rating, now):
    """Open the follow-up of a bad rating (inside rate's transaction)."""
    callback_due, resolution_due = deadlines(timezone.localdate(now))
    follow_up = FollowUp.objects.create(
        rating=rating,
        department_id=rating.department_id,
        callback_due=callback_due,
        resolution_due=resolution_due,
        created_at=now,
    )
    FollowUpEvent.objects.create(follow_up=follow_up, at=now, from_status="", to_status=Status.OPEN)
    return follow_up


def allowed_steps(user, follow_up):
    """The steps `user` may take now, in order."""
    if not may_act(user, follow_up):
        return []
    return [s for s in STEPS.values() if follow_up.status in s.sources]


def act(follow_up, name, actor, *, note="", now=None, expected_version=None, internal_note=""):
    """Take the step `name` ("contact", "resolve", "not_resolved") on `follow_up` as `actor` and
    return the follow-up as saved. `note`: for a closing step the outcome shown to the citizen
    (required), for contact what was said (staff only). With `expected_version` (the version
    the officer's page showed) a change made meanwhile by someone else refuses the step. `now`
    is the step's time (the demo passes a clock). Raises FollowUpError; an unknown step name is
    a ValueError."""
    transition = step(name)
    note = (note or "").strip()
    if transition.note_required and not note:
        raise FollowUpError(transition.note_required)
    if len(note) > OUTCOME_MAX:
        raise FollowUpError(
            _("Keep it to %(max)d characters (it has %(count)d).") % {"max": OUTCOME_MAX, "count": len(note)}
        )
    now = now or timezone.now()
    with transaction.atomic():
        current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if expected_version is not None and current.version != int(expected_version):
            raise FollowUpError(
                _("Someone else changed this follow-up while you were looking at it. Nothing was saved: reload it.")
            )
        if not may_act(actor, current):
            raise FollowUpError(_("You may not act on follow-ups of this department."))
        if current.status not in transition.sources:
            raise FollowUpError(
                _("“%(step)s” is not possible while the follow-up is “%(status)s”.")
                % {"step": transition.label, "status": current.get_status_display()}
            )
        source = current.status
        current.status = transition.target
        if name == "contact":
            current.contacted_at = now
        if transition.closes:
            current.closed_at = now
            current.outcome = note
        if internal_note.strip():
            current.internal_note = "\n".join(filter(None, [current.internal_note, internal_note.strip()]))
        if current.assignee_id is None and actor is not None and actor.is_authenticated:
            current.assignee = actor
        current.version += 1
        current.save()
        FollowUpEvent.objects.create(
            follow_up=current,
            at=now,
            actor=actor if actor is not None and actor.is_authenticated else None,
            from_status=source,
            to_status=current.status,
            note=note,
        )
        if transition.closes:
            from .notifications import queue_outcome_message

            transaction.on_commit(lambda: queue_outcome_message(current.pk), robust=True)
    return current


# --- what is due ------------------------------------------------------------------------------


def _today(today):
    return today or timezone.localdate()


def overdue(today=None, queryset=None):
    """Follow-ups past a deadline: not called back by callback_due, or not settled by
    resolution_due (a deadline day itself is not overdue)."""
    today = _today(today)
    qs = FollowUp.objects.all() if queryset is None else queryset
    return qs.filter(
        Q(status=Status.OPEN, callback_due__lt=today) | Q(status__in=OPEN_STATUSES, resolution_due__lt=today)
    )


def due_or_overdue(today=None, queryset=None):
    """What the officers' morning reminder lists: a call-back or a resolution due today or
    already late."""
    today = _today(today)
    qs = FollowUp.objects.all() if queryset is None else queryset
    return qs.filter(
        Q(status=Status.OPEN, callback_due__lte=today) | Q(status__in=OPEN_STATUSES, resolution_due__lte=today)
    )


def lateness(follow_up, today=None):
    """What is late about one follow-up: "callback", "resolution" or "" (for the queue's marks
    and the citizen's page)."""
    today = _today(today)
    if follow_up.status == Status.OPEN and follow_up.callback_due < today:
        return "callback"
    if follow_up.status in OPEN_STATUSES and follow_up.resolution_due < today:
        return "resolution"
    return ""


def is_overdue(follow_up, today=None):
    return bool(lateness(follow_up, today))


def at(day, hour=10):
    """A moment on `day` in the portal's time zone (for callers with a date)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
