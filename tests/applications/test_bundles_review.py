"""Bundles after the independent review of issue 13: a bundle taken down refuses the
submission, the check page names districts, a malformed declaration is a 400 with the form
again, visits together are counted from the centres, facts asked twice are asked once."""

import pytest

from services.applications import bundles
from services.applications.models import Application, Bundle, FormField, Status
from services.catalogue.models import Service
from tests.applications.test_bundles import _field, baby, fill, send, start  # noqa: F401  (the fixture)
from tests.makers import make_centre, make_district

pytestmark = pytest.mark.django_db


def test_a_bundle_unpublished_after_a_draft_was_started_refuses_the_submission(client, baby):  # noqa: F811
    sub = start(client, baby)
    fill(client, sub)
    Bundle.objects.filter(pk=baby.pk).update(published=False)
    response = send(client, sub)
    sub.refresh_from_db()
    assert response.status_code == 409 and "no longer offered online" in response.content.decode()
    assert sub.is_draft and not sub.reference
    assert not Application.objects.exclude(status=Status.DRAFT).exists()


def test_the_bundle_check_page_names_the_district_of_an_address(client, baby):  # noqa: F811
    make_district("jiangxin", name_en="Jiangxin District", name_zh="江心区")
    page = FormField.objects.get(key="insured_type").page
    _field(page, "home", "address", 5, label_en="Home address", required=False)
    sub = start(client, baby)
    fill(client, sub)
    part = sub.applications.get(service__slug="newborn-ins")
    part.answers = {**part.answers, "home": {"district": "jiangxin", "street": "1 Lake Road"}}
    part.save()
    body = client.get(f"/en/apply/bundle/{sub.public_id}/check/").content.decode()
    assert "Jiangxin District 1 Lake Road" in body and "jiangxin 1 Lake" not in body


@pytest.mark.parametrize("key", ["not-a-uuid", "", "x" * 500])
def test_a_malformed_declaration_is_a_400_with_the_form_again(client, baby, key):  # noqa: F811
    sub = start(client, baby)
    fill(client, sub)
    response = client.post(f"/en/apply/bundle/{sub.public_id}/submit/", {"idempotency_key": key, "confirm": "on"})
    sub.refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in body
    assert 'name="confirm"' in body and sub.is_draft


def _visits(bundle):
    return bundles.visits_together(bundles.plan(Bundle.objects.get(pk=bundle.pk)).services)


def test_visits_together_are_counted_from_the_centres_that_handle_each_service(client, baby):  # noqa: F811
    cert, reg = Service.objects.get(slug="birth-cert"), Service.objects.get(slug="newborn-reg")
    assert _visits(baby) == 2  # no centre handles either: a visit each
    make_centre(services=[cert])
    make_centre(services=[reg])
    assert _visits(baby) == 2  # each at its own centre: nothing saved
    body = client.get("/en/bundles/baby/").content.decode()
    assert "Applying together saves no visit" in body
    make_centre(services=[cert, reg])
    assert _visits(baby) == 1  # one centre handles both: one visit serves them
    assert "Applying together saves no visit" not in client.get("/en/bundles/baby/").content.decode()


def test_visits_together_is_a_greedy_cover_of_the_parts_needing_a_visit(baby):  # noqa: F811
    cert, reg, ins = (Service.objects.get(slug=s) for s in ("birth-cert", "newborn-reg", "newborn-ins"))
    Service.objects.filter(pk=ins.pk).update(counter_visits=2)
    make_centre(services=[cert, reg])
    make_centre(services=[ins, reg])
    # The first centre serves two parts (one visit), the second the third part (its two visits).
    assert _visits(baby) == 3
    make_centre(services=[cert, reg, ins])
    assert _visits(baby) == 2  # one centre for all three: as many visits as the most any needs


def test_the_confirmation_of_a_bundle_taken_down_since_links_to_no_missing_page(client, baby):  # noqa: F811
    sub = start(client, baby)
    fill(client, sub)
    assert send(client, sub).status_code == 302
    sub.refresh_from_db()
    baby.published = False
    baby.save()
    body = client.get(f"/en/applications/bundle/{sub.reference}/submitted/").content.decode()
    assert 'href="/en/bundles/baby/"' not in body and "Having a baby, done once" in body


def _decide_one_part(sub):
    part = sub.applications.order_by("pk").first()
    Application.objects.filter(pk=part.pk).update(status=Status.COMPLETED)
    return part


def test_a_decided_part_can_be_rated_from_my_applications_and_the_bundle_pages(
    client,
    baby,  # noqa: F811
    citizen,
    django_assert_max_num_queries,
):
    client.force_login(citizen)
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    sub.refresh_from_db()
    part = _decide_one_part(sub)
    rate = f'href="/en/rate/{part.reference}/"'
    with django_assert_max_num_queries(14):
        mine = client.get("/en/applications/").content.decode()
    bundles_section = mine.split("<h2>Submitted</h2>")[0]
    assert rate in bundles_section and bundles_section.count("Rate this service") == 1  # only the decided part
    status = client.get(f"/en/applications/bundle/{sub.reference}/").content.decode()
    assert rate in status and status.count("Rate this service") == 1


def test_a_part_decided_can_be_rated_after_tracking_the_bundle_with_its_code(client, baby):  # noqa: F811
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    sub.refresh_from_db()
    part = _decide_one_part(sub)
    client.cookies.clear()  # another browser: only the reference and the code
    body = client.post("/en/track/bundle/", {"reference": sub.reference, "tracking_code": sub.tracking_code})
    assert f'href="/en/rate/{part.reference}/"' in body.content.decode()
