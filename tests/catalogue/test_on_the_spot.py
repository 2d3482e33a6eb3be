"""A service decided on the spot (promised time limit 0 working days) says "On the spot" /
"当场办结" wherever its time limit is shown in the catalogue: the guide, search results, the lists
of a department and a life event. It never says "0 working days"."""

import re

import pytest

from tests.makers import make_department, make_event, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_spot():
    department = make_department(slug="psb", name_zh="公安局", name_en="Public Security Bureau")
    event = make_event(slug="moving", name_zh="搬家", name_en="Moving house")
    return make_service(
        slug="address-proof",
        name_zh="住址证明开具",
        name_en="Proof of address",
        keywords_en="address proof",
        keywords_zh="住址证明",
        department=department,
        events=[event],
        promised_limit_days=0,
        statutory_limit_days=0,
    )


@pytest.fixture
def quick_by_law_slow():
    """Promised on the spot, though the law allows 20 working days."""
    return make_service(slug="seal", name_en="Seal registration", promised_limit_days=0, statutory_limit_days=20)


def text(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def says_no_zero_days(body):
    assert not re.search(r"\b0 working days?\b", body)
    assert "0个工作日" not in body


def test_the_guide_of_an_on_the_spot_service_says_on_the_spot(client, on_the_spot):
    body = text(client.get("/en/services/address-proof/"))
    assert "On the spot (promised); on the spot by law" in body
    says_no_zero_days(body)


def test_the_chinese_guide_says_dang_chang_ban_jie(client, on_the_spot):
    body = text(client.get("/zh-hans/services/address-proof/"))
    assert "承诺当场办结；法定当场办结" in body
    says_no_zero_days(body)


def test_the_guide_keeps_the_legal_limit_in_days_beside_a_promise_on_the_spot(client, quick_by_law_slow):
    body = text(client.get("/en/services/seal/"))
    assert "On the spot (promised); 20 working days by law" in body


@pytest.mark.parametrize(
    "url",
    ["/en/services/?q=address", "/en/services/", "/en/departments/psb/", "/en/life-events/moving/"],
    ids=["search results", "all services", "department", "life event"],
)
def test_lists_say_on_the_spot(client, on_the_spot, url):
    body = text(client.get(url))
    assert "Proof of address" in body
    assert "On the spot" in body
    says_no_zero_days(body)


def test_search_results_in_chinese_say_dang_chang_ban_jie(client, on_the_spot):
    body = text(client.get("/zh-hans/services/", {"q": "住址证明"}))
    assert "住址证明开具" in body and "当场办结" in body
    says_no_zero_days(body)


def test_a_service_with_days_still_shows_its_days(client):
    make_service(slug="permit", name_en="Residence permit", promised_limit_days=1, statutory_limit_days=1)
    body = text(client.get("/en/services/"))
    assert "1 working day" in body and "On the spot" not in body
