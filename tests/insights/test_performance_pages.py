"""The performance pages (/performance/, a department's, a service's): public, in both
languages, the hand-counted March's numbers in charts and tables, provisional today, bounded
queries, cached until the next roll-up, reached from the footer and from each guide."""

import pytest
from django.utils import timezone

from services.insights import rollup
from tests.insights.figures_world import at, make_march, march

pytestmark = pytest.mark.django_db

NOW = at(25, 18, 30)


@pytest.fixture
def rolled(world, monkeypatch):
    make_march(world)
    rollup.roll_up_days(march(1), march(25), now=at(25, 18))
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return world


def page(client, url, lang="en"):
    response = client.get(f"/{lang}{url}")
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_city_page_answers_in_both_languages(client, rolled, lang):
    html = page(client, "/performance/", lang)
    assert html.count("<h1") == 1
    assert ("How the city performs" in html) == (lang == "en")
    assert ("城市服务绩效" in html) == (lang == "zh-hans")


def test_the_city_page_gives_the_hand_counted_figures(client, rolled):
    html = page(client, "/performance/")
    assert "<strong>8</strong>" in html  # applications
    assert "<strong>67%</strong> (2 of 3 decisions)" in html  # on time
    assert "<strong>8.7</strong> on average; promised 10.0" in html  # 26 / 3 working days
    assert "2 ratings: a share is given from 10" in html
    assert "75%" in html and "12%" in html  # online 6 of 8, counter and post 1 of 8 each (12.5 rounded)


def test_each_chart_is_an_image_with_its_numbers_in_a_captioned_table(client, rolled):
    html = page(client, "/performance/")
    assert html.count('role="img"') == 4  # per day, channels, decisions, busiest
    assert html.count("<title id=") == 4 and html.count("<desc id=") == 4
    assert html.count("<caption") >= 4
    assert "Applications per day and channel, last 30 days" in html
    assert "<script" not in html.split("</head>")[1]


def test_today_is_marked_provisional_with_the_time_it_was_counted(client, rolled):
    html = page(client, "/performance/")
    assert "(today). Today's figures are provisional: counted at 18:00" in html
    assert "2024-03-25</span> (today, provisional)" in html
    assert "（今日）。今日数据为暂计数：统计于18:00" in page(client, "/performance/", "zh-hans")


def test_a_day_without_applications_is_listed_as_none(client, rolled):
    html = page(client, "/performance/")
    row = html.split("2024-03-07")[1].split("</tr>")[0]
    assert row.count('<td class="num">0</td>') == 4


def test_before_todays_roll_up_the_page_says_so(client, rolled, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(26, 8))
    html = page(client, "/performance/")
    assert "Today's figures have not been counted yet." in html


def test_the_city_page_links_each_department_and_the_busiest_services(client, rolled):
    html = page(client, "/performance/")
    assert 'href="/en/performance/psb/"' in html and 'href="/en/performance/civil/"' in html
    assert 'href="/en/performance/service/permit/"' in html


def test_a_department_page_counts_only_its_services_and_lists_them(client, rolled):
    html = page(client, "/performance/civil/")
    assert "Civil Affairs: how it performs" in html
    assert "<strong>1</strong>" in html and "No decisions yet" in html
    assert 'href="/en/performance/service/marriage/"' in html
    assert "permit" not in html.split("<main")[1]


def test_a_service_page_has_its_figures_and_links_to_its_guide(client, rolled):
    html = page(client, "/performance/service/permit/")
    assert "Residence permit: how it performs" in html
    assert "<strong>7</strong>" in html and "(2 of 3 decisions)" in html
    assert 'href="/en/services/permit/"' in html
    assert "The busiest services" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/performance/no-such-department/",
        "/performance/service/no-such-service/",
        "/performance/service/../../etc/",
        "/performance/%3Cscript%3E/",
        "/performance/service/",
    ],
)
def test_an_unknown_department_or_service_is_a_404(client, rolled, url):
    assert client.get(f"/en{url}").status_code == 404


def test_an_unpublished_service_has_no_performance_page(client, rolled):
    rolled["permit"].published = False
    rolled["permit"].save()
    assert client.get("/en/performance/service/permit/").status_code == 404


def test_odd_query_strings_change_nothing(client, rolled):
    html = page(client, "/performance/?day=2024-13-45&department=%00&lang=xx")
    assert "<strong>8</strong>" in html


def test_every_page_costs_a_bounded_number_of_queries(client, rolled, django_assert_max_num_queries):
    for url in ("/en/performance/", "/en/performance/psb/", "/en/performance/service/permit/"):
        with django_assert_max_num_queries(6):
            assert client.get(url, {"nocache": url}).status_code == 200


def test_the_pages_are_cached_until_the_next_roll_up(client, rolled, django_capture_on_commit_callbacks):
    assert "<strong>8</strong>" in page(client, "/performance/")
    rolled["permit"].applications.filter(channel="post").delete()
    assert "<strong>8</strong>" in page(client, "/performance/")  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        rollup.roll_up(march(6))
    assert "<strong>7</strong>" in page(client, "/performance/")


def test_the_footer_links_to_the_performance_page(client, db):
    html = page(client, "/")
    assert 'href="/en/performance/"' in html.split("<footer")[1]


def test_a_guide_links_to_its_services_performance(client, rolled):
    html = page(client, "/services/permit/")
    assert 'href="/en/performance/service/permit/"' in html
