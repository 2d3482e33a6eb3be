"""The one module that changes an application's status.

Every change goes through `_transition()`: it re-reads the row under a lock (a row lock on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), checks the change is allowed
from the current status, writes the append-only event, sets timestamps and deadlines, bumps
the version, and queues the citizen's email after the commit. Nothing else writes `status`.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Application, ApplicationEvent, Status
from .references import make_reference, make_tracking_code
from .workdays import add_working_days

ACCEPTANCE_WORKING_DAYS = 5
WITHDRAWABLE = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW, Status.INFO_REQUESTED)


class TransitionError(Exception):
    """The change is not allowed now; `message` is fit to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    by: str  # "applicant" or "staff"


TRANSITIONS = {
    "submit": Transition("submit", (Status.DRAFT,), Status.SUBMITTED, "applicant"),
    "withdraw": Transition("withdraw", WITHDRAWABLE, Status.WITHDRAWN, "applicant"),
}


def can_withdraw(application):
    return application.status in WITHDRAWABLE


def _locked(application):
    return Application.objects.select_for_update().get(pk=application.pk)


def _record(app, transition, actor, note, visible, source):
    app.status = transition.target
    app.version += 1
    app.save()
    event = ApplicationEvent.objects.create(
        application=app,
        actor=actor if actor and actor.is_authenticated else None,
        from_status=source,
        to_status=transition.target,
        note=note,
        visible_to_citizen=visible,
    )
    if visible:
        from .notifications import queue_event_email

        transaction.on_commit(lambda: queue_event_email(event.pk), robust=True)
    return event


def submit(application, actor=None):
    """Submit a draft. Safe to call twice (a double click, a refresh, a resent POST): the second
    call finds the application already submitted and returns it unchanged."""
    transition = TRANSITIONS["submit"]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                app = _locked(application)
                if app.status != Status.DRAFT:
                    return app
                now = timezone.now()
                app.reference = make_reference(timezone.localtime(now))
                app.tracking_code = make_tracking_code()
                app.submitted_at = now
                app.acceptance_due = add_working_days(timezone.localdate(now), ACCEPTANCE_WORKING_DAYS)
                _record(app, transition, actor, "", True, Status.DRAFT)
                return app
        except IntegrityError:  # the random reference was already taken: draw again
            continue
    raise RuntimeError("could not allocate a unique reference")


def withdraw(application, actor, note=""):
    transition = TRANSITIONS["withdraw"]
    with transaction.atomic():
        app = _locked(application)
        if app.status not in transition.sources:
            raise TransitionError(_("This application can no longer be withdrawn: a decision has been made."))
        source = app.status
        app.closed_at = timezone.now()
        _record(app, transition, actor, note, True, source)
        return app
