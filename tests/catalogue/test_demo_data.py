import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from services.catalogue.models import FAQ, Department, District, LifeEvent, Material, Service
from services.demo.catalogue import DEMO_PASSWORD, demo_services
from services.offline.models import OpeningHours, ServiceCentre

DEMO_SLUGS = [s["slug"] for s in demo_services()]
GUIDE_FIELDS = ("name", "summary", "steps", "conditions", "eligibility", "legal_basis", "keywords")


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def counts():
    through = ServiceCentre.services.through
    return {
        model.__name__: model.objects.count()
        for model in (
            District,
            Department,
            LifeEvent,
            Service,
            Material,
            FAQ,
            ServiceCentre,
            OpeningHours,
            get_user_model(),
            Service.life_events.through,
            through,
        )
    }


def rows():
    """Every demo table's rows by natural values: ids of rows the loader replaces (FAQs, opening
    hours, link rows) and timestamps left out; materials keep their ids."""
    replaced = (FAQ, OpeningHours, Service.life_events.through, ServiceCentre.services.through)
    tables = {}
    for model in (District, Department, LifeEvent, Service, Material, FAQ, ServiceCentre, OpeningHours):
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
        if model in replaced:
            names.remove("id")
        tables[model.__name__] = sorted(map(repr, model.objects.values_list(*names)))
    for model in replaced[2:]:
        tables[model.__name__] = sorted(model.objects.values_list(*[f.attname for f in model._meta.fields][1:]))
    User = get_user_model()
    users = User.objects.values_list("pk", "username", "is_staff", "is_superuser", "department", "email", "phone")
    tables["User"] = sorted(users)
    tables["groups"] = sorted(User.groups.through.objects.values_list("user__username", "group__name"))
    return tables


@pytest.fixture
def demo(demo_city, db):
    """The demo city, loaded once for this module (see tests/conftest.py)."""
    return demo_city


@pytest.mark.django_db
def test_load_demo_builds_a_whole_city(demo):
    assert District.objects.count() >= 16
    assert Department.objects.count() >= 12
    assert LifeEvent.objects.count() >= 15
    assert LifeEvent.objects.filter(audience="business").count() >= 5
    assert Service.objects.count() >= 80
    assert ServiceCentre.objects.count() >= 30


@pytest.mark.django_db
def test_every_published_demo_service_has_a_complete_guide_in_both_languages(demo):
    services = Service.objects.published().filter(slug__in=DEMO_SLUGS).prefetch_related("materials", "faqs")
    assert services.count() == len(DEMO_SLUGS)
    for service in services:
        for field in GUIDE_FIELDS:
            assert getattr(service, f"{field}_zh").strip(), f"{service.slug}: {field}_zh is empty"
            assert getattr(service, f"{field}_en").strip(), f"{service.slug}: {field}_en is empty"
        assert bool(service.fee_zh) == bool(service.fee_en), service.slug
        assert 2 <= len(service.materials.all()) <= 6, service.slug
        assert 1 <= len(service.faqs.all()) <= 3, service.slug
        assert service.promised_limit_days <= service.statutory_limit_days, service.slug
        assert service.counter_visits in (0, 1), service.slug
        if not service.offers_counter:
            assert service.counter_visits == 0, service.slug
        assert service.code.startswith(f"310000-{service.department.code}-"), service.slug


@pytest.mark.django_db
def test_every_demo_material_and_faq_is_filled_in_both_languages(demo):
    for material in Material.objects.filter(service__slug__in=DEMO_SLUGS):
        assert material.name_zh and material.name_en and material.description_zh and material.description_en
        assert material.copies >= 1 and material.accepted_file_types
    for faq in FAQ.objects.filter(service__slug__in=DEMO_SLUGS):
        assert faq.question_zh and faq.question_en and faq.answer_zh and faq.answer_en


@pytest.mark.django_db
def test_at_least_45_demo_services_can_be_applied_for_online_and_some_by_post(demo):
    demo_services = Service.objects.filter(slug__in=DEMO_SLUGS)
    assert demo_services.with_channel("online").count() >= 45
    assert demo_services.with_channel("post").count() >= 15


@pytest.mark.django_db
def test_departments_have_contacts_and_a_complaint_channel_with_the_12345_hotline(demo):
    for department in Department.objects.all():
        assert department.phone.startswith("021-")
        assert department.email.endswith(".example")
        assert "12345" in department.complaint_channel_zh and "12345" in department.complaint_channel_en


