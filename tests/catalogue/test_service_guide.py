import pytest

from tests.makers import make_centre, make_department, make_event, make_faq, make_material, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    dept = make_department(
        slug="psb",
        name_zh="公安局",
        name_en="Public Security Bureau",
        phone="021-22223333",
        complaint_channel_en="Call 12345 or write to the inspector.",
    )
    event = make_event(slug="moving-house", name_en="Moving house", name_zh="搬家")
    service = make_service(
        slug="residence-permit",
        department=dept,
        events=[event],
        name_zh="居住证办理",
        name_en="Residence permit",
        summary_zh="来沪人员申领居住证。",
        summary_en="Get a residence permit.",
        eligibility_en="People who have lived here 6 months",
        conditions_en="Registered address\nStable job",
        steps_en="Fill in the form\nHave your photo taken\nCollect the permit",
        fee_en="",
        legal_basis_en="Residence Permit Regulations",
        statutory_limit_days=20,
        promised_limit_days=7,
        counter_visits=1,
        offers_online=True,
        offers_counter=True,
        offers_post=False,
        code="310000-PSB-001",
    )
    make_material(service, name_en="Resident ID card", form="original", e_certificate=True)
    make_material(service, name_en="Tenancy agreement", form="copy", copies=2, required=False)
    make_faq(service, question_en="Can someone apply for me?", answer_en="Yes, with a signed authorisation.")
    make_centre(slug="huangpu-centre", name_en="Huangpu Service Centre", services=[service], weekdays=range(6))
    return service


def test_guide_shows_every_part_of_the_national_template(client, service):
    body = client.get("/en/services/residence-permit/").content.decode()
    for text in [
        "<h1>Residence permit</h1>",
        "Get a residence permit.",
        "People who have lived here 6 months",
        "Registered address",
        "Stable job",
        "Fill in the form",
        "Collect the permit",
        "Free",
        "Residence Permit Regulations",
        "7 working days (promised)",
        "20 working days by law",
        "At most one visit",
        "Resident ID card",
        "E-certificate accepted",
        "Tenancy agreement",
        "Copy",
        "If it applies to you",
        "Can someone apply for me?",
        "Yes, with a signed authorisation.",
        # Where to apply in person: "find a centre" (tests/offline/test_find_a_centre.py), not every centre.
        'action="/en/centres/find/residence-permit/"',
        "The 1 centre that handles this service",
        "Public Security Bureau",
        "021-22223333",
        "Call 12345 or write to the inspector.",
        "Moving house",
        "310000-PSB-001",
    ]:
        assert text in body, text


def test_guide_in_chinese_shows_chinese_content(client, service):
    body = client.get("/zh-hans/services/residence-permit/").content.decode()
    assert "<h1>居住证办理</h1>" in body and "来沪人员申领居住证。" in body and '<html lang="zh-hans">' in body


def test_missing_english_falls_back_to_chinese(client, service):
    service.summary_en = ""
    service.save()
    assert "来沪人员申领居住证。" in client.get("/en/services/residence-permit/").content.decode()


def test_guide_offers_only_the_channels_the_service_allows(client, service):
    body = client.get("/en/services/residence-permit/").content.decode()
    assert "/en/services/residence-permit/apply/" in body
    assert "/en/centres/book/residence-permit/" in body  # "Book a counter visit"
    assert "how-to-apply/post/" not in body


def test_how_to_apply_in_person_lists_centres_and_materials(client, service):
    response = client.get("/en/services/residence-permit/how-to-apply/counter/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Resident ID card" in body and "Tenancy agreement" in body
    assert 'action="/en/centres/find/residence-permit/"' in body  # find a centre, not every centre


def test_how_to_apply_by_a_channel_the_service_does_not_offer_is_404(client, service):
    assert client.get("/en/services/residence-permit/how-to-apply/post/").status_code == 404
    assert client.get("/en/services/residence-permit/how-to-apply/fax/").status_code == 404


def test_unknown_and_unpublished_services_are_404_in_the_users_language(client, service):
    response = client.get("/en/services/no-such-service/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
    service.published = False
    service.save()
    assert client.get("/en/services/residence-permit/").status_code == 404


def test_guide_has_breadcrumbs_title_and_one_h1(client, service):
    body = client.get("/en/services/residence-permit/").content.decode()
    assert body.count("<h1") == 1
    assert "<title>Residence permit – " in body
    assert 'aria-label="Breadcrumb"' in body and 'href="/en/departments/psb/"' in body


def test_guide_query_count_does_not_grow_with_centres(client, service, django_assert_max_num_queries):
    for _ in range(15):
        make_centre(services=[service])
    # 11: what a guide first in its process reads, with the services' satisfaction kept per
    # process by the catalogue and insights versions (services/insights/satisfaction.py: one
    # grouped query and the insights version); no query grows with the centres.
    with django_assert_max_num_queries(11):
        response = client.get("/en/services/residence-permit/")
    body = response.content.decode()
    assert "All 16 centres that handle this service" in body and 'class="hours"' not in body
