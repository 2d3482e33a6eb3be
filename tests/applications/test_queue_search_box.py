"""The staff queue's search box reads what is sent the way the public search boxes do
(services.catalogue.forms.searched_text): control characters, NUL included, as spaces, at most
MAX_QUERY_LENGTH characters. A NUL would reach the database as part of a name (PostgreSQL refuses
a string with a NUL: a 500 for the officer) and be echoed into the box and the access log."""

from urllib.parse import unquote_plus

import pytest
from django.db import connection

from services.applications.models import AccessLog
from services.catalogue.models import MAX_QUERY_LENGTH
from tests.makers import make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class Params:
    """A database execute wrapper that keeps the parameters of every query sent."""

    def __init__(self):
        self.sent = []

    def __call__(self, execute, sql, params, many, context):
        self.sent.append(repr(params) + sql)
        return execute(sql, params, many, context)

    def has_nul(self):
        return any("\\x00" in text or "\x00" in text for text in self.sent)


QUEUE = "/admin/applications/application/"


def test_a_nul_in_a_name_search_is_read_as_a_space(client, world):
    app = make_submitted(world["permit"], applicant_name="Li Lei")
    client.force_login(world["officer"])
    queries = Params()
    with connection.execute_wrapper(queries):
        response = client.get(QUEUE, {"q": "Li\x00Lei\x00"})
    assert response.status_code == 200
    assert [a.reference for a in response.context["cl"].result_list] == [app.reference]
    assert queries.sent and not queries.has_nul()
    body = response.content.decode()
    assert "\x00" not in body and 'value="Li Lei"' in body


def test_control_characters_in_a_mobile_search_are_read_as_spaces(client, world):
    app = make_submitted(world["permit"], contact_phone="13911112222")
    client.force_login(world["officer"])
    response = client.get(QUEUE, {"q": "\x1b139\x001111\x7f2222"})
    assert [a.reference for a in response.context["cl"].result_list] == [app.reference]
    assert "\x00" not in AccessLog.objects.get(action=AccessLog.Action.SEARCH).detail


def test_an_overlong_queue_search_is_cut_to_the_maximum(client, world):
    client.force_login(world["officer"])
    response = client.get(QUEUE, {"q": "x" * 2_000})
    assert response.status_code == 200
    assert len(response.context["cl"].query) == MAX_QUERY_LENGTH


def test_an_export_of_a_search_with_a_nul_finds_and_logs_it_without_the_nul(client, world):
    make_submitted(world["permit"], applicant_name="Li Lei")
    client.force_login(world["officer"])
    queries = Params()
    with connection.execute_wrapper(queries):
        response = client.get(f"{QUEUE}export/", {"q": "Li\x00Lei"})
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert queries.sent and not queries.has_nul()
    assert len(rows) == 2 and "Li Lei" in rows[1]
    detail = unquote_plus(AccessLog.objects.get(action=AccessLog.Action.EXPORT).detail)
    assert "\x00" not in detail and "q=L* L**" in detail
