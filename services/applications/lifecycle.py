"""The one module that changes an application's status.

Every change goes through `_apply()`: it re-reads the row under a lock (a row lock on
PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), refuses the change when
someone else changed the application since the caller looked at it (version check), checks the
change is allowed from the current status and by this person, writes the append-only event,
sets timestamps and deadlines, bumps the version, and queues the citizen's email after the
commit. Nothing else writes `status`.

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
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .formengine import PREFILLED_KEY
from .models import Application, ApplicationEvent, InfoRequest, Status
from .references import make_reference, make_tracking_code
from .workdays import add_working_days, extend_by_pause

ACCEPTANCE_WORKING_DAYS = 5
WITHDRAWABLE = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW, Status.INFO_REQUESTED)
APPLICANT, STAFF = "applicant", "staff"


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
    by: str
    label: str
    note_required: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", (Status.DRAFT,), Status.SUBMITTED, APPLICANT, _("Submit")),
        Transition("accept", (Status.SUBMITTED,), Status.ACCEPTED, STAFF, _("Accept")),
        Transition("refuse", (Status.SUBMITTED,), Status.NOT_ACCEPTED, STAFF, _("Refuse to accept"), True),
        Transition("start_review", (Status.ACCEPTED,), Status.IN_REVIEW, STAFF, _("Start review")),
        Transition(
            "request_info",
            (Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW),
            Status.INFO_REQUESTED,
            STAFF,
            _("Ask for more information"),
        ),
        Transition("answer_info", (Status.INFO_REQUESTED,), "", APPLICANT, _("Answer the request")),
        Transition("approve", (Status.IN_REVIEW,), Status.APPROVED, STAFF, _("Approve")),
        Transition("reject", (Status.IN_REVIEW,), Status.REJECTED, STAFF, _("Reject"), True),
        Transition("complete", (Status.APPROVED,), Status.COMPLETED, STAFF, _("Complete")),
        Transition("withdraw", WITHDRAWABLE, Status.WITHDRAWN, APPLICANT, _("Withdraw")),
    ]
}
STAFF_ACTIONS = [name for name, t in TRANSITIONS.items() if t.by == STAFF]


WAITING_PRIORITY = datetime.date(9999, 12, 30)
CLOSED_PRIORITY = datetime.date.max
OPEN = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW)


def queue_priority(app):
    """Where the case sorts in the officers' queue: by its deadline; after every case with a
    deadline when it waits for the applicant or for collection; last when closed."""
    if app.status in OPEN and app.due_on:
        return app.due_on
    if app.status in (Status.INFO_REQUESTED, Status.APPROVED):
        return WAITING_PRIORITY
    return CLOSED_PRIORITY


def can_withdraw(application):
    return application.status in WITHDRAWABLE


def may_process(user, application):
    """Staff of the owning department with the processing permission (superusers too)."""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return user.has_perm("applications.process_application") and user.department_id == application.department_id


def allowed_actions(user, application):
    """The staff transitions this user may take now, in lifecycle order."""
    if not may_process(user, application):
        return []
    return [TRANSITIONS[name] for name in STAFF_ACTIONS if application.status in TRANSITIONS[name].sources]


def check_allowed(application, name, actor):
    """Raise TransitionError (with its message for the user) unless `actor` may take the step
    `name` now: the staff pages ask before showing a step's form, not only when it is sent.
    Someone who may not process the case at all is told so first, whatever its status."""
    transition = TRANSITIONS[name]
    if transition.by == STAFF and not may_process(actor, application):
        raise TransitionError(_("You may not process applications of this department."))
    _check(application, transition, actor, None)


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
            _("“%(action)s” is not possible while the application is “%(status)s”.")
            % {"action": transition.label, "status": app.get_status_display()}
        )
    if transition.by == STAFF and not may_process(actor, app):
        raise TransitionError(_("You may not process applications of this department."))
    if (
        transition.by == APPLICANT
        and app.owner_id
        and not (actor and actor.pk == app.owner_id)
        and not (actor and may_process(actor, app))
    ):
        raise TransitionError(_("Only the applicant may do this."))


def _apply(application, name, actor, *, note="", internal_note="", expected_version=None, change=None, event=None):
    """Run one transition atomically; `change(app, now)` sets what is specific to it, and may
    fill `event` (a dict) with more fields of the step's event."""
    transition = TRANSITIONS[name]
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        _check(app, transition, actor, expected_version)
        if transition.note_required and not note.strip():
            raise TransitionError(_("Give the applicant the reason."))
        now = timezone.now()
        source = app.status
        before = _values(app)
        target = change(app, now) if change else None
        app.status = target or transition.target
        app.priority = queue_priority(app)
        app.version += 1
        app.save(update_fields=[name for name, value in _values(app).items() if before[name] != value] + ["updated_at"])
        step = ApplicationEvent.objects.create(
            application=app,
            actor=actor if actor and actor.is_authenticated else None,
            from_status=source,
            to_status=app.status,
            note=note.strip(),
            internal_note=internal_note.strip(),
            visible_to_citizen=True,
            **(event or {}),
        )
        from .notifications import queue_event_email

        transaction.on_commit(lambda: queue_event_email(step.pk), robust=True)
    return app


def _values(app):
    """The row's column values, to write back only those a transition changed."""
    return {f.attname: getattr(app, f.attname) for f in app._meta.concrete_fields if not f.primary_key}


