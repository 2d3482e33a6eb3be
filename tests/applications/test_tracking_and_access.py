"""Tracking without an account, "My applications", withdrawal, and who may see what."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from services.applications import lifecycle
from services.applications.models import Application, Attachment, Status
from services.applications.references import is_valid_reference, make_reference
from tests.makers import PDF_BYTES

pytestmark = pytest.mark.django_db


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
    return lifecycle.act(app, "submit", owner)


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
        reference=make_reference(),  # well-formed, so it is the draft that is refused
        tracking_code="ABCDEFGH",
    )
    response = client.post("/en/track/", {"reference": draft.reference, "tracking_code": "ABCDEFGH"})
    assert response.status_code == 400
    assert "No application matches" in response.content.decode()


# --- a mistyped reference is told at once, and never counts as a guess ----------------------------

NOT_VALID = "This reference number is not valid: check it against your receipt."
NOT_VALID_ZH = "申请编号无效，请与回执或确认邮件上的编号核对。"


def mistyped(reference):
    """Malformed versions of a real reference: wrong length, a bad character, a wrong check
    character, two neighbours swapped, not ours at all."""
    last = "0" if reference[-1] != "0" else "1"
    # Two neighbours whose swap the check character catches: swapping equal ones gives the real
    # reference back, and Luhn mod N misses one pair of values (as Luhn misses 09 <-> 90).
    swaps = (reference[:i] + reference[i + 1] + reference[i] + reference[i + 2 :] for i in range(4, len(reference) - 1))
    swapped = next(candidate for candidate in swaps if not is_valid_reference(candidate))
    return [
        reference[:-1],
        reference + "7",
        reference[:6] + "!" + reference[7:],
        reference[:-1] + last,
        swapped,
        "ZZ" + reference[2:],
        "12345",
    ]


def test_a_malformed_reference_is_not_valid_at_once_as_a_field_error(client, service, citizen):
    app = submitted(service, citizen)
    for reference in mistyped(app.reference):
        if reference == app.reference:
            continue
        response = client.post("/en/track/", {"reference": reference, "tracking_code": app.tracking_code})
        body = response.content.decode()
        assert response.status_code == 400, reference
        assert body.count(NOT_VALID) == 2, reference  # in the error summary and at the field
        assert 'aria-invalid="true"' in body and 'href="#id_reference"' in body
        assert "No application matches" not in body
        assert "Residence permit" not in body
        assert escape(reference) in body  # what was typed is kept to correct it
        assert f'value="{app.tracking_code}"' in body


def test_a_tracking_code_of_the_wrong_shape_is_told_at_once_and_never_locks(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 2
    app = submitted(service, citizen)
    for code in ["ABC", "ABCDEFGHJ", "ABCD!234", "测试测试测试测试"] * 2:
        response = client.post("/en/track/", {"reference": app.reference, "tracking_code": code})
        body = response.content.decode()
        assert response.status_code == 400
        assert "A tracking code is 8 letters and numbers: check it against your receipt." in body
        assert f'value="{app.reference}"' in body
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    assert response.status_code == 200


def test_the_not_valid_message_in_chinese(client):
    body = client.post("/zh-hans/track/", {"reference": "HP26K7M2X9QDA", "tracking_code": "ABCD1234"})
    assert NOT_VALID_ZH in body.content.decode()


def test_many_mistyped_references_never_lock(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    app = submitted(service, citizen)
    for _ in range(4):
        for reference in mistyped(app.reference):
            assert client.post("/en/track/", {"reference": reference, "tracking_code": "GUESS000"}).status_code == 400
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    assert response.status_code == 200 and "Residence permit" in response.content.decode()


def test_well_formed_references_with_a_wrong_code_lock(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    app = submitted(service, citizen)
    unknown = make_reference()  # well-formed but nobody's: a guess like any other
    for reference in (app.reference, unknown, app.reference):
        response = client.post("/en/track/", {"reference": reference, "tracking_code": "GUESS000"})
        assert response.status_code == 400 and NOT_VALID not in response.content.decode()
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    assert response.status_code == 429


# --- bounded inputs ----------------------------------------------------------------------------------


def test_a_one_megabyte_reference_is_not_echoed_back(client, service, citizen, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 1
    app = submitted(service, citizen)
    huge = "HP26" + "A" * 1_000_000
    response = client.post("/en/track/", {"reference": huge, "tracking_code": "B" * 1_000_000})
    body = response.content.decode()
    assert response.status_code == 400
    assert len(response.content) < 60_000
    assert NOT_VALID in body
    assert 'value="HP26AAAAAAAAAAAA' in body and "A" * 100 not in body and "B" * 100 not in body
    # not a guess: the right code still works
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    assert response.status_code == 200


def test_a_huge_tracking_code_is_cut_down_too(client, service, citizen):
    app = submitted(service, citizen)
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": "9" * 1_000_000})
    assert response.status_code == 400 and len(response.content) < 60_000
    assert "9" * 100 not in response.content.decode()


def test_the_tracking_inputs_say_how_long_they_may_be(client):
    body = client.get("/en/track/").content.decode()
    assert body.count('maxlength="40"') == 2
    assert 'autocomplete="off"' in body and 'spellcheck="false"' in body


def test_my_applications_lists_every_channel_and_drafts(client, service, citizen, other, django_assert_max_num_queries):
    online = submitted(service, citizen)
    counter = submitted(service, citizen, channel="counter")
    # With its draft code, as the apply flow makes it (an older draft gets one, once, when first listed).
    Application.objects.create(service=service, department=service.department, owner=citizen, draft_code="K7M2X9QD")
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


def test_owner_sees_detail_and_withdraws(client, service, citizen, django_capture_on_commit_callbacks):
    app = submitted(service, citizen)
    client.force_login(citizen)
    body = client.get(f"/en/applications/{app.reference}/").content.decode()
    assert "Withdraw this application" in body and app.tracking_code in body
    assert "Are you" not in body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/applications/{app.reference}/withdraw/", {"reason": "Moved away"})
    app.refresh_from_db()
    assert response.status_code == 302 and app.status == Status.WITHDRAWN and app.closed_at
    assert app.events.last().note == "Moved away"
    assert len(mail.outbox) == 1 and "Withdrawn" in mail.outbox[0].subject
    body = client.get(f"/en/applications/{app.reference}/").content.decode()
    assert "Withdraw this application" not in body and "Your application has been withdrawn." in body


def test_withdrawing_twice_says_it_is_too_late(client, service, citizen):
    app = submitted(service, citizen)
    lifecycle.act(app, "withdraw", citizen)
    client.force_login(citizen)
    response = client.post(f"/en/applications/{app.reference}/withdraw/", {"reason": ""}, follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    assert app.events.count() == 2


def test_a_failing_mail_server_never_fails_a_submission(
    client, service, citizen, monkeypatch, django_capture_on_commit_callbacks
):
    tried = []

    def broken(*args, **kwargs):
        tried.append(1)
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        app = submitted(service, citizen)
    assert tried  # the confirmation was really attempted
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
    settings.TRUSTED_PROXY_COUNT = 1  # X-Forwarded-For is believed only with a proxy in front
    app = submitted(service, citizen)
    wrong = {"reference": app.reference, "tracking_code": "GUESS000"}
    for _ in range(2):
        client.post("/en/track/", wrong, headers={"x-forwarded-for": "203.0.113.7"})
    blocked = client.post("/en/track/", wrong, headers={"x-forwarded-for": "203.0.113.7"})
    other = client.post("/en/track/", wrong, headers={"x-forwarded-for": "198.51.100.9"})
    assert blocked.status_code == 429 and other.status_code == 400
