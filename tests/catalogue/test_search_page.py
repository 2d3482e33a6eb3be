"""The search results page (issue 12, points 7, 8 and 9): filters folded behind a "Filter"
disclosure so results come first on a phone, a zero-result page that helps, and the centres and
digital-life entries the same query finds, each in its own labelled group. Run on the demo city;
the phone layout itself is measured in a browser (tests/e2e/test_search.py)."""

import re
from urllib.parse import quote

import pytest

from services.catalogue import search, search_page
from services.catalogue.models import service_centre_model

pytestmark = pytest.mark.django_db
EN = "/en/services/"
ZH = "/zh-hans/services/"


@pytest.fixture(autouse=True)
def city(demo_city):
    return demo_city


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def main(html):
    return html[html.index('<main id="main"') : html.index("</main>")]


def first_result_position(html):
    return html.index('class="service-item"')


# Point 7: results first on a phone ---------------------------------------------------------


def test_filters_fold_behind_a_closed_disclosure_that_counts_the_active_ones(client):
    html = body(client.get(EN, {"q": "passport", "department": "psb", "channel": "counter"}))
    details = re.search(r"<details[^>]*>", html).group(0)
    assert 'class="filter-panel"' in details and "open" not in details
    summary = html[html.index("<summary>") : html.index("</summary>")]
    assert "Filter (2 active)" in summary
    # Every select of the filters is inside the disclosure.
    panel = html[html.index("<details") : html.index("</details>")]
    assert panel.count("<select") == 5


def test_search_box_then_the_disclosure_then_the_count_and_results(client):
    html = main(body(client.get(EN, {"q": "passport", "district": "jiangxin"})))
    box, summary = html.index('id="q"'), html.index("<summary>")
    count = html.index('id="result-count"')
    assert box < summary < count < first_result_position(html)
    assert html.index("</details>") < count


def test_without_filters_the_disclosure_says_filter_only(client):
    html = body(client.get(EN, {"q": "passport"}))
    assert re.search(r'<span id="filter-label">\s*Filter\s*</span>', html)


def test_an_ignored_filter_value_is_not_counted_as_active(client):
    html = body(client.get(EN, {"q": "passport", "department": "no-such-department"}))
    assert "was not recognised" in html
    assert "active)" not in html


def test_the_disclosure_is_translated(client):
    html = body(client.get(ZH, {"q": "护照", "channel": "counter"}))
    assert "筛选（已选 1 项）" in html


def test_each_active_filter_has_a_link_that_removes_it_and_keeps_the_rest(client):
    html = body(client.get(EN, {"q": "passport", "department": "psb", "channel": "counter", "page": "1"}))
    assert 'href="/en/services/?q=passport&amp;channel=counter"' in html
    assert 'href="/en/services/?q=passport&amp;department=psb"' in html
    assert "Remove “How to apply: At a service centre”" in html


def test_remove_links_leave_out_the_empty_fields_live_search_sends(client):
    params = {"q": "passport", "event": "", "department": "psb", "audience": "", "channel": "", "district": ""}
    html = body(client.get(EN, params, headers={"HX-Request": "true"}))
    assert '<a href="/en/services/?q=passport">Remove “Department:' in html


def test_remove_filters_keeps_the_query(client):
    html = body(client.get(EN, {"q": "birth certificate", "department": "health"}))
    assert '<a href="/en/services/?q=birth%20certificate">Remove filters</a>' in html


def test_live_results_bring_the_filter_count_with_them(client):
    response = client.get(EN, {"q": "passport", "department": "psb"}, headers={"HX-Request": "true"})
    html = body(response)
    assert html.strip().startswith('<div id="results"')
    assert "<html" not in html
    assert re.search(r'<span id="filter-label" data-hx-swap-oob="true">\s*Filter \(1 active\)', html)


def test_whole_page_has_no_out_of_band_parts(client):
    assert "hx-swap-oob" not in body(client.get(EN, {"q": "passport", "department": "psb"}))


# Point 8: the zero-result page --------------------------------------------------------------

NOTHING = "qqxqzz wwxwvv"


def test_zero_results_keep_the_query_in_the_box_and_say_what_was_searched(client):
    html = body(client.get(EN, {"q": NOTHING}))
    assert f'value="{NOTHING}"' in html
    assert f"No services match “{NOTHING}”" in html
    assert "0 services found" in html


def test_zero_results_offer_the_suggestion_as_a_link_keeping_the_filters(client, monkeypatch):
    real = search.find_services

    def no_match(query, **kwargs):
        result = real(query, **kwargs)
        result.ids, result.suggestion = [], "passport"
        return result

    monkeypatch.setattr(search, "find_services", no_match)
    html = body(client.get(EN, {"q": "pasport", "channel": "counter"}))
    assert "Did you mean" in html
    assert '<a href="/en/services/?q=passport&amp;channel=counter">passport</a>?' in html


