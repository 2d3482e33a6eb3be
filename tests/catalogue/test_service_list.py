import pytest
from django.urls import reverse

from services.catalogue.models import MAX_QUERY_LENGTH
from tests.makers import make_centre, make_department, make_district, make_event, make_service

pytestmark = pytest.mark.django_db
URL = "/en/services/"


def names(response):
    return [s.name_en for s in response.context["page"].object_list]


@pytest.fixture
def catalogue():
    psb = make_department(slug="psb", name_zh="公安局", name_en="Public Security Bureau")
    civil = make_department(slug="civil", name_zh="民政局", name_en="Civil Affairs Bureau")
    baby = make_event(slug="having-a-baby", name_zh="生育", name_en="Having a baby")
    permit = make_service(
        slug="residence-permit",
        name_zh="居住证办理",
        name_en="Residence permit application",
        department=psb,
        keywords_zh="居住 暂住",
        synonyms_zh="暂住证",
        synonyms_en="temporary residence",
        offers_online=True,
        offers_post=False,
        popularity=50,
    )
    newborn = make_service(
        slug="newborn",
        name_zh="新生儿户口登记",
        name_en="Newborn household registration",
        department=psb,
        events=[baby],
        keywords_zh="户口 出生",
        keywords_en="hukou birth",
        offers_online=False,
        offers_post=True,
        popularity=90,
    )
    marriage = make_service(
        slug="marriage",
        name_zh="结婚登记",
        name_en="Marriage registration",
        department=civil,
        audience="individual",
        offers_online=False,
        popularity=70,
    )
    licence = make_service(
        slug="business-licence",
        name_zh="营业执照",
        name_en="Business licence",
        department=civil,
        audience="business",
        popularity=10,
    )
    hidden = make_service(
        slug="hidden", name_zh="居住证草稿", name_en="Residence draft", department=psb, published=False
    )
    pudong = make_district(slug="pudong", name_zh="浦东新区", name_en="Pudong")
    make_centre(district=pudong, services=[marriage])
    return dict(permit=permit, newborn=newborn, marriage=marriage, licence=licence, hidden=hidden)


def test_search_finds_chinese_name(client, catalogue):
    response = client.get("/zh-hans/services/", {"q": "居住证"})
    assert [s.slug for s in response.context["page"].object_list] == ["residence-permit"]
    assert "居住证办理" in response.content.decode()


def test_search_finds_english_name_case_insensitively(client, catalogue):
    assert names(client.get(URL, {"q": "MARRIAGE"})) == ["Marriage registration"]


def test_search_finds_keywords_and_synonyms_in_both_languages(client, catalogue):
    assert names(client.get(URL, {"q": "hukou"})) == ["Newborn household registration"]
    assert names(client.get(URL, {"q": "户口"})) == ["Newborn household registration"]
    assert names(client.get(URL, {"q": "暂住证"})) == ["Residence permit application"]
    assert names(client.get(URL, {"q": "temporary residence"})) == ["Residence permit application"]


def test_search_across_languages_regardless_of_page_language(client, catalogue):
    assert names(client.get("/en/services/", {"q": "结婚"})) == ["Marriage registration"]


def test_every_word_must_match(client, catalogue):
    assert names(client.get(URL, {"q": "registration marriage"})) == ["Marriage registration"]
    # A word the catalogue does not know at all ("my dad's pension") is no reason to find nothing.
    assert set(names(client.get(URL, {"q": "registration nonsense"}))) == {
        "Marriage registration",
        "Newborn household registration",
    }


def test_unpublished_services_never_listed(client, catalogue):
    assert "Residence draft" not in names(client.get(URL, {"q": "residence"}))
    assert "Residence draft" not in names(client.get(URL))


def test_name_matches_rank_before_keyword_matches(client, catalogue):
    catalogue["marriage"].keywords_en = "registration"
    make_service(
        slug="x",
        name_en="Registration of anything",
        name_zh="登记",
        popularity=1,
        department=catalogue["marriage"].department,
    )
    result = names(client.get(URL, {"q": "registration"}))
    # A name that starts with the whole query first (issue 12), then the other name matches,
    # most popular first, then the keyword match.
    assert result == ["Registration of anything", "Newborn household registration", "Marriage registration"]


