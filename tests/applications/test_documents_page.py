"""The documents page uses the one error summary of every other page, and every file picker
offers only the types its upload accepts (the photo upload offered PDF)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.models import FormField
from tests.applications import start
from tests.makers import make_material

pytestmark = pytest.mark.django_db


def accept_of(body, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', body).group(0)
    return set(re.search(r'accept="([^"]*)"', tag).group(1).split(","))


def test_the_documents_error_summary_is_the_shared_one(client, service):
    app = start(client, service)
    response = client.post(f"/en/apply/{app.public_id}/documents/", {})
    assert response.status_code == 400
    body = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', body, re.S).group(0)
    assert '<h2 class="error-summary-title" id="error-summary-title">There is a problem</h2>' in summary
    assert '<ul class="error-summary-list">' in summary
    tenancy = service.materials.get(name_en="Tenancy agreement")
    assert f'<a href="#material-{tenancy.pk}">Upload Tenancy agreement</a>' in summary
    assert f'id="material-{tenancy.pk}"' in body  # the link leads to its file input


def test_the_photo_upload_offers_only_images(client, service):
    photo = make_material(service, name_en="Recent photo", accepted_file_types="jpg,png", order=5)
    app = start(client, service)
    body = client.get(f"/en/apply/{app.public_id}/documents/").content.decode()
    assert accept_of(body, f"material-{photo.pk}") == {".jpg", ".jpeg", ".png", "image/jpeg", "image/png"}
    tenancy = service.materials.get(name_en="Tenancy agreement")
    assert accept_of(body, f"material-{tenancy.pk}") == {".pdf", "application/pdf"}
    assert "JPG or PNG" in body  # the hint says which types


def test_a_question_page_upload_offers_only_its_own_types(client, service):
    FormField.objects.filter(key="photo").update(accepted_file_types="png")
    from services.lib.cache import bump_version

    bump_version()
    app = start(client, service)
    base = f"/en/apply/{app.public_id}"
    client.post(
        f"{base}/applicant/",
        {
            "who": "self",
            "applicant_name": "Zhang Wei",
            "contact_phone": "13812345678",
            "contact_email": "g@example.com",
        },
    )
    body = client.get(f"{base}/page/2/").content.decode()
    assert accept_of(body, "photo") == {".png", "image/png"}


def test_a_refused_file_keeps_the_shared_summary_in_chinese(client, service):
    app = start(client, service)
    tenancy = service.materials.get(name_en="Tenancy agreement")
    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf", "application/pdf")
    body = client.post(f"/zh-hans/apply/{app.public_id}/documents/", {f"material-{tenancy.pk}": bad}).content.decode()
    assert '<h2 class="error-summary-title" id="error-summary-title">' in body
    assert f'<a href="#material-{tenancy.pk}">' in body
