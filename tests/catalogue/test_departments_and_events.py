import pytest

from tests.makers import make_department, make_event, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    psb = make_department(
        slug="psb",
        name_en="Public Security Bureau",
        phone="021-1",
        email="psb@example.gov.cn",
        complaint_channel_en="Call 12345",
    )
    other = make_department(slug="tax", name_en="Tax Bureau")
    baby = make_event(slug="having-a-baby", name_en="Having a baby", description_en="From birth certificate to hukou.")
    open_ = make_event(slug="starting-a-business", name_en="Starting a business", audience="business")
    make_service(slug="newborn", name_en="Newborn registration", department=psb, events=[baby])
    make_service(slug="secret", name_en="Unpublished thing", department=psb, events=[baby], published=False)
    make_service(slug="tax-reg", name_en="Tax registration", department=other, events=[open_], audience="business")
    return psb


def test_department_list_counts_published_services(client, data):
    body = client.get("/en/departments/").content.decode()
    assert "Public Security Bureau" in body and "Tax Bureau" in body and body.count("1 service<") == 2


def test_department_page_shows_contact_and_published_services(client, data):
    body = client.get("/en/departments/psb/").content.decode()
    assert "Newborn registration" in body and "Unpublished thing" not in body
    assert "psb@example.gov.cn" in body and "Call 12345" in body


def test_unknown_department_is_404(client, data):
    assert client.get("/en/departments/nope/").status_code == 404


def test_life_events_grouped_for_individuals_and_businesses(client, data):
    response = client.get("/en/life-events/")
    assert [e.slug for e in response.context["individual"]] == ["having-a-baby"]
    assert [e.slug for e in response.context["business"]] == ["starting-a-business"]


def test_life_event_page_lists_its_services(client, data):
    body = client.get("/en/life-events/having-a-baby/").content.decode()
    assert "From birth certificate to hukou." in body and "Newborn registration" in body
    assert "Unpublished thing" not in body and "Tax registration" not in body


def test_unknown_life_event_is_404(client, data):
    assert client.get("/en/life-events/nope/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/en/departments/", "/en/departments/psb/", "/en/life-events/", "/en/life-events/having-a-baby/"]
)
def test_query_counts_stay_flat_as_data_grows(client, data, url, django_assert_max_num_queries):
    baby = data.services.first().life_events.first()
    for i in range(40):
        make_service(slug=f"more-{i}", department=data, events=[baby])
    for i in range(10):
        make_department(slug=f"dept-more-{i}")
    # A life event's page also reads its bundles ("one thing, done once"): one query more (two
    # when it has some: their services), however many services and bundles.
    with django_assert_max_num_queries(6 if url.endswith("having-a-baby/") else 5):
        assert client.get(url, {"page": "2"}).status_code == 200