def test_a_misspelt_word_that_finds_nothing_gets_a_did_you_mean(client):
    html = body(client.get(EN, {"q": "pasportx"}))
    assert "0 services found" in html
    assert 'Did you mean <a href="/en/services/?q=passport">passport</a>?' in html
    assert 'value="pasportx"' in html  # what was typed stays in the box


def test_zero_results_show_popular_services_and_the_life_events(client):
    html = body(client.get(EN, {"q": NOTHING}))
    popular = html[html.index('id="popular-h"') : html.index('id="events-h"')]
    assert popular.count('href="/en/services/') >= 6
    events = html[html.index('id="events-h"') : html.index('id="ask-h"')]
    assert 'href="/en/life-events/having-a-baby/"' in events
    assert 'href="/en/life-events/retiring/"' in events


def test_zero_results_say_how_to_ask_a_person(client):
    html = body(client.get(EN, {"q": NOTHING}))
    ask = html[html.index('id="ask-h"') :]
    assert 'href="tel:12345"' in ask
    assert 'href="/en/centres/"' in ask


def test_zero_results_with_filters_offer_the_same_search_without_them(client):
    # Passports are a PSB service: with the tax department chosen, nothing matches.
    html = body(client.get(EN, {"q": "passport", "department": "tax"}))
    assert "0 services found" in html
    link = re.search(r'<a href="/en/services/\?q=passport">search for “passport” without the filters</a>([^<]*)', html)
    assert link, "no link to the search without its filters"
    assert re.search(r"\(\d+ services?\)", link.group(1))


def test_zero_result_page_in_chinese(client):
    html = body(client.get(ZH, {"q": NOTHING}))
    assert f"没有与“{NOTHING}”相符的事项" in html
    assert "拨打市民服务热线" in html and "热门事项" in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 3_000,  # longer addresses get the portal's 414 page ("shorten your search")
        "\x00\x01\x1f\x7f",
        '"unbalanced',
        "passport*",
        "NEAR(a b)",
        "a OR b AND NOT c",
        "-passport",
        "name:passport ^ ( ) :",
        "护照' OR 1=1 --",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_get_a_normal_page_with_the_box_kept(client, query):
    html = body(client.get(EN, {"q": query}))
    assert 'id="result-count"' in html and 'id="q"' in html
    assert "<script>alert(1)</script>" not in html


# Point 9: search beyond services ------------------------------------------------------------


def test_centres_the_query_finds_are_a_labelled_group_with_a_way_to_see_more(client):
    html = main(body(client.get(ZH, {"q": "江心区"})))
    group = html[html.index('id="centres-h"') :]
    assert "政务服务中心" in group[: group.index("</h2>")]
    assert group.index("江心区行政服务中心") < group.index("</ul>")
    assert re.search(r'<p><a href="/zh-hans/centres/(\?district=jiangxin)?">[^<]*全部政务服务中心</a></p>', group)


def test_more_centres_link_to_their_district_when_all_are_in_one():
    centre = service_centre_model()
    jiangxin = list(centre.objects.filter(district__slug="jiangxin"))
    assert search_page.centres_district(jiangxin).slug == "jiangxin"
    assert search_page.centres_district(list(centre.objects.all()[:40])) is None


def test_more_centres_link_names_the_district(client, monkeypatch):
    jiangxin = list(service_centre_model().objects.filter(district__slug="jiangxin"))
    monkeypatch.setattr(search, "find_centres", lambda query, limit=5: jiangxin[:limit])
    html = body(client.get(ZH, {"q": "江心区"}))
    assert 'href="/zh-hans/centres/?district=jiangxin">江心区的全部政务服务中心</a>' in html


def test_digital_life_entries_are_grouped_by_area_with_a_link_to_that_area_search(client):
    html = main(body(client.get(ZH, {"q": "博物馆"})))
    group = html[html.index('id="life-h"') :]
    assert "海浦博物馆" in group
    assert f'href="/zh-hans/life/culture/?q={quote("博物馆")}"' in group


def test_the_services_group_is_labelled_when_other_groups_follow(client):
    html = main(body(client.get(ZH, {"q": "博物馆"})))
    if 'class="service-item"' in html:
        assert html.index('id="services-h"') < first_result_position(html) < html.index('id="life-h"')


def test_a_life_event_the_query_names_comes_first_as_a_card(client):
    html = main(body(client.get(EN, {"q": "having a baby"})))
    card = html.index('class="life-event-card"')
    assert 'href="/en/life-events/having-a-baby/"' in html[card : card + 800]
    assert card < first_result_position(html)


def test_groups_only_on_the_first_page(client):
    html = main(body(client.get(ZH, {"q": "证", "page": "2"})))
    assert 'id="centres-h"' not in html and 'class="life-event-card"' not in html


def test_search_page_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        body(client.get(ZH, {"q": "博物馆 江心区"}))
    with django_assert_max_num_queries(14):
        body(client.get(EN, {"q": NOTHING, "department": "psb"}))
