"""The guide's "find a centre" (issue 10, point 9): a district select that shows the nearest few
centres handling the service, each with today's hours and its next free booking time; the guide
itself no longer lists every centre; the centre list filters by service."""

import datetime

import pytest
from django.utils import timezone

from services.offline.models import CentreClosure, Slot
from tests.makers import make_centre, make_district, make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Wednesday 2 December 2026, 10:00 in Shanghai: an ordinary working day (chinese-calendar).
NOW = timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 0))


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def city():
    """A service handled by five centres: three in Jiangxin (first in the city), two in Jinghu."""
    jiangxin = make_district(slug="jiangxin", name_en="Jiangxin District", name_zh="江心区", order=1)
    jinghu = make_district(slug="jinghu", name_en="Jinghu District", name_zh="静湖区", order=2)
    make_district(slug="empty", name_en="Empty District", name_zh="空区", order=3)
    service = make_service(slug="marriage", name_en="Marriage registration", offers_counter=True)
    centres = [
        make_centre(slug=f"jx-{n}", name_en=f"Jiangxin Centre {n}", district=jiangxin, order=n, services=[service])
        for n in range(1, 4)
    ] + [
        make_centre(slug=f"jh-{n}", name_en=f"Jinghu Centre {n}", district=jinghu, order=n, services=[service])
        for n in range(1, 3)
    ]
    make_centre(slug="other", name_en="Centre for something else", district=jinghu)
    return service, centres


def fragment(client, params=None, slug="marriage"):
    return client.get(f"/en/centres/find/{slug}/", params or {}, headers={"HX-Request": "true"})


def test_guide_no_longer_lists_every_centre(client, city):
    service, centres = city
    body = client.get("/en/services/marriage/").content.decode()
    for centre in centres:
        assert centre.name_en not in body
    assert 'action="/en/centres/find/marriage/"' in body
    assert 'data-hx-get="/en/centres/find/marriage/"' in body
    assert 'href="/en/centres/?service=marriage"' in body
    assert "All 5 centres that handle this service" in body


def test_guide_offers_every_district_in_the_finder(client, city):
    body = client.get("/en/services/marriage/").content.decode()
    assert '<label for="find-centre-district">' in body
    assert '<option value="jinghu">Jinghu District</option>' in body


def test_fragment_without_district_shows_the_first_three_centres(client, city):
    response = fragment(client)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="nearest-centres"' in body
    assert "Jiangxin Centre 1" in body and "Jiangxin Centre 3" in body
    assert "Jinghu Centre 1" not in body
    assert "Centre for something else" not in body


def test_fragment_filters_by_district(client, city):
    body = fragment(client, {"district": "jinghu"}).content.decode()
    assert "Jinghu Centre 1" in body and "Jinghu Centre 2" in body
    assert "Jiangxin Centre 1" not in body
    assert "Centre for something else" not in body


def test_district_without_a_centre_says_so_and_shows_the_first_of_the_city(client, city):
    body = fragment(client, {"district": "empty"}).content.decode()
    assert "No centre in Empty District handles this service" in body
    assert "Jiangxin Centre 1" in body


def test_unknown_district_is_explained_not_an_error(client, city):
    response = fragment(client, {"district": "<atlantis>"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "That district was not recognised" in body
    assert "Jiangxin Centre 1" in body
    assert "<atlantis>" not in body


def test_each_centre_shows_todays_hours(client, city):
    body = fragment(client).content.decode()
    assert "Today: 09:00–17:00" in body


def test_a_centre_closed_today_says_so_with_the_reason(client, city):
    _, centres = city
    CentreClosure.objects.create(centre=centres[0], date=NOW.date(), reason_en="Staff training")
    body = fragment(client).content.decode()
    assert "Closed today (Staff training)" in body


def test_each_centre_shows_its_next_free_booking_time(client, city):
    _, centres = city
    # 10:00 has started; 10:30 is full at the first centre (two counters by default).
    Slot.objects.create(
        centre=centres[0],
        service=city[0],
        starts_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 30)),
        booked=2,
    )
    body = fragment(client).content.decode()
    first, second = body.split('href="/en/centres/jx-2/"')
    assert '<time datetime="2026-12-02T11:00:00+08:00">today at 11:00</time>' in first
    assert '<time datetime="2026-12-02T10:30:00+08:00">today at 10:30</time>' in second


