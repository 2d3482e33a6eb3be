"""The slot picker (the time step and its htmx fragment) reads a centre's hours, closures,
capacity and places taken once per request, and slots.Schedule, which it uses, answers exactly
as the module's per-call functions do (bench/RESULTS.md, "slot picker fragment": the fragment
used to read each of them twice and to build every slot of the window to find the open days)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services.lib.cache import forget_kept
from services.offline import booking_views, bookings, slots
from services.offline.models import CentreClosure, OpeningHours, ServiceCounters, Slot
from tests.makers import make_centre, make_service

pytestmark = pytest.mark.django_db

D = datetime.date
TABLES = ["offline_openinghours", "offline_centreclosure", "offline_servicecounters", "offline_slot"]


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def service():
    return make_service(slug="permit")


@pytest.fixture
def centre(service):
    """Monday to Friday 09:00-17:00, Saturday 09:00-12:00; two counters, one for the service."""
    centre = make_centre(slug="pudong-centre", services=[service], counters=2)
    OpeningHours.objects.create(centre=centre, weekday=5, opens=datetime.time(9), closes=datetime.time(12))
    ServiceCounters.objects.create(centre=centre, service=service, counters=1)
    return centre


def fill(centre, service, day):
    for info in slots.day_slots(centre, service, day):
        Slot.objects.update_or_create(
            centre=centre, service=service, starts_at=info.starts_at, defaults={"booked": info.capacity}
        )


def reads(queries, table):
    return sum(f'FROM "{table}"' in q["sql"] for q in queries)


def cold_get(client, url, **kw):
    """GET in a process that keeps nothing yet (the first request after a start or an edit)."""
    client.get(url, **kw)
    forget_kept()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kw)
    assert response.status_code == 200
    return response, queries


def test_the_htmx_fragment_reads_each_table_of_the_slots_once(client, centre, service):
    day = slots.bookable_days(centre, service)[1]
    url = "/en/centres/book/permit/pudong-centre/"
    response, queries = cold_get(client, url, data={"date": day.isoformat()}, headers={"HX-Request": "true"})
    assert b"<html" not in response.content
    # the Slot rows twice: the cached fragment's fingerprint (ids and places), then the times
    assert {table: reads(queries, table) for table in TABLES} == {**dict.fromkeys(TABLES, 1), "offline_slot": 2}
    # + the service, the centre, the version row and the calendar's year (+ the fingerprint)
    assert len(queries) <= 9


def test_the_whole_time_step_reads_each_table_of_the_slots_once(client, centre, service):
    _, queries = cold_get(client, "/en/centres/book/permit/pudong-centre/")
    assert {table: reads(queries, table) for table in TABLES} == dict.fromkeys(TABLES, 1)


def test_a_schedule_answers_as_the_per_call_functions(centre, service):
    now = at(2026, 6, 10, 10, 15)  # a Wednesday, mid-morning: today's first slots are past
    CentreClosure.objects.create(centre=centre, date=D(2026, 6, 12), reason_en="Staff training")
    fill(centre, service, D(2026, 6, 15))  # a Monday fully booked
    Slot.objects.create(centre=centre, service=service, starts_at=at(2026, 6, 16, 9), booked=1)
    schedule = slots.Schedule(centre, service, now=now)
    first, last = slots.window(centre, now)
    window = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    expected = [d for d in window if any(s.available for s in slots.day_slots(centre, service, d, now=now))]
    assert schedule.bookable_days() == slots.bookable_days(centre, service, now=now) == expected
    assert D(2026, 6, 12) not in expected and D(2026, 6, 15) not in expected and D(2026, 6, 13) in expected
    for day in [*window, last + datetime.timedelta(days=3)]:  # and a day beyond the window
        assert schedule.day_slots(day) == slots.day_slots(centre, service, day, now=now)
    assert schedule.nearest_free(after=at(2026, 6, 15, 10)) == slots.nearest_free(
        centre, service, after=at(2026, 6, 15, 10), now=now
    )


def test_a_schedule_of_a_centre_that_takes_no_bookings_offers_nothing_without_reading(
    centre, service, django_assert_num_queries
):
    centre.bookable = False
    centre.save()
    with django_assert_num_queries(0):
        assert slots.Schedule(centre, service).bookable_days() == []
        assert slots.Schedule(centre, service).nearest_free() == []


# --- a warm process keeps what changes only in the admin ------------------------------------------


def test_a_warm_process_reads_only_the_places_taken_for_the_fragment(client, centre, service):
    day = slots.bookable_days(centre, service)[1]
    url = "/en/centres/book/permit/pudong-centre/"
    client.get(url, {"date": day.isoformat()}, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"date": day.isoformat()}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    read = [q["sql"] for q in queries if "catalogue_catalogueversion" not in q["sql"]]
    assert len(read) == 1 and 'FROM "offline_slot"' in read[0]


def test_places_taken_are_never_kept(client, centre, service):
    day = slots.bookable_days(centre, service)[1]
    url = "/en/centres/book/permit/pudong-centre/"
    first = slots.day_slots(centre, service, day)[0]
    assert "(full)" not in client.get(url, {"date": day.isoformat()}, headers={"HX-Request": "true"}).content.decode()
    Slot.objects.create(centre=centre, service=service, starts_at=first.starts_at, booked=1)  # capacity 1
    assert "(full)" in client.get(url, {"date": day.isoformat()}, headers={"HX-Request": "true"}).content.decode()


@pytest.mark.parametrize("change", ["closure", "counters", "hours", "not bookable"])
def test_an_edit_in_the_admin_reaches_the_picker_at_once(client, centre, service, change):
    url = "/en/centres/book/permit/pudong-centre/"
    days = slots.bookable_days(centre, service)
    day = days[2]
    assert client.get(url, {"date": day.isoformat()}).status_code == 200  # kept now
    if change == "closure":
        CentreClosure.objects.create(centre=centre, date=day, reason_en="Flooding")
    elif change == "counters":
        counters = ServiceCounters.objects.get(centre=centre, service=service)
        counters.counters = 3
        counters.save()  # as the admin's inline does
        Slot.objects.create(
            centre=centre, service=service, starts_at=slots.day_slots(centre, service, day)[0].starts_at, booked=1
        )
    elif change == "hours":
        OpeningHours.objects.filter(centre=centre, weekday=day.weekday()).delete()
    else:
        centre.bookable = False
        centre.save()
    response = client.get(url, {"date": day.isoformat()})
    if change == "not bookable":
        assert response.status_code == 404
    elif change == "counters":
        assert "(full)" not in response.content.decode()  # 1 of 3 places taken
    else:
        assert response.status_code == 400  # the day is no longer offered
        assert "Bookings cannot be made for that date" in response.content.decode()


# --- the rendered fragment is kept per process, keyed by the places taken ------------------------

HX = {"HX-Request": "true"}
URL = "/{lang}/centres/book/permit/pudong-centre/"


@pytest.fixture
def rendered(monkeypatch):
    """How many times the view rendered the time step (a partial's rendering sends no
    template_rendered signal, so the test client's `templates` stays empty)."""
    count = [0]
    real = booking_views._time_page

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(booking_views, "_time_page", counting)
    return count


def fragment(client, rendered, params, lang="en", status=200):
    """(response, whether it was rendered, the queries but the version row's)."""
    before = rendered[0]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL.format(lang=lang), params, headers=HX)
    assert response.status_code == status
    return response, rendered[0] > before, [q["sql"] for q in queries if "catalogue_catalogueversion" not in q["sql"]]


