"""The one module that changes an application's status.

Every change goes through `act(application, name, actor, *, now=None, ...)`, `name` being a
step of the TRANSITIONS table whose Transition describes what the step changes (timestamps,
deadlines, pausing the clock, closing). `act` re-reads the row under a lock (a row lock on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), refuses the change when
someone else changed the application since the caller looked at it (version check), checks the
change is allowed from the current status and by this person, writes the append-only event,
sets timestamps and deadlines, bumps the version, and queues the citizen's email after the
commit. Nothing else writes `status`. Who may process an application is access.py's rule; the
sets of statuses (WITHDRAWABLE, DEADLINE_RUNNING...) are models.py's, beside Status.

    draft -> submitted -> accepted -> in_review -> approved -> completed
                  |           |           |
                  |           +-----------+--> info_requested --(applicant answers)--> back
                  +--> not_accepted       +--> rejected
    (submitted, accepted, in_review, info_requested) --(applicant)--> withdrawn

Deadlines count working days: acceptance is due 5 working days after submission, the decision
the service's promised limit after acceptance; time spent waiting for the applicant is added
back when they answer.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from services.catalogue.models import Channel
from services.lib.i18n import labelled

from .access import matching_account, may_check_materials, may_process, may_submit_for
from .formengine import PREFILLED_KEY
from .models import DEADLINE_RUNNING, WAITING, WITHDRAWABLE, Application, ApplicationEvent, InfoRequest, Status
from .references import make_reference, make_tracking_code
from .workdays import add_working_days, extend_by_pause

ACCEPTANCE_WORKING_DAYS = 5
DUE_SOON_WORKING_DAYS = 2  # a deadline this many working days away or nearer is "due soon"
APPLICANT, STAFF = "applicant", "staff"


class TransitionError(Exception):
    """The change is not allowed now; `message` is fit to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Step:
    """One transition being applied: what `act` was given, for a transition's own `change`."""

    actor: object
    now: datetime.datetime
    clock: bool  # `now` was given by the caller (not the present)
    params: dict
    event: dict = field(default_factory=dict)  # more fields of the step's event


@dataclass(frozen=True)
class Transition:
    """One allowed step. Its effect on the application is described here; `act` applies it.

    stamp: the timestamp field set to the step's time. deadline: the due date the step starts
    counting ("acceptance_due" or "decision_due", in working days from the step's day).
    pauses / resumes: the department's clock stops until the applicant answers / runs again,
    the due date moved by the working days spent waiting. closes: nothing more happens.
    params: the keyword arguments the step needs (all required). prepare(note, params) checks
    and tidies them before anything is read, and returns the note and params to use.
    change(app, step): what else the step writes. attempts: how often to try again when the
    database refuses a unique value the step drew at random. repeatable: a second call (a double
    click) returns the application as it is instead of an error."""

    name: str
    sources: frozenset
    target: str  # "" = back to the status it had before the request for information
    by: str
    label: str
    note_required: bool = False
    refused: str = ""  # the message when the status does not allow the step (a generic one if blank)
    stamp: str = ""
    deadline: str = ""
    pauses: bool = False
    resumes: bool = False
    closes: bool = False
    params: tuple = ()
    prepare: Callable | None = None
    change: Callable | None = None
    after: Callable | None = None  # after(app), once the step is committed
    attempts: int = 1
    repeatable: bool = False


def _number(app, step):
    # Which answers the profile filled in matters only while the draft may change hands
    # (formengine.for_whom); the submitted answers are the applicant's.
    app.answers = {k: v for k, v in app.answers.items() if k != PREFILLED_KEY}
    app.reference = make_reference(timezone.localtime(step.now))
    app.tracking_code = make_tracking_code()
    if _for_the_applicant(app, step.actor):
        # A clerk registered it: recorded as who registered it (and as the event's actor), and
        # it joins the applicant's verified account if there is one (access.matching_account).
        app.registered_by = step.actor
        if app.owner_id is None:
            app.owner = matching_account(app)


def _for_the_applicant(app, actor):
    """The actor is a clerk submitting the application for its applicant (not the applicant)."""
    return bool(actor and actor.is_authenticated and actor.pk != app.owner_id and may_submit_for(actor, app))


def _list_items(note, params):
    """Tell once: every missing item at once, at least one; the message lists them numbered."""
    items = [item.strip() for item in params["items"] if item and item.strip()]
    if not items:
        raise TransitionError(_("List at least one thing the applicant must provide."))
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    return f"{note.strip()}\n\n{listed}".strip(), {"items": items, "note": note.strip()}