def submit(application, actor=None):
    """Submit a draft. Safe to call twice (a double click, a refresh, a resent POST): the second
    call finds the application already submitted and returns it unchanged."""

    def change(app, now):
        # Which answers the profile filled in matters only while the draft may change hands
        # (formengine.for_whom); the submitted answers are the applicant's.
        app.answers = {k: v for k, v in app.answers.items() if k != PREFILLED_KEY}
        app.reference = make_reference(timezone.localtime(now))
        app.tracking_code = make_tracking_code()
        app.submitted_at = now
        app.acceptance_due = add_working_days(timezone.localdate(now), ACCEPTANCE_WORKING_DAYS)
        app.due_on = app.acceptance_due

    for _attempt in range(5):
        try:
            return _apply(application, "submit", actor, change=change)
        except TransitionError:
            return Application.objects.get(pk=application.pk)  # submitted by the other click meanwhile
        except IntegrityError:  # the random reference was already taken: draw again
            continue
    raise RuntimeError("could not allocate a unique reference")


def accept(application, actor, note="", internal_note="", expected_version=None):
    def change(app, now):
        app.accepted_at = now
        app.decision_due = add_working_days(timezone.localdate(now), app.service.promised_limit_days)
        app.due_on = app.decision_due

    return _apply(
        application,
        "accept",
        actor,
        note=note,
        internal_note=internal_note,
        expected_version=expected_version,
        change=change,
    )


def refuse(application, actor, note, internal_note="", expected_version=None):
    return _apply(
        application,
        "refuse",
        actor,
        note=note,
        internal_note=internal_note,
        expected_version=expected_version,
        change=_close,
    )


def start_review(application, actor, note="", internal_note="", expected_version=None):
    return _apply(
        application, "start_review", actor, note=note, internal_note=internal_note, expected_version=expected_version
    )


def request_info(application, actor, items, note="", internal_note="", expected_version=None):
    """Ask for everything missing at once; the clock stops until the applicant answers."""
    items = [item.strip() for item in items if item and item.strip()]
    if not items:
        raise TransitionError(_("List at least one thing the applicant must provide."))

    event = {}

    def change(app, now):
        app.resume_status = app.status
        app.paused_at = now
        app.due_on = None
        event["info_request"] = InfoRequest.objects.create(
            application=app, items=items, note=note.strip(), requested_by=actor
        )

    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    message = f"{note.strip()}\n\n{listed}".strip()
    return _apply(
        application,
        "request_info",
        actor,
        note=message,
        internal_note=internal_note,
        expected_version=expected_version,
        change=change,
        event=event,
    )


def answer_info(application, actor, answer):
    """The applicant's one answer to the open request; the application returns where it was
    and its deadline moves by the working days spent waiting. The answer is kept on the request
    (the step's event points to it), never in a note: an internal note is the department's
    own, and the event's note is shown on the tracking page, which carries no personal data."""
    event = {}

    def change(app, now):
        request = app.info_requests.filter(answered_at__isnull=True).first()
        if request is None or not app.resume_status:
            raise TransitionError(_("There is no open request for more information on this application."))
        request.answer, request.answered_at = answer, now
        request.save(update_fields=["answer", "answered_at"])
        event["info_request"] = request
        back = app.resume_status
        if back == Status.SUBMITTED:
            app.acceptance_due = extend_by_pause(app.acceptance_due, app.paused_at, now)
            app.due_on = app.acceptance_due
        else:
            app.decision_due = extend_by_pause(app.decision_due, app.paused_at, now)
            app.due_on = app.decision_due
        app.paused_at, app.resume_status = None, ""
        return back

    app = _apply(application, "answer_info", actor, change=change, event=event)
    if app.assignee_id:
        from .notifications import queue_staff_answer_email

        transaction.on_commit(lambda: queue_staff_answer_email(app.pk), robust=True)
    return app


def approve(application, actor, note="", internal_note="", expected_version=None):
    def change(app, now):
        app.decided_at = now
        app.due_on = None

    return _apply(
        application,
        "approve",
        actor,
        note=note,
        internal_note=internal_note,
        expected_version=expected_version,
        change=change,
    )


def reject(application, actor, note, internal_note="", expected_version=None):
    def change(app, now):
        app.decided_at = now
        _close(app, now)

    return _apply(
        application,
        "reject",
        actor,
        note=note,
        internal_note=internal_note,
        expected_version=expected_version,
        change=change,
    )


def complete(application, actor, note="", internal_note="", expected_version=None):
    return _apply(
        application,
        "complete",
        actor,
        note=note,
        internal_note=internal_note,
        expected_version=expected_version,
        change=_close,
    )


def withdraw(application, actor, note=""):
    with transaction.atomic():
        current = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
        if current not in WITHDRAWABLE:
            raise TransitionError(_("This application can no longer be withdrawn: a decision has been made."))
        return _apply(application, "withdraw", actor, note=note, change=_close)


def _close(app, now):
    app.closed_at = now
    app.due_on = None
    app.paused_at = None
    app.resume_status = ""


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


def may_check_materials(user, application):
    """Counter clerks and officers of the owning department (superusers too)."""
    return user.is_superuser or (
        user.department_id == application.department_id and user.has_perm("applications.add_materialcheck")
    )


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
            pgettext("punctuation", "%(label)s: %(value)s")
            % {"label": material.name, "value": f"{check.get_result_display()} {note}".strip()},
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
        change = pgettext("punctuation", "%(label)s: %(value)s") % {"label": key, "value": f"{old!r} → {value!r}"}
        note = change + pgettext("punctuation", ". ") + reason.strip()
        _staff_event(app, actor, ApplicationEvent.Kind.CORRECTION, note)
    return app
