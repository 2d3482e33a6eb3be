"""Slot arithmetic: open days, slot times, capacity, places taken, the booking window."""

import datetime

import pytest
from django.utils import timezone

from services.applications.models import CalendarDay
from services.offline import slots
from services.offline.models import CentreClosure, OpeningHours, ServiceCounters, Slot
from tests.makers import make_centre, make_service

pytestmark = pytest.mark.django_db

D = datetime.date


def at(*args):
    """An aware datetime in the portal's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.datetime(*args))


def hours(centre, weekday, opens, closes):
    return OpeningHours.objects.create(
        centre=centre, weekday=weekday, opens=datetime.time(*opens), closes=datetime.time(*closes)
    )


@pytest.fixture
def service():
    return make_service(slug="id-card")


@pytest.fixture
def centre(service):
    """Monday to Friday 09:00-17:00 (made by make_centre), Saturday 09:00-12:00."""
    centre = make_centre(slug="pudong", services=[service])
    hours(centre, 5, (9,), (12,))
    return centre


def times(infos):
    return [f"{timezone.localtime(i.starts_at):%m-%d %H:%M}" for i in infos]


# --- open days -------------------------------------------------------------------------------------


def test_open_days_follow_public_holidays_and_make_up_working_days(centre):
    # 2026: Labour Day holiday Fri 1 May to Tue 5 May; Saturday 9 May is a make-up working day.
    days = slots.open_days(centre, D(2026, 4, 29), D(2026, 5, 13))
    assert days == [
        D(2026, 4, 29),
        D(2026, 4, 30),
        # 1-5 May closed: the holiday, and its weekend although the centre has Saturday hours
        D(2026, 5, 6),
        D(2026, 5, 7),
        D(2026, 5, 8),
        D(2026, 5, 9),  # the make-up working day (a Saturday)
        # Sunday 10 May: no Sunday hours
        D(2026, 5, 11),
        D(2026, 5, 12),
        D(2026, 5, 13),
    ]


def test_a_make_up_working_day_on_a_weekend_uses_the_monday_hours(centre, service):
    OpeningHours.objects.filter(centre=centre, weekday=0).update(opens=datetime.time(8, 30))
    day = slots.day_slots(centre, service, D(2026, 5, 9), now=at(2026, 5, 1))
    assert times(day)[0] == "05-09 08:30" and times(day)[-1] == "05-09 16:30"
    assert len(day) == 17  # 08:30 to 17:00 in 30-minute slots, not the Saturday's 09:00-12:00


def test_an_ordinary_saturday_uses_the_centres_saturday_hours(centre, service):
    day = slots.day_slots(centre, service, D(2026, 6, 13), now=at(2026, 6, 10))
    assert times(day) == ["06-13 09:00", "06-13 09:30", "06-13 10:00", "06-13 10:30", "06-13 11:00", "06-13 11:30"]


def test_a_weekend_inside_a_holiday_period_is_closed(centre):
    # Dragon Boat Festival 2026: Friday 19 to Sunday 21 June, its weekend days holiday days too.
    assert slots.open_days(centre, D(2026, 6, 13), D(2026, 6, 21)) == [
        D(2026, 6, 13),
        D(2026, 6, 15),
        D(2026, 6, 16),
        D(2026, 6, 17),
        D(2026, 6, 18),
    ]


def test_a_weekend_beside_a_one_day_holiday_is_an_ordinary_weekend(centre):
    # Dragon Boat Festival 2024: Monday 10 June alone ("与周末连休": the weekend before it is no
    # holiday day of the State Council's calendar), so Saturday 8 June keeps its Saturday hours.
    assert slots.open_days(centre, D(2024, 6, 7), D(2024, 6, 10)) == [D(2024, 6, 7), D(2024, 6, 8)]


def test_a_weekend_after_a_one_day_holiday_on_a_friday_entered_by_staff_is_open(centre):
    # A year the package does not know: staff enter New Year's Day 2027, a Friday, on its own.
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY)
    assert slots.open_days(centre, D(2027, 1, 1), D(2027, 1, 4)) == [D(2027, 1, 2), D(2027, 1, 4)]


def test_a_public_holiday_on_a_weekend_closes_it_although_friday_and_monday_are_worked(service):
    # Mid-autumn Festival 2015 fell on Sunday 27 September, with a working Friday and Monday around it.
    centre = make_centre(slug="open-sundays", services=[service])
    hours(centre, 6, (9,), (12,))
    assert slots.open_days(centre, D(2015, 9, 25), D(2015, 9, 28)) == [D(2015, 9, 25), D(2015, 9, 28)]


def test_a_holiday_period_that_starts_on_a_saturday_entered_by_staff_closes_that_saturday(centre, service):
    # Labour Day 2027 is a Saturday; staff enter it as a public holiday, the Friday before and
    # the Monday after stay working days.
    CalendarDay.objects.create(date=D(2027, 5, 1), kind=CalendarDay.Kind.HOLIDAY)
    assert slots.open_days(centre, D(2027, 4, 30), D(2027, 5, 3)) == [D(2027, 4, 30), D(2027, 5, 3)]
    assert slots.day_slots(centre, service, D(2027, 5, 1), now=at(2027, 4, 28)) == []


def test_a_centre_without_weekend_hours_is_closed_at_weekends(service):
    centre = make_centre(services=[service])
    assert slots.open_days(centre, D(2026, 6, 13), D(2026, 6, 14)) == []


def test_holidays_and_working_days_entered_by_staff_count(centre):
    # A year the chinese-calendar package may not know: the staff's calendar table decides.
    CalendarDay.objects.create(date=D(2027, 3, 3), kind=CalendarDay.Kind.HOLIDAY)
    CalendarDay.objects.create(date=D(2027, 3, 7), kind=CalendarDay.Kind.WORKDAY)  # a Sunday
    assert slots.open_days(centre, D(2027, 3, 1), D(2027, 3, 7)) == [
        D(2027, 3, 1),
        D(2027, 3, 2),
        D(2027, 3, 4),
        D(2027, 3, 5),
        # Saturday 6 March: the Monday after its weekend is a working day, the Friday before too
        D(2027, 3, 6),
        D(2027, 3, 7),
    ]


def test_the_centres_own_closures_close_the_day(centre, service):
    CentreClosure.objects.create(centre=centre, date=D(2026, 6, 16), reason_en="Staff training")
    assert D(2026, 6, 16) not in slots.open_days(centre, D(2026, 6, 15), D(2026, 6, 17))
    assert slots.day_slots(centre, service, D(2026, 6, 16), now=at(2026, 6, 10)) == []


# --- slot times and places ------------------------------------------------------------------------


def test_slots_run_from_opening_time_and_end_by_closing_time(service):
    centre = make_centre(services=[service], weekdays=[], slot_minutes=40)
    hours(centre, 0, (9,), (12,))
    hours(centre, 0, (13, 30), (15,))
    day = slots.day_slots(centre, service, D(2026, 6, 15), now=at(2026, 6, 10))
    assert times(day) == ["06-15 09:00", "06-15 09:40", "06-15 10:20", "06-15 11:00", "06-15 13:30", "06-15 14:10"]
    assert all(i.ends_at - i.starts_at == datetime.timedelta(minutes=40) for i in day)
    assert timezone.localtime(day[3].ends_at).time() == datetime.time(11, 40)  # 11:40-12:20 would not fit


def test_slot_times_are_in_shanghai_time(centre, service):
    first = slots.day_slots(centre, service, D(2026, 6, 15), now=at(2026, 6, 10))[0]
    assert first.starts_at == datetime.datetime(2026, 6, 15, 1, 0, tzinfo=datetime.UTC)


def test_capacity_is_the_services_own_counters_or_the_centre_wide_number(centre, service):
    other = make_service(slug="passport")
    centre.counters = 3
    centre.save()
    ServiceCounters.objects.create(centre=centre, service=service, counters=5)
    assert slots.capacity(centre, service) == 5
    assert slots.capacity(centre, other) == 3
    assert slots.day_slots(centre, service, D(2026, 6, 15), now=at(2026, 6, 10))[0].capacity == 5


def test_places_taken_come_from_the_slot_rows_of_that_service(centre, service):
    other = make_service(slug="passport")
    Slot.objects.create(centre=centre, service=service, starts_at=at(2026, 6, 15, 9, 30), booked=2)
    Slot.objects.create(centre=centre, service=other, starts_at=at(2026, 6, 15, 10), booked=2)
    day = slots.day_slots(centre, service, D(2026, 6, 15), now=at(2026, 6, 10))
    assert [(i.booked, i.free, i.available) for i in day[:3]] == [(0, 2, True), (2, 0, False), (0, 2, True)]


def test_a_slot_that_has_started_is_past(centre, service):
    day = slots.day_slots(centre, service, D(2026, 6, 15), now=at(2026, 6, 15, 9, 30))
    assert [i.past for i in day[:3]] == [True, True, False]
    assert not day[1].available


# --- the booking window ------------------------------------------------------------------------------


def test_bookable_days_run_from_today_to_the_window_with_a_free_place(centre, service):
    now = at(2026, 6, 15, 16, 45)  # Monday, after the last slot started: today is over
    days = slots.bookable_days(centre, service, now=now)
    assert days[0] == D(2026, 6, 16)
    assert days[-1] == D(2026, 6, 29)  # 14 days ahead; not 30 June
    assert D(2026, 6, 19) not in days and D(2026, 6, 20) not in days  # Dragon Boat Festival
    assert D(2026, 6, 27) in days  # an ordinary Saturday with hours
    centre.booking_days_ahead = 3
    centre.save()
    assert slots.bookable_days(centre, service, now=now) == [D(2026, 6, 16), D(2026, 6, 17), D(2026, 6, 18)]


def test_a_fully_booked_day_is_not_a_bookable_day(centre, service):
    for info in slots.day_slots(centre, service, D(2026, 6, 16)):
        Slot.objects.create(centre=centre, service=service, starts_at=info.starts_at, booked=info.capacity)
    assert D(2026, 6, 16) not in slots.bookable_days(centre, service, now=at(2026, 6, 15, 10))


def test_a_centre_that_takes_no_bookings_offers_nothing(centre, service):
    centre.bookable = False
    centre.save()
    now = at(2026, 6, 15, 8)
    assert slots.bookable_days(centre, service, now=now) == []
    assert slots.nearest_free(centre, service, now=now) == []
    assert slots.next_free(centre, service, now=now) is None


# --- alternatives --------------------------------------------------------------------------------------


def test_nearest_free_offers_the_closest_free_times_around_a_full_one(centre, service):
    for minute in (0, 30):
        Slot.objects.create(centre=centre, service=service, starts_at=at(2026, 6, 16, 10, minute), booked=2)
    near = slots.nearest_free(centre, service, after=at(2026, 6, 16, 10), now=at(2026, 6, 15, 8))
    # 09:30 is 30 minutes away, 09:00 and 11:00 an hour each (11:30 is further); in time order
    assert times(near) == ["06-16 09:00", "06-16 09:30", "06-16 11:00"]


def test_nearest_free_never_offers_a_past_time_or_one_beyond_the_window(centre, service):
    now = at(2026, 6, 29, 16, 40)  # the last slot of the day has started
    near = slots.nearest_free(centre, service, after=at(2026, 7, 20, 9), now=now, limit=2)
    assert times(near) == ["07-13 16:00", "07-13 16:30"]  # the window's last day, its last times
    near = slots.nearest_free(centre, service, after=at(2026, 6, 29, 16), now=now, limit=1)
    assert times(near) == ["06-30 09:00"]


def test_next_free_skips_full_slots_and_closed_days(centre, service):
    now = at(2026, 6, 18, 16, 10)  # Thursday; Friday 19 June is a holiday, then its weekend
    Slot.objects.create(centre=centre, service=service, starts_at=at(2026, 6, 18, 16, 30), booked=2)
    assert times([slots.next_free(centre, service, now=now)]) == ["06-22 09:00"]


def test_next_free_is_none_when_everything_is_booked(service):
    centre = make_centre(services=[service], weekdays=[], counters=1, booking_days_ahead=2)
    hours(centre, 1, (9,), (10,))  # Tuesdays 09:00-10:00 only
    now = at(2026, 6, 15, 8)
    for info in slots.day_slots(centre, service, D(2026, 6, 16)):
        Slot.objects.create(centre=centre, service=service, starts_at=info.starts_at, booked=1)
    assert slots.next_free(centre, service, now=now) is None


# --- queries do not grow with the number of slots --------------------------------------------------


@pytest.mark.parametrize("minutes", [5, 60])
def test_slot_queries_do_not_grow_with_the_number_of_slots(centre, service, minutes, django_assert_max_num_queries):
    centre.slot_minutes = minutes
    centre.save()
    ServiceCounters.objects.create(centre=centre, service=service, counters=1)
    now = at(2026, 6, 10, 8)
    for info in slots.day_slots(centre, service, D(2026, 6, 10))[:50]:
        Slot.objects.create(centre=centre, service=service, starts_at=info.starts_at, booked=1)
    slots.open_days(centre, D(2026, 6, 1), D(2026, 6, 2))  # the calendar year, kept per process
    # hours, closures, capacity, Slot rows (+ the calendar year if not kept yet)
    with django_assert_max_num_queries(4):
        assert slots.day_slots(centre, service, D(2026, 6, 16), now=now)
    with django_assert_max_num_queries(4):
        assert slots.bookable_days(centre, service, now=now)
    with django_assert_max_num_queries(4):
        assert slots.nearest_free(centre, service, now=now)
    with django_assert_max_num_queries(4):
        assert slots.next_free(centre, service, now=now)
