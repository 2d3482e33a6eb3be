"""The digital-life landing page and the ways to reach it (main navigation, home page)."""

import pytest

from tests.life.conftest import make_care_place, make_hospital, make_venue

pytestmark = pytest.mark.django_db


def test_landing_page_links_every_area_with_its_published_count(client):
    make_hospital()
    make_hospital()
    make_hospital(published=False)
    make_venue()
    body = client.get("/en/life/").content.decode()
    assert body.count("<h1") == 1 and "<h1>Digital life</h1>" in body
    for segment in ("health", "education", "elderly-care", "culture"):
        assert f'href="/en/life/{segment}/"' in body
    assert "2 entries" in body and "1 entry" in body and "0 entries" in body


def test_landing_page_in_chinese(client):
    make_care_place()
    body = client.get("/zh-hans/life/").content.decode()
    assert "<h1>数字生活</h1>" in body and "互联网医院" in body and "1条" in body


def test_main_navigation_links_to_digital_life_and_marks_it_current(client):
    body = client.get("/en/life/").content.decode()
    assert '<a href="/en/life/" aria-current="page">Digital life</a>' in body
    other = client.get("/en/services/").content.decode()
    assert '<a href="/en/life/">Digital life</a>' in other


def test_home_page_links_to_digital_life_and_each_area(client):
    body = client.get("/en/").content.decode()
    assert 'href="/en/life/"' in body and 'href="/en/life/elderly-care/"' in body
    assert "数字生活" in client.get("/zh-hans/").content.decode()


def test_landing_page_is_page_cached_and_takes_few_queries(client, django_assert_max_num_queries):
    for _ in range(30):
        make_venue()
    with django_assert_max_num_queries(4):
        assert client.get("/en/life/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/en/life/").status_code == 200


def test_elder_mode_page_uses_the_elder_layout(client):
    client.cookies["elder"] = "1"
    body = client.get("/en/life/").content.decode()
    assert 'class="elder"' in body and "<h1>Digital life</h1>" in body
