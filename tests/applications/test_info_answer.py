"""The applicant answers a request for more information: every item at once, text and files in
one go; the application returns where it was and its deadline moves by the time spent waiting."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from services.applications import lifecycle, workdays
from services.applications.models import Application, ApplicationEvent, Attachment, InfoRequest, Status
from tests.applications import ITEMS, answer_url, asked
from tests.makers import PDF_BYTES, PNG_BYTES, make_submitted

# The test's own transaction: the emails queued on commit are sent where a test reads them, by
# running those callbacks (django_capture_on_commit_callbacks), and each such test counts them first.
pytestmark = pytest.mark.django_db


def waited(app, days=14):
    """Pretend the request was made `days` ago (the clock was paused since then)."""
    paused = timezone.now() - datetime.timedelta(days=days)
    Application.objects.filter(pk=app.pk).update(paused_at=paused)
    return Application.objects.get(pk=app.pk)


def pdf(name="contract.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


def login_url(app):
    return f"/en/account/login/?next=/en/applications/{app.reference}/answer/"


def test_detail_and_tracking_pages_show_every_item_with_an_answer_link(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    body = client.get(f"/en/applications/{app.reference}/").content.decode()
    assert "The department needs more information" in body
    assert all(item in body for item in ITEMS)
    assert f'href="{answer_url(app)}"' in body and "Answer the request" in body

    tracked = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    body = tracked.content.decode()
    assert tracked.status_code == 200
    assert all(item in body for item in ITEMS) and f'href="{answer_url(app)}"' in body

    client.logout()
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}).content.decode()
    assert all(item in body for item in ITEMS) and "Sign in to answer" in body
    assert f'href="{answer_url(app)}"' not in body

    client.force_login(get_user_model().objects.create_user("stranger", password="pw-123456-long"))
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}).content.decode()
    assert "This application was made with another account" in body and f'href="{answer_url(app)}' not in body
    assert client.get(answer_url(app)).status_code == 404  # the page and the answer view follow one rule


def test_answer_page_lists_items_and_the_officers_message(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    response = client.get(answer_url(app))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Answer the request for more information</h1>" in body
    assert "We need two more things." in body
    assert f"<li>{ITEMS[0]}</li>" in body and f"<li>{ITEMS[1]}</li>" in body
    assert 'enctype="multipart/form-data"' in body
    assert 'name="file-1"' in body and 'name="file-2"' in body and 'name="answer"' in body
    # An answer or a file is needed: the answer box is not called optional.
    assert '<label for="id_answer">Your answer</label>' in body
    assert body.count('<span class="optional">') == 2  # the two file boxes only


def test_answer_with_text_and_a_file_returns_the_application_and_moves_the_deadline(
    client, service, citizen, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = waited(asked(make_submitted(service, citizen), officer))
    due_before, paused_at = app.decision_due, app.paused_at
    assert len(mail.outbox) == 3  # received, accepted, information requested
    request_mail = mail.outbox[-1]
    assert request_mail.to == ["zhang@example.com"]
    assert "More information requested" in request_mail.subject and ITEMS[0] in request_mail.body
    mail.outbox.clear()

    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "Here it is.", "file-1": pdf()}
        )
    assert response.status_code == 302 and response["Location"] == f"/en/applications/{app.reference}/"

    app.refresh_from_db()
    info = InfoRequest.objects.get(application=app)
    assert app.status == Status.ACCEPTED and not app.paused_at and not app.resume_status
    assert info.answer == "Here it is." and info.answered_at
    attachment = Attachment.objects.get(application=app)
    assert attachment.field_key == info.file_key(1) == f"info-{info.pk}-1"
    assert attachment.original_name == "contract.pdf" and attachment.content_type == "application/pdf"
    assert attachment.uploaded_by == citizen
    assert app.decision_due == workdays.extend_by_pause(due_before, paused_at, info.answered_at)
    assert app.decision_due > due_before and app.due_on == app.decision_due
    answered = app.events.last()
    assert (answered.from_status, answered.to_status) == (Status.INFO_REQUESTED, Status.ACCEPTED)
    assert answered.actor == citizen
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhang@example.com"]
    assert mail.outbox[0].subject == f"Application {app.reference}: answer received"

    body = client.get(response["Location"]).content.decode()
    assert "your answer has been sent to the department" in body
    assert "Earlier requests for more information" in body and "Here it is." in body
    assert f'href="{attachment.get_absolute_url()}"' in body
    assert "The department needs more information" not in body
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_empty_answer_without_files_is_refused_and_nothing_changes(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    events = app.events.count()
    client.force_login(citizen)
    response = client.post(answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "   "})
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Enter your answer, or upload a file for at least one of the items asked for." in body
    assert 'href="#id_answer"' in body
    app.refresh_from_db()
    assert app.status == Status.INFO_REQUESTED and app.events.count() == events
    assert not app.info_requests.get().answered_at and not Attachment.objects.exists()


def test_a_file_alone_is_an_answer(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    photo = SimpleUploadedFile("back.png", PNG_BYTES, "image/png")
    response = client.post(answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "", "file-2": photo})
    assert response.status_code == 302
    info = InfoRequest.objects.get(application=app)
    assert info.answered_at and Attachment.objects.get().field_key == info.file_key(2)


def test_wrong_file_type_names_the_item_and_keeps_the_text(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    fake = SimpleUploadedFile("id.pdf", b"MZ this is a program, not a PDF", "application/pdf")
    response = client.post(
        answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "My careful answer", "file-2": fake}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert f"{ITEMS[1]}: The selected file must be a PDF" in body
    assert 'href="#id_file-2"' in body and 'aria-invalid="true"' in body
    assert "My careful answer</textarea>" in body
    app.refresh_from_db()
    assert app.status == Status.INFO_REQUESTED and not Attachment.objects.exists()

    fake.seek(0)
    body = client.post(
        answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "", "file-2": fake}
    ).content.decode()
    assert f"{ITEMS[1]}: The selected file must be a PDF" in body
    assert "Enter your answer" not in body  # a file was given: only what is wrong with it is reported


def test_too_big_a_file_is_refused(client, service, citizen, officer, settings):
    settings.UPLOAD_MAX_MB = 1
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024), "application/pdf")
    response = client.post(answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "x", "file-1": big})
    assert response.status_code == 400
    assert f"{ITEMS[0]}: The selected file must be smaller than 1 MB" in response.content.decode()


def test_another_citizen_gets_404(client, service, citizen, other, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(other)
    assert client.get(answer_url(app)).status_code == 404
    assert client.post(answer_url(app), {"answer": "not mine"}).status_code == 404
    client.logout()
    assert client.get(answer_url(app)).status_code == 302  # to sign in: see test_a_visitor_not_signed_in_...
    assert Application.objects.get(pk=app.pk).status == Status.INFO_REQUESTED


def test_nothing_to_answer_redirects_with_a_message(client, service, citizen, officer):
    app = lifecycle.act(make_submitted(service, citizen), "accept", officer)
    client.force_login(citizen)
    response = client.get(answer_url(app), follow=True)
    assert response.redirect_chain == [(f"/en/applications/{app.reference}/", 302)]
    assert "There is no open request for more information on this application." in response.content.decode()
    response = client.post(answer_url(app), {"answer": "hello"})
    assert response.status_code == 302 and Application.objects.get(pk=app.pk).status == Status.ACCEPTED


def test_a_double_submission_answers_once(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    data = {"request_id": app.info_requests.get().pk, "answer": "Once only"}
    first = client.post(answer_url(app), {**data, "file-1": pdf()})
    second = client.post(answer_url(app), {**data, "file-1": pdf("again.pdf")}, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "There is no open request for more information" in second.content.decode()
    assert app.events.filter(from_status=Status.INFO_REQUESTED).count() == 1
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["contract.pdf"]


def test_an_answer_to_an_older_request_does_not_answer_a_new_one(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    old_request = app.info_requests.get()
    lifecycle.act(app, "answer_info", citizen, answer="answered elsewhere")
    lifecycle.act(app, "request_info", officer, items=["Something else"])
    client.force_login(citizen)
    response = client.post(answer_url(app), {"request_id": old_request.pk, "answer": "stale page"})
    assert response.status_code == 302
    new_request = app.info_requests.filter(answered_at__isnull=True).get()
    assert new_request.items == ["Something else"] and new_request.answer == ""


def test_a_transition_error_is_a_message_not_a_500(client, service, citizen, officer, monkeypatch, settings):
    app = asked(make_submitted(service, citizen), officer)

    def refuse(*args, **kwargs):
        raise lifecycle.TransitionError("Someone else changed this application.")

    monkeypatch.setattr(lifecycle, "act", refuse)
    client.force_login(citizen)
    response = client.post(
        answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "x", "file-1": pdf()}, follow=True
    )
    assert response.status_code == 200 and "Someone else changed this application." in response.content.decode()
    assert not Attachment.objects.exists()  # the row was rolled back, and the stored file deleted
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_guest_answers_from_the_browser_that_tracked_it(client, service, officer, django_user_model):
    from django.test import Client

    app = asked(make_submitted(service, None), officer)
    assert client.get(answer_url(app)).url == login_url(app)  # not tracked yet: like every other reference
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}).content.decode()
    assert f'href="{answer_url(app)}"' in body and "Sign in to answer" not in body

    stranger = Client()
    assert stranger.get(answer_url(app)).url == login_url(app)
    assert stranger.post(answer_url(app), {"answer": "not mine"}).url == login_url(app)

    response = client.post(
        answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "From a guest", "file-1": pdf()}
    )
    assert response.status_code == 302 and response["Location"] == "/en/track/"
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED and app.info_requests.get().answer == "From a guest"
    attachment = Attachment.objects.get()
    assert attachment.uploaded_by is None
    # Tracking lets a browser answer, never read personal data: no detail page, no files.
    assert client.get(f"/en/applications/{app.reference}/").status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert stranger.get(attachment.get_absolute_url()).status_code == 404


def test_a_failed_tracking_lookup_remembers_nothing(client, service, officer):
    app = asked(make_submitted(service, None), officer)
    client.post("/en/track/", {"reference": app.reference, "tracking_code": "WRONG123"})
    assert client.get(answer_url(app)).url == login_url(app)


def test_answer_before_acceptance_returns_to_submitted_and_moves_acceptance_due(client, service, citizen, officer):
    app = waited(asked(make_submitted(service, citizen), officer, accept=False))
    assert app.resume_status == Status.SUBMITTED
    due_before, paused_at = app.acceptance_due, app.paused_at
    client.force_login(citizen)
    response = client.post(answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "Done."})
    assert response.status_code == 302
    app.refresh_from_db()
    info = app.info_requests.get()
    assert app.status == Status.SUBMITTED
    assert app.acceptance_due == workdays.extend_by_pause(due_before, paused_at, info.answered_at)
    assert app.acceptance_due > due_before and app.due_on == app.acceptance_due
    assert app.decision_due is None
    assert ApplicationEvent.objects.filter(application=app, to_status=Status.SUBMITTED).count() == 2


def test_answer_page_in_chinese(client, service, citizen, officer):
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    response = client.get(f"/zh-hans/applications/{app.reference}/answer/")
    assert response.status_code == 200 and ITEMS[0] in response.content.decode()


def test_a_visitor_not_signed_in_is_sent_to_sign_in_and_then_answers(client, service, citizen, officer):
    """The request email's link for an account holder: sign in, then straight to the answer page."""
    app = asked(make_submitted(service, citizen), officer)
    response = client.get(answer_url(app))
    assert response.status_code == 302 and response.url == login_url(app)
    signed_in = client.post(
        "/en/account/login/",
        {"username": "zhang@example.com", "password": "pw-123456-long", "next": answer_url(app)},
    )
    assert signed_in.status_code == 302 and signed_in.url == answer_url(app)
    assert client.get(answer_url(app)).status_code == 200