def test_filters_by_department_event_audience_channel_and_district(client, catalogue):
    assert set(names(client.get(URL, {"department": "civil"}))) == {"Marriage registration", "Business licence"}
    assert names(client.get(URL, {"event": "having-a-baby"})) == ["Newborn household registration"]
    assert names(client.get(URL, {"audience": "business"})) == ["Business licence"]
    assert names(client.get(URL, {"channel": "post"})) == ["Newborn household registration"]
    assert set(names(client.get(URL, {"channel": "online"}))) == {"Residence permit application", "Business licence"}
    assert names(client.get(URL, {"district": "pudong"})) == ["Marriage registration"]


def test_filters_combine_with_search(client, catalogue):
    assert names(client.get(URL, {"q": "registration", "department": "civil"})) == ["Marriage registration"]


def test_unknown_filter_values_are_ignored_and_explained(client, catalogue):
    response = client.get(URL, {"department": "no-such-dept", "channel": "fax", "audience": "aliens"})
    assert response.status_code == 200
    assert len(names(response)) == 4
    body = response.content.decode()
    assert "The value you chose for “Department” was not recognised" in body
    assert "The value you chose for “How to apply” was not recognised" in body


def test_unknown_filter_explained_in_chinese(client, catalogue):
    body = client.get("/zh-hans/services/", {"department": "nope"}).content.decode()
    assert "无法识别" in body


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "", "😀"])
def test_malformed_page_numbers_give_a_valid_page(client, catalogue, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number >= 1


def test_overlong_query_is_cut_not_rejected(client, catalogue):
    response = client.get(URL, {"q": "marriage " + "x" * 500})
    assert response.status_code == 200
    assert len(response.context["query"]) == MAX_QUERY_LENGTH


def test_query_with_sql_and_markup_is_harmless(client, catalogue):
    response = client.get(URL, {"q": "<script>alert(1)</script>' OR 1=1 --"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_query_with_null_byte_is_harmless(client, catalogue):
    assert client.get(URL, {"q": "a\x00b"}).status_code == 200


def test_no_results_says_so(client, catalogue):
    body = client.get(URL, {"q": "zzzzzz"}).content.decode()
    assert "0 services found" in body and "No services match" in body


def test_pagination_keeps_filters(client, catalogue):
    dept = catalogue["marriage"].department
    for i in range(25):
        make_service(slug=f"extra-{i}", name_en=f"Extra {i}", department=dept)
    response = client.get(URL, {"department": "civil"})
    assert response.context["page"].paginator.num_pages == 2
    assert "?department=civil&amp;page=2" in response.content.decode()
    second = client.get(URL, {"department": "civil", "page": 2})
    assert len(names(second)) == 27 - 20


def test_htmx_request_returns_only_the_results_fragment(client, catalogue):
    response = client.get(URL, {"q": "marriage"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert body.strip().startswith('<div id="results"')
    assert "Marriage registration" in body
    assert "1 service found" in body


def test_full_page_works_without_javascript(client, catalogue):
    body = client.get(URL, {"q": "marriage"}).content.decode()
    assert "<html" in body and 'action="/en/services/"' in body and 'method="get"' in body
    assert 'data-hx-get="/en/services/"' in body


def test_list_query_count_is_bounded(client, catalogue, django_assert_max_num_queries):
    dept = catalogue["marriage"].department
    for i in range(60):
        make_service(slug=f"many-{i}", department=dept)
    # What search keeps per process (its vocabulary, the life events) is read by the first
    # search after a change; the search index follows the writes at their commit.
    client.get(URL, {"q": "warm up"})
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "service", "department": "civil", "channel": "online"})
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(URL, {"district": "pudong", "event": "having-a-baby", "page": 2})


def test_chinese_is_the_default_language(client, catalogue):
    response = client.get("/services/", headers={"accept-language": ""})
    assert response.status_code == 302 and response["Location"] == reverse("catalogue:service-list")
