"""A long search (issue 12, PAGES point 2). Up to the address limit (MAX_URL_LENGTH) the search is
made with the first MAX_QUERY_LENGTH characters, shown in the box, with a message saying so;
beyond it the portal's 414 page answers in the visitor's language with a search box that holds
the first MAX_QUERY_LENGTH characters of what was searched, so nothing typed is lost outright."""

import re
from html import unescape

import pytest
from django.conf import settings

from services.catalogue.models import MAX_QUERY_LENGTH
from tests.makers import make_service

pytestmark = pytest.mark.django_db


def boxes(html):
    return [unescape(v) for v in re.findall(r'<input type="search" id="q" name="q" value="([^"]*)"', html)]


@pytest.fixture
def permit():
    return make_service(slug="permit", name_en="Residence permit", name_zh="居住证")


@pytest.mark.parametrize("language, message", [("en", "only the first 100 characters"), ("zh-hans", "前 100 个字符")])
def test_a_search_longer_than_the_box_is_made_with_its_first_characters_and_says_so(client, permit, language, message):
    response = client.get(f"/{language}/services/", {"q": "permit " + "x" * 1_500})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert boxes(html) == [("permit " + "x" * 1_500)[:MAX_QUERY_LENGTH]]


@pytest.mark.parametrize(
    "language, heading", [("en", "The web address is too long"), ("zh-hans", "网址过长")], ids=["en", "zh-hans"]
)
def test_a_search_beyond_the_address_limit_gets_the_414_page_with_a_search_box(client, language, heading):
    query = "residence permit " * 600
    assert len(query) > settings.MAX_URL_LENGTH
    response = client.get(f"/{language}/services/", {"q": query})
    assert response.status_code == 414
    html = response.content.decode()
    assert heading in html and html.count("<h1") == 1
    assert f'action="/{language}/services/"' in html
    assert boxes(html) == [" ".join(query.split())[:MAX_QUERY_LENGTH]]
    assert "residence+permit" not in html and "residence%20permit" not in html  # the switches do not carry it


def test_the_414_box_of_control_characters_is_empty(client):
    response = client.get("/en/services/", {"q": "\x00" * 10_000})
    assert response.status_code == 414
    html = response.content.decode()
    assert boxes(html) == [""] and "\x00" not in html


def test_the_414_page_of_an_overlong_path_has_an_empty_search_box(client):
    response = client.get("/en/" + "a" * 5_000 + "/")
    assert response.status_code == 414
    assert boxes(response.content.decode()) == [""]


def test_the_414_page_of_an_address_with_too_many_fields_still_answers(client):
    response = client.get("/en/services/?" + "&".join(f"f{n}=1" for n in range(1_500)))
    assert response.status_code == 414
    assert boxes(response.content.decode()) == [""]
