"""Fixtures shared by the application tests: a service with a whole apply form, named citizens,
an officer of its department (the staff world, `english` and `clock` are in tests/conftest.py)."""

import pytest

from tests.makers import make_department, make_district, make_form, make_material, make_service, make_staff


@pytest.fixture
def service():
    """PSB's residence permit with a two-page form, three materials (the ID card may be an
    e-certificate) and Huangpu as the address district."""
    make_district(slug="huangpu", name_en="Huangpu", name_zh="黄浦区")
    service = make_service(
        slug="permit",
        name_en="Residence permit",
        name_zh="居住证",
        offers_online=True,
        department=make_department(slug="psb", name_en="Public Security Bureau"),
        promised_limit_days=7,
    )
    id_card = make_material(service, name_en="Resident ID card", e_certificate=True, accepted_file_types="pdf,jpg,png")
    make_material(service, name_en="Tenancy agreement", accepted_file_types="pdf", order=1)
    make_material(service, name_en="Marriage certificate", required=False, order=2)
    make_form(service, material=id_card)
    return service


@pytest.fixture
def citizen(django_user_model):
    """Zhang Wei, with an account, an email address and a mobile number."""
    return django_user_model.objects.create_user(
        "zhang",
        password="pw-123456-long",
        email="zhang@example.com",
        first_name="Wei",
        last_name="Zhang",
        phone="13800138000",
    )


@pytest.fixture
def other(django_user_model):
    """Another citizen, who must never see Zhang's applications."""
    return django_user_model.objects.create_user("li", password="pw-123456-long", email="li@example.com")


@pytest.fixture
def officer(service):
    """A case officer of the service's department."""
    return make_staff("officer", "Case officer", service.department)