@pytest.mark.django_db
def test_every_centre_has_opening_hours_and_handles_counter_services(demo):
    for centre in ServiceCentre.objects.prefetch_related("opening_hours", "services"):
        assert centre.opening_hours.all(), centre.slug
        assert centre.services.all(), centre.slug
        assert all(s.offers_counter for s in centre.services.all()), centre.slug
        assert centre.accessibility_zh and centre.accessibility_en and centre.transport_en and centre.hours_note_en


@pytest.mark.django_db
def test_running_load_demo_twice_duplicates_nothing_and_keeps_the_demo_logins_working(demo, client):
    before = counts()
    load_demo()
    assert counts() == before
    for username in ("citizen", "clerk", "deptadmin", "admin", "officer-psb"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()


@pytest.mark.django_db
def test_load_demo_resets_a_changed_demo_password(demo, client):
    user = get_user_model().objects.get(username="citizen")
    user.set_password("something-else-entirely")
    user.save()
    load_demo()
    assert client.login(username="citizen", password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_demo_users_have_their_roles(demo):
    User = get_user_model()
    deptadmin = User.objects.get(username="deptadmin")
    assert deptadmin.is_staff and deptadmin.department is not None
    assert deptadmin.groups.filter(name="Department admin").exists()
    assert deptadmin.department == Service.objects.get(slug="residence-permit").department
    clerk = User.objects.get(username="clerk")
    assert clerk.is_staff and clerk.department and clerk.groups.filter(name="Counter clerk").exists()
    citizen = User.objects.get(username="citizen")
    assert not citizen.is_staff and citizen.email == "citizen@example.com" and citizen.phone == "13800138000"
    assert User.objects.get(username="admin").is_superuser
    for department in Department.objects.all():
        officer = User.objects.get(username=f"officer-{department.slug}")
        assert officer.is_staff and officer.department == department
        assert officer.groups.filter(name="Case officer").exists()


@pytest.mark.django_db
def test_make_scale_data_adds_exactly_the_number_asked_for_and_rerunning_adds_nothing(demo):
    before = Service.objects.count()
    call_command("make_scale_data", services=200, stdout=io.StringIO())
    assert Service.objects.count() == before + 200
    assert Material.objects.filter(service__slug__startswith="scale-").count() == 600
    call_command("make_scale_data", services=200, stdout=io.StringIO())
    assert Service.objects.count() == before + 200
    call_command("make_scale_data", services=250, stdout=io.StringIO())
    assert Service.objects.count() == before + 250


@pytest.mark.django_db
def test_scale_services_are_searchable_in_both_languages_and_survive_a_demo_reload(demo):
    call_command("make_scale_data", services=200, stdout=io.StringIO())
    scale = Service.objects.filter(slug__startswith="scale-")
    assert 0 < scale.search("许可").count() < 200
    assert 0 < scale.search("permit").count() < 200
    linked = ServiceCentre.services.through.objects.filter(service__slug__startswith="scale-").count()
    assert linked > 0
    load_demo()
    assert ServiceCentre.services.through.objects.filter(service__slug__startswith="scale-").count() == linked


@pytest.mark.django_db
def test_searching_in_chinese_or_english_finds_the_demo_services(demo):
    assert Service.objects.get(slug="hukou-transfer") in Service.objects.search("户口")
    assert Service.objects.get(slug="residence-permit") in Service.objects.search("residence permit")
    assert Service.objects.get(slug="ssc-application") in Service.objects.search("社保卡")
    assert Service.objects.get(slug="ssc-replacement") in Service.objects.search("SSC")
    assert Service.objects.get(slug="company-registration") in Service.objects.search("business licence")
    assert Service.objects.get(slug="hpf-withdrawal-rent") in Service.objects.search("公积金 租房")


@pytest.mark.django_db
def test_running_load_demo_twice_leaves_identical_rows_and_keeps_the_materials_ids(demo):
    before = rows()
    load_demo()
    assert rows() == before


@pytest.mark.django_db
def test_load_demo_puts_back_an_edited_demo_service_and_leaves_other_services_alone(demo):
    Service.objects.filter(slug="residence-permit").update(name_en="Renamed", popularity=1)
    Material.objects.filter(service__slug="residence-permit", order=0).update(copies=9)
    other = Service.objects.create(
        slug="not-demo",
        code="X-1",
        department=Department.objects.first(),
        name_zh="测试",
        name_en="Test",
        statutory_limit_days=5,
        promised_limit_days=5,
    )
    load_demo()
    service = Service.objects.get(slug="residence-permit")
    assert (service.name_en, service.popularity) == ("Residence permit application", 386200)
    assert service.materials.get(order=0).copies == 1
    assert Service.objects.get(pk=other.pk).name_en == "Test"
