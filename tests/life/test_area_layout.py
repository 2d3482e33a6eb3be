"""The shape of an area page (issue 12, PAGES point 3), as the catalogue search's: the search box
and its button first, then the filters in a "Filter (n active)" disclosure (closed as rendered,
no JavaScript needed), then the count and the entries; each htmx result carries the
disclosure's label and the education page's counted choices out of band, so both follow the
filters. The phone measurements are in tests/e2e/test_life_phone_layout.py."""

import re

import pytest

from services.life.models import Resource, Venue
from tests.life.conftest import make_resource, make_subject, make_venue
from tests.makers import make_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def culture():
    pudong = make_district(slug="pudong", name_zh="浦东新区", name_en="Pudong")
    make_venue(slug="city-museum", name_en="Haipu Museum", district=pudong, step_free=True)
    make_venue(slug="old-library", name_en="Old Library", kind=Venue.Kind.LIBRARY)


@pytest.fixture
def education():
    maths = make_subject(slug="maths", name_zh="数学", name_en="Mathematics")
    make_resource(slug="algebra", name_en="Junior algebra", subject=maths, stage=Resource.Stage.JUNIOR)


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def summary(html):
    return re.sub(r"<[^>]+>", "", re.search(r"<summary>(.*?)</summary>", html, re.S).group(1)).strip()


@pytest.mark.parametrize("segment", ["health", "education", "elderly-care", "culture"])
def test_the_filters_are_in_a_closed_disclosure_after_the_search_box(client, segment):
    html = body(client.get(f"/en/life/{segment}/"))
    start = html.index('id="filters"')
    form = html[start : html.index("</form>", start)]
    assert form.index('id="q"') < form.index('<button type="submit">Search</button>') < form.index("<details")
    # no "open": folded until asked for; named by its label at every width (the summary is hidden on wide screens)
    assert '<details class="filter-panel" aria-labelledby="filter-label">' in form
    assert form.index("<details") < form.index('id="id_district"') < form.index("Apply filters")
    assert summary(form) == "Filter"
    assert start < html.index("</form>", start) < html.index('id="result-count"')


def test_the_disclosure_counts_the_filters_in_force(client, culture):
    html = body(client.get("/en/life/culture/", {"district": "pudong", "access": "step_free", "q": "museum"}))
    assert summary(html) == "Filter (2 active)"


def test_an_ignored_value_is_not_counted_as_active(client, culture):
    html = body(client.get("/en/life/culture/", {"district": "nowhere", "open": ""}))
    assert summary(html) == "Filter"


def test_the_disclosure_label_is_in_chinese(client, culture):
    html = body(client.get("/zh-hans/life/culture/", {"district": "pudong"}))
    assert summary(html) == "筛选（已选 1 项）"


def test_the_open_now_hint_is_inside_the_disclosure(client, culture):
    html = body(client.get("/en/life/culture/"))
    panel = html[html.index("<details") : html.index("</details>")]
    assert "“Open now” uses Haipu time" in panel


def test_the_education_counts_are_inside_the_disclosure(client, education):
    html = body(client.get("/en/life/education/"))
    panel = html[html.index("<details") : html.index("</details>")]
    assert 'id="life-counts"' in panel and "By stage" in panel
    assert html.count('id="life-counts"') == 1


def test_an_htmx_result_carries_the_label_and_the_counts_out_of_band(client, education):
    html = body(client.get("/en/life/education/", {"stage": "junior"}, headers={"HX-Request": "true"}))
    assert '<span id="filter-label" data-hx-swap-oob="true">Filter (1 active)</span>' in html
    assert 'id="life-counts" class="life-counts-rows" data-hx-swap-oob="true"' in html
    assert "<details" not in html


def test_an_htmx_result_of_an_area_without_counts_has_no_counts_block(client, culture):
    html = body(client.get("/en/life/culture/", {"q": "museum"}, headers={"HX-Request": "true"}))
    assert 'id="filter-label"' in html and 'id="life-counts"' not in html
