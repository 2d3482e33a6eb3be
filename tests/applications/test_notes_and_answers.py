"""What the applicant writes and what staff note for themselves are never confused, in either
direction (issue 8, point 10): the applicant's answer to a request for information is shown to
staff as the applicant's answer, never as an internal note; an internal note never reaches the
applicant's tracking page, application page, answer page or emails."""

import re

import pytest
from django.core import mail

from services.applications import lifecycle
from tests.makers import make_submitted

# Transactional: emails are queued after the commit.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

INTERNAL = "Check the land registry before deciding"
ANSWER = "My tenancy contract number is HT-2025-0412"


@pytest.fixture
def answered(client, world, citizen, django_capture_on_commit_callbacks):
    """Accepted with an internal note, asked for information with another, answered by the
    citizen through the answer page."""
    with django_capture_on_commit_callbacks(execute=True):  # the emails go on commit
        officer = world["officer"]
        app = make_submitted(world["permit"], owner=citizen)
        app = lifecycle.act(app, "accept", officer, note="Accepted.", internal_note=INTERNAL)
        app = lifecycle.act(
            app, "request_info", officer, items=["Tenancy contract"], note="Please send it.", internal_note=INTERNAL
        )
        client.force_login(citizen)
        info = app.info_requests.get()
        response = client.post(f"/en/applications/{app.reference}/answer/", {"request_id": info.pk, "answer": ANSWER})
        assert response.status_code == 302
    app.refresh_from_db()
    return app


def history_rows(body):
    table = re.search(r'<table class="history">(.*?)</table>', body, re.S)
    assert table, "no history table on the case page"
    return re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)[1:]  # without the header


def cell(row, css_class):
    found = re.search(rf'<td class="{css_class}">(.*?)</td>', row, re.S)
    assert found, f"no {css_class} cell in {row!r}"
    return found.group(1)


def test_the_answer_is_shown_to_staff_as_the_applicants_answer_not_as_an_internal_note(client, world, answered):
    event = answered.events.last()
    assert event.internal_note == ""
    assert event.info_request == answered.info_requests.get()
    client.force_login(world["officer"])
    rows = history_rows(client.get(f"/admin/applications/application/{answered.pk}/change/").content.decode())
    answer_row = next(row for row in rows if ANSWER in row)
    assert ANSWER not in cell(answer_row, "internal")
    assert "Applicant’s answer" in cell(answer_row, "to-applicant") and ANSWER in cell(answer_row, "to-applicant")
    internal_rows = [row for row in rows if INTERNAL in row]
    assert len(internal_rows) == 2
    assert all(INTERNAL in cell(row, "internal") and INTERNAL not in cell(row, "to-applicant") for row in internal_rows)


def test_an_internal_note_never_reaches_the_applicant(
    client, world, citizen, answered, django_capture_on_commit_callbacks
):
    app = answered
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.act(app, "start_review", world["officer"], internal_note=INTERNAL)
        app = lifecycle.act(app, "request_info", world["officer"], items=["A photo"], internal_note=INTERNAL)
    client.force_login(citizen)
    pages = {
        "application page": client.get(f"/en/applications/{app.reference}/"),
        "answer page": client.get(f"/en/applications/{app.reference}/answer/"),
        "tracking page": client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert INTERNAL not in response.content.decode(), name
    assert "Please send it." in pages["application page"].content.decode()
    assert len(mail.outbox) >= 5
    for message in mail.outbox:
        bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
        assert all(INTERNAL not in body for body in bodies), message.subject


def test_the_applicants_answer_is_not_on_the_tracking_page(client, answered):
    """The tracking page shows no personal data: the answer stays on the staff page and the
    applicant's own application page."""
    client.logout()
    body = client.post(
        "/en/track/", {"reference": answered.reference, "tracking_code": answered.tracking_code}
    ).content.decode()
    assert ANSWER not in body


def test_the_migration_takes_earlier_answers_out_of_the_internal_notes(world):
    """Answers recorded before the fix sit in the answer step's internal note: migration 0009
    links the steps to their request and empties those notes (other internal notes stay)."""
    import importlib

    from django.apps import apps

    from services.applications.models import ApplicationEvent

    migration = importlib.import_module("services.applications.migrations.0009_event_info_request_and_search_log")
    app = lifecycle.act(
        make_submitted(world["permit"]), "request_info", world["officer"], items=["A photo"], internal_note=INTERNAL
    )
    app = lifecycle.act(app, "answer_info", None, answer=ANSWER)
    ApplicationEvent.objects.filter(application=app).update(info_request=None)
    ApplicationEvent.objects.filter(application=app, from_status="info_requested").update(internal_note=ANSWER)

    migration.link_requests_and_move_answers(apps, None)

    request = app.info_requests.get()
    asked, answered = app.events.filter(info_request=request).order_by("at", "pk")
    assert (asked.to_status, asked.internal_note) == ("info_requested", INTERNAL)
    assert (answered.from_status, answered.internal_note) == ("info_requested", "")
