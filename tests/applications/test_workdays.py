"""Working days in mainland China: public holidays, make-up working days, staff corrections."""

import datetime
from io import StringIO

import chinese_calendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from services.applications.models import CalendarDay
from services.applications.workdays import (
    add_working_days,
    extend_by_pause,
    is_working_day,
    today,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def staff_day(day, kind, name="Staff entry"):
    return CalendarDay.objects.create(date=day, kind=kind, name_zh=name, name_en=name)


def chinese_calendar_knows(year):
    try:
        chinese_calendar.is_workday(D(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def test_the_package_data_these_tests_rely_on():
    """2026 as published by the State Council and shipped in chinese-calendar 1.11."""
    assert [chinese_calendar.is_holiday(D(2026, 2, d)) for d in range(15, 24)] == [True] * 9
    assert chinese_calendar.is_workday(D(2026, 2, 14))  # Saturday, make-up working day
    assert chinese_calendar.is_workday(D(2026, 2, 28))  # Saturday, make-up working day
    assert [chinese_calendar.is_holiday(D(2026, 10, d)) for d in range(1, 8)] == [True] * 7
    assert chinese_calendar.is_workday(D(2026, 10, 10))  # Saturday, make-up working day
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))


def test_an_ordinary_week_has_five_working_days():
    assert [is_working_day(D(2026, 3, d)) for d in range(9, 16)] == [True] * 5 + [False] * 2


def test_spring_festival_days_are_not_working_days_but_the_make_up_saturday_is():
    assert not is_working_day(D(2026, 2, 16))  # Monday in the Spring Festival
    assert not is_working_day(D(2026, 2, 23))  # Monday, the last day of the holiday
    assert is_working_day(D(2026, 2, 14))  # Saturday before it
    assert is_working_day(D(2026, 2, 28))  # Saturday after it
    assert not is_working_day(D(2026, 2, 21))  # Saturday inside it


def test_five_working_days_across_the_2026_spring_festival():
    # Friday 13 Feb: the 14th (make-up Saturday) is the 1st, the holiday runs 15-23, then 24-27.
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    # From the make-up Saturday itself, which is not counted.
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)


def test_a_make_up_saturday_counts_as_a_working_day():
    # Thursday 26 Feb: Friday 27 is the 1st and the make-up Saturday 28 the 2nd.
    assert add_working_days(D(2026, 2, 26), 2) == D(2026, 2, 28)


def test_five_working_days_across_national_day():
    # Wednesday 30 Sep: 1-7 Oct holiday; 8, 9, the make-up Saturday 10, then 12 and 13.
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)


def test_a_deadline_is_always_after_the_start_and_on_a_working_day():
    start = D(2026, 1, 1)
    for n in range(1, 40):
        due = add_working_days(start, n)
        assert due > start
        assert is_working_day(due)
        assert working_days_between(start, due) == n


def test_zero_working_days_means_the_same_day_or_the_next_working_day():
    assert add_working_days(D(2026, 3, 10), 0) == D(2026, 3, 10)
    assert add_working_days(D(2026, 2, 15), 0) == D(2026, 2, 24)


def test_a_negative_number_of_working_days_is_a_programming_error():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 10), -1)


def test_a_staff_added_holiday_on_a_normal_tuesday_moves_the_deadline():
    assert add_working_days(D(2026, 3, 9), 1) == D(2026, 3, 10)
    staff_day(D(2026, 3, 10), CalendarDay.Kind.HOLIDAY)
    assert not is_working_day(D(2026, 3, 10))
    assert add_working_days(D(2026, 3, 9), 1) == D(2026, 3, 11)


def test_a_staff_added_make_up_saturday_counts():
    assert add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 16)
    staff_day(D(2026, 3, 14), CalendarDay.Kind.WORKDAY)
    assert is_working_day(D(2026, 3, 14))
    assert add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 14)


def test_a_staff_entry_overrides_the_package():
    staff_day(D(2026, 2, 16), CalendarDay.Kind.WORKDAY)  # the package says Spring Festival
    staff_day(D(2026, 2, 14), CalendarDay.Kind.HOLIDAY)  # the package says make-up working day
    assert is_working_day(D(2026, 2, 16))
    assert not is_working_day(D(2026, 2, 14))


