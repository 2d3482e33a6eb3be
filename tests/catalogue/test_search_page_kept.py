"""The search page on a page-cache miss (issue 12, benchmark): each web process keeps every
result item's rendered HTML per service, language and heading level, the filter selects' options
per language, and the zero-result page's popular services and life events, all valid while the
catalogue version is unchanged (services.lib.cache.KeptStore / kept). A query asked again with a
new query string (a campaign tag, the page cache's time up) then reads nothing from the database,
and an edit in the admin shows at once."""

from urllib.parse import quote

import pytest
from django.core.cache import cache

from services.catalogue.models import Department, LifeEvent, Service
from services.lib.cache import forget_kept

pytestmark = pytest.mark.django_db
QUERIES = ["passport", "护照", "jiashizheng", "having a baby", "许可", "xqzzv"]


@pytest.fixture(autouse=True)
def city(demo_city):
    return demo_city


def page(client, url, **kw):
    response = client.get(url, **kw)
    assert response.status_code == 200
    return response.content.decode()


def without(html, extra):
    # The language switch, the elder-mode form and the pagination point back to the address asked for.
    return html.replace("&" + extra, "").replace("&amp;" + extra, "").replace("?" + extra, "")


def test_a_search_asked_again_with_a_new_query_string_reads_nothing_from_the_database(
    client, django_assert_max_num_queries
):
    page(client, "/en/services/?q=passport")
    with django_assert_max_num_queries(0):
        html = page(client, "/en/services/?q=passport&utm_source=newsletter")
    assert html.count('class="service-item"') >= 1 and "<select" in html


def test_a_zero_result_page_asked_again_reads_nothing_from_the_database(client, django_assert_max_num_queries):
    page(client, "/en/services/?q=xqzzv")
    with django_assert_max_num_queries(0):
        html = page(client, "/en/services/?q=xqzzv&x=1")
    assert "Popular services" in html and "Life events" in html


def test_the_list_without_words_asked_again_reads_only_its_page_of_services(client, django_assert_max_num_queries):
    page(client, "/zh-hans/services/?page=2")
    with django_assert_max_num_queries(2):  # the count and the page's services; no filter lists
        page(client, "/zh-hans/services/?page=2&x=1")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_kept_search_page_is_the_same_page_as_one_rendered_afresh(client, language):
    for query in QUERIES + ["许可&page=2", "passport&department=psb&channel=counter", "&audience=business"]:
        url = f"/{language}/services/?q={quote(query, safe='&=')}"
        for elder in (False, True):
            for headers in ({}, {"HX-Request": "true"}):
                client.cookies.clear()
                if elder:
                    client.cookies["elder"] = "1"
                forget_kept()
                cache.clear()
                fresh = page(client, url + "&a=1", headers=headers)
                kept = page(client, url + "&b=2", headers=headers)
                assert without(kept, "b=2") == without(fresh, "a=1"), (url, elder, headers)


def test_an_edit_to_a_service_name_shows_at_once_on_the_search_page(client):
    service = Service.objects.published().filter(name_en__icontains="passport").first()
    url = f"/en/services/?q={quote(service.name_en)}"
    assert service.name_en in page(client, url + "&x=1")
    service.summary_en = "A summary <rewritten> by the editor."
    service.save()
    assert "A summary &lt;rewritten&gt; by the editor." in page(client, url + "&x=2")


def test_an_edit_to_a_department_name_shows_at_once_in_the_results_and_the_filter(client):
    page(client, "/en/services/?q=passport&x=1")
    Department.objects.filter(slug="psb").update(name_en="Police")  # no signal: bump by a save
    psb = Department.objects.get(slug="psb")
    psb.save()
    html = page(client, "/en/services/?q=passport&x=2")
    assert '<option value="psb">Police</option>' in html
    assert "<span>Police</span>" in html


def test_a_new_life_event_shows_at_once_in_the_filter(client):
    page(client, "/en/services/?x=1")
    LifeEvent.objects.create(slug="new-pet", name_zh="养宠物", name_en="Getting a pet")
    assert '<option value="new-pet">Getting a pet</option>' in page(client, "/en/services/?x=2")