def test_the_emails_sign_in_link_goes_straight_to_the_answer_page_when_already_signed_in(
    client, service, citizen, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = asked(make_submitted(service, citizen), officer)
    assert len(mail.outbox) == 3 and "More information requested" in mail.outbox[-1].subject
    link = re.search(r"https?://[^/\s]+(/en/account/login/\?next=\S+)", mail.outbox[-1].body).group(1)
    client.force_login(citizen)
    response = client.get(link, follow=True)
    assert response.redirect_chain == [(answer_url(app), 302)]
    assert "<h1>Answer the request for more information</h1>" in response.content.decode()


def test_a_visitor_not_signed_in_cannot_tell_which_references_exist(client, service, citizen, officer):
    """An owned application, a guest's, a submitted one with nothing asked and a reference that
    does not exist all get the same answer: the sign-in page."""
    owned = asked(make_submitted(service, citizen), officer)
    guests = asked(make_submitted(service, None), officer)
    quiet = make_submitted(service, citizen)
    answers = set()
    for reference in (owned.reference, guests.reference, quiet.reference, "HP26K7M2X9QDS", "nonsense"):
        for method in (client.get, client.post):
            response = method(f"/en/applications/{reference}/answer/")
            assert response.status_code == 302
            answers.add(response.url.replace(reference, "REF"))
    assert answers == {"/en/account/login/?next=/en/applications/REF/answer/"}


def test_answer_files_count_towards_the_applications_file_limit(client, service, citizen, officer, settings):
    settings.UPLOAD_MAX_FILES_PER_APPLICATION = 1
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    response = client.post(
        answer_url(app),
        {"request_id": app.info_requests.get().pk, "answer": "Both files", "file-1": pdf(), "file-2": pdf("b.pdf")},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert f"{ITEMS[1]}: This application already holds 1 files" in body
    assert 'href="#id_file-2"' in body and "Both files</textarea>" in body
    app.refresh_from_db()
    assert app.status == Status.INFO_REQUESTED and not app.info_requests.get().answered_at
    assert not Attachment.objects.exists()  # all or nothing: the first file went too
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_answer_files_count_towards_the_applications_megabytes(client, service, citizen, officer, settings):
    settings.UPLOAD_MAX_MB_PER_APPLICATION = 0
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    response = client.post(answer_url(app), {"request_id": app.info_requests.get().pk, "answer": "x", "file-1": pdf()})
    assert response.status_code == 400
    assert "The files of one application may take 0 MB together" in response.content.decode()
    assert not Attachment.objects.exists()


def test_answer_files_count_towards_the_addresss_daily_volume(client, service, citizen, officer, settings):
    from services.applications import limits

    settings.UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY = 1
    app = asked(make_submitted(service, citizen), officer)
    client.force_login(citizen)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (700 * 1024), "application/pdf")
    big2 = SimpleUploadedFile("big2.pdf", PDF_BYTES + b"1" * (700 * 1024), "application/pdf")
    data = {"request_id": app.info_requests.get().pk, "answer": "x"}
    response = client.post(answer_url(app), {**data, "file-1": big, "file-2": big2})
    assert response.status_code == 400  # together over the day's megabyte, though each is under it
    assert f"{ITEMS[1]}: Too many files have been uploaded from this connection today" in response.content.decode()
    assert not Attachment.objects.exists()

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1"}

    assert limits.address_volume(Request()) == 0  # a refused answer stored nothing and counts nothing
    big.seek(0)
    assert client.post(answer_url(app), {**data, "file-1": big}).status_code == 302
    assert limits.address_volume(Request()) == Attachment.objects.get().size
