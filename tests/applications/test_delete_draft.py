"""Deleting a draft asks first: the check page links to a confirmation page (no JavaScript
needed) that says what will be deleted; only its POST deletes, and the message says what was."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.models import Application, Attachment
from tests.applications import page1, start
from tests.makers import PDF_BYTES

pytestmark = pytest.mark.django_db


def draft_with_a_file(client, service):
    app = start(client, service)
    base = f"/en/apply/{app.public_id}"
    applicant = {"who": "self", "applicant_name": "Zhang Wei", "contact_phone": "13812345678"}
    assert client.post(f"{base}/applicant/", {**applicant, "contact_email": "g@example.com"}).status_code == 302
    assert client.post(f"{base}/page/1/", page1()).status_code == 302
    material = app.service.materials.get(name_en="Tenancy agreement")
    upload = SimpleUploadedFile("contract.pdf", PDF_BYTES, "application/pdf")
    client.post(f"{base}/documents/", {f"material-{material.pk}": upload})
    assert Attachment.objects.filter(application=app).count() == 1
    app.refresh_from_db()
    return app


def test_the_check_page_links_to_the_confirmation_instead_of_deleting_at_once(client, service):
    app = start(client, service)
    body = client.get(f"/en/apply/{app.public_id}/check/").content.decode()
    assert f'<a href="/en/apply/{app.public_id}/delete/"' in body
    assert not re.search(r'<form[^>]*action="[^"]*/delete/"', body), "a one-click delete form is still there"


def test_the_confirmation_page_says_what_will_be_deleted_and_deletes_nothing(client, service, settings):
    app = draft_with_a_file(client, service)
    response = client.get(f"/en/apply/{app.public_id}/delete/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Delete this draft?" in body and "Residence permit" in body
    answers = len([k for k in app.answers if not k.startswith("_")])
    assert f"{answers} answers" in body and "1 file" in body and "contract.pdf" in body
    assert re.search(rf'<form method="post" action="/en/apply/{app.public_id}/delete/"', body)
    assert "Yes, delete this draft" in body
    assert f'href="/en/apply/{app.public_id}/check/"' in body  # cancel: back to the check page
    assert Application.objects.filter(pk=app.pk).exists() and Attachment.objects.count() == 1


def test_yes_deletes_the_draft_and_its_files_and_says_what_was_deleted(client, service, settings):
    app = draft_with_a_file(client, service)
    stored = Attachment.objects.get().file.path
    response = client.post(f"/en/apply/{app.public_id}/delete/", follow=True)
    assert not Application.objects.filter(pk=app.pk).exists() and not Attachment.objects.exists()
    import os

    assert not os.path.exists(stored)
    body = response.content.decode()
    assert "Your draft application for Residence permit has been deleted" in body
    assert "1 uploaded file" in body


def test_the_confirmation_page_in_chinese(client, service):
    app = start(client, service)
    body = client.get(f"/zh-hans/apply/{app.public_id}/delete/").content.decode()
    assert "删除此草稿" in body and "居住证" in body


def test_someone_elses_draft_cannot_be_deleted_or_seen(client, service, django_user_model):
    app = start(client, service)
    client.cookies.clear()
    assert client.get(f"/en/apply/{app.public_id}/delete/").status_code == 404
    assert client.post(f"/en/apply/{app.public_id}/delete/").status_code == 404
    assert Application.objects.filter(pk=app.pk).exists()