def test_next_free_time_after_closing_is_tomorrow(client, city, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.replace(hour=17))
    body = fragment(client).content.decode()
    assert "tomorrow at 09:00" in body


def test_a_centre_that_takes_no_bookings_says_walk_in(client, city):
    _, centres = city
    centres[0].bookable = False
    centres[0].save()
    body = fragment(client).content.decode()
    assert "Walk in during opening hours" in body


def test_no_free_time_in_the_window_is_said(client, city, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.replace(hour=17))  # today's slots have passed
    service, centres = city
    centres[0].booking_days_ahead = 1
    centres[0].save()
    CentreClosure.objects.create(centre=centres[0], date=NOW.date() + datetime.timedelta(days=1))
    body = fragment(client).content.decode()
    assert "No free time in the next 1 day" in body


def test_plain_get_without_javascript_is_a_whole_page(client, city):
    response = client.get("/en/centres/find/marriage/", {"district": "jinghu"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1 and "Centres for Marriage registration" in body
    assert '<option value="jinghu" selected>' in body
    assert "Jinghu Centre 1" in body
    assert 'href="/en/services/marriage/"' in body


def test_fragment_and_page_are_never_cached(client, city):
    response = fragment(client)
    assert "no-store" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]
    # A place taken since the last look shows at once.
    Slot.objects.create(
        centre=city[1][0],
        service=city[0],
        starts_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 10, 30)),
        booked=2,
    )
    assert "today at 11:00" in fragment(client).content.decode()


def test_unknown_or_unpublished_service_is_404(client, city):
    make_service(slug="hidden", published=False)
    assert fragment(client, slug="nope").status_code == 404
    assert fragment(client, slug="hidden").status_code == 404


def test_a_service_no_centre_handles_points_to_the_hotline(client, city):
    make_service(slug="lonely", offers_counter=True)
    body = fragment(client, slug="lonely").content.decode()
    assert "citizen hotline 12345" in body


def test_fragment_is_in_chinese_for_chinese_pages(client, city):
    body = client.get("/zh-hans/centres/find/marriage/", headers={"HX-Request": "true"}).content.decode()
    assert "今天" in body and "09:00–17:00" in body


def test_query_count_does_not_grow_with_centres(client, city, django_assert_max_num_queries):
    service, _ = city
    district = make_district()
    for _ in range(30):
        make_centre(district=district, services=[service])
    with django_assert_max_num_queries(30):
        fragment(client)
    with django_assert_max_num_queries(30):
        fragment(client, {"district": district.slug})


def test_guide_query_count_does_not_grow_with_centres(client, city, django_assert_max_num_queries):
    service, _ = city
    for _ in range(30):
        make_centre(services=[service])
    with django_assert_max_num_queries(12):
        client.get("/en/services/marriage/")


def test_centre_list_filters_by_service(client, city):
    response = client.get("/en/centres/", {"service": "marriage", "district": "jinghu"})
    body = response.content.decode()
    assert "Jinghu Centre 1" in body and "Centre for something else" not in body
    assert "Jiangxin Centre 1" not in body
    assert "Centres that handle Marriage registration" in body
    assert '<input type="hidden" name="service" value="marriage">' in body


def test_centre_list_with_unknown_service_shows_all_and_explains(client, city):
    body = client.get("/en/centres/", {"service": "nope"}).content.decode()
    assert "Centre for something else" in body
    assert "That service was not recognised" in body
