import pytest
from django.contrib.auth.models import Group

from services.accounts.models import User
from services.catalogue.models import Service
from tests.makers import make_department, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def depts():
    return make_department(slug="psb", code="PSB"), make_department(slug="civil", code="CIV")


def staff(username, group, department):
    user = User.objects.create_user(username, password="pw-123456-long", is_staff=True, department=department)
    user.groups.add(Group.objects.get(name=group))
    return user


def service_form(department, **overrides):
    data = {
        "name_zh": "新服务",
        "name_en": "New service",
        "slug": "new-service",
        "department": department.pk,
        "audience": "individual",
        "summary_zh": "简介",
        "summary_en": "Summary",
        "offers_counter": "on",
        "counter_visits": 1,
        "statutory_limit_days": 20,
        "promised_limit_days": 10,
        "popularity": 0,
        "published": "on",
        "materials-TOTAL_FORMS": 0,
        "materials-INITIAL_FORMS": 0,
        "faqs-TOTAL_FORMS": 0,
        "faqs-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_groups_exist_with_permissions():
    admin_perms = set(Group.objects.get(name="Department admin").permissions.values_list("codename", flat=True))
    assert {"add_service", "change_service", "delete_service", "add_material", "change_faq"} <= admin_perms
    assert "change_department" not in admin_perms
    officer = set(Group.objects.get(name="Case officer").permissions.values_list("codename", flat=True))
    assert "change_service" not in officer and "view_service" in officer
    assert Group.objects.filter(name="Counter clerk").exists()


def test_department_admin_sees_only_own_services(client, depts):
    psb, civil = depts
    make_service(slug="mine", name_zh="我的服务", department=psb)
    make_service(slug="theirs", name_zh="别人的服务", department=civil)
    client.force_login(staff("da", "Department admin", psb))
    body = client.get("/admin/catalogue/service/").content.decode()
    assert "我的服务" in body and "别人的服务" not in body


def test_department_admin_cannot_open_or_change_another_departments_service(client, depts):
    psb, civil = depts
    theirs = make_service(slug="theirs", department=civil, name_zh="原名")
    client.force_login(staff("da", "Department admin", psb))
    response = client.get(f"/admin/catalogue/service/{theirs.pk}/change/")
    assert response.status_code == 302  # the admin redirects "does not exist" to its index
    client.post(f"/admin/catalogue/service/{theirs.pk}/change/", service_form(civil, slug="theirs", name_zh="改名"))
    theirs.refresh_from_db()
    assert theirs.name_zh == "原名"


def test_department_admin_creates_services_only_in_own_department(client, depts):
    psb, civil = depts
    client.force_login(staff("da", "Department admin", psb))
    response = client.post("/admin/catalogue/service/add/", service_form(civil))
    assert response.status_code == 200  # form redisplayed: the other department is not a valid choice
    assert not Service.objects.exists()
    response = client.post("/admin/catalogue/service/add/", service_form(psb))
    assert response.status_code == 302
    assert Service.objects.get().department == psb


def test_department_admin_edits_own_service_with_materials_inline(client, depts):
    psb, _ = depts
    mine = make_service(slug="mine", department=psb)
    client.force_login(staff("da", "Department admin", psb))
    data = service_form(
        psb,
        slug="mine",
        name_en="Renamed",
        **{
            "materials-TOTAL_FORMS": 1,
            "materials-0-name_zh": "户口簿",
            "materials-0-name_en": "Household register",
            "materials-0-form": "original",
            "materials-0-copies": 1,
            "materials-0-required": "on",
            "materials-0-accepted_file_types": "pdf",
            "materials-0-order": 0,
        },
    )
    response = client.post(f"/admin/catalogue/service/{mine.pk}/change/", data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name_en == "Renamed" and mine.materials.get().name_en == "Household register"


def test_promised_limit_over_statutory_is_refused_with_a_message(client, depts):
    psb, _ = depts
    client.force_login(staff("da", "Department admin", psb))
    response = client.post(
        "/admin/catalogue/service/add/", service_form(psb, promised_limit_days=30), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert "The promised time limit cannot exceed the statutory one." in response.content.decode()


def test_case_officer_can_view_but_not_change_services(client, depts):
    psb, _ = depts
    mine = make_service(slug="mine", department=psb)
    client.force_login(staff("officer", "Case officer", psb))
    assert client.get(f"/admin/catalogue/service/{mine.pk}/change/").status_code == 200
    assert client.get("/admin/catalogue/service/add/").status_code == 403


def test_staff_without_department_see_no_services(client, depts):
    make_service(slug="any", department=depts[0])
    client.force_login(staff("nodept", "Department admin", None))
    response = client.get("/admin/catalogue/service/", headers={"accept-language": "en"})
    assert response.status_code == 200 and "0 services" in response.content.decode()


def test_superuser_sees_everything_and_searches(admin_client, depts):
    make_service(slug="a", name_zh="居住证办理", department=depts[0])
    make_service(slug="b", name_zh="结婚登记", department=depts[1])
    body = admin_client.get("/admin/catalogue/service/", {"q": "居住证"}).content.decode()
    assert "居住证办理" in body and "结婚登记" not in body


def test_admin_changelist_query_count_is_bounded(admin_client, depts, django_assert_max_num_queries):
    for i in range(60):
        make_service(slug=f"s{i}", department=depts[i % 2])
    with django_assert_max_num_queries(12):
        assert admin_client.get("/admin/catalogue/service/").status_code == 200
