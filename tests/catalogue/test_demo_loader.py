"""The demo loader on an empty database: what it reads from the files, the mistakes it names,
and the catalogue version it bumps. (test_demo_data.py reads a demo city loaded once for its
module; these tests need a database without one.)"""

import copy
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from services.catalogue.models import CatalogueVersion, District, Service
from services.demo import files
from services.demo.catalogue import demo_services


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def with_data(monkeypatch, name, change):
    """Run what follows with the demo file data/<name> changed by `change(content)`: on a copy,
    so the process's cached files are untouched."""
    folder, _, stem = name.removesuffix(".yaml").rpartition("/")
    if folder:
        real_read_all = files.read_all
        edited = []
        for stem_, content in real_read_all(folder):
            if stem_ == stem:
                content = copy.deepcopy(content)
                change(content)
            edited.append((stem_, content))
        monkeypatch.setattr(files, "read_all", lambda f: edited if f == folder else real_read_all(f))
    else:
        real_read = files.read
        content = copy.deepcopy(real_read(name))
        change(content)
        monkeypatch.setattr(files, "read", lambda n: content if n == name else real_read(n))


@pytest.mark.django_db
def test_make_scale_data_loads_the_demo_city_when_it_is_missing(db):
    call_command("make_scale_data", services=10, stdout=io.StringIO())
    assert Service.objects.filter(slug="residence-permit").exists()
    assert Service.objects.filter(slug__startswith="scale-").count() == 10


@pytest.mark.django_db(transaction=True)
def test_load_demo_bumps_the_catalogue_version_and_leaves_cache_invalidation_connected():
    def version():
        return CatalogueVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0

    before = version()
    load_demo()
    after_load = version()
    assert after_load > before
    # Committed for real here, so the on-commit bump runs: an edit after the load still
    # invalidates every process's cached pages.
    Service.objects.get(slug="residence-permit").save()
    assert version() > after_load, "saving a service no longer bumps the catalogue version"


def test_demo_services_are_read_with_the_models_field_names():
    services = demo_services()
    assert len(services) == len({s["slug"] for s in services}) >= 80
    for service in services:
        assert isinstance(service["offers_online"], bool) and isinstance(service["offers_post"], bool)
        assert service["department"] and re.fullmatch(r"310000-[A-Z]+-\d{3}", service["code"]), service["slug"]
        assert all({"name_zh", "form", "e_certificate"} <= set(m) for m in service["materials"]), service["slug"]
        assert bool(service["centre_kinds"]) == service["offers_counter"], service["slug"]
    assert len({s["code"] for s in services}) == len(services)
    permit = next(s for s in services if s["slug"] == "residence-permit")
    assert permit["department"] == "psb" and permit["code"] == "310000-PSB-001"
    assert permit["materials"][0]["name_en"] == "Resident identity card"


def first_service(content):
    return content["services"][0]


@pytest.mark.parametrize(
    "name, change, message",
    [
        (
            "departments/psb.yaml",
            lambda c: first_service(c)["materials"].append("id_crad"),
            "departments/psb.yaml, service 'residence-permit', material 6: unknown material 'id_crad'",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c)["materials"].append({"use": "photo", "copys": 3}),
            "departments/psb.yaml, service 'residence-permit', material 6: unknown key copys",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c)["life_events"].append("having-twins"),
            "departments/psb.yaml, service 'residence-permit': unknown life event 'having-twins'",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c).update(nmae_zh="居住证"),
            "departments/psb.yaml, service 'residence-permit': unknown key nmae_zh",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c).pop("promised_limit_days"),
            "departments/psb.yaml, service 'residence-permit': missing promised_limit_days",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c).update(centre_kinds=["harbour"]),
            "departments/psb.yaml, service 'residence-permit': unknown centre kind 'harbour'",
        ),
        (
            "departments/traffic.yaml",
            lambda c: first_service(c).update(slug="residence-permit"),
            "departments/traffic.yaml, service 'residence-permit': slug 'residence-permit' is already used by "
            "departments/psb.yaml, service 'residence-permit'",
        ),
        (
            "departments/psb.yaml",
            lambda c: first_service(c).update(audience="citizens"),
            "departments/psb.yaml, service 'residence-permit': audience 'citizens' is not one of individual, business",
        ),
        (
            "materials.yaml",
            lambda c: c["id_card"].update(form="photocopy"),
            "materials.yaml, material 'id_card': form 'photocopy' is not one of original, copy, both",
        ),
        (
            "users.yaml",
            lambda c: c["users"][1].update(department="police"),
            "users.yaml, user 'deptadmin': unknown department 'police'",
        ),
        (
            "places.yaml",
            lambda c: c["centres"][0].update(district="atlantis"),
            "places.yaml, centre 'jiangxin-admin-centre': unknown district 'atlantis'",
        ),
        (
            "places.yaml",
            lambda c: c["centres"][0].update(hours="all-night"),
            "places.yaml, centre 'jiangxin-admin-centre': unknown hours pattern 'all-night'",
        ),
        (
            "places.yaml",
            lambda c: c["hours"]["standard"]["opening_hours"][0].update(opens=540),
            "places.yaml, centre 'changfeng-admin-centre', opening hours 1: ",
        ),
    ],
)
@pytest.mark.django_db
def test_a_mistake_in_a_demo_file_fails_with_the_file_and_entry_named_and_loads_nothing(
    monkeypatch, name, change, message
):
    with_data(monkeypatch, name, change)
    with pytest.raises(CommandError) as error:
        load_demo()
    assert message in str(error.value)
    assert not District.objects.exists() and not Service.objects.exists()
