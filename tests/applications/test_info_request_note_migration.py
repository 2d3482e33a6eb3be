"""Requests for information made before migration 0006 kept the officer's message only in the
note of the step that made them (the message, a blank line, the numbered items). Migration 0010
copies it onto the request, so the answer page and the emails read the request alone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from services.applications import lifecycle
from services.applications.models import ApplicationEvent, InfoRequest
from tests.makers import make_submitted

# The migration executor opens SQLite's schema editor, which cannot run inside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("applications", "0009_event_info_request_and_search_log")]
AFTER = [("applications", "0010_info_request_note_backfill")]
MESSAGE = "Your photo is too dark.\nPlease send a new one."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def old_style_request(world, items, note, *, linked=True, owner=None):
    """A request as the code before 0006 left it: no note on the request, the officer's words
    and the list in the step's note."""
    app = lifecycle.act(
        make_submitted(world["permit"], owner=owner), "request_info", world["officer"], items=items, note=note
    )
    request = app.info_requests.get()
    InfoRequest.objects.filter(pk=request.pk).update(note="")
    if not linked:
        ApplicationEvent.objects.filter(info_request=request).update(info_request=None)
    step = ApplicationEvent.objects.get(application=app, to_status="info_requested")
    assert step.note == f"{note}\n\n" + "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    return request


def test_the_migration_puts_the_officers_message_on_requests_made_before_0006(world):
    migrate(BEFORE)
    linked = old_style_request(world, ["A photo", "The lease"], MESSAGE)
    unlinked = old_style_request(world, ["A photo"], "Send it by post if you prefer.", linked=False)

    migrate(AFTER)

    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert linked.note == MESSAGE
    assert unlinked.note == "Send it by post if you prefer."
    assert linked.items == ["A photo", "The lease"]


def test_a_request_that_only_listed_items_keeps_an_empty_note(world):
    migrate(BEFORE)
    app = lifecycle.act(make_submitted(world["permit"]), "request_info", world["officer"], items=["A photo"])
    request = app.info_requests.get()

    migrate(AFTER)

    request.refresh_from_db()
    assert request.note == ""


def test_a_request_that_has_its_note_is_left_as_it_is(world):
    migrate(BEFORE)
    app = lifecycle.act(
        make_submitted(world["permit"]), "request_info", world["officer"], items=["A photo"], note="Thanks."
    )
    request = app.info_requests.get()
    ApplicationEvent.objects.filter(info_request=request).update(note="Something else entirely")

    migrate(AFTER)

    request.refresh_from_db()
    assert request.note == "Thanks."


def test_the_migration_goes_back_without_changing_anything(world):
    app = lifecycle.act(
        make_submitted(world["permit"]), "request_info", world["officer"], items=["A photo"], note="Thanks."
    )

    migrate(BEFORE)

    assert app.info_requests.get().note == "Thanks."
    migrate(AFTER)


def test_the_answer_page_shows_the_message_the_migration_moved(client, world, django_user_model):
    citizen = django_user_model.objects.create_user("zhang", password="pw-123456-long", email="zhang@example.com")
    migrate(BEFORE)
    request = old_style_request(world, ["A photo"], MESSAGE, owner=citizen)

    migrate(AFTER)

    client.force_login(citizen)
    body = client.get(
        f"/en/applications/{request.application.reference}/answer/", headers={"accept-language": "en"}
    ).content.decode()
    assert "Your photo is too dark.<br>Please send a new one." in body
    assert "1. A photo" not in body
