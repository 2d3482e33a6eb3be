"""The search box of the digital-life area pages holds the query as searched, like the catalogue's
(services.catalogue.forms.SearchField): control characters, NUL included, read as spaces (a NUL
used to fail CharField's null-character validator, so the whole search was dropped as "not
recognised" and every entry listed), and a query longer than the maximum is cut, said so, and
shown cut in the box."""

import re
from html import unescape

import pytest

from services.catalogue.models import MAX_QUERY_LENGTH
from services.life.models import Venue
from tests.life.conftest import make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def culture():
    make_venue(slug="city-museum", name_zh="海浦博物馆", name_en="Haipu Museum")
    make_venue(slug="art-gallery", name_zh="海浦美术馆", name_en="Haipu Art Gallery", kind=Venue.Kind.GALLERY)
    make_venue(slug="old-library", name_zh="老图书馆", name_en="Old Library", kind=Venue.Kind.LIBRARY)


def slugs(response):
    return sorted(e.slug for e in response.context["page"].object_list)


def box_value(response):
    found = re.findall(r'<input type="search" id="q" name="q" value="([^"]*)"', response.content.decode())
    assert len(found) == 1
    return unescape(found[0])


def has_controls(text):
    return bool(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text))


@pytest.mark.parametrize("q", ["museum\x00", "\x00museum", "\x00 museum \x00"])
def test_a_nul_in_the_search_is_read_as_a_space_not_as_a_bad_value(client, culture, q):
    response = client.get("/en/life/culture/", {"q": q})
    assert response.status_code == 200
    body = response.content.decode()
    assert "was not recognised" not in body
    assert slugs(response) == ["city-museum"]
    assert box_value(response) == "museum"
    assert not has_controls(body)


def test_control_characters_in_the_search_are_read_as_spaces(client, culture):
    response = client.get("/zh-hans/life/culture/", {"q": "\x1b海浦\x7f博物馆\x85"})
    assert slugs(response) == ["city-museum"]
    assert box_value(response) == "海浦 博物馆"
    assert not has_controls(response.content.decode())


def test_an_overlong_search_is_shown_cut_in_the_box_with_a_message(client, culture):
    response = client.get("/en/life/culture/", {"q": "museum " + "x" * 500})
    value = box_value(response)
    assert len(value) == MAX_QUERY_LENGTH and value.startswith("museum xxx")
    assert "Your search was too long, so only the first 100 characters were used" in response.content.decode()


def test_a_search_just_at_the_maximum_is_not_said_to_be_cut(client, culture):
    response = client.get("/en/life/culture/", {"q": "  museum   " + "x" * (MAX_QUERY_LENGTH - 7) + "  "})
    assert len(box_value(response)) == MAX_QUERY_LENGTH
    assert "Your search was too long" not in response.content.decode()


def test_the_message_about_a_cut_search_is_in_chinese_on_the_chinese_page(client, culture):
    response = client.get("/zh-hans/life/culture/", {"q": "博" * 300})
    assert len(box_value(response)) == MAX_QUERY_LENGTH
    assert "Your search was too long" not in response.content.decode()
    assert "100" in response.content.decode()


def test_the_htmx_fragment_of_a_search_with_a_nul_lists_what_it_finds(client, culture):
    response = client.get("/en/life/culture/", {"q": "museum\x00"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert slugs(response) == ["city-museum"]
