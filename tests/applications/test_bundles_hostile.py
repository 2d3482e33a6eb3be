"""Whatever a citizen (or a script) sends to a bundle's pages, the answer is a page with a
message - never a server error - and nothing typed is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.models import BundleSubmission
from tests.applications.test_bundles import APPLICANT, baby, start  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

HUGE = "界" * 100_000


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("applicant/", {"who": "everyone", "applicant_name": HUGE, "contact_phone": "x" * 500, "contact_email": "@"}),
        ("applicant/", {"who": ["self", "other"], "helper_relation": "king"}),
        ("page/1/", {"baby_name": HUGE, "baby_birth_date": "2026-13-45"}),
        ("page/1/", {"baby_birth_date": "9999-12-31", "baby_name": "\x00\x01"}),
        ("page/3/", {"register_with": "neither"}),
        ("page/4/", {"insured_type": ["resident", "student"]}),
        ("documents/", {"ecert-document-1": "1"}),
        ("submit/", {"idempotency_key": "not-a-uuid", "confirm": "on"}),
        ("submit/", {}),
    ],
)
def test_hostile_posts_get_a_page_with_a_message(client, baby, path, data):  # noqa: F811
    sub = start(client, baby)
    client.post(f"/en/apply/bundle/{sub.public_id}/applicant/", APPLICANT)
    response = client.post(f"/en/apply/bundle/{sub.public_id}/{path}", data)
    assert response.status_code in (302, 400, 409), response.status_code
    if response.status_code == 400:
        assert "There is a problem" in response.content.decode() or "Some answers are missing" in (
            response.content.decode()
        )


def test_a_file_that_is_not_what_it_says_is_refused_by_name(client, baby):  # noqa: F811
    sub = start(client, baby)
    from services.applications import bundles
    from services.applications.models import Bundle

    plan = bundles.plan(Bundle.objects.get(pk=baby.pk))
    doc = next(d for d in plan.documents if not d.e_certificate)
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(f"/en/apply/bundle/{sub.public_id}/documents/", {doc.key: fake})
    body = response.content.decode()
    assert response.status_code == 400 and doc.first.name_en in body


@pytest.mark.parametrize(
    "data",
    [
        {"reference": HUGE, "tracking_code": HUGE},
        {"reference": "BD\x00", "tracking_code": "\x00"},
        {"reference": ["BD26K7M2X9QDS", "x"], "tracking_code": "ABCDEFGH"},
        {},
    ],
)
def test_hostile_tracking_gets_a_message(client, data):
    response = client.post("/en/track/bundle/", data)
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert HUGE not in response.content.decode()


def test_addresses_that_name_nothing_are_404(client, baby):  # noqa: F811
    sub = start(client, baby)
    for path in [
        f"/en/apply/bundle/{sub.public_id}/page/0/",
        f"/en/apply/bundle/{sub.public_id}/page/99999999999999999999/",
        "/en/apply/bundle/00000000-0000-0000-0000-000000000000/check/",
        "/en/applications/bundle/BD26K7M2X9QDS/",
        "/en/applications/bundle/" + "x" * 300 + "/submitted/",
        "/en/bundles/no-such-bundle/",
    ]:
        assert client.get(path).status_code == 404, path
    assert BundleSubmission.objects.count() == 1
