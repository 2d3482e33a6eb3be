"""A form sent with no fields at all (a browser extension, a resent empty request, a scanner)
is an answer like any other: the page says what is missing, it is never shown as if nothing
had been sent."""

import pytest

from tests.applications import answer_url, asked, fill_all, start, submit
from tests.makers import make_submitted

pytestmark = pytest.mark.django_db


def test_an_empty_applicant_page_says_what_is_missing(client, service):
    app = start(client, service)
    response = client.post(f"/en/apply/{app.public_id}/applicant/", {})
    body = response.content.decode()
    assert "There is a problem" in body
    assert response.status_code in (200, 400)


def test_an_empty_tracking_form_says_what_is_missing(client):
    response = client.post("/en/track/", {})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_an_empty_answer_to_a_request_for_information_is_refused(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    response = client.post(answer_url(app), {})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_a_withdrawal_sent_without_a_reason_withdraws(client, service):
    """The reason is optional: pressing the button with the box left out still withdraws,
    instead of showing the form again as if nothing had been sent."""
    app = start(client, service)
    fill_all(client, app)
    assert submit(client, app).status_code == 302
    app.refresh_from_db()
    response = client.post(f"/en/applications/{app.reference}/withdraw/", {})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "withdrawn"


def test_an_empty_sign_up_says_what_is_missing(client):
    response = client.post("/en/account/signup/", {})
    assert "There is a problem" in response.content.decode()


def test_an_empty_profile_edit_says_what_is_missing(client, django_user_model):
    user = django_user_model.objects.create_user("zhang", email="zhang@example.com", password="x-Secret-2026")
    client.force_login(user)
    response = client.post("/en/account/profile/edit/", {})
    assert "There is a problem" in response.content.decode()
