"""Applying for someone else: the signed-in helper's own profile (ID number, address, mobile)
is not filled in as the applicant's answers. What the profile filled in and nobody changed is
dropped when "Someone else" is chosen; what the helper typed is kept; choosing "Myself" again
fills it in again."""

import pytest

from services.catalogue.models import District
from tests.applications import page1, start

pytestmark = pytest.mark.django_db

HELPER_ID = "110101199003078515"
ON_BEHALF = {
    "who": "other",
    "applicant_name": "Mother Name",
    "helper_relation": "child",
    "contact_phone": "13812345678",
}


@pytest.fixture
def helper(client, django_user_model, service):
    user = django_user_model.objects.create_user(
        "helper",
        password="pw-123456-long",
        first_name="Helper",
        last_name="Zhang",
        email="helper@example.com",
        phone="13900001111",
        id_number=HELPER_ID,
        address_district=District.objects.get(slug="huangpu"),
        address_street="My own street 1",
    )
    client.force_login(user)
    return user


def applicant(client, app, **data):
    response = client.post(f"/en/apply/{app.public_id}/applicant/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    app.refresh_from_db()
    return app


def test_the_helpers_own_id_address_and_mobile_are_not_the_applicants(client, service, helper):
    app = start(client, service)
    assert app.answers["id_number"]["number"] == HELPER_ID  # a draft for oneself is filled in
    app = applicant(client, app, **ON_BEHALF)
    assert not {"id_number", "address", "phone", "email"} & app.answers.keys(), app.answers
    assert app.answers["full_name"] == "Mother Name"
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert HELPER_ID not in body and "My own street 1" not in body and "13900001111" not in body


def test_answers_the_helper_typed_are_kept_when_switching_to_someone_else(client, service, helper):
    app = start(client, service)
    applicant(client, app, who="self", applicant_name="Helper Zhang", contact_phone="13900001111")
    mother = page1(id_number="11010519491231002X", address__street="Her street 9", phone="13700002222")
    assert client.post(f"/en/apply/{app.public_id}/page/1/", mother).status_code == 302
    app = applicant(client, app, **ON_BEHALF)
    assert app.answers["id_number"]["number"] == "11010519491231002X"
    assert app.answers["address"]["street"] == "Her street 9"


def test_choosing_myself_again_fills_in_the_profile_again(client, service, helper):
    app = start(client, service)
    app = applicant(client, app, **ON_BEHALF)
    assert "id_number" not in app.answers
    app = applicant(client, app, who="self", applicant_name="Helper Zhang", contact_phone="13900001111")
    assert app.answers["id_number"]["number"] == HELPER_ID
    assert app.answers["address"]["street"] == "My own street 1"


def test_saving_myself_again_does_not_refill_an_answer_the_citizen_removed(client, service, helper):
    app = start(client, service)
    applicant(client, app, who="self", applicant_name="Helper Zhang", contact_phone="13900001111")
    app.answers.pop("address")  # removed on purpose (an optional question left empty)
    app.save(update_fields=["answers"])
    app = applicant(client, app, who="self", applicant_name="Helper Zhang", contact_phone="13900001111")
    assert "address" not in app.answers


@pytest.mark.parametrize("prefix", ["en", "zh-hans"])
def test_someone_else_with_the_helpers_own_name_is_asked_for_the_applicants_name(client, service, helper, prefix):
    app = start(client, service)
    data = dict(ON_BEHALF, applicant_name="Helper Zhang")
    body = client.post(f"/{prefix}/apply/{app.public_id}/applicant/", data).content.decode()
    expected = {
        "en": "Enter the name of the person you are applying for: this is your own name.",
        "zh-hans": "请输入您为其申请的人的姓名：这是您本人的姓名。",
    }[prefix]
    assert expected in body
    app.refresh_from_db()
    assert not app.on_behalf


def test_the_record_of_prefilled_answers_is_not_kept_after_submitting(client, service, helper):
    from services.applications import lifecycle

    app = start(client, service)
    assert "_prefilled" in app.answers
    app = lifecycle.act(app, "submit", helper)
    app.refresh_from_db()
    assert "_prefilled" not in app.answers and app.answers["id_number"]["number"] == HELPER_ID