def _ask(app, step):
    request = InfoRequest.objects.create(
        application=app, items=step.params["items"], note=step.params["note"], requested_by=step.actor
    )
    if step.clock:
        InfoRequest.objects.filter(pk=request.pk).update(requested_at=step.now)
    step.event["info_request"] = request


def _keep_answer(app, step):
    """The applicant's one answer is kept on the open request (the step's event points to it),
    never in a note: an internal note is the department's own, and the event's note is shown
    on the tracking page, which carries no personal data."""
    request = app.info_requests.filter(answered_at__isnull=True).first()
    if request is None or not app.resume_status:
        raise TransitionError(_("There is no open request for more information on this application."))
    request.answer, request.answered_at = step.params["answer"], step.now
    request.save(update_fields=["answer", "answered_at"])
    step.event["info_request"] = request


def _tell_assignee(app):
    if app.assignee_id:
        from .notifications import queue_staff_answer_email

        queue_staff_answer_email(app.pk)


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            APPLICANT,
            _("Submit"),
            stamp="submitted_at",
            deadline="acceptance_due",
            change=_number,
            attempts=5,  # the random reference was already taken: draw again
            repeatable=True,
        ),
        Transition(
            "accept",
            frozenset({Status.SUBMITTED}),
            Status.ACCEPTED,
            STAFF,
            _("Accept"),
            stamp="accepted_at",
            deadline="decision_due",
        ),
        Transition(
            "refuse",
            frozenset({Status.SUBMITTED}),
            Status.NOT_ACCEPTED,
            STAFF,
            _("Refuse to accept"),
            note_required=True,
            closes=True,
        ),
        Transition("start_review", frozenset({Status.ACCEPTED}), Status.IN_REVIEW, STAFF, _("Start review")),
        Transition(
            "request_info",
            DEADLINE_RUNNING,
            Status.INFO_REQUESTED,
            STAFF,
            _("Ask for more information"),
            pauses=True,
            params=("items",),
            prepare=_list_items,
            change=_ask,
        ),
        Transition(
            "answer_info",
            frozenset({Status.INFO_REQUESTED}),
            "",
            APPLICANT,
            _("Answer the request"),
            resumes=True,
            params=("answer",),
            change=_keep_answer,
            after=_tell_assignee,
        ),
        Transition("approve", frozenset({Status.IN_REVIEW}), Status.APPROVED, STAFF, _("Approve"), stamp="decided_at"),
        Transition(
            "reject",
            frozenset({Status.IN_REVIEW}),
            Status.REJECTED,
            STAFF,
            _("Reject"),
            note_required=True,
            stamp="decided_at",
            closes=True,
        ),
        Transition("complete", frozenset({Status.APPROVED}), Status.COMPLETED, STAFF, _("Complete"), closes=True),
        Transition(
            "withdraw",
            WITHDRAWABLE,
            Status.WITHDRAWN,
            APPLICANT,
            _("Withdraw"),
            refused=_("This application can no longer be withdrawn: a decision has been made."),
            closes=True,
        ),
    ]
}
STAFF_ACTIONS = [name for name, t in TRANSITIONS.items() if t.by == STAFF]


WAITING_PRIORITY = datetime.date(9999, 12, 30)
CLOSED_PRIORITY = datetime.date.max


def queue_priority(app):
    """Where the case sorts in the officers' queue: by its deadline; after every case with a
    deadline when it waits for the applicant or for collection; last when closed."""
    if app.status in DEADLINE_RUNNING and app.due_on:
        return app.due_on
    if app.status in WAITING:
        return WAITING_PRIORITY
    return CLOSED_PRIORITY


def due_soon_label():
    """The queue's, the panel's and the reminder's name for "due soon": "Due within 2 working
    days", the number being DUE_SOON_WORKING_DAYS."""
    n = DUE_SOON_WORKING_DAYS
    return ngettext("Due within %(n)d working day", "Due within %(n)d working days", n) % {"n": n}


def due_on(app):
    """The next deadline the department must meet: acceptance while submitted, the decision
    while accepted or in review; none while waiting for the applicant or once closed."""
    if app.status not in DEADLINE_RUNNING:
        return None
    return app.acceptance_due if app.status == Status.SUBMITTED else app.decision_due


