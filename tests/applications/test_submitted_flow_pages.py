"""Back (or a bookmark) to any page of a submitted application's flow says it has been
submitted, with its reference and links to its confirmation and its details - for its owner
and for the guest whose browser sent it; anyone else still gets 404."""

import pytest

from services.applications.models import Application, Status
from tests.applications import fill_all, start, submit

pytestmark = pytest.mark.django_db

FLOW_PAGES = ["", "applicant/", "page/1/", "page/2/", "page/9/", "documents/", "check/", "submit/", "delete/"]


@pytest.fixture
def submitted(client, service):
    app = start(client, service)
    fill_all(client, app)
    submit(client, app)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    return app


@pytest.mark.parametrize("step", FLOW_PAGES)
def test_guest_going_back_to_a_flow_page_is_told_it_was_submitted(client, submitted, step):
    response = client.get(f"/en/apply/{submitted.public_id}/{step}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "This application has been submitted" in body
    assert submitted.reference in body
    assert f'href="/en/applications/{submitted.reference}/submitted/"' in body
    assert f'href="/en/applications/{submitted.reference}/"' in body
    assert 'href="/en/track/"' in body
    assert "Page not found" not in body and "Save and continue" not in body


@pytest.mark.parametrize("step", ["applicant/", "page/1/", "documents/", "check/", "delete/"])
def test_a_form_sent_again_after_submission_changes_nothing_and_says_so(client, submitted, step):
    answers = dict(submitted.answers)
    response = client.post(f"/en/apply/{submitted.public_id}/{step}", {"applicant_name": "Someone Else"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "This application has been submitted" in body and "was not saved" in body
    submitted.refresh_from_db()
    assert submitted.answers == answers and submitted.applicant_name == "Zhang Wei"
    assert Application.objects.filter(pk=submitted.pk).exists()


def test_owner_going_back_after_submission_is_told_it_was_submitted(client, service, django_user_model):
    user = django_user_model.objects.create_user("wei", password="pw-123456-long", email="wei@example.com")
    client.force_login(user)
    app = start(client, service)
    fill_all(client, app)
    submit(client, app)
    app.refresh_from_db()
    body = client.get(f"/en/apply/{app.public_id}/check/").content.decode()
    assert "This application has been submitted" in body and app.reference in body
    assert f'href="/en/applications/{app.reference}/"' in body


@pytest.mark.parametrize("step", FLOW_PAGES)
def test_anyone_else_still_gets_404(client, submitted, step, django_user_model):
    client.cookies.clear()
    assert client.get(f"/en/apply/{submitted.public_id}/{step}").status_code == 404
    stranger = django_user_model.objects.create_user("stranger", password="pw-123456-long")
    client.force_login(stranger)
    assert client.get(f"/en/apply/{submitted.public_id}/{step}").status_code == 404


def test_the_submitted_page_in_chinese_never_says_the_service_may_be_cancelled(client, submitted):
    body = client.get(f"/zh-hans/apply/{submitted.public_id}/check/").content.decode()
    assert "此申请已提交" in body and submitted.reference in body
    assert "撤销" not in body and "更名" not in body


def test_submit_reached_by_get_on_a_draft_leads_to_the_check_page(client, service):
    app = start(client, service)
    response = client.get(f"/en/apply/{app.public_id}/submit/")
    assert response.status_code == 302 and response["Location"] == f"/en/apply/{app.public_id}/check/"
