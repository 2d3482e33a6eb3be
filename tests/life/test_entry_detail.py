"""The page of one directory entry: every field of its area, open now, hours, last updated,
links to the catalogue, 404s, no page cache, bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from services.life.models import CarePlace, Hospital, Venue
from tests.life.conftest import make_care_place, make_hospital, make_resource, make_specialty, make_subject, make_venue
from tests.makers import make_district, make_event, make_service

pytestmark = pytest.mark.django_db
ALWAYS = "daily 00:00-00:00"


@pytest.fixture
def nursing_home():
    allowance = make_service(slug="senior-allowance", name_zh="高龄津贴", name_en="Senior allowance")
    hidden = make_service(slug="draft-service", name_en="Draft service", published=False)
    retiring = make_event(slug="retiring", name_zh="退休", name_en="Retiring")
    return make_care_place(
        slug="sunset-home",
        name_zh="夕阳红养老院",
        name_en="Sunset Nursing Home",
        kind=CarePlace.Kind.NURSING_HOME,
        district=make_district(slug="pudong", name_en="Pudong", name_zh="浦东新区"),
        address_en="1 Long Road",
        address_zh="长路1号",
        phone="021-6000 1000",
        beds=120,
        free_beds=7,
        fees_en="From 4,500 yuan a month",
        fees_zh="每月4500元起",
        eligibility_en="Residents aged 60 and over",
        eligibility_zh="本市60岁以上居民",
        hours_note_en="Visits until 20:00",
        hours=[ALWAYS],
        services=[allowance, hidden],
        life_events=[retiring],
    )


def test_nursing_home_page_shows_its_fields_and_links_to_apply(client, nursing_home):
    response = client.get("/en/life/elderly-care/sunset-home/")
    body = response.content.decode()
    assert response.status_code == 200 and body.count("<h1") == 1
    assert "<h1>Sunset Nursing Home</h1>" in body
    for text in (
        "Nursing home",
        "Pudong",
        "1 Long Road",
        "021-6000 1000",
        "120",
        "From 4,500 yuan a month",
        "Residents aged 60 and over",
        "Visits until 20:00",
        "Open 24 hours",
    ):
        assert text in body, text
    assert 'href="/en/services/senior-allowance/"' in body and "Senior allowance" in body
    assert 'href="/en/life-events/retiring/"' in body
    assert "Draft service" not in body
    assert "None" not in body


def test_page_says_open_now_and_when_it_was_last_updated(client, nursing_home):
    nursing_home.updated_at = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 0))
    nursing_home.save(update_fields=["updated_at"])
    body = client.get("/en/life/elderly-care/sunset-home/").content.decode()
    assert "Open now" in body
    assert 'Last updated: <time datetime="2026-03-04T10:00:00+08:00">2026-03-04</time>' in body
    zh = client.get("/zh-hans/life/elderly-care/sunset-home/").content.decode()
    assert "更新时间" in zh and "2026-03-04" in zh and "夕阳红养老院" in zh and "长路1号" in zh


def test_an_entry_without_hours_says_so_and_shows_no_open_or_closed_badge(client):
    make_care_place(slug="alarm", name_en="Alarm service", kind=CarePlace.Kind.ALARM)
    body = client.get("/en/life/elderly-care/alarm/").content.decode()
    assert "No opening hours are listed" in body
    assert "Closed now" not in body and "closed-now" not in body and "Open now" not in body
    zh = client.get("/zh-hans/life/elderly-care/alarm/").content.decode()
    assert "现已关闭" not in zh and "暂未登记开放时间" in zh


def test_a_live_class_shows_its_class_times_and_whether_a_class_is_on(client):
    make_resource(
        slug="calligraphy-live",
        name_en="Calligraphy live",
        format="live",
        hours=["tue 09:30-11:00", "thu 09:30-11:00", "sat 19:00-20:30"],
    )
    body = client.get("/en/life/education/calligraphy-live/").content.decode()
    for text in ("Class times", "Tuesday", "09:30–11:00", "Thursday", "Saturday", "19:00–20:30"):
        assert text in body, text
    assert "Opening hours" not in body and "Closed now" not in body and "Open now" not in body
    assert "Next class" in body
    zh = client.get("/zh-hans/life/education/calligraphy-live/").content.decode()
    assert "上课时间" in zh and "星期二" in zh and "办公时间" not in zh and "开放时间" not in zh
    make_resource(slug="always-live", format="live", hours=[ALWAYS])
    body = client.get("/en/life/education/always-live/").content.decode()
    assert "On now" in body and "Open now" not in body


def test_a_recorded_course_without_times_shows_no_hours_section(client):
    make_resource(slug="video-course", format="video")
    body = client.get("/en/life/education/video-course/").content.decode()
    assert "Class times" not in body and "No opening hours are listed" not in body and "Closed now" not in body


@pytest.mark.parametrize(
    "maker, url, heading",
    [
        (make_venue, "/zh-hans/life/culture/{}/", "开放时间"),
        (make_care_place, "/zh-hans/life/elderly-care/{}/", "开放时间"),
        (make_hospital, "/zh-hans/life/health/{}/", "线上服务时间"),
    ],
)
def test_the_hours_are_opening_or_online_service_hours_never_office_hours(client, maker, url, heading):
    maker(slug="hours-words", hours=["mon-fri 09:00-17:00"])
    body = client.get(url.format("hours-words")).content.decode()
    assert heading in body and "办公时间" not in body


def test_only_life_events_linked_are_headed_as_life_events_not_services_to_apply_for(client):
    retiring = make_event(slug="retiring", name_zh="退休", name_en="Retiring")
    make_hospital(slug="clinic", life_events=[retiring])
    body = client.get("/en/life/health/clinic/").content.decode()
    assert "Related services you can apply for" not in body
    assert '<h2 id="related-h">Life events</h2>' in body and 'href="/en/life-events/retiring/"' in body
    make_hospital(slug="clinic-2", services=[make_service(slug="permit", name_en="Permit")], life_events=[retiring])
    body = client.get("/en/life/health/clinic-2/").content.decode()
    assert '<h2 id="related-h">Related services you can apply for</h2>' in body and "<h3>Life events</h3>" in body


def test_hospital_page_shows_consultation_fees_insurance_and_specialties(client):
    make_hospital(
        slug="first",
        name_en="First Hospital Online",
        grade=Hospital.Grade.TERTIARY_A,
        specialties=[make_specialty(name_en="Cardiology")],
        fee_min=Decimal("10"),
        fee_max=Decimal("50"),
        insurance_online=True,
        prescription_delivery=True,
        consult_url="https://first.example.cn/consult",
        consult_phone="021-1234 5678",
        consult_how_en="Open the app\nChoose a doctor",
        hours=["mon-fri 08:00-17:00", "sat 20:00-02:00"],
    )
    body = client.get("/en/life/health/first/").content.decode()
    for text in (
        "Grade 3A (tertiary)",
        "¥10–¥50",
        "Cardiology",
        "Accepted: consultations",
        "Delivered to your home",
        'href="https://first.example.cn/consult"',
        "021-1234 5678",
        "<li>Choose a doctor</li>",
        "Hours of online service",
        "Monday – Friday",
        "20:00–02:00 (next day)",
    ):
        assert text in body, text


def test_resource_page_shows_stage_subject_price_length_and_link(client):
    make_resource(
        slug="piano",
        name_en="Piano for seniors",
        stage="older",
        subject=make_subject(name_en="Music"),
        format="live",
        language="both",
        free=False,
        price=Decimal("1280"),
        captions=True,
        length_minutes=90,
        lessons=12,
        link="https://edu.example.cn/piano",
    )
    body = client.get("/en/life/education/piano/").content.decode()
    for text in (
        "University for older people",
        "Music",
        "Live class",
        "Chinese and English",
        "¥1,280",
        "1 h 30 min",
        "12",
        'href="https://edu.example.cn/piano"',
    ):
        assert text in body, text
    assert "Opening hours" not in body  # an online resource has none


def test_venue_page_shows_tickets_booking_tour_and_accessibility_in_words(client):
    make_venue(
        slug="museum",
        kind=Venue.Kind.MUSEUM,
        ticket_price=Decimal("0"),
        ticket_note_en="Free for everyone",
        booking_required=True,
        booking_how_en="Book on the museum's app up to 7 days ahead",
        booking_url="https://museum.example.cn/book",
        virtual_tour_url="https://museum.example.cn/tour",
        step_free=True,
        sign_language=True,
        accessibility_note_en="Lifts at the east gate",
    )
    body = client.get("/en/life/culture/museum/").content.decode()
    for text in (
        "Free entry",
        "Free for everyone",
        "Booking required",
        "up to 7 days ahead",
        'href="https://museum.example.cn/book"',
        'href="https://museum.example.cn/tour"',
        "Step-free access",
        "Sign-language tours",
        "Lifts at the east gate",
    ):
        assert text in body, text
    assert "Audio guide" not in body


def test_unpublished_entry_is_a_404(client):
    make_venue(slug="draft", published=False)
    assert client.get("/en/life/culture/draft/").status_code == 404


def test_entry_under_another_areas_address_is_a_404(client, nursing_home):
    assert client.get("/en/life/culture/sunset-home/").status_code == 404
    assert client.get("/en/life/nowhere/sunset-home/").status_code == 404


def test_entry_page_is_never_cached_and_its_queries_are_bounded(client, nursing_home, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/en/life/elderly-care/sunset-home/")
    assert "no-store" in response["Cache-Control"]
    nursing_home.free_beds = 3
    nursing_home.save(update_fields=["free_beds", "updated_at"])
    with django_assert_max_num_queries(10):
        assert "<strong>3</strong>" in client.get("/en/life/elderly-care/sunset-home/").content.decode()