def _deadline_days(app, deadline):
    return ACCEPTANCE_WORKING_DAYS if deadline == "acceptance_due" else app.service.promised_limit_days


def _resumed_deadline(status):
    return "acceptance_due" if status == Status.SUBMITTED else "decision_due"


def allowed_actions(user, application):
    """The staff transitions this user may take now, in lifecycle order."""
    if not may_process(user, application):
        return []
    return [TRANSITIONS[name] for name in STAFF_ACTIONS if application.status in TRANSITIONS[name].sources]


def transition(name):
    """The Transition called `name`; a ValueError naming the known ones otherwise."""
    try:
        return TRANSITIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(TRANSITIONS)
        raise ValueError(f"The lifecycle has no step called {name!r}; the steps are: {known}.") from None


def check_allowed(application, name, actor):
    """Raise TransitionError (with its message for the user) unless `actor` may take the step
    `name` now: the staff pages ask before showing a step's form, not only when it is sent.
    Someone who may not process the case at all is told so first, whatever its status."""
    step = transition(name)
    if step.by == STAFF and not may_process(actor, application):
        raise TransitionError(_("You may not process applications of this department."))
    _check(application, step, actor, None)


def _check(app, transition, actor, expected_version):
    if expected_version is not None and app.version != expected_version:
        raise TransitionError(
            _(
                "Someone else changed this application while you were looking at it. Nothing was saved: "
                "reload it to see the latest."
            )
        )
    if app.status not in transition.sources:
        raise TransitionError(
            transition.refused
            or _("“%(action)s” is not possible while the application is “%(status)s”.")
            % {"action": transition.label, "status": app.get_status_display()}
        )
    if transition.by == STAFF and not may_process(actor, app):
        raise TransitionError(_("You may not process applications of this department."))
    if (
        transition.name == "submit"
        and app.channel == Channel.COUNTER
        and app.centre_id
        and not _for_the_applicant(app, actor)
    ):
        # Registered at a counter: only a clerk of that centre sends it on.
        raise TransitionError(_("Only a clerk of the service centre where it was opened may submit it."))
    if (
        transition.by == APPLICANT
        and app.owner_id
        and not (actor and actor.pk == app.owner_id)
        and not (actor and may_process(actor, app))
        and not (transition.name == "submit" and _for_the_applicant(app, actor))
    ):
        raise TransitionError(_("Only the applicant may do this."))


def act(application, name, actor, *, now=None, note="", internal_note="", expected_version=None, **params):
    """Take the step `name` (a key of TRANSITIONS) on `application` as `actor` (None: the
    applicant without an account, or the system), and return the application as saved.

    `now` is the step's time (default: the present): its timestamps, the event's time and the
    deadlines it starts are counted from it - the demo loader and tests pass a clock. `note` is
    the message to the applicant (required where the step says so), `internal_note` the staff's
    own; with `expected_version` the step is refused if someone else changed the application
    since (the version the caller showed). `params` are the step's own (request_info: items;
    answer_info: answer). A step that is not allowed raises TransitionError; an unknown step
    name is a ValueError and wrong params a TypeError (programming errors, not user input)."""
    step = transition(name)
    missing = [key for key in step.params if key not in params]
    unknown = [key for key in params if key not in step.params]
    if missing or unknown:
        problem = f"needs {', '.join(missing)}" if missing else f"takes no {', '.join(unknown)}"
        raise TypeError(f"{name!r} {problem}")
    if step.prepare:
        note, params = step.prepare(note, params)
    for _attempt in range(step.attempts):
        try:
            return _apply(application, step, actor, now, note, internal_note, expected_version, params)
        except TransitionError:
            current = Application.objects.get(pk=application.pk) if step.repeatable else None
            if current is not None and current.status not in step.sources:  # done by the other click meanwhile
                return current
            raise
        except IntegrityError:
            if step.attempts == 1:
                raise
    raise RuntimeError(f"{name}: no unique value after {step.attempts} attempts")


