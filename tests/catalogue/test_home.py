import pytest

from tests.makers import make_department, make_event, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    dept = make_department(slug="market", name_en="Market Regulation", name_zh="市场监管局")
    make_event(slug="having-a-baby", name_en="Having a baby", audience="individual")
    make_event(slug="starting-a-business", name_en="Starting a business", audience="business")
    for i in range(15):
        make_service(
            slug=f"ind-{i}", name_en=f"Individual service {i}", audience="individual", popularity=i, department=dept
        )
    make_service(slug="licence", name_en="Business licence", audience="business", popularity=1000, department=dept)
    make_service(slug="both", name_en="Tax certificate", audience="both", popularity=500, department=dept)


def popular(response):
    return [s.name_en for s in response.context["popular"]]


def test_home_has_search_popular_services_life_events_and_departments(client, city):
    response = client.get("/en/")
    body = response.content.decode()
    assert 'role="search"' in body and 'name="q"' in body
    assert popular(response)[:2] == ["Tax certificate", "Individual service 14"]
    assert len(popular(response)) == 12
    assert "Having a baby" in body and "Starting a business" not in body
    assert "Market Regulation" in body and "17 services" in body


def test_home_switches_to_businesses(client, city):
    response = client.get("/en/", {"audience": "business"})
    assert popular(response) == ["Business licence", "Tax certificate"]
    assert "Starting a business" in response.content.decode()


def test_home_ignores_an_unknown_audience(client, city):
    response = client.get("/en/", {"audience": "martians"})
    assert response.status_code == 200 and response.context["audience"] == "individual"


def test_home_query_count_is_bounded(client, city, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get("/en/")


def test_root_redirects_to_chinese_by_default(client, city):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/zh-hans/"


def test_root_follows_browser_language(client, city):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"
