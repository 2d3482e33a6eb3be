"""The benchmark's applications are written in bulk, but each row must be one the lifecycle could
have made: the same cases, taken through `lifecycle.act` at the times of the bench's events,
give the same columns (status, timestamps, deadlines, pause, queue order, version) and the same
events and requests for information."""

import sys
from collections import defaultdict
from pathlib import Path

import pytest

from services.applications import lifecycle
from services.applications.models import Application, ApplicationEvent, InfoRequest, Status
from tests.makers import make_department, make_service, make_staff

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[2] / "bench"
STAMPS = ("submitted_at", "accepted_at", "decided_at", "closed_at", "paused_at", "updated_at")
DATES = ("acceptance_due", "decision_due", "due_on", "priority")


@pytest.fixture
def bench_rows(monkeypatch):
    """A few hundred bench applications in one department of two services with different
    promised times (so every status is drawn, open and closed, recent and old)."""
    monkeypatch.syspath_prepend(str(BENCH))
    from make_applications import STEPS, load_applications

    department = make_department(slug="roads")
    for limit in (3, 15):
        make_service(department=department, promised_limit_days=limit, popularity=100)
    officer = make_staff("roads-officer", "Case officer", department)
    load_applications(400, seed=9, log=lambda message: None, parallel=False)
    sys.modules.pop("make_applications", None)
    return officer, STEPS


def step_name(source, target):
    """The lifecycle step that goes from `source` to `target`, read from its table."""
    (name,) = [n for n, t in lifecycle.TRANSITIONS.items() if source in t.sources and t.target == target]
    return name


def through_the_lifecycle(bench, officer):
    """The bench application's case made again by `act`, each step at the bench event's time."""
    app = Application.objects.create(
        service=bench.service,
        department=bench.department,
        owner=bench.owner,
        channel=bench.channel,
        applicant_name=bench.applicant_name,
        contact_email=bench.contact_email,
        contact_phone=bench.contact_phone,
        language=bench.language,
        answers=bench.answers,
    )
    for event in bench.events.order_by("at", "pk"):
        name = step_name(event.from_status, event.to_status)
        actor = officer if lifecycle.TRANSITIONS[name].by == lifecycle.STAFF else bench.owner
        if name == "request_info":
            asked = event.info_request
            params = {"items": asked.items, "note": asked.note}
        else:
            params = {"note": event.note}
        app = lifecycle.act(app, name, actor, now=event.at, **params)
    return Application.objects.get(pk=app.pk)


def shape(app):
    """What must match: columns (times relative to submission), events, info requests."""
    start = app.submitted_at
    return {
        "status": app.status,
        "version": app.version,
        "resume_status": app.resume_status,
        **{name: getattr(app, name) and getattr(app, name) - start for name in STAMPS},
        **{name: getattr(app, name) for name in DATES},
        "paused_days": app.paused_at and (app.updated_at - app.paused_at).days,
        "events": [
            (
                e.kind,
                e.from_status,
                e.to_status,
                e.visible_to_citizen,
                e.note,
                e.internal_note,
                e.actor_id,
                e.at - start,
                e.info_request_id is not None,
            )
            for e in app.events.order_by("at", "pk")
        ],
        "requests": [
            (r.items, r.note, r.requested_by_id, r.requested_at - start, r.answer, r.answered_at)
            for r in app.info_requests.order_by("pk")
        ],
    }


def test_every_bench_status_is_drawn(bench_rows):
    _officer, statuses = bench_rows
    made = set(Application.objects.values_list("status", flat=True))
    assert made == set(statuses) == set(Status.values) - {Status.DRAFT}


def test_bench_rows_are_the_rows_the_lifecycle_makes(bench_rows):
    officer, steps = bench_rows
    by_status = defaultdict(list)
    for app in Application.objects.select_related("service", "department", "owner").order_by("pk"):
        by_status[app.status].append(app)
    compared = 0
    for status, apps in by_status.items():
        for bench in apps[:3]:  # a few of every status, guests' and citizens'
            expected = shape(bench)
            made = through_the_lifecycle(bench, officer)
            assert shape(made) == expected, (status, bench.pk)
            assert len(expected["events"]) == len(steps[status])
            compared += 1
    assert compared >= 3 * 8
    assert InfoRequest.objects.filter(application__status=Status.INFO_REQUESTED).exists()
    assert not ApplicationEvent.objects.exclude(kind=ApplicationEvent.Kind.STATUS).exists()
