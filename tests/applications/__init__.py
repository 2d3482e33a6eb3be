"""Helpers for the application tests: walk the apply flow the way a browser does."""

from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications import lifecycle
from services.applications.models import Application
from tests.makers import PDF_BYTES, VALID_PAGE_1, VALID_PAGE_2

# What an officer asks for in the request-for-information tests.
ITEMS = ["A copy of your tenancy contract", "A photo of the back of your ID card"]


def page1(**overrides):
    return {**VALID_PAGE_1, "address__district": "huangpu", "address__street": "1 Nanjing Road", **overrides}


def page2(**overrides):
    return {**VALID_PAGE_2, **overrides}


def start(client, service):
    response = client.post(f"/en/services/{service.slug}/apply/")
    assert response.status_code == 302
    return Application.objects.latest("created_at")


def fill_all(client, app, email="guest@example.com"):
    base = f"/en/apply/{app.public_id}"
    applicant = {"who": "self", "applicant_name": "Zhang Wei", "contact_phone": "13812345678", "contact_email": email}
    assert client.post(f"{base}/applicant/", applicant).status_code == 302
    assert client.post(f"{base}/page/1/", page1()).status_code == 302
    assert client.post(f"{base}/page/2/", page2()).status_code == 302
    materials = {
        f"material-{m.pk}": SimpleUploadedFile("contract.pdf", PDF_BYTES, "application/pdf")
        for m in app.service.materials.filter(name_en="Tenancy agreement")
    }
    id_card = app.service.materials.get(name_en="Resident ID card")
    materials[f"ecert-{id_card.pk}"] = "1"
    assert client.post(f"{base}/documents/", materials).status_code == 302


def submit(client, app):
    return client.post(f"/en/apply/{app.public_id}/submit/", {"idempotency_key": str(app.public_id), "confirm": "on"})


def asked(app, officer, accept=True):
    """The officer (accepts, then) asks for two items; returns the fresh application."""
    if accept:
        app = lifecycle.act(app, "accept", officer)
    lifecycle.act(app, "request_info", officer, items=ITEMS, note="We need two more things.")
    return Application.objects.get(pk=app.pk)


def answer_url(app):
    return f"/en/applications/{app.reference}/answer/"
