"""Synonyms kept by editors (issue 12, point 3): what people type -> the catalogue's official terms."""

import pytest

from services.catalogue import synonyms
from services.catalogue.models import Synonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs():
    Synonym.objects.all().delete()
    for language, phrase, official in [
        ("zh", "驾照", "机动车驾驶证"),
        ("zh", "过期", "换领"),
        ("zh", "身份证丢了", "补领"),
        ("en", "center", "centre"),
        ("en", "driver's license", "driving licence"),
        ("en", "car", "motor vehicle"),
    ]:
        Synonym.objects.create(language=language, phrase=phrase, official=official)


def test_a_chinese_phrase_anywhere_in_the_query_adds_its_official_term(pairs):
    assert synonyms.expand("我的驾照过期了怎么办", "zh") == ["机动车驾驶证", "换领"]


def test_an_english_phrase_matches_whole_words_with_or_without_apostrophe_and_plural(pairs):
    assert synonyms.expand("Drivers Licenses renewal", "en") == ["driving licence"]
    assert synonyms.expand("driver’s license", "en") == ["driving licence"]
    assert synonyms.expand("service center", "en") == ["centre"]
    assert synonyms.expand("elderly care", "en") == []  # "car" is not a word of "care"


def test_pairs_of_both_languages_apply_on_either_page(pairs):
    assert synonyms.expand("驾照 service center", "en") == ["机动车驾驶证", "centre"]


def test_a_term_the_query_already_has_is_not_added_twice(pairs):
    assert synonyms.expand("centre center", "en") == []
    assert synonyms.expand("机动车驾驶证 驾照", "zh") == []


def test_a_new_pair_from_the_admin_takes_effect_at_once(pairs):
    assert synonyms.expand("退休金", "zh") == []
    Synonym.objects.create(language="zh", phrase="退休金", official="养老金")
    assert synonyms.expand("退休金", "zh") == ["养老金"]
    Synonym.objects.filter(phrase="退休金").delete()
    assert synonyms.expand("退休金", "zh") == []


