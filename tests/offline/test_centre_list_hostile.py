"""The list of centres reads its ?service= the way the search boxes read a query
(services.catalogue.forms.searched_text): a NUL or other control character never reaches the
database (PostgreSQL refuses a NUL in a string: a 500), the page says the service was not found."""

import pytest
from django.db import connection

from tests.makers import make_centre, make_service

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


@pytest.fixture
def marriage():
    service = make_service(slug="marriage", name_en="Marriage registration", offers_counter=True)
    make_centre(slug="jx-1", name_en="Jiangxin Centre 1", services=[service])
    make_centre(slug="other", name_en="Centre for something else")
    return service


@pytest.mark.parametrize("raw", ["marriage%00", "%00", "mar%00riage", "%1B%5B31m", "x" * 300])
def test_a_hostile_service_in_the_centre_list_gets_the_normal_page(client, marriage, raw):
    queries = Params()
    with connection.execute_wrapper(queries):
        response = client.get(f"/en/centres/?service={raw}")
    assert response.status_code == 200
    assert queries.sent and not queries.has_nul()
    body = response.content.decode()
    assert "\x00" not in body and "\x1b" not in body


def test_a_service_with_a_trailing_nul_is_still_found(client, marriage):
    response = client.get("/en/centres/?service=marriage%00")
    assert response.context["service"] == marriage
    assert [c.slug for c in response.context["page"].object_list] == ["jx-1"]
