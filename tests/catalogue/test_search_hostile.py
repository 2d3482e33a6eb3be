"""Hostile queries on the search page (issue 12, Tests): whatever is typed, pasted or put in a link,
the answer is a 200 with the normal page, the query is kept in the box (cut to the first
MAX_QUERY_LENGTH characters, with a message saying so), and nothing of it reaches the database as
syntax (FTS5 MATCH, tsquery, LIKE wildcards, SQL). Both languages, the plain page and the htmx
fragment, on the demo city (its index built as the loader builds it)."""

import unicodedata
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django.utils.translation import gettext

from services.catalogue.models import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "en"]

# Longer than the box (MAX_QUERY_LENGTH) but an address a view still sees (MAX_URL_LENGTH bytes).
LONG = {
    "1,000 latin letters": "x" * 1_000,
    "1,000 characters of words": ("marriage registration " * 50)[:1_000],
    "400 chinese characters": ("驾驶证换领" * 80)[:400],
    "one word of 990 letters after a real word": "passport " + "a" * 991,
    "400 combining accents": "e" + "\u0301" * 399,
}

# 10,000 characters: longer than any address gunicorn lets through (8190 bytes, README) or than
# MAX_URL_LENGTH, so the answer is the portal's 414 page asking to shorten the search (README, tests/
# test_error_pages.py), in the visitor's language: never a 500 nor a server's bare refusal.
TEN_THOUSAND = {
    "10,000 latin letters": "x" * 10_000,
    "10,000 characters of words": ("marriage registration " * 500)[:10_000],
    "10,000 chinese characters": ("驾驶证换领" * 2_000)[:10_000],
    "10,000 NUL characters": "\x00" * 10_000,
}

CONTROL = {
    "NUL alone": "\x00",
    "NUL inside a word": "pass\x00port",
    "NUL between words": "结婚\x00登记",
    "C0 controls": "\x01\x02\x03marriage\x1b[31m\x1f",
    "DEL and C1 controls": "\x7fpassport\x85\x9b",
    "tabs and newlines": "\tmarriage\r\nregistration\n",
    "vertical tab and form feed": "id\x0bcard\x0c",
    "zero-width space and BOM": "\ufeff身份证\u200b补领",
}

FTS = {
    "one double quote": '"',
    "unbalanced quote before": '"passport renewal',
    "unbalanced quote after": 'passport renewal"',
    "three quotes": '"""',
    "empty phrase": '""',
    "star alone": "*",
    "prefix star": "pass*",
    "star first": "*port",
    "NEAR": "NEAR",
    "NEAR group": "NEAR(passport renewal, 2)",
    "NEAR between words": "passport NEAR renewal",
    "OR alone": "OR",
    "OR between words": "passport OR marriage",
    "AND alone": "AND",
    "NOT alone": "NOT",
    "AND NOT": "passport AND NOT renewal",
    "minus alone": "-",
    "minus before a word": "-passport",
    "opening parenthesis": "(",
    "closing parenthesis": ")",
    "unbalanced parentheses": "((passport",
    "colon alone": ":",
    "column filter": "name_zh:结婚",
    "caret": "^",
    "caret before a word": "^passport",
    "plus": "+passport",
    "braces": "{name_en name_zh}:passport",
    "tsquery operators": "passport & !renewal | <-> :*",
    "tsquery prefix": "pass:*",
    "LIKE wildcards": "%_%",
    "backslash": "\\",
    "trailing backslash": "passport\\",
}

SQLISH = {
    "drop table": "'; DROP TABLE catalogue_service; --",
    "or 1=1": "' OR 1=1 --",
    "quoted or": "%' OR '1'='1",
    "pg_sleep": "1; SELECT pg_sleep(5)",
    "union": "passport' UNION SELECT password FROM auth_user --",
    "comment": "passport /* comment */",
}

