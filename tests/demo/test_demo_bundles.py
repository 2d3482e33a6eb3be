"""The demo's bundles (services/demo/bundles.py and data/bundles.yaml): having a baby, starting a
business and retiring, each with demo services offered online; a second load changes nothing; a
mistake names the file and the entry; and each demo bundle can be applied for from start to
submission with the demo answers (each part then in its own department's queue)."""

import copy
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from services.applications import bundles, formengine
from services.applications.models import Bundle, BundlePart, FieldKind, Status
from services.catalogue.models import Service
from services.demo import files
from services.demo.bundles import demo_bundles, load_demo_bundles
from services.demo.catalogue import DemoDataError
from services.demo.forms import demo_answers
from tests.applications.test_demo_forms import upload_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_city, db):
    return demo_city


def with_bundles(monkeypatch, change):
    real_read = files.read
    content = copy.deepcopy(real_read("bundles.yaml"))
    change(content)
    monkeypatch.setattr(files, "read", lambda name: content if name == "bundles.yaml" else real_read(name))


def test_the_demo_has_the_three_bundles_with_services_offered_online(demo):
    found = {b.slug: b for b in Bundle.objects.filter(published=True)}
    assert {"having-a-baby", "starting-a-business", "retiring"} <= set(found)
    assert found["having-a-baby"].life_event.slug == "having-a-baby"
    for bundle in found.values():
        parts = list(bundle.parts.select_related("service"))
        assert len(parts) >= 3 and all(p.service.offers_online and p.service.form_pages.exists() for p in parts)
        assert len({p.service.department_id for p in parts}) >= 2  # more than one department each
        saved = bundles.savings(bundles.plan(bundle))
        assert saved.questions_saved >= 3 and saved.documents_saved >= 1, bundle.slug


def test_loading_the_bundles_again_changes_nothing(demo):
    before = list(BundlePart.objects.order_by("pk").values_list("pk", "bundle_id", "service_id", "order"))
    assert load_demo_bundles() == {"bundles": 3, "parts": 12}
    assert list(BundlePart.objects.order_by("pk").values_list("pk", "bundle_id", "service_id", "order")) == before


def test_a_reordered_bundle_is_put_back_in_the_files_order(demo):
    bundle = Bundle.objects.get(slug="retiring")
    BundlePart.objects.filter(bundle=bundle).update(order=9)
    load_demo_bundles()
    assert [p.service.slug for p in bundle.parts.all()] == [
        "pension-application",
        "hpf-withdrawal-retirement",
        "senior-transport-card",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["bundles"][1].update(life_event="opening-a-shop"), "unknown life event 'opening-a-shop'"),
        (lambda c: c["bundles"][0]["services"].append("no-such-service"), "unknown service 'no-such-service'"),
        (lambda c: c["bundles"][2]["services"].append("trademark-application"), "is not offered online"),
        (lambda c: c["bundles"][2].update(services=["pension-application"]), "two or more"),
        (lambda c: c["bundles"][0].update(colour="blue"), "unknown key colour"),
        (lambda c: c["bundles"][2].update(slug="having-a-baby"), "already used"),
    ],
)
def test_a_mistake_names_the_file_and_the_bundle(monkeypatch, change, message):
    with_bundles(monkeypatch, change)
    with pytest.raises(DemoDataError) as error:
        demo_bundles()
    assert "bundles.yaml, bundle '" in str(error.value) and message in str(error.value)


def _answers_for(plan):
    """The demo answers of every service of the bundle, the first service's for a shared key."""
    merged = {}
    for service in plan.services:
        for key, value in demo_answers(Service.objects.get(pk=service.pk)).items():
            merged.setdefault(key, value)
    return merged


