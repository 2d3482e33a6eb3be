"""The lifecycle's one entry point, `act`: every step by name, with an optional clock; the
status sets beside Status; the permission rules in access.py; the public working-day calendar."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from services.applications import access, lifecycle, models, workdays
from services.applications.lifecycle import TransitionError, act
from services.applications.models import Application, ApplicationEvent, Status
from services.applications.workdays import add_working_days, extend_by_pause
from tests.makers import make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROOT = Path(__file__).resolve().parents[2]


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def draft(service):
    return Application.objects.create(service=service, department=service.department, applicant_name="Li Na")


def test_act_with_a_clock_stamps_each_step_and_counts_its_deadline_from_that_day(world):
    officer = world["officer"]
    submitted_at = at(datetime.date(2024, 3, 4))  # a Monday
    app = act(draft(world["permit"]), "submit", None, now=submitted_at)
    assert app.submitted_at == submitted_at
    assert app.reference.startswith("HP24")  # the year of the clock, not of today
    assert app.acceptance_due == add_working_days(datetime.date(2024, 3, 4), 5) == app.due_on
    accepted_at = at(datetime.date(2024, 3, 6), 15)
    app = act(app, "accept", officer, now=accepted_at)
    assert app.accepted_at == accepted_at
    assert app.decision_due == add_working_days(datetime.date(2024, 3, 6), 10) == app.due_on == app.priority
    asked_at, answered_at = at(datetime.date(2024, 3, 7)), at(datetime.date(2024, 3, 14))
    app = act(app, "request_info", officer, now=asked_at, items=["Photo"])
    assert app.paused_at == asked_at and app.due_on is None
    assert app.info_requests.get().requested_at == asked_at
    app = act(app, "answer_info", None, now=answered_at, answer="Here it is")
    expected = extend_by_pause(add_working_days(datetime.date(2024, 3, 6), 10), asked_at, answered_at)
    assert app.decision_due == expected == app.due_on and app.status == Status.ACCEPTED
    assert app.info_requests.get().answered_at == answered_at
    decided_at = at(datetime.date(2024, 3, 20))
    app = act(act(app, "start_review", officer, now=decided_at), "reject", officer, now=decided_at, note="No.")
    assert app.decided_at == app.closed_at == decided_at and app.due_on is None
    assert [e.at for e in app.events.all()] == [
        submitted_at,
        accepted_at,
        asked_at,
        answered_at,
        decided_at,
        decided_at,
    ]
    assert Application.objects.get(pk=app.pk).updated_at == decided_at


def test_act_without_a_clock_uses_the_present(world):
    before = timezone.now()
    app = act(make_submitted(world["permit"]), "accept", world["officer"])
    assert before <= app.accepted_at <= timezone.now()
    assert app.decision_due == add_working_days(timezone.localdate(), 10)


def test_an_unknown_step_name_is_a_clear_error(world):
    app = make_submitted(world["permit"])
    with pytest.raises(ValueError, match="no step called 'aprove'.*approve"):
        act(app, "aprove", world["officer"])
    with pytest.raises(TypeError, match="'request_info' needs items"):
        act(app, "request_info", world["officer"])
    with pytest.raises(TypeError, match="'accept' takes no colour"):
        act(app, "accept", world["officer"], colour="red")
    assert Application.objects.get(pk=app.pk).status == Status.SUBMITTED


def test_the_wrappers_are_gone_and_every_step_is_on_the_transition_table():
    for name in ("submit", "accept", "refuse", "start_review", "request_info", "answer_info", "approve", "reject"):
        assert not hasattr(lifecycle, name)
        assert name in lifecycle.TRANSITIONS
    assert not hasattr(lifecycle, "complete") and not hasattr(lifecycle, "withdraw")


def test_a_withdrawal_after_the_decision_says_so(world):
    app = act(
        act(act(make_submitted(world["permit"]), "accept", world["officer"]), "start_review", world["officer"]),
        "approve",
        world["officer"],
    )
    with pytest.raises(TransitionError, match="can no longer be withdrawn"):
        act(app, "withdraw", None)
    assert ApplicationEvent.objects.filter(application=app).count() == 4


def test_models_do_not_import_the_lifecycle():
    # Without the admin, whose modules import the lifecycle (as they should) at start-up.
    code = (
        "from django.conf import settings; "
        "settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != 'django.contrib.admin']; "
        "import django, sys; django.setup(); "
        "from services.applications.models import Application; "
        "assert Application(status='submitted').can_withdraw; "
        "print('services.applications.lifecycle' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
    )
    assert done.stdout.strip() == "False"
    source = (ROOT / "services/applications/models.py").read_text()
    assert not re.search(r"^\s*(from|import)\s.*lifecycle", source, re.MULTILINE)


def test_the_status_sets_live_beside_status():
    withdrawable, running = models.WITHDRAWABLE, models.DEADLINE_RUNNING
    assert withdrawable == {Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW, Status.INFO_REQUESTED}
    assert running == {Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW}
    assert models.OPEN - running == {Status.INFO_REQUESTED, Status.APPROVED}
    assert models.CLOSED | models.OPEN | {Status.DRAFT} == set(Status)
    assert not models.CLOSED & models.OPEN
    assert all(isinstance(s, frozenset) for s in (models.WITHDRAWABLE, models.DEADLINE_RUNNING, models.OPEN))
    assert all(isinstance(t.sources, frozenset) for t in lifecycle.TRANSITIONS.values())


def test_the_permission_rules_live_in_access(world):
    app = make_submitted(world["permit"])
    assert access.may_process(world["officer"], app)
    assert not access.may_process(world["other_officer"], app)
    assert access.may_check_materials(world["clerk"], app)
    assert not access.may_process(world["clerk"], app)
    assert not access.sees_every_department(world["officer"])
    assert access.sees_every_department(world["supervisor"])
    lifecycle_source = (ROOT / "services/applications/lifecycle.py").read_text()
    assert "def may_process" not in lifecycle_source and "def may_check_materials" not in lifecycle_source
    assert "has_perm" not in lifecycle_source and "is_superuser" not in lifecycle_source


def test_the_working_day_calendar_is_public():
    calendar = workdays.Calendar()
    monday = datetime.date(2024, 3, 4)
    assert calendar.add(monday, 5) == add_working_days(monday, 5)
    assert calendar.between(monday, calendar.add(monday, 5)) == 5
    assert not hasattr(workdays, "_Calendar")
    here = Path(__file__).resolve()
    sources = [p for folder in ("services", "bench", "tests") for p in (ROOT / folder).rglob("*.py")]
    outside = [
        p.relative_to(ROOT)
        for p in sources
        if p.name != "workdays.py" and p != here and re.search(r"workdays\._|_Calendar\b", p.read_text())
    ]
    assert outside == []


def test_due_soon_is_one_constant():
    assert lifecycle.DUE_SOON_WORKING_DAYS == 2