OTHER = {
    "emoji alone": "😀",
    "emoji in a word": "🚗驾照",
    "family emoji (zero-width joiners)": "👨\u200d👩\u200d👧 family",
    "flag": "🇨🇳",
    "right-to-left mark": "\u200fpassport",
    "right-to-left override": "\u202epassport renewal",
    "arabic": "جواز السفر",
    "hebrew with marks": "\u202bדרכון\u202c",
    "markup": "<script>alert(1)</script>",
    "attribute breakout": '" autofocus onfocus="alert(1)',
    "html entity": "&lt;b&gt;",
    "full-width letters": "ｐａｓｓｐｏｒｔ",
    "only spaces": "     ",
    "ideographic space": "\u3000结婚\u3000登记\u3000",
}

HOSTILE = {**LONG, **CONTROL, **FTS, **SQLISH, **OTHER}


def hostile_params():
    return [pytest.param(query, id=name) for name, query in HOSTILE.items()]


class _Box(HTMLParser):
    """The value of the search box (the <input name="q">) as the browser would read it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "q":
            self.values.append(attrs.get("value") or "")


def box_value(body):
    parser = _Box()
    parser.feed(body)
    assert len(parser.values) == 1, "one search box"
    return parser.values[0]


def visible(text):
    """What a person sees of a text: control characters read as spaces, format characters (zero
    width, direction marks, joiners) as nothing, whitespace collapsed."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cf":
            kept.append(ch)
    return " ".join("".join(kept).split())


def no_controls(text):
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text)


def too_long_message(language):
    with translation.override(language):
        return gettext(
            "Your search was too long, so only the first %(n)s characters were used. Shorten your search."
        ) % {"n": MAX_QUERY_LENGTH}


def get(client, language, query, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(f"/{language}/services/", {"q": query}, headers=headers)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", hostile_params())
def test_a_hostile_query_gets_the_normal_page_with_the_query_kept(client, demo_city, language, query):
    response = get(client, language, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body and body.count("<h1") == 1 and 'id="results"' in body
    assert no_controls(body)
    value = box_value(body)
    assert len(value) <= MAX_QUERY_LENGTH
    assert no_controls(value)
    if query in LONG.values():
        assert visible(query).startswith(visible(value))
        assert len(visible(value)) >= MAX_QUERY_LENGTH // 2
        assert too_long_message(language) in body
    else:
        assert visible(value) == visible(query)
        assert too_long_message(language) not in body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_query_gets_the_normal_results_fragment_over_htmx(client, demo_city, language, query):
    response = get(client, language, query, htmx=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="results"' in body
    assert no_controls(body)
    assert (too_long_message(language) in body) == (query in LONG.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("raw", ["%FF%FE", "pass%C3port", "%ED%A0%80", "%00%00", "%E9%A9%BE%E7"])
def test_a_query_string_that_is_not_utf8_gets_the_normal_page(client, demo_city, language, raw):
    response = client.get(f"/{language}/services/?q={raw}")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="results"' in body and no_controls(body)


@pytest.mark.parametrize(
    "query", ['"passport', 'passport"', "-passport", "(passport)", "^passport", "passport:", "+passport"]
)
def test_punctuation_around_a_word_is_not_an_operator(client, demo_city, query):
    """A quote, minus, parenthesis, caret or colon around a word is read as nothing: the same
    results as the word alone (not "exclude passport", not a column filter, not a syntax error)."""

    def slugs(q):
        return [s.slug for s in get(client, "en", q, htmx=True).context["page"].object_list]

    found = slugs(query)  # once: the same address again would come from the page cache, without a context
    assert found == slugs("passport")
    assert found


def test_a_long_query_costs_no_more_database_queries_than_a_short_one(client, demo_city, django_assert_max_num_queries):
    """A long query is cut before the search: the same number of database queries as one word."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as short:
        get(client, "en", "passport")
    with django_assert_max_num_queries(len(short)):
        assert get(client, "en", "passport " * 110).status_code == 200


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", TEN_THOUSAND.values(), ids=TEN_THOUSAND.keys())
def test_a_10000_character_search_gets_the_portals_page_asking_to_shorten_it(client, language, query, htmx):
    response = get(client, language, query, htmx)
    assert response.status_code == 414
    body = response.content.decode()
    with translation.override(language):
        assert gettext("The web address is too long") in body
    assert body.count("<h1") == 1 and no_controls(body)