def apply_for(client, bundle):
    """Every step of the combined form with the demo answers; the submitted BundleSubmission."""
    plan = bundles.plan(bundles._bundle_with_parts(bundle.pk))
    answers = _answers_for(plan)
    response = client.post(f"/en/bundles/{bundle.slug}/start/")
    applicant = {"who": "self", "applicant_name": "张伟", "contact_phone": "13800138000", "contact_email": ""}
    response = client.post(response["Location"], applicant)
    assert response.status_code == 302
    location, asked = response["Location"], 0
    while "/page/" in location:
        asked += 1
        page = client.get(location).context["page"]
        data = formengine.answers_as_data(formengine.visible_fields(page, answers), answers)
        for field in page.fields.all():
            if field.kind == FieldKind.FILE and field.required and formengine.condition_met(field, answers):
                data[field.key] = upload_for(field.material)
        response = client.post(location, data)
        assert response.status_code == 302, (bundle.slug, location, response.context["form"].errors)
        location = response["Location"]
    assert location.endswith("/documents/")
    data = {}
    for doc in plan.documents:
        if doc.required:
            data[f"ecert-{doc.key}"] = "1"
            if not doc.e_certificate:
                data[doc.key] = upload_for(doc.first)
    response = client.post(location, data)
    assert response.status_code == 302, (bundle.slug, response.context["errors"])
    check = client.get(response["Location"])
    assert not check.context["missing"], check.context["missing"]
    sub = check.context["sub"]
    response = client.post(
        f"/en/apply/bundle/{sub.public_id}/submit/", {"idempotency_key": sub.public_id, "confirm": "on"}
    )
    sub.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    return sub, plan, asked


def test_each_demo_bundle_is_applied_for_from_start_to_submission(demo, client):
    client.force_login(get_user_model().objects.get(username="citizen"))
    for slug in ["having-a-baby", "starting-a-business", "retiring"]:
        bundle = Bundle.objects.get(slug=slug)
        sub, plan, asked = apply_for(client, bundle)
        parts = list(sub.applications.all())
        assert len(parts) == len(plan.services) and {a.status for a in parts} == {Status.SUBMITTED}, slug
        assert {a.department_id for a in parts} == {s.department_id for s in plan.services}
        assert 1 <= asked <= len(plan.pages), slug
        shared = [k for k in plan.shared_keys if k not in formengine.APPLICANT_PAGE_KEYS]
        for key in shared:
            values = {str(a.answers[key]) for a in parts if key in a.answers}
            assert len(values) == 1, (slug, key)  # asked once, the same answer in every part


def test_loading_the_whole_demo_twice_keeps_the_bundles(demo):
    before = set(Bundle.objects.values_list("slug", "pk"))
    call_command("load_demo", stdout=io.StringIO())
    assert set(Bundle.objects.values_list("slug", "pk")) == before


def test_the_demo_service_designer_keeps_the_bundles_in_the_admin(demo, client):
    from services.demo.catalogue import DEMO_PASSWORD

    assert client.login(username="designer", password=DEMO_PASSWORD)
    body = client.get("/admin/applications/bundle/").content.decode()
    for bundle in Bundle.objects.filter(slug__in=["having-a-baby", "starting-a-business", "retiring"]):
        assert bundle.name_zh in body
    assert client.get(f"/admin/applications/bundle/{bundle.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    ("slug", "once", "gone"),
    [
        ("having-a-baby", {"baby_birth_date", "mother_id"}, {"birth_date", "id_number"}),
        ("retiring", {"retirement_date"}, {"retired_on"}),
    ],
)
def test_a_fact_two_services_of_a_bundle_ask_is_asked_once(demo, slug, once, gone):
    the_plan = bundles.plan(Bundle.objects.get(slug=slug))
    assert once <= set(the_plan.shared_keys)
    asked = {f.key for page in the_plan.pages for f in page.fields.all()}
    assert not asked & gone  # the same fact under another key is not asked again


def test_the_having_a_baby_bundle_says_honestly_that_no_visit_is_saved(demo, client):
    saved = bundles.savings(bundles.plan(Bundle.objects.get(slug="having-a-baby")))
    # The birth certificate and the vaccination certificate each need a visit; no centre does both.
    assert (saved.visits_separately, saved.visits_together) == (2, 2)
    assert "Applying together saves no visit" in client.get("/en/bundles/having-a-baby/").content.decode()


def test_the_demo_bundles_savings_are_those_the_readme_gives(demo):
    found = {}
    for bundle in Bundle.objects.filter(slug__in=["having-a-baby", "starting-a-business", "retiring"]):
        s = bundles.savings(bundles.plan(bundle))
        found[bundle.slug] = (
            s.questions_separately,
            s.questions_together,
            s.documents_separately,
            s.documents_together,
            s.visits_separately,
            s.visits_together,
        )
    assert found == {
        "having-a-baby": (32, 19, 12, 8, 2, 2),
        "starting-a-business": (39, 22, 16, 10, 0, 0),
        "retiring": (23, 12, 11, 7, 0, 0),
    }