def _apply(application, transition, actor, now, note, internal_note, expected_version, params):
    """Run one transition atomically: check it, write what its Transition describes, record
    the event, and queue the emails for after the commit."""
    clock = now is not None
    now = now if clock else timezone.now()
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        _check(app, transition, actor, expected_version)
        if transition.note_required and not note.strip():
            raise TransitionError(_("Give the applicant the reason."))
        step = Step(actor=actor, now=now, clock=clock, params=params)
        source = app.status
        before = _values(app)
        if transition.change:
            transition.change(app, step)
        _change(app, transition, now)
        app.version += 1
        app.save(update_fields=[name for name, value in _values(app).items() if before[name] != value] + ["updated_at"])
        event = ApplicationEvent.objects.create(
            application=app,
            actor=actor if actor and actor.is_authenticated else None,
            from_status=source,
            to_status=app.status,
            note=note.strip(),
            internal_note=internal_note.strip(),
            visible_to_citizen=True,
            **step.event,
        )
        if clock:  # the timestamps Django writes itself (auto_now) follow the given clock too
            ApplicationEvent.objects.filter(pk=event.pk).update(at=now)
            Application.objects.filter(pk=app.pk).update(updated_at=now)
            event.at = app.updated_at = now
        from .notifications import queue_event_email

        if not (transition.name == "submit" and app.bundle_submission_id):
            # A bundle's parts are confirmed by one message for the bundle (bundles.submit).
            transaction.on_commit(lambda: queue_event_email(event.pk), robust=True)
        if transition.after:
            transaction.on_commit(lambda: transition.after(app), robust=True)
    return app


def _change(app, transition, now):
    """What the Transition's fields describe: status, timestamp, deadlines, pause, closing."""
    if transition.stamp:
        setattr(app, transition.stamp, now)
    if transition.deadline:
        days = _deadline_days(app, transition.deadline)
        setattr(app, transition.deadline, add_working_days(timezone.localdate(now), days))
    target = transition.target
    if transition.pauses:
        app.resume_status, app.paused_at = app.status, now
    if transition.resumes:
        target, deadline = app.resume_status, _resumed_deadline(app.resume_status)
        setattr(app, deadline, extend_by_pause(getattr(app, deadline), app.paused_at, now))
        app.paused_at, app.resume_status = None, ""
    if transition.closes:
        app.closed_at, app.paused_at, app.resume_status = now, None, ""
    app.status = target
    app.due_on = due_on(app)
    app.priority = queue_priority(app)


def _values(app):
    """The row's column values, to write back only those a transition changed."""
    return {f.attname: getattr(app, f.attname) for f in app._meta.concrete_fields if not f.primary_key}


# --- Recorded changes that are not status changes --------------------------------------------


def _staff_event(app, actor, kind, internal_note):
    return ApplicationEvent.objects.create(
        application=app,
        actor=actor,
        from_status=app.status,
        to_status=app.status,
        kind=kind,
        internal_note=internal_note,
        visible_to_citizen=False,
    )


def assign(application, actor, assignee):
    """Give the case to an officer of its department (or to nobody)."""
    if not may_process(actor, application):
        raise TransitionError(_("You may not process applications of this department."))
    if assignee is not None and not (assignee.is_staff and assignee.department_id == application.department_id):
        raise TransitionError(_("Cases can only be assigned to staff of the same department."))
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        app.assignee = assignee
        app.save(update_fields=["assignee", "updated_at"])
        name = assignee.get_full_name() or assignee.username if assignee else "-"
        _staff_event(app, actor, ApplicationEvent.Kind.ASSIGNMENT, str(_("Assigned to %(name)s")) % {"name": name})
    return app


def check_material(application, actor, material, result, note=""):
    from .models import MaterialCheck

    if not may_check_materials(actor, application):
        raise TransitionError(_("You may not check materials of this department."))
    with transaction.atomic():
        check, _created = MaterialCheck.objects.update_or_create(
            application=application,
            material=material,
            defaults={"result": result, "note": note, "checked_by": actor},
        )
        _staff_event(
            application,
            actor,
            ApplicationEvent.Kind.MATERIAL_CHECK,
            labelled(material.name, f"{check.get_result_display()} {note}".strip()),
        )
    return check


def correct_answer(application, actor, key, value, reason):
    """Staff never edit answers in place: a correction replaces one answer and records the old
    and new value and the reason as its own event."""
    if not may_process(actor, application):
        raise TransitionError(_("You may not process applications of this department."))
    if not reason.strip():
        raise TransitionError(_("Say why the answer is corrected."))
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        old = app.answers.get(key)
        app.answers = {**app.answers, key: value}
        app.version += 1
        app.save(update_fields=["answers", "version", "updated_at"])
        change = labelled(key, f"{old!r} → {value!r}")
        note = change + pgettext("punctuation", ". ") + reason.strip()
        _staff_event(app, actor, ApplicationEvent.Kind.CORRECTION, note)
    return app
