"""The four area pages: search, filters, htmx results, pagination, counts, caching, bad input."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.catalogue.models import MAX_QUERY_LENGTH
from services.life.models import CarePlace, Hospital, Resource, Venue
from tests.life.conftest import (
    make_care_place,
    make_hospital,
    make_resource,
    make_specialty,
    make_subject,
    make_venue,
)
from tests.makers import make_district

pytestmark = pytest.mark.django_db
ALWAYS = "daily 00:00-00:00"  # open whatever the time of the test
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def slugs(response):
    return sorted(e.slug for e in response.context["page"].object_list)


@pytest.fixture
def pudong():
    return make_district(slug="pudong", name_zh="浦东新区", name_en="Pudong")


@pytest.fixture
def health(pudong):
    cardio = make_specialty(slug="cardiology", name_zh="心内科", name_en="Cardiology")
    paeds = make_specialty(slug="paediatrics", name_zh="儿科", name_en="Paediatrics")
    first = make_hospital(
        slug="first-hospital",
        name_zh="海浦市第一人民医院互联网医院",
        name_en="Haipu First People's Hospital Online",
        summary_en="Heart and lung clinics online",
        specialties=[cardio],
        district=pudong,
        insurance_online=True,
        fee_min=Decimal("10"),
        fee_max=Decimal("1280.5"),
        hours=[ALWAYS],
    )
    children = make_hospital(
        slug="children-hospital",
        name_zh="海浦儿童医院",
        name_en="Haipu Children's Hospital",
        summary_zh="儿科在线问诊",
        specialties=[paeds],
        grade=Hospital.Grade.SECONDARY_A,
    )
    make_hospital(slug="hidden-hospital", name_en="Hidden Hospital", published=False, hours=[ALWAYS])
    return dict(first=first, children=children)


@pytest.fixture
def education():
    maths = make_subject(slug="maths", name_zh="数学", name_en="Mathematics")
    music = make_subject(slug="music", name_zh="音乐", name_en="Music")
    make_resource(
        slug="algebra", name_zh="初中代数", name_en="Junior algebra", subject=maths, stage="junior", captions=True
    )
    make_resource(
        slug="sums", name_zh="小学口算", name_en="Mental sums", subject=maths, stage="primary", format="exercises"
    )
    make_resource(
        slug="piano",
        name_zh="老年钢琴课",
        name_en="Piano for seniors",
        subject=music,
        stage="older",
        free=False,
        price=Decimal("99"),
        language="both",
        format="live",
    )
    make_resource(
        slug="songs", name_zh="儿歌", name_en="Nursery songs", subject=music, stage="preschool", language="en"
    )
    make_resource(slug="draft", name_en="Draft algebra", subject=maths, stage="junior", published=False)


@pytest.fixture
def elderly(pudong):
    make_care_place(
        slug="sunset-home",
        name_zh="夕阳红养老院",
        name_en="Sunset Nursing Home",
        kind=CarePlace.Kind.NURSING_HOME,
        district=pudong,
        beds=120,
        free_beds=7,
        hours=[ALWAYS],
    )
    make_care_place(
        slug="canteen",
        name_zh="长者食堂",
        name_en="Community canteen",
        kind=CarePlace.Kind.CANTEEN,
        senior_meal_price=Decimal("12.5"),
        meal_times_en="11:00-13:00",
    )


@pytest.fixture
def culture(pudong):
    make_venue(
        slug="city-museum",
        name_zh="海浦博物馆",
        name_en="Haipu Museum",
        district=pudong,
        ticket_price=Decimal("0"),
        step_free=True,
        audio_guide=True,
        booking_required=True,
        hours=[ALWAYS],
    )
    make_venue(
        slug="art-gallery",
        name_zh="海浦美术馆",
        name_en="Haipu Art Gallery",
        kind=Venue.Kind.GALLERY,
        ticket_price=Decimal("50"),
        step_free=True,
    )
    make_venue(slug="old-library", name_zh="老图书馆", name_en="Old Library", kind=Venue.Kind.LIBRARY)


# ------------------------------------------------------------------ health


def test_health_searches_names_in_both_languages(client, health):
    assert slugs(client.get("/zh-hans/life/health/", {"q": "儿童"})) == ["children-hospital"]
    assert slugs(client.get("/en/life/health/", {"q": "children's"})) == ["children-hospital"]
    # Either language's text is searched whatever the page's language; summaries too.
    assert slugs(client.get("/en/life/health/", {"q": "儿科"})) == ["children-hospital"]
    assert slugs(client.get("/zh-hans/life/health/", {"q": "HEART"})) == ["first-hospital"]


def test_health_filters_by_specialty_district_insurance_and_open_now(client, health):
    url = "/en/life/health/"
    assert slugs(client.get(url)) == ["children-hospital", "first-hospital"]
    assert slugs(client.get(url, {"specialty": "paediatrics"})) == ["children-hospital"]
    assert slugs(client.get(url, {"district": "pudong"})) == ["first-hospital"]
    assert slugs(client.get(url, {"insurance": "on"})) == ["first-hospital"]
    assert slugs(client.get(url, {"open": "1"})) == ["first-hospital"]


def test_health_card_shows_grade_fee_range_in_yuan_and_insurance(client, health):
    body = client.get("/en/life/health/").content.decode()
    assert "Grade 3A (tertiary)" in body and "Pudong" in body
    assert "¥10–¥1,280.50" in body
    assert "Medical insurance accepted online" in body and "None" not in body
    assert "Haipu First People&#x27;s Hospital Online" in body


def test_health_page_in_chinese(client, health):
    body = client.get("/zh-hans/life/health/").content.decode()
    assert "<h1>互联网医院</h1>" in body and "海浦儿童医院" in body and "三级甲等" in body


def test_unpublished_entries_are_never_listed(client, health):
    assert "hidden-hospital" not in slugs(client.get("/en/life/health/", {"q": "hidden"}))


# ------------------------------------------------------------------ education


def test_education_filters_by_stage_subject_format_language_price_and_captions(client, education):
    url = "/en/life/education/"
    assert slugs(client.get(url, {"stage": "junior"})) == ["algebra"]
    assert slugs(client.get(url, {"subject": "maths"})) == ["algebra", "sums"]
    assert slugs(client.get(url, {"format": "exercises"})) == ["sums"]
    # A bilingual resource serves English readers too.
    assert slugs(client.get(url, {"language": "en"})) == ["piano", "songs"]
    assert slugs(client.get(url, {"price": "paid"})) == ["piano"]
    assert slugs(client.get(url, {"price": "free", "subject": "music"})) == ["songs"]
    assert slugs(client.get(url, {"captions": "on"})) == ["algebra"]


def test_education_searches_both_languages(client, education):
    assert slugs(client.get("/en/life/education/", {"q": "钢琴"})) == ["piano"]
    assert slugs(client.get("/zh-hans/life/education/", {"q": "piano"})) == ["piano"]
    assert slugs(client.get("/zh-hans/life/education/", {"q": "代数"})) == ["algebra"]


def test_education_counts_per_stage_and_subject_respect_the_other_filters(client, education):
    response = client.get("/en/life/education/")
    counts = response.context["form"].counts
    assert counts["stage"] == {"junior": 1, "primary": 1, "older": 1, "preschool": 1}
    assert counts["subject"] == {"maths": 2, "music": 2}
    # Choosing a subject narrows the stage counts, not the subject counts themselves.
    counts = client.get("/en/life/education/", {"subject": "maths"}).context["form"].counts
    assert counts["stage"] == {"junior": 1, "primary": 1}
    assert counts["subject"] == {"maths": 2, "music": 2}
    counts = client.get("/en/life/education/", {"price": "paid"}).context["form"].counts
    assert counts["subject"] == {"music": 1}


def test_education_counts_are_shown_beside_the_choices_and_as_links(client, education):
    body = client.get("/en/life/education/", {"subject": "maths"}).content.decode()
    assert ">Junior secondary (1)</option>" in body
    assert ">Pre-school (0)</option>" in body
    assert "By stage" in body and 'href="?subject=maths&amp;stage=junior"' in body
    zh = client.get("/zh-hans/life/education/").content.decode()
    assert "按学段" in zh and "数学 (2)" in zh


def test_education_card_shows_price_language_captions(client, education):
    body = client.get("/en/life/education/").content.decode()
    assert "¥99" in body and "Chinese and English" in body and "Captions" in body and "Free" in body


# ------------------------------------------------------------------ elderly care


def test_elderly_filters_by_kind_district_and_open_now(client, elderly):
    url = "/en/life/elderly-care/"
    assert slugs(client.get(url, {"kind": "canteen"})) == ["canteen"]
    assert slugs(client.get(url, {"district": "pudong"})) == ["sunset-home"]
    assert slugs(client.get(url, {"open": "1"})) == ["sunset-home"]
    assert slugs(client.get("/zh-hans/life/elderly-care/", {"q": "食堂"})) == ["canteen"]
    assert slugs(client.get("/zh-hans/life/elderly-care/", {"q": "nursing"})) == ["sunset-home"]


def test_elderly_cards_show_free_beds_and_meal_price(client, elderly):
    body = client.get("/en/life/elderly-care/").content.decode()
    assert "7 of 120 beds free" in body and "Meal for older people ¥12.50" in body
    zh = client.get("/zh-hans/life/elderly-care/").content.decode()
    assert "空余床位" in zh and "¥12.50" in zh


# ------------------------------------------------------------------ culture


def test_culture_filters_by_kind_booking_accessibility_and_open_now(client, culture):
    url = "/en/life/culture/"
    assert slugs(client.get(url, {"kind": "gallery"})) == ["art-gallery"]
    assert slugs(client.get(url, {"booking": "yes"})) == ["city-museum"]
    assert slugs(client.get(url, {"booking": "no"})) == ["art-gallery", "old-library"]
    assert slugs(client.get(url, {"access": ["step_free"]})) == ["art-gallery", "city-museum"]
    assert slugs(client.get(url, {"access": ["step_free", "audio_guide"]})) == ["city-museum"]
    assert slugs(client.get(url, {"open": "1", "district": "pudong"})) == ["city-museum"]
    assert slugs(client.get("/zh-hans/life/culture/", {"q": "美术"})) == ["art-gallery"]
    assert slugs(client.get("/zh-hans/life/culture/", {"q": "library"})) == ["old-library"]


def test_culture_cards_show_tickets_and_accessibility_in_words(client, culture):
    body = client.get("/en/life/culture/").content.decode()
    assert "Free entry" in body and "Ticket ¥50" in body and "Booking required" in body
    assert '<span aria-hidden="true">♿</span> Step-free access' in body
    assert "Audio guide" in body
    assert "免费" in client.get("/zh-hans/life/culture/").content.decode()


# ------------------------------------------------------------------ every area


@pytest.mark.parametrize("segment", ["health", "education", "elderly-care", "culture"])
def test_htmx_request_gets_the_results_fragment_alone(client, segment):
    response = client.get(f"/en/life/{segment}/", {"q": "x"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and body.strip().startswith('<div id="results"')
    assert "0 entries found" in body


@pytest.mark.parametrize("segment", ["health", "education", "elderly-care", "culture"])
def test_full_page_is_a_plain_get_form_with_htmx_on_top(client, segment):
    body = client.get(f"/en/life/{segment}/").content.decode()
    assert f'action="/en/life/{segment}/"' in body and 'method="get"' in body
    assert f'data-hx-get="/en/life/{segment}/"' in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize(
    "segment, params, field",
    [
        ("health", {"specialty": "no-such"}, "Specialty"),
        ("health", {"district": ["a", "b"]}, "District"),
        ("education", {"stage": "phd"}, "Stage"),
        ("education", {"subject": "x" * 500}, "Subject"),
        ("education", {"price": "cheap"}, "Price"),
        ("elderly-care", {"kind": "spa"}, "Kind"),
        ("culture", {"access": ["step_free", "jetpack"]}, "Accessibility"),
        ("culture", {"booking": "\x00"}, "Booking"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(client, segment, params, field):
    response = client.get(f"/en/life/{segment}/", params)
    assert response.status_code == 200
    assert f"The value you chose for “{field}” was not recognised, so it was ignored." in response.content.decode()


def test_bad_filter_value_message_in_chinese(client, education):
    response = client.get("/zh-hans/life/education/", {"stage": "phd"})
    assert "无法识别" in response.content.decode() and len(slugs(response)) == 4


@pytest.mark.parametrize("q", ["a\x00b", "\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", "%" * 50])
def test_hostile_queries_are_harmless(client, culture, q):
    response = client.get("/en/life/culture/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_overlong_query_is_cut_and_says_so(client, culture):
    response = client.get("/en/life/culture/", {"q": "museum " + "x" * 500})
    assert response.status_code == 200
    assert len(response.context["query"]) == MAX_QUERY_LENGTH
    assert "Your search was too long" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999", "1.5", "", "😀"])
def test_malformed_page_numbers_give_a_valid_page(client, culture, page):
    response = client.get("/en/life/culture/", {"page": page})
    assert response.status_code == 200 and response.context["page"].number >= 1


def test_pagination_keeps_filters(client, pudong):
    for i in range(25):
        make_venue(slug=f"venue-{i:02}", district=pudong)
    make_venue(slug="elsewhere")
    first = client.get("/en/life/culture/", {"district": "pudong"})
    assert first.context["page"].paginator.num_pages == 2
    assert "?district=pudong&amp;page=2" in first.content.decode()
    assert len(slugs(client.get("/en/life/culture/", {"district": "pudong", "page": 2}))) == 5


def test_an_unknown_area_is_a_404(client):
    assert client.get("/en/life/shopping/").status_code == 404


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    return response, len(ctx.captured_queries)


def test_plain_list_pages_are_served_from_the_page_cache(client, culture):
    first, n1 = queries(client, "/en/life/culture/", {"kind": "museum"})
    second, n2 = queries(client, "/en/life/culture/", {"kind": "museum"})
    assert n1 > 2 and n2 <= 2
    assert first.content == second.content
    assert "HX-Request" in second["Vary"]


def test_open_now_requests_are_never_cached(client, culture, monkeypatch):
    # The museum is open daily 00:00-00:00; the gallery from 09:00 to 10:00. At 09:59 the same
    # address lists both, a minute later only the museum: the second answer is not a cached one.
    make_venue(slug="late-gallery", name_en="Late Gallery", hours=["daily 09:00-10:00"])
    at = datetime.datetime(2026, 3, 4, 9, 59, 30, tzinfo=SHANGHAI)
    monkeypatch.setattr("services.life.views.timezone.now", lambda: at)
    first, n1 = queries(client, "/en/life/culture/", {"open": "1"})
    at = datetime.datetime(2026, 3, 4, 10, 0, 0, tzinfo=SHANGHAI)
    second, n2 = queries(client, "/en/life/culture/", {"open": "1"})
    assert slugs(first) == ["city-museum", "late-gallery"] and slugs(second) == ["city-museum"]
    assert n1 > 2 and n2 > 0  # both ran the view and asked the database (the cards are kept)
    assert "no-store" in second["Cache-Control"] and "max-age=0" in second["Cache-Control"]
    assert "no-store" not in client.get("/en/life/culture/").get("Cache-Control", "")


MANY = {
    "health": lambda i, d: make_hospital(district=d, hours=[ALWAYS], specialties=[]),
    "education": lambda i, d: make_resource(),
    "elderly-care": lambda i, d: make_care_place(
        district=d, hours=[ALWAYS], kind=CarePlace.Kind.NURSING_HOME, beds=10, free_beds=i % 10
    ),
    "culture": lambda i, d: make_venue(district=d, hours=[ALWAYS], step_free=True),
}


@pytest.mark.parametrize("segment", MANY)
def test_list_query_count_is_bounded(client, segment, pudong, django_assert_max_num_queries):
    for i in range(35):
        MANY[segment](i, pudong)
    with django_assert_max_num_queries(10):
        response = client.get(f"/en/life/{segment}/", {"q": "entry"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(10):
        client.get(f"/en/life/{segment}/", {"open": "1", "district": "pudong", "page": 2})


def test_models_stay_in_their_own_area(client, health, education):
    # A hospital's slug is not a resource: the education page lists resources only.
    assert "first-hospital" not in slugs(client.get("/en/life/education/", {"q": "hospital"}))
    assert Resource.objects.count() == 5
