"""A question page (guests use it too) never sends back a megabyte that was posted to it: a
date or a number too long to be one is shown cut down, and an answer that is not one of the
choices is refused without repeating it."""

import pytest

from services.applications.models import Application
from tests.makers import VALID_PAGE_1, make_form, make_service

pytestmark = pytest.mark.django_db

HUGE = 500_000


@pytest.fixture
def draft(client):
    service = make_service(slug="permit", offers_online=True)
    make_form(service)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    client.post(
        f"/en/apply/{app.public_id}/applicant/",
        {"who": "self", "applicant_name": "Li Na", "contact_phone": "13812345678", "contact_email": "li@example.com"},
    )
    return app


def test_a_huge_date_is_refused_and_not_echoed(client, draft):
    response = client.post(f"/en/apply/{draft.public_id}/page/1/", dict(VALID_PAGE_1, birth_date="1" * HUGE))
    assert response.status_code == 200 or response.status_code == 400
    assert len(response.content) < 60_000
    assert "Enter a real date" in response.content.decode()


@pytest.mark.parametrize("key", ["household", "reason", "has_car", "needs"])
def test_a_huge_answer_on_page_two_is_refused_and_not_echoed(client, draft, key):
    data = {"reason": "new", "household": "2", "has_car": "no", key: "9" * HUGE}
    response = client.post(f"/en/apply/{draft.public_id}/page/2/", data)
    body = response.content.decode()
    assert len(response.content) < 60_000, len(response.content)
    assert "9" * 1001 not in body
    assert "error-summary" in body


@pytest.mark.parametrize("prefix", ["en", "zh-hans"])
def test_an_answer_that_is_not_a_choice_names_the_question_not_the_value(client, draft, prefix):
    data = {"reason": "<b>nonsense</b>", "household": "2", "has_car": "no"}
    body = client.post(f"/{prefix}/apply/{draft.public_id}/page/2/", data).content.decode()
    assert "nonsense" not in body
    expected = "Choose one of the answers listed: Reason" if prefix == "en" else "请从列出的选项中选择：Reason"
    assert expected in body
