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
MESSAGE = "Your photo is too dark.\nPlease send a new one."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def migrate_to_latest():
    """Forward through 0010 and every migration after it: the schema the models (and the next
    test in this process) expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    yield
    migrate_to_latest()  # even when a test fails half way: the database is shared by the tests after it


def request_info(world, items, note="", *, owner=None):
    """A request for information made by today's code (its note on the request)."""
    app = lifecycle.act(
        make_submitted(world["permit"], owner=owner), "request_info", world["officer"], items=items, note=note
    )
    return app.info_requests.get()


def as_before_0006(*requests, unlinked=()):
    """Back to the schema before 0010 (0009; the migrations after it drop the columns they added),
    and the requests as the code before 0006 left them: no note on the request, the officer's
    words and the list in the step's note; the `unlinked` ones with no link from their step."""
    migrate(BEFORE)
    for request in requests:
        InfoRequest.objects.filter(pk=request.pk).update(note="")
        step = ApplicationEvent.objects.get(info_request=request)
        assert step.note.startswith(f"{request.note}\n\n" if request.note else "1. "), step.note
    ApplicationEvent.objects.filter(info_request__in=unlinked).update(info_request=None)


def test_the_migration_puts_the_officers_message_on_requests_made_before_0006(world):
    linked = request_info(world, ["A photo", "The lease"], MESSAGE)
    unlinked = request_info(world, ["A photo"], "Send it by post if you prefer.")
    as_before_0006(linked, unlinked, unlinked=[unlinked])

    migrate_to_latest()

    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert linked.note == MESSAGE
    assert unlinked.note == "Send it by post if you prefer."
    assert linked.items == ["A photo", "The lease"]


def test_a_request_that_only_listed_items_keeps_an_empty_note(world):
    request = request_info(world, ["A photo"])
    as_before_0006(request)

    migrate_to_latest()

    request.refresh_from_db()
    assert request.note == ""


def test_a_request_that_has_its_note_is_left_as_it_is(world):
    request = request_info(world, ["A photo"], "Thanks.")
    migrate(BEFORE)
    ApplicationEvent.objects.filter(info_request=request).update(note="Something else entirely")

    migrate_to_latest()

    request.refresh_from_db()
    assert request.note == "Thanks."


def test_the_migration_goes_back_without_changing_anything(world):
    request = request_info(world, ["A photo"], "Thanks.")

    migrate(BEFORE)

    assert InfoRequest.objects.get(pk=request.pk).note == "Thanks."


def test_the_answer_page_shows_the_message_the_migration_moved(client, world, django_user_model):
    citizen = django_user_model.objects.create_user("zhang", password="pw-123456-long", email="zhang@example.com")
    request = request_info(world, ["A photo"], MESSAGE, owner=citizen)
    as_before_0006(request)

    migrate_to_latest()

    client.force_login(citizen)
    body = client.get(
        f"/en/applications/{request.application.reference}/answer/", headers={"accept-language": "en"}
    ).content.decode()
    assert "Your photo is too dark.<br>Please send a new one." in body
    assert "1. A photo" not in body