def test_a_second_identical_fragment_is_not_rendered_again(client, centre, service, rendered):
    params = {"date": slots.bookable_days(centre, service)[1].isoformat()}
    first, was_rendered, _ = fragment(client, rendered, params)
    assert was_rendered
    second, was_rendered, read = fragment(client, rendered, params)
    assert not was_rendered and second.content == first.content
    assert len(read) == 1 and 'FROM "offline_slot"' in read[0]  # only the fingerprint
    assert "no-cache" in second["Cache-Control"]  # still never cached downstream


def test_a_booking_in_between_disables_the_taken_time_in_the_very_next_fragment(client, centre, service, rendered):
    day = slots.bookable_days(centre, service)[1]
    params = {"date": day.isoformat()}
    taken = slots.day_slots(centre, service, day)[0]  # capacity 1
    fragment(client, rendered, params)
    before, was_rendered, _ = fragment(client, rendered, params)
    assert not was_rendered and 'id="at-1" disabled' not in before.content.decode()
    bookings.book(
        centre=centre, service=service, starts_at=taken.starts_at, name="Li Na", phone="13900000000", language="en"
    )
    after, was_rendered, _ = fragment(client, rendered, params)
    assert was_rendered
    html = after.content.decode()
    assert 'id="at-1" disabled' in html and "(full)" in html


def test_places_moving_between_existing_slot_rows_renew_the_fragment(client, centre, service, rendered):
    """Same number of rows and of places taken, other times: a move between two times already
    booked once (a count and sum would not see it)."""
    day = slots.bookable_days(centre, service)[1]
    params = {"date": day.isoformat()}
    one, two = slots.day_slots(centre, service, day)[:2]
    a = Slot.objects.create(centre=centre, service=service, starts_at=one.starts_at, booked=1)
    b = Slot.objects.create(centre=centre, service=service, starts_at=two.starts_at, booked=0)
    fragment(client, rendered, params)
    before, was_rendered, _ = fragment(client, rendered, params)
    assert not was_rendered and 'id="at-1" disabled' in before.content.decode()
    Slot.objects.filter(pk=a.pk).update(booked=0)
    Slot.objects.filter(pk=b.pk).update(booked=1)
    after, was_rendered, _ = fragment(client, rendered, params)
    html = after.content.decode()
    assert was_rendered and 'id="at-1" disabled' not in html and 'id="at-2" disabled' in html


def test_another_language_gets_its_own_fragment(client, centre, service, rendered):
    params = {"date": slots.bookable_days(centre, service)[1].isoformat()}
    english, _, _ = fragment(client, rendered, params)
    chinese, was_rendered, _ = fragment(client, rendered, params, lang="zh-hans")
    assert was_rendered and chinese.content != english.content
    again, was_rendered, _ = fragment(client, rendered, params, lang="zh-hans")
    assert not was_rendered and again.content == chinese.content


def test_a_fragment_with_an_error_or_a_chosen_time_is_rendered_every_time(client, centre, service, rendered):
    day = slots.bookable_days(centre, service)[1]
    for _ in range(2):
        assert fragment(client, rendered, {"date": "1999-01-01"}, status=400)[1]  # a day not offered
    chosen = slots.day_slots(centre, service, day)[0].starts_at.astimezone(timezone.get_current_timezone())
    params = {"date": day.isoformat(), "at": chosen.strftime("%Y-%m-%dT%H:%M")}
    for _ in range(2):
        assert fragment(client, rendered, params)[1]