def test_the_pairs_are_read_once_per_process(pairs, django_assert_max_num_queries):
    synonyms.expand("驾照", "zh")
    with django_assert_max_num_queries(1):  # at most the version row, re-read after CATALOGUE_VERSION_TTL at most
        for _ in range(50):
            assert synonyms.expand("驾照", "zh") == ["机动车驾驶证"]


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", "驾" * 10_000, '"* NEAR OR -( ^'])
def test_hostile_or_empty_queries_give_a_short_list(pairs, query):
    assert len(synonyms.expand(query, "zh")) <= synonyms.MAX_TERMS


def test_where_phrases_overlap_the_longest_wins(pairs):
    Synonym.objects.create(language="zh", phrase="丢了", official="补领")
    Synonym.objects.create(language="zh", phrase="执照", official="营业执照")
    Synonym.objects.create(language="zh", phrase="驾驶执照", official="机动车驾驶证")
    assert synonyms.expand("驾驶执照丢了", "zh") == ["机动车驾驶证", "补领"]
    assert synonyms.expand("身份证丢了", "zh") == ["补领"]  # 身份证丢了 -> 补领 once


def seed():
    import importlib

    return importlib.import_module("services.catalogue.migrations.0004_seed_synonyms").SEED


def test_the_seed_list_has_at_least_150_pairs_in_both_languages():
    pairs = seed()
    assert len(pairs) >= 150
    assert {language for language, _phrase, _official in pairs} == {"zh", "en"}
    assert len({(language, synonyms.normalise(phrase), official) for language, phrase, official in pairs}) == len(pairs)
    for language, phrase, official in pairs:
        assert synonyms.normalise(phrase) != synonyms.normalise(official), phrase
        assert len(phrase) <= 60 and len(official) <= 120
        assert synonyms.is_latin(phrase) == (language == "en"), phrase


def test_every_official_term_of_the_seed_occurs_in_the_demo_catalogue():
    from services.demo.catalogue import demo_services

    fields = ("name_zh", "name_en", "keywords_zh", "keywords_en", "synonyms_zh", "synonyms_en")
    words = "\n".join(str(service.get(field) or "") for service in demo_services() for field in fields)
    words = synonyms.normalise(words.replace("\n", " | "))
    missing = [
        (phrase, official) for _language, phrase, official in seed() if synonyms.normalise(official) not in words
    ]
    assert missing == []


def test_the_seed_is_in_the_database_and_maps_the_everyday_words_of_the_issue():
    assert Synonym.objects.count() >= 150
    assert synonyms.expand("驾照", "zh") == ["机动车驾驶证"]
    assert "养老金" in synonyms.expand("退休金", "zh")
    assert synonyms.expand("身份证过期了", "zh") == ["居民身份证换领"]
    assert synonyms.expand("我的驾照过期了怎么办", "zh") == ["机动车驾驶证", "换领"]
    assert synonyms.expand("身份证丢了", "zh") == ["居民身份证补领"]
    assert synonyms.expand("how do I renew my driver's license", "en") == ["driving licence"]
    assert synonyms.expand("my dad is retiring", "en") == ["retirement"]
    assert synonyms.expand("open a shop", "en") == ["individual business"]
    assert synonyms.expand("service center", "en") == ["centre"]


# The admin: content editors keep the list.


@pytest.fixture
def editor(client):
    from tests.makers import make_staff

    client.force_login(make_staff("synonym-editor", "Content editor", None))
    return client


@pytest.fixture
def licence_service():
    from tests.makers import make_service

    return make_service(slug="licence", name_zh="机动车驾驶证换证", name_en="Driving licence renewal")


ADD = "/admin/catalogue/synonym/add/"


def test_an_editor_adds_a_pair_and_the_next_search_uses_it(editor, licence_service):
    response = editor.post(ADD, {"language": "zh", "phrase": "  开车的本子 ", "official": "机动车驾驶证"})
    assert response.status_code == 302
    assert Synonym.objects.filter(language="zh", phrase="开车的本子", official="机动车驾驶证").exists()
    assert synonyms.expand("开车的本子", "zh") == ["机动车驾驶证"]


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"language": "zh", "phrase": "", "official": "机动车驾驶证"}, "phrase", "This field is required."),
        (
            {"language": "zh", "phrase": "开车的本子", "official": "不存在的术语"},
            "official",
            "so this pair would find nothing",
        ),
        ({"language": "zh", "phrase": "驾驶证", "official": "驾驶证"}, "official", "the pair would change nothing"),
        ({"language": "en", "phrase": "驾驶本", "official": "driving licence"}, "phrase", "Choose Chinese"),
        ({"language": "zh", "phrase": "drivers permit", "official": "driving licence"}, "phrase", "Choose English"),
        ({"language": "zh", "phrase": "驾照", "official": "机动车驾驶证"}, None, "already in the list"),
    ],
)
def test_a_pair_that_would_do_nothing_or_wrong_is_refused_with_what_was_typed_kept(
    editor, licence_service, data, field, message
):
    Synonym.objects.get_or_create(language="zh", phrase="驾照", official="机动车驾驶证")
    before = Synonym.objects.count()
    response = editor.post(ADD, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in str(errors[field] if field else errors)
    assert Synonym.objects.count() == before
    if data["phrase"]:
        assert f'value="{data["phrase"]}"' in response.content.decode()


def test_the_add_form_is_prefilled_from_the_report_link(editor):
    response = editor.get(ADD + "?phrase=开车的本子&language=zh")
    form = response.context["adminform"].form
    assert form.initial["phrase"] == "开车的本子" and form.initial["language"] == "zh"
    response = editor.get(ADD + "?phrase=" + "x" * 500 + "&language=fr")
    form = response.context["adminform"].form
    assert len(form.initial["phrase"]) == 60 and "language" not in form.initial


def test_only_content_editors_change_synonyms_and_department_admins_read_them(client):
    from tests.makers import make_department, make_staff

    psb = make_department(slug="psb")
    client.force_login(make_staff("deptadmin", "Department admin", psb))
    assert client.get("/admin/catalogue/synonym/").status_code == 200
    assert client.get(ADD).status_code == 403
    client.force_login(make_staff("officer", "Case officer", psb))
    assert client.get("/admin/catalogue/synonym/").status_code == 403


@pytest.mark.django_db(transaction=True)  # real commits: the catalogue version moves on commit
def test_a_pair_added_in_the_admin_changes_the_search_page_at_once(editor):
    from django.test import Client

    from tests.makers import make_service

    make_service(slug="licence", name_zh="机动车驾驶证换证", name_en="Driving licence renewal", keywords_zh="")
    citizen = Client()

    def found():
        response = citizen.get("/zh-hans/services/", {"q": "方向盘本本"})
        return [service.slug for service in response.context["page"].object_list]

    assert found() == []  # and the empty page is now in the page cache
    response = editor.post(ADD, {"language": "zh", "phrase": "方向盘本本", "official": "机动车驾驶证"})
    assert response.status_code == 302
    assert found() == ["licence"]


def test_every_official_term_of_the_second_seed_is_a_demo_service_word_or_a_life_event_name():
    import importlib

    from services.demo.catalogue import demo_life_events, demo_services

    more = importlib.import_module("services.catalogue.migrations.0007_more_synonyms").SEED
    fields = ("name_zh", "name_en", "keywords_zh", "keywords_en", "synonyms_zh", "synonyms_en")
    words = "\n".join(str(service.get(field) or "") for service in demo_services() for field in fields)
    words = synonyms.normalise(words.replace("\n", " | "))
    events = {synonyms.normalise(e[f]) for e in demo_life_events() for f in ("name_zh", "name_en")}
    missing = [
        (phrase, official)
        for _language, phrase, official in more
        if synonyms.normalise(official) not in words and synonyms.normalise(official) not in events
    ]
    assert missing == []
    assert not {(language, phrase, official) for language, phrase, official in more} & set(seed())
