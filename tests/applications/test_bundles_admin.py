"""Bundles in the admin: supervisors and service designers define them for every department;
a department admin reads only the bundles with their services, and only their own services."""

import pytest
from django.contrib.auth.models import Group

from services.applications.models import Bundle, BundlePart
from tests.applications.test_bundles import baby  # noqa: F401  (the fixture)
from tests.makers import make_department, make_service, make_staff

pytestmark = pytest.mark.django_db


def test_the_service_designer_group_defines_bundles():
    designer = Group.objects.get(name="Service designer")
    codes = set(designer.permissions.values_list("codename", flat=True))
    assert {"add_bundle", "change_bundle", "delete_bundle", "add_bundlepart", "change_bundlepart"} <= codes
    supervisor = set(Group.objects.get(name="Supervisor").permissions.values_list("codename", flat=True))
    assert {"add_bundle", "change_bundle"} <= supervisor
    admin = set(Group.objects.get(name="Department admin").permissions.values_list("codename", flat=True))
    assert "view_bundle" in admin and "change_bundle" not in admin


def test_a_designer_sees_every_bundle_and_every_service_in_it(client, baby):  # noqa: F811
    designer = make_staff("designer", "Service designer", None)
    client.force_login(designer)
    assert (
        "Having a baby, done once"
        in client.get("/admin/applications/bundle/", headers={"Accept-Language": "en"}).content.decode()
    )
    body = client.get(
        f"/admin/applications/bundle/{baby.pk}/change/", headers={"Accept-Language": "en"}
    ).content.decode()
    for name in ["Birth certificate", "Newborn registration", "Newborn insurance"]:
        assert name in body
    assert "Questions: 9 one by one, 6 together" in body


def test_a_department_admin_sees_only_bundles_with_their_services_and_only_those_services(client, baby):  # noqa: F811
    police = baby.parts.get(service__slug="newborn-reg").service.department
    admin = make_staff("police-admin", "Department admin", police)
    other = Bundle.objects.create(slug="other", name_zh="其他", name_en="Another bundle", life_event=baby.life_event)
    BundlePart.objects.create(bundle=other, service=make_service(department=make_department()))
    client.force_login(admin)
    listing = client.get("/admin/applications/bundle/", headers={"Accept-Language": "en"}).content.decode()
    assert "Having a baby, done once" in listing and "Another bundle" not in listing
    body = client.get(
        f"/admin/applications/bundle/{baby.pk}/change/", headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Newborn registration" in body and "Newborn insurance" not in body
    assert client.get(f"/admin/applications/bundle/{other.pk}/change/").status_code in (302, 404)
    assert client.post(f"/admin/applications/bundle/{baby.pk}/change/", {}).status_code == 403


def test_a_bundle_takes_only_services_offered_online(client, baby):  # noqa: F811
    offline = make_service(offers_online=False, name_en="Counter only")
    designer = make_staff("designer", "Service designer", None)
    client.force_login(designer)
    data = {
        "slug": "b2",
        "life_event": baby.life_event.pk,
        "published": "on",
        "name_zh": "二",
        "name_en": "Two",
        "summary_zh": "",
        "summary_en": "",
        "parts-TOTAL_FORMS": "2",
        "parts-INITIAL_FORMS": "0",
        "parts-0-order": "0",
        "parts-0-service": str(baby.parts.first().service_id),
        "parts-1-order": "1",
        "parts-1-service": str(offline.pk),
    }
    response = client.post("/admin/applications/bundle/add/", data)
    assert response.status_code == 200 and not Bundle.objects.filter(slug="b2").exists()
    data["parts-1-service"] = str(baby.parts.last().service_id)
    response = client.post("/admin/applications/bundle/add/", data)
    assert response.status_code == 302 and Bundle.objects.get(slug="b2").parts.count() == 2
