"""The online apply flow end to end, as a guest and signed in."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.models import Application, ApplicationEvent, Attachment, Status
from services.applications.references import is_valid_reference
from tests.applications import fill_all, page1, page2, start, submit
from tests.makers import (
    PDF_BYTES,
    PNG_BYTES,
)

# The test's own transaction: the emails queued on commit are sent where a test reads them, by
# running those callbacks (django_capture_on_commit_callbacks), and each such test counts them first.
pytestmark = pytest.mark.django_db


def test_start_page_says_what_you_need_how_long_and_the_fee(client, service):
    body = client.get("/en/services/permit/apply/").content.decode()
    assert "within 7 working days" in body and "Free" in body and "Tenancy agreement" in body
    assert "Start now" in body


def test_services_without_online_application_have_no_apply_flow(client, service):
    service.offers_online = False
    service.save()
    assert client.get("/en/services/permit/apply/").status_code == 404


def test_guest_applies_from_start_to_confirmation(client, service):
    app = start(client, service)
    fill_all(client, app)
    check = client.get(f"/en/apply/{app.public_id}/check/").content.decode()
    for text in [
        "Zhang Wei",
        "11010519491231002X",
        "13812345678",
        "Huangpu 1 Nanjing Road",
        "New",
        "contract.pdf",
        "E-certificate on record",
        "Change",
    ]:
        assert text in check, text
    response = submit(client, app)
    app.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/en/applications/{app.reference}/submitted/"
    assert app.status == Status.SUBMITTED and is_valid_reference(app.reference) and len(app.reference) <= 16
    assert len(app.tracking_code) == 8 and app.acceptance_due is not None
    body = client.get(response["Location"]).content.decode()
    assert app.reference in body and app.tracking_code in body and app.acceptance_due.isoformat() in body
    assert "What happens next" in body
    assert f'href="{app.service.get_absolute_url()}#contact"' in body  # the link to give feedback


def test_answers_are_stored_under_their_keys(client, service):
    app = start(client, service)
    fill_all(client, app)
    app.refresh_from_db()
    assert app.answers["id_number"] == {"type": "resident_id", "number": "11010519491231002X"}
    assert app.answers["phone"] == "13812345678"
    assert app.answers["address"] == {"district": "huangpu", "street": "1 Nanjing Road"}
    assert app.answers["birth_date"] == "1949-12-31" and app.answers["household"] == "3"
    assert "lost_where" not in app.answers


def test_submission_writes_one_event_and_emails_the_applicant_in_their_language(
    client, service, django_capture_on_commit_callbacks
):
    app = start(client, service)
    fill_all(client, app)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, app)
    app.refresh_from_db()
    event = ApplicationEvent.objects.get(application=app)
    assert (event.from_status, event.to_status, event.visible_to_citizen) == ("draft", "submitted", True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["guest@example.com"] and app.reference in message.subject
    assert app.tracking_code in message.body
    assert message.alternatives and app.reference in message.alternatives[0][0]


def test_chinese_applicant_gets_a_chinese_email(client, service, django_capture_on_commit_callbacks):
    client.post(f"/zh-hans/services/{service.slug}/apply/")
    app = Application.objects.latest("created_at")
    assert app.language == "zh-hans"
    fill_all(client, app)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, app)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"已收到申请 {Application.objects.get(pk=app.pk).reference}：居住证"


def test_double_submit_makes_one_application_and_one_email(client, service, django_capture_on_commit_callbacks):
    app = start(client, service)
    fill_all(client, app)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first, second = submit(client, app), submit(client, app)
    assert first["Location"] == second["Location"]
    assert Application.objects.exclude(status=Status.DRAFT).count() == 1
    assert ApplicationEvent.objects.count() == 1
    app.refresh_from_db()
    assert [m.subject for m in mail.outbox] == [f"Application {app.reference} received: Residence permit"]


def test_tampered_idempotency_key_is_404(client, service):
    app = start(client, service)
    fill_all(client, app)
    other = start(client, service)
    response = client.post(
        f"/en/apply/{app.public_id}/submit/", {"idempotency_key": str(other.public_id), "confirm": "on"}
    )
    assert response.status_code == 404
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_submit_without_declaration_is_refused_with_a_message(client, service):
    app = start(client, service)
    fill_all(client, app)
    response = client.post(f"/en/apply/{app.public_id}/submit/", {"idempotency_key": str(app.public_id)})
    assert response.status_code == 400
    assert "Confirm the declaration to submit your application." in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_incomplete_application_cannot_be_submitted(client, service):
    app = start(client, service)
    response = submit(client, app)
    body = response.content.decode()
    assert response.status_code == 400 and "Some answers are missing" in body and "About the applicant" in body
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_errors_are_listed_in_a_summary_and_every_answer_is_kept(client, service):
    app = start(client, service)
    bad = page1(full_name="Z", id_number="110105194912310021", phone="12345", birth_date="2999-01-01")
    response = client.post(f"/en/apply/{app.public_id}/page/1/", bad)
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert 'href="#id_full_name"' in body and 'href="#id_id_number"' in body and 'href="#id_phone"' in body
    assert "Enter at least 2 characters." in body
    assert "not valid" in body  # wrong check character
    assert "Enter a mobile number of 11 digits" in body
    assert "The date must be today or in the past." in body
    for typed in [
        'value="Z"',
        'value="110105194912310021"',
        'value="12345"',
        'value="2999-01-01"',
        'value="1 Nanjing Road"',
    ]:
        assert typed in body, typed
    assert 'aria-invalid="true"' in body and "<title>Error:" in body


def test_condition_on_same_page_is_asked_only_when_it_applies(client, service):
    app = start(client, service)
    client.post(f"/en/apply/{app.public_id}/page/1/", page1())
    response = client.post(f"/en/apply/{app.public_id}/page/2/", page2(reason="lost", lost_where=""))
    assert "Answer this question: Where was it lost?" in response.content.decode()
    client.post(f"/en/apply/{app.public_id}/page/2/", page2(reason="lost", lost_where="On the metro"))
    app.refresh_from_db()
    assert app.answers["lost_where"] == "On the metro"
    client.post(f"/en/apply/{app.public_id}/page/2/", page2(reason="new", lost_where="ignored"))
    app.refresh_from_db()
    assert "lost_where" not in app.answers


def test_change_link_returns_to_the_check_page(client, service):
    app = start(client, service)
    fill_all(client, app)
    response = client.post(f"/en/apply/{app.public_id}/page/2/?change=1", page2(household="4"))
    assert response["Location"] == f"/en/apply/{app.public_id}/check/"


def test_back_link_goes_to_the_previous_step(client, service):
    app = start(client, service)
    body = client.get(f"/en/apply/{app.public_id}/page/2/").content.decode()
    assert f'class="back-link" href="/en/apply/{app.public_id}/page/1/"' in body


def test_all_missing_or_invalid_documents_are_reported_at_once(client, service):
    app = start(client, service)
    contract = service.materials.get(name_en="Tenancy agreement")
    response = client.post(
        f"/en/apply/{app.public_id}/documents/",
        {
            f"material-{contract.pk}": SimpleUploadedFile("contract.pdf", PNG_BYTES, "application/pdf"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Upload Resident ID card" in body
    assert "Tenancy agreement: The selected file must be a PDF file. Its contents show it is not." in body
    assert not Attachment.objects.exists()


def test_too_big_upload_is_refused_with_the_reason(client, service, settings):
    settings.UPLOAD_MAX_MB = 1
    app = start(client, service)
    contract = service.materials.get(name_en="Tenancy agreement")
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024 + 1), "application/pdf")
    body = client.post(f"/en/apply/{app.public_id}/documents/", {f"material-{contract.pk}": big}).content.decode()
    assert "must be smaller than 1 MB" in body


def test_upload_on_a_question_page_is_kept_with_the_typed_answers_on_error(client, service):
    app = start(client, service)
    photo = SimpleUploadedFile("me.png", PNG_BYTES, "image/png")
    response = client.post(f"/en/apply/{app.public_id}/page/2/", {**page2(household="99"), "photo": photo})
    body = response.content.decode()
    assert "Enter a number from 1 to 20." in body or "Enter a number of at most 20." in body
    assert 'value="99"' in body and "me.png" in body
    assert Attachment.objects.get().original_name == "me.png"


def test_uploads_are_stored_privately_under_generated_names(client, service, settings):
    app = start(client, service)
    fill_all(client, app)
    attachment = Attachment.objects.get()
    assert "contract" not in attachment.file.name and attachment.file.name.startswith("applications/")
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    assert not attachment.file.path.startswith(str(settings.STATIC_ROOT))


def test_applicant_downloads_own_upload_as_an_attachment(client, service):
    app = start(client, service)
    fill_all(client, app)
    attachment = Attachment.objects.get()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_applying_on_behalf_records_helper_and_relation(client, service, django_user_model):
    user = django_user_model.objects.create_user(
        "son",
        password="pw-123456-long",
        first_name="Li",
        last_name="Ming",
        email="son@example.com",
        phone="13900000000",
    )
    client.force_login(user)
    app = start(client, service)
    client.post(
        f"/en/apply/{app.public_id}/applicant/",
        {
            "who": "other",
            "applicant_name": "Li Lao",
            "helper_relation": "child",
            "contact_phone": "13900000000",
        },
    )
    app.refresh_from_db()
    assert app.on_behalf and app.applicant_name == "Li Lao" and app.helper_relation == "child"
    assert app.helper_name == "Ming Li" or app.helper_name == "Li Ming"
    assert app.owner == user


def test_on_behalf_without_relation_is_an_error(client, service):
    app = start(client, service)
    response = client.post(
        f"/en/apply/{app.public_id}/applicant/",
        {
            "who": "other",
            "applicant_name": "Li Lao",
            "contact_phone": "13900000000",
            "contact_email": "a@b.cn",
        },
    )
    body = response.content.decode()
    assert "Select your relation to the applicant." in body and "Enter your own full name" in body
    assert 'value="Li Lao"' in body