def test_beyond_the_package_only_weekends_are_days_off():
    assert not chinese_calendar_knows(2030)
    assert is_working_day(D(2030, 1, 1))  # a Tuesday; nobody has entered 2030's calendar
    assert not is_working_day(D(2030, 1, 5))
    assert add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 7)  # Friday -> Monday
    assert add_working_days(D(2030, 1, 4), 10) == D(2030, 1, 18)


def test_staff_entries_give_the_calendar_for_a_year_the_package_does_not_know():
    # Thursday 31 Dec 2026 -> Friday 1 Jan 2027, until staff enter New Year's Day.
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)
    staff_day(D(2027, 1, 1), CalendarDay.Kind.HOLIDAY, "New Year's Day")
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 9)) == 0
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 10)) == 1
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 16)) == 5
    assert working_days_between(D(2026, 3, 16), D(2026, 3, 9)) == 0


def test_working_days_between_skips_a_holiday():
    # Friday 13 Feb to Friday 27 Feb 2026: 14 (make-up), 24, 25, 26, 27.
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 27)) == 5
    # Across National Day: 8, 9, 10 (make-up Saturday), 12.
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_a_pause_moves_the_deadline_by_its_working_days_only():
    due = D(2026, 3, 6)  # Friday
    # Waiting for the citizen from Friday 13 Feb to Wednesday 25 Feb: 14, 24, 25 are 3 working days.
    assert extend_by_pause(due, D(2026, 2, 13), D(2026, 2, 25)) == D(2026, 3, 11)
    # A pause that lies entirely in the holiday costs nothing.
    assert extend_by_pause(due, D(2026, 2, 15), D(2026, 2, 23)) == due


def test_a_pause_over_a_holiday_pushes_the_deadline_past_the_next_holiday():
    # Due on Thursday 12 Feb; paused for 2 working days (10 and 11 Feb): Friday 13, then the
    # make-up Saturday 14 - the new deadline lands right before the Spring Festival.
    assert extend_by_pause(D(2026, 2, 12), D(2026, 2, 9), D(2026, 2, 11)) == D(2026, 2, 14)
    # One more working day of pause goes over the whole holiday.
    assert extend_by_pause(D(2026, 2, 12), D(2026, 2, 8), D(2026, 2, 11)) == D(2026, 2, 24)


def test_a_missing_due_date_stays_missing():
    assert extend_by_pause(None, D(2026, 3, 2), D(2026, 3, 4)) is None


def test_timestamps_are_read_as_dates_in_china():
    # 23:30 UTC on Sunday 8 March is Monday 9 March 07:30 in Beijing.
    late_sunday_utc = datetime.datetime(2026, 3, 8, 23, 30, tzinfo=datetime.timezone.utc)
    assert is_working_day(late_sunday_utc)
    assert add_working_days(late_sunday_utc, 1) == D(2026, 3, 10)


def test_today_is_the_date_in_the_portal_time_zone():
    assert today() == timezone.localdate()


