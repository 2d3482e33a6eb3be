"""How a search spends its time (issue 12, Benchmark; bench/RESULTS.md "For ENGINE"), and the
small faults found by hand: services/catalogue/search.py."""

import pytest

from services.catalogue import search
from services.catalogue.models import Service
from tests.makers import make_department, make_service

pytestmark = pytest.mark.django_db


def slugs(ids):
    by_id = dict(Service.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [by_id[i] for i in ids]


@pytest.fixture
def licences():
    traffic = make_department(slug="traffic", name_zh="交警支队", name_en="Traffic police")
    trade = make_department(slug="trade", name_zh="市场监管局", name_en="Market regulation")
    make_service(
        slug="driving-licence-renewal",
        name_zh="机动车驾驶证换领",
        name_en="Driving licence renewal",
        keywords_en="driving licence, expiry",
        department=traffic,
        popularity=5,
    )
    make_service(
        slug="driving-licence-first",
        name_zh="初次申领机动车驾驶证",
        name_en="First driving licence",
        keywords_en="driving licence, learner",
        department=traffic,
        popularity=4,
    )
    for n in range(40):
        make_service(
            slug=f"trade-licence-{n}",
            name_zh=f"经营许可证{n}",
            name_en=f"Trade licence {n}",
            keywords_en="licence, permit",
            department=trade,
            popularity=100 + n,
        )
    search.rebuild_index()


def test_the_words_of_a_query_are_all_required_when_some_service_has_them_all(licences):
    found = slugs(search.find_services("driving licence").ids)
    assert found == ["driving-licence-renewal", "driving-licence-first"]


def test_a_typo_does_not_make_every_service_with_the_other_word_match(licences):
    found = slugs(search.find_services("drivng licence").ids)
    assert found[:2] == ["driving-licence-renewal", "driving-licence-first"]
    assert len(found) == 2


def test_the_words_are_matched_one_by_one_only_when_no_service_has_them_all(licences):
    found = slugs(search.find_services("licence tractor").ids)
    assert len(found) == 42  # no service has "tractor": every licence service, the most popular first
    assert found[0] == "trade-licence-39"


def test_only_the_best_few_are_ranked_in_python_and_the_rest_still_count(licences, monkeypatch):
    monkeypatch.setattr(search, "RANKED", 10)
    ranked = []
    scored = search._scored
    monkeypatch.setattr(
        search, "_scored", lambda query, rows, events: ranked.append(len(rows)) or scored(query, rows, events)
    )
    ids = search.find_services("licence").ids
    assert ranked == [10]
    assert len(ids) == 42 == len(set(ids))


def test_a_query_asked_again_is_answered_without_the_database(licences, django_assert_num_queries):
    first = search.find_services("trade licence", audience="individual")
    with django_assert_num_queries(0):
        again = search.find_services("trade licence", audience="individual")
    assert again.ids == first.ids
    again.ids.clear()  # the caller's copy: what is kept stays whole
    assert search.find_services("trade licence", audience="individual").ids == first.ids


def test_what_is_kept_follows_an_edit_at_once(licences):
    assert "trade-licence-0" in slugs(search.find_services("trade licence").ids)
    Service.objects.get(slug="trade-licence-0").delete()
    assert "trade-licence-0" not in slugs(search.find_services("trade licence").ids)
    service = Service.objects.get(slug="trade-licence-1")
    service.published = False
    service.save()
    assert "trade-licence-1" not in slugs(search.find_services("trade licence").ids)


def test_the_audience_is_kept_apart(licences):
    Service.objects.filter(slug="driving-licence-first").update(audience="business")
    search.rebuild_index()
    assert slugs(search.find_services("driving licence", audience="individual").ids) == ["driving-licence-renewal"]
    assert slugs(search.find_services("driving licence", audience="business").ids) == ["driving-licence-first"]


def test_a_suggestion_is_offered_only_when_it_finds_something(licences):
    assert search.find_services("zzzz qqqq").suggestion is None
    result = search.find_services("licnce tradee")
    if result.ids:  # a one-edit typo is searched as its correction
        return
    assert result.suggestion
    assert search.find_services(result.suggestion).ids


def test_a_suggestion_that_finds_nothing_with_the_filters_is_not_offered(licences):
    traffic = Service.objects.get(slug="driving-licence-renewal").department
    result = search.find_services("tradd", filters={"department": traffic})
    assert result.ids == []
    assert result.suggestion is None
