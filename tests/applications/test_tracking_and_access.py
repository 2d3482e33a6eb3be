"""Tracking without an account, "My applications", withdrawal, and who may see what."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications import lifecycle
from services.applications.models import Application, Attachment, Status
from tests.makers import PDF_BYTES, make_department, make_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service():
    return make_service(
        slug="permit",
        name_en="Residence permit",
        name_zh="居住证",
        department=make_department(slug="psb"),
        offers_online=True,
    )


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user(
        "zhang",
        password="pw-123456-long",
        email="zhang@example.com",
        first_name="Wei",
        last_name="Zhang",
        phone="13800138000",
    )


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("li", password="pw-123456-long", email="li@example.com")


def submitted(service, owner, **kw):
    app = Application.objects.create(
        service=service,
        department=service.department,
        owner=owner,
        applicant_name="Zhang Wei",
        contact_email="zhang@example.com",
        contact_phone="13800138000",
        language="en",
        **kw,
    )
    return lifecycle.submit(app, owner)


def test_tracking_shows_status_timeline_and_expected_date_without_personal_data(client, service, citizen):
    app = submitted(service, citizen, answers={"id_number": {"type": "resident_id", "number": "11010519491231002X"}})
    response = client.post("/en/track/", {"reference": app.reference.lower(), "tracking_code": app.tracking_code})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Residence permit" in body and "Submitted" in body and app.acceptance_due.isoformat() in body
    for private in ["Zhang Wei", "13800138000", "zhang@example.com", "11010519491231002X"]:
        assert private not in body


def test_tracking_accepts_spaces_dashes_and_lowercase(client, service, citizen):
    app = submitted(service, citizen)
    ref = f"{app.reference[:5]}-{app.reference[5:]}".lower()
    response = client.post("/en/track/", {"reference": f" {ref} ", "tracking_code": app.tracking_code.lower()})
    assert response.status_code == 200 and "Residence permit" in response.content.decode()


def test_wrong_code_is_refused_with_one_message(client, service, citizen):
    app = submitted(service, citizen)
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": "WRONG123"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "No application matches that reference number and tracking code" in body
    assert "Residence permit" not in body
    assert f'value="{app.reference}"' in body  # what was typed is kept


def test_missing_fields_get_specific_messages(client):
    body = client.post("/en/track/", {"reference": "", "tracking_code": ""}).content.decode()
    assert "Enter the reference number." in body and "Enter the tracking code." in body


def test_wrong_guesses_are_rate_limited(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    app = submitted(service, citizen)
    for _ in range(3):
        client.post("/en/track/", {"reference": app.reference, "tracking_code": "GUESS000"})
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Residence permit" not in response.content.decode()


def test_drafts_cannot_be_tracked(client, service, citizen):
    draft = Application.objects.create(
        service=service,
        department=service.department,
        owner=citizen,
        reference="HP26XXXXXXXXX",
        tracking_code="ABCDEFGH",
    )
    response = client.post("/en/track/", {"reference": draft.reference, "tracking_code": "ABCDEFGH"})
    assert response.status_code == 400


def test_my_applications_lists_every_channel_and_drafts(client, service, citizen, other, django_assert_max_num_queries):
    online = submitted(service, citizen)
    counter = submitted(service, citizen, channel="counter")
    Application.objects.create(service=service, department=service.department, owner=citizen)
    submitted(service, other)
    for _ in range(15):
        submitted(service, citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        response = client.get("/en/applications/")
    body = response.content.decode()
    assert online.reference in body and counter.reference in body and "At a service centre" in body
    assert "Your drafts" in body
    assert len(response.context["page"].object_list) == 17


def test_my_applications_needs_sign_in(client):
    response = client.get("/en/applications/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_another_citizen_gets_404_for_application_draft_and_upload(client, service, citizen, other):
    app = submitted(service, citizen)
    draft = Application.objects.create(service=service, department=service.department, owner=citizen)
    attachment = Attachment(
        application=draft, field_key="x", original_name="a.pdf", content_type="application/pdf", size=len(PDF_BYTES)
    )
    attachment.file.save("x", SimpleUploadedFile("a.pdf", PDF_BYTES), save=True)
    client.force_login(other)
    assert client.get(f"/en/applications/{app.reference}/").status_code == 404
    assert client.get(f"/en/applications/{app.reference}/submitted/").status_code == 404
    assert client.post(f"/en/applications/{app.reference}/withdraw/").status_code == 404
    assert client.get(f"/en/apply/{draft.public_id}/check/").status_code == 404
    assert client.get(f"/en/apply/{draft.public_id}/page/1/").status_code == 404
    assert client.post(f"/en/apply/{draft.public_id}/applicant/", {"who": "self"}).status_code == 404
    assert client.get(f"/en/apply/{draft.public_id}/files/{attachment.pk}/").status_code == 404
    assert client.post(f"/en/apply/{draft.public_id}/delete/").status_code == 404
    assert Application.objects.filter(pk=draft.pk).exists()


def test_anonymous_visitor_gets_404_for_a_signed_in_users_draft(client, service, citizen):
    draft = Application.objects.create(service=service, department=service.department, owner=citizen)
    assert client.get(f"/en/apply/{draft.public_id}/applicant/").status_code == 404


def test_guest_draft_is_not_visible_from_another_session(client, service):
    client.post("/en/services/permit/apply/")
    draft = Application.objects.get()
    assert client.get(f"/en/apply/{draft.public_id}/applicant/").status_code == 200
    client.cookies.clear()
    assert client.get(f"/en/apply/{draft.public_id}/applicant/").status_code == 404


def test_forged_draft_id_is_404(client, service):
    assert client.get("/en/apply/00000000-0000-0000-0000-000000000000/check/").status_code == 404
    assert client.get("/en/apply/not-a-uuid/check/").status_code == 404


def test_owner_sees_detail_and_withdraws(client, service, citizen):
    app = submitted(service, citizen)
    client.force_login(citizen)
    body = client.get(f"/en/applications/{app.reference}/").content.decode()
    assert "Withdraw this application" in body and app.tracking_code in body
    assert "Are you" not in body
    mail.outbox.clear()
    response = client.post(f"/en/applications/{app.reference}/withdraw/", {"reason": "Moved away"})
    app.refresh_from_db()
    assert response.status_code == 302 and app.status == Status.WITHDRAWN and app.closed_at
    assert app.events.last().note == "Moved away"
    assert len(mail.outbox) == 1 and "Withdrawn" in mail.outbox[0].subject
    body = client.get(f"/en/applications/{app.reference}/").content.decode()
    assert "Withdraw this application" not in body and "Your application has been withdrawn." in body


def test_withdrawing_twice_says_it_is_too_late(client, service, citizen):
    app = submitted(service, citizen)
    lifecycle.withdraw(app, citizen)
    client.force_login(citizen)
    response = client.post(f"/en/applications/{app.reference}/withdraw/", {"reason": ""}, follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    assert app.events.count() == 2


def test_a_failing_mail_server_never_fails_a_submission(client, service, citizen, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    app = submitted(service, citizen)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.reference


def test_huge_post_is_refused_cleanly(client, service, settings):
    settings.MAX_REQUEST_MB = 1
    client.post("/en/services/permit/apply/")
    draft = Application.objects.get()
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = client.post(f"/en/apply/{draft.public_id}/documents/", {"material-1": big})
    assert response.status_code == 413
    assert "The files are too big" in response.content.decode()


def test_rate_limit_counts_each_visitor_behind_the_load_balancer_separately(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 2
    app = submitted(service, citizen)
    wrong = {"reference": app.reference, "tracking_code": "GUESS000"}
    for _ in range(2):
        client.post("/en/track/", wrong, headers={"x-forwarded-for": "203.0.113.7"})
    blocked = client.post("/en/track/", wrong, headers={"x-forwarded-for": "203.0.113.7"})
    other = client.post("/en/track/", wrong, headers={"x-forwarded-for": "198.51.100.9"})
    assert blocked.status_code == 429 and other.status_code == 400