def test_sixty_working_days_take_one_query_per_year_and_none_once_kept(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the catalogue version row, then 2026 and 2027
        due = add_working_days(D(2026, 11, 2), 60)  # runs into 2027
    assert due.year == 2027
    with django_assert_max_num_queries(0):
        assert add_working_days(D(2026, 11, 2), 60) == due


def test_a_long_count_takes_one_query_per_year(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert working_days_between(D(2025, 1, 1), D(2026, 12, 31)) > 480
    with django_assert_max_num_queries(0):
        extend_by_pause(D(2026, 6, 1), D(2026, 1, 1), D(2026, 3, 31))


def test_a_calendar_edit_counts_from_the_next_computation():
    before = add_working_days(D(2026, 12, 7), 1)  # a Monday: Tuesday the 8th
    assert before == D(2026, 12, 8)
    CalendarDay.objects.create(date=D(2026, 12, 8), kind=CalendarDay.Kind.HOLIDAY, name_zh="测试", name_en="Test")
    assert add_working_days(D(2026, 12, 7), 1) == D(2026, 12, 9)


def test_working_days_match_the_package_over_its_last_two_years():
    day = D(2025, 1, 1)
    while day.year < 2027:
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)


# --- seed_calendar ---------------------------------------------------------------------------


def seed(*years):
    out = StringIO()
    call_command("seed_calendar", *(["--years", *map(str, years)] if years else []), stdout=out)
    return out.getvalue()


def test_seeding_stores_the_weekday_holidays_and_weekend_make_up_days_with_names():
    seed(2026)
    spring = CalendarDay.objects.get(date=D(2026, 2, 16))
    assert (spring.kind, spring.name_zh, spring.name_en) == ("holiday", "春节", "Spring Festival")
    make_up = CalendarDay.objects.get(date=D(2026, 2, 28))
    assert (make_up.kind, make_up.name_zh) == ("workday", "春节")
    assert CalendarDay.objects.get(date=D(2026, 10, 10)).name_zh == "国庆节"
    assert CalendarDay.objects.get(date=D(2026, 9, 25)).name_zh == "中秋节"
    # Holidays on a weekend are not stored: the weekend already is a day off.
    assert not CalendarDay.objects.filter(date=D(2026, 2, 21)).exists()
    assert not CalendarDay.objects.filter(kind="holiday", date__week_day__in=[1, 7]).exists()
    assert not CalendarDay.objects.filter(kind="workday", date__week_day__in=[2, 3, 4, 5, 6]).exists()
    assert set(CalendarDay.objects.values_list("name_zh", flat=True)) == {
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "国庆节",
        "中秋节",
    }


def test_seeding_twice_gives_the_same_rows():
    seed(2025, 2026)
    first = list(CalendarDay.objects.values_list("date", "kind", "name_zh", "name_en"))
    output = seed(2025, 2026)
    assert list(CalendarDay.objects.values_list("date", "kind", "name_zh", "name_en")) == first
    assert len(first) == 48
    assert "0 created, 0 updated" in output


def test_seeding_keeps_staff_entries_on_other_dates_and_corrects_changed_ones():
    staff_day(D(2026, 3, 10), CalendarDay.Kind.HOLIDAY)
    CalendarDay.objects.create(date=D(2026, 2, 16), kind="workday")
    seed(2026)
    assert CalendarDay.objects.get(date=D(2026, 3, 10)).kind == "holiday"
    assert CalendarDay.objects.get(date=D(2026, 2, 16)).kind == "holiday"


def test_the_seeded_table_gives_the_same_answers_as_the_package():
    seed(2026)
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)


def test_seeding_a_year_the_package_does_not_know_only_says_staff_must_enter_it():
    output = seed(2027)
    assert CalendarDay.objects.count() == 0
    assert "2027" in output
    assert "State Council" in output
    assert "admin" in output


def test_seeding_by_default_fills_this_year_and_next_when_known(monkeypatch):
    monkeypatch.setattr("services.applications.management.commands.seed_calendar.today", lambda: D(2025, 6, 1))
    seed()
    assert {d.year for d in CalendarDay.objects.values_list("date", flat=True)} == {2025, 2026}


def test_seeding_by_default_notes_a_next_year_the_package_does_not_know(monkeypatch):
    monkeypatch.setattr("services.applications.management.commands.seed_calendar.today", lambda: D(2026, 11, 28))
    output = seed()
    assert {d.year for d in CalendarDay.objects.values_list("date", flat=True)} == {2026}
    assert "2027" in output and "State Council" in output


def test_a_reseed_that_corrects_a_day_counts_at_once():
    from services.lib.cache import forget_kept

    seed(2026)
    national_day = D(2026, 10, 1)
    assert not is_working_day(national_day)
    CalendarDay.objects.filter(date=national_day).update(kind=CalendarDay.Kind.WORKDAY)  # a bad bulk edit
    forget_kept()
    assert is_working_day(national_day)  # now kept by this process
    seed(2026)
    assert not is_working_day(national_day)
