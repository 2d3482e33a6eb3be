"""Open now (issue 11 point 5): Asia/Shanghai time, spans past midnight, public holidays, and the
SQL filter (hours.open_at) agreeing with the Python rule (hours.is_open) everywhere."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from services.applications.models import CalendarDay
from services.applications.workdays import Calendar
from services.life import hours
from services.life.models import Area, Entry, HolidayHours, Hours, Organisation

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
UTC = datetime.timezone.utc
T = datetime.time

# 2030 is beyond chinese-calendar's years: its holidays here are CalendarDay rows only.
# 2030-01-07 is a Monday.
HOLIDAY_MONDAY = datetime.date(2030, 1, 7)
WORKING_TUESDAY = datetime.date(2030, 1, 8)
MAKEUP_SATURDAY = datetime.date(2030, 1, 12)
PLAIN_WEDNESDAY = datetime.date(2030, 1, 9)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, T(hour, minute), tzinfo=SHANGHAI)


def make_entry(slug, spans, holiday_hours=HolidayHours.USUAL, published=True, area=Area.CULTURE):
    """An entry with Hours rows from {weekday: [(opens, closes), ...]}."""
    organisation, _ = Organisation.objects.get_or_create(
        slug="hours-test-org", defaults={"name_zh": "测试机构", "name_en": "Test organisation", "area": Area.CULTURE}
    )
    entry = Entry.objects.create(
        area=area,
        organisation=organisation,
        slug=slug,
        name_zh=f"场馆{slug}",
        name_en=f"Venue {slug}",
        holiday_hours=holiday_hours,
        published=published,
    )
    Hours.objects.bulk_create(
        Hours(entry=entry, weekday=day, opens=opens, closes=closes)
        for day, day_spans in spans.items()
        for opens, closes in day_spans
    )
    return entry


def weekdays(*spans):
    return {day: list(spans) for day in range(5)}


def open_slugs(when):
    return set(hours.open_at(Entry.objects.all(), when).values_list("slug", flat=True))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def holidays():
    CalendarDay.objects.create(date=HOLIDAY_MONDAY, kind=CalendarDay.Kind.HOLIDAY, name_en="Test holiday")
    CalendarDay.objects.create(date=MAKEUP_SATURDAY, kind=CalendarDay.Kind.WORKDAY, name_en="Make-up day")


def test_a_span_past_midnight_is_open_after_midnight_on_the_next_day():
    make_entry("late", {0: [(T(20), T(2))]})  # Monday 20:00-02:00

    assert "late" in open_slugs(at(PLAIN_WEDNESDAY - datetime.timedelta(days=2), 23))  # Monday 23:00
    assert "late" in open_slugs(at(WORKING_TUESDAY, 1, 30))
    assert "late" not in open_slugs(at(WORKING_TUESDAY, 2))
    assert "late" not in open_slugs(at(WORKING_TUESDAY, 20, 30))  # Tuesday has no hours
    assert "late" not in open_slugs(at(HOLIDAY_MONDAY, 1))  # Sunday had none


def test_a_day_of_00_00_00_00_is_open_all_day_and_not_past_it():
    make_entry("allday", {2: [(T(0), T(0))]})  # Wednesday, 24 hours

    assert "allday" in open_slugs(at(PLAIN_WEDNESDAY, 0))
    assert "allday" in open_slugs(at(PLAIN_WEDNESDAY, 23, 59))
    assert "allday" not in open_slugs(at(PLAIN_WEDNESDAY + datetime.timedelta(days=1), 0))
    assert "allday" not in open_slugs(at(WORKING_TUESDAY, 23, 59))


def test_open_now_reads_the_time_in_shanghai_not_utc():
    make_entry("morning", {2: [(T(6), T(9))]})  # Wednesday 06:00-09:00 in Shanghai
    # Tuesday 23:30 UTC is Wednesday 07:30 in Shanghai.
    when = datetime.datetime.combine(WORKING_TUESDAY, T(23, 30), tzinfo=UTC)

    assert open_slugs(when) == {"morning"}
    entry = Entry.objects.get(slug="morning")
    assert hours.is_open(entry, when)
    assert hours.status(entry, when).text == "until 09:00"


@pytest.mark.parametrize(
    ("mode", "open_at_ten"),
    [(HolidayHours.USUAL, "weekday"), (HolidayHours.SUNDAY, "sunday"), (HolidayHours.CLOSED, None)],
)
def test_a_public_holiday_uses_the_entrys_holiday_hours(holidays, mode, open_at_ten):
    # Weekdays 09:00-12:00, Sunday 13:00-16:00.
    make_entry("museum", {**weekdays((T(9), T(12))), 6: [(T(13), T(16))]}, holiday_hours=mode)

    morning, afternoon = "museum" in open_slugs(at(HOLIDAY_MONDAY, 10)), "museum" in open_slugs(at(HOLIDAY_MONDAY, 14))

    assert (morning, afternoon) == {"weekday": (True, False), "sunday": (False, True), None: (False, False)}[
        open_at_ten
    ]
    # The next day is a working Tuesday: its own hours again, whatever the mode.
    assert "museum" in open_slugs(at(WORKING_TUESDAY, 10))
    assert "museum" not in open_slugs(at(WORKING_TUESDAY, 14))


def test_the_package_calendar_counts_too_and_an_ordinary_weekend_is_no_holiday():
    # 2026-10-01 (Thursday) is National Day in chinese-calendar; 2026-10-10 an ordinary Saturday.
    make_entry("closed-on-holidays", {d: [(T(9), T(17))] for d in range(7)}, holiday_hours=HolidayHours.CLOSED)

    assert "closed-on-holidays" not in open_slugs(at(datetime.date(2026, 10, 1), 10))
    assert "closed-on-holidays" in open_slugs(at(datetime.date(2026, 10, 10), 10))
    assert "closed-on-holidays" in open_slugs(at(datetime.date(2026, 10, 9), 10))


def test_is_public_holiday_is_never_a_make_up_working_day_nor_a_plain_weekend(holidays):
    calendar = Calendar()

    assert calendar.is_public_holiday(HOLIDAY_MONDAY)
    assert not calendar.is_public_holiday(MAKEUP_SATURDAY)
    assert not calendar.is_public_holiday(MAKEUP_SATURDAY + datetime.timedelta(days=1))  # a plain Sunday
    assert calendar.is_public_holiday(datetime.date(2026, 2, 16))  # Spring Festival, a Monday
    assert calendar.is_public_holiday(datetime.date(2026, 10, 3))  # National Day, a Saturday
    assert not calendar.is_public_holiday(datetime.date(2026, 2, 14))  # 调休 Saturday
    assert not calendar.is_public_holiday(datetime.date(2026, 10, 10))  # a plain Saturday


def test_a_calendar_day_holiday_on_a_weekend_beyond_the_packages_years_is_a_holiday():
    # The Saturday of a holiday period the package does not know yet, entered by staff.
    saturday = datetime.date(2030, 2, 2)
    CalendarDay.objects.create(date=saturday, kind=CalendarDay.Kind.HOLIDAY, name_en="Spring Festival")
    make_entry("weekend-closed", {5: [(T(9), T(17))]}, holiday_hours=HolidayHours.CLOSED)

    assert Calendar().is_public_holiday(saturday)
    assert "weekend-closed" not in open_slugs(at(saturday, 10))
    assert "weekend-closed" in open_slugs(at(saturday + datetime.timedelta(days=7), 10))


def test_a_make_up_working_saturday_keeps_saturdays_own_hours(holidays):
    make_entry("weekend-hours", {**weekdays((T(9), T(12))), 5: [(T(14), T(18))]})

    assert "weekend-hours" in open_slugs(at(MAKEUP_SATURDAY, 15))
    assert "weekend-hours" not in open_slugs(at(MAKEUP_SATURDAY, 10))


def test_a_holiday_decides_the_hours_of_a_span_that_ends_the_next_morning(holidays):
    # Monday 20:00-02:00, Sunday 22:00-03:00; on holidays Sunday's hours.
    make_entry("night", {0: [(T(20), T(2))], 6: [(T(22), T(3))]}, holiday_hours=HolidayHours.SUNDAY)

    # Tuesday 02:30 after a holiday Monday: Monday had Sunday's hours (22:00-03:00).
    assert "night" in open_slugs(at(WORKING_TUESDAY, 2, 30))
    assert "night" not in open_slugs(at(HOLIDAY_MONDAY, 21))


def test_open_at_takes_the_same_number_of_queries_for_many_entries(holidays):
    when = at(HOLIDAY_MONDAY, 1)  # a holiday after a Sunday: every branch of the rule

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = len(list(hours.open_at(Entry.objects.all(), when)))
        return found, len(queries)

    make_entry("one", {6: [(T(20), T(2))]})
    one = count()
    for n in range(30):
        make_entry(f"more-{n}", {6: [(T(20), T(2))], 0: [(T(0), T(0))]}, holiday_hours=HolidayHours.SUNDAY)
    many = count()

    assert (one[0], many[0]) == (1, 31)
    assert one[1] == many[1] <= 3  # the entries, and the year's calendar rows with their version


def test_open_at_works_on_an_area_model_and_with_other_filters():
    from services.life.models import CarePlace

    organisation = Organisation.objects.create(slug="care", name_zh="养老", name_en="Care", area=Area.ELDERLY)
    home = CarePlace.objects.create(
        organisation=organisation, slug="home", name_zh="养老院", name_en="Home", kind="nursing_home", published=True
    )
    Hours.objects.create(entry=home, weekday=2, opens=T(0), closes=T(0))

    assert list(hours.open_at(CarePlace.objects.published(), at(PLAIN_WEDNESDAY, 3))) == [home]
    assert list(hours.open_at(CarePlace.objects.published(), at(WORKING_TUESDAY, 3))) == []


GRID_ENTRIES = {
    "office": (weekdays((T(9), T(12)), (T(13, 30), T(17))), HolidayHours.CLOSED),
    "evening": ({**weekdays((T(18), T(22))), 5: [(T(10), T(22))]}, HolidayHours.USUAL),
    "overnight": ({d: [(T(20), T(2))] for d in (0, 4, 6)}, HolidayHours.SUNDAY),
    "overnight-closed": ({d: [(T(22, 30), T(6))] for d in range(7)}, HolidayHours.CLOSED),
    "allday-sun": ({6: [(T(0), T(0))], 0: [(T(8), T(8))]}, HolidayHours.SUNDAY),
    "always": ({d: [(T(0), T(0))] for d in range(7)}, HolidayHours.USUAL),
    "weekend": ({5: [(T(9), T(18))], 6: [(T(9), T(18))]}, HolidayHours.SUNDAY),
    "none": ({}, HolidayHours.USUAL),
}


def test_open_at_and_is_open_agree_every_half_hour_of_a_week_with_holidays(holidays):
    for slug, (spans, mode) in GRID_ENTRIES.items():
        make_entry(slug, spans, holiday_hours=mode)
    entries = list(Entry.objects.prefetch_related("hours"))
    calendar = Calendar()
    # Sunday before the holiday Monday through the make-up Saturday and the Sunday after it.
    first = HOLIDAY_MONDAY - datetime.timedelta(days=1)
    mismatches = []
    for day_offset in range(8):
        day = first + datetime.timedelta(days=day_offset)
        for step in range(48):
            when = at(day, step // 2, 30 * (step % 2))
            in_sql = open_slugs(when)
            in_python = {e.slug for e in entries if hours.is_open(e, when, calendar)}
            by_status = {e.slug for e in entries if hours.status(e, when, calendar).open}
            if not in_sql == in_python == by_status:
                mismatches.append((when, in_sql ^ in_python, in_python ^ by_status))
    assert mismatches == []


def test_status_says_until_when_and_when_it_opens_next():
    entry = make_entry("status", {0: [(T(9), T(17))], 2: [(T(20), T(2))]})
    monday = HOLIDAY_MONDAY  # no CalendarDay rows here: an ordinary Monday

    assert hours.status(entry, at(monday, 10)).text == "until 17:00"
    assert not hours.status(entry, at(monday, 8))
    assert hours.status(entry, at(monday, 8)).text == "opens at 09:00"
    assert hours.status(entry, at(monday, 18)).text == "opens at 20:00 on Wednesday"
    assert hours.status(entry, at(PLAIN_WEDNESDAY, 21)).text == "until 02:00 tomorrow"
    assert hours.status(entry, at(WORKING_TUESDAY, 12)).text == "opens at 20:00 tomorrow"


def test_status_of_an_entry_without_hours_gives_no_open_or_closed_verdict():
    entry = make_entry("nohours", {})

    status = hours.status(entry, at(PLAIN_WEDNESDAY, 10))
    assert (status.open, status.text, bool(status)) == (None, "", False)
    line = render_to_string("life/_open_now.html", {"status": status})
    assert "Closed now" not in line and "Open now" not in line and "closed-now" not in line


def test_status_of_a_live_class_says_on_now_or_when_the_next_class_is():
    entry = make_entry("class", {1: [(T(9, 30), T(11))], 3: [(T(19), T(20, 30))]}, area=Area.EDUCATION)

    on = hours.status(entry, at(WORKING_TUESDAY, 10))
    assert on.open and on.live_class and on.text == "until 11:00"
    assert hours.status(entry, at(WORKING_TUESDAY, 12)).text == "next class at 19:00 on Thursday"
    assert hours.status(entry, at(PLAIN_WEDNESDAY, 12)).text == "next class at 19:00 tomorrow"
    on_line = render_to_string("life/_open_now.html", {"status": on})
    off_line = render_to_string("life/_open_now.html", {"status": hours.status(entry, at(WORKING_TUESDAY, 12))})
    assert "On now" in on_line and "Open now" not in on_line
    assert "Closed now" not in off_line and "closed-now" not in off_line and "Next class" in off_line
    with translation.override("zh-hans"):
        chinese = render_to_string("life/_open_now.html", {"status": hours.status(entry, at(PLAIN_WEDNESDAY, 12))})
    assert "下次上课" in chinese and "明天19:00" in chinese


def test_status_of_an_entry_open_around_the_clock_has_no_closing_time():
    entry = make_entry("nonstop", {d: [(T(0), T(0))] for d in range(7)})

    status = hours.status(entry, at(PLAIN_WEDNESDAY, 10))
    assert status.open and status.text == "open 24 hours"


def test_week_groups_days_and_shows_24_hours_and_spans_past_midnight():
    entry = make_entry("week", {**weekdays((T(8), T(17)), (T(18), T(20))), 5: [(T(20), T(2))], 6: [(T(0), T(0))]})

    assert hours.week(entry) == [
        ("Monday – Friday", "08:00–17:00, 18:00–20:00"),
        ("Saturday", "20:00–02:00 (next day)"),
        ("Sunday", "Open 24 hours"),
    ]


def test_status_on_a_public_holiday_says_which_hours_apply(holidays):
    entry = make_entry("holiday-note", weekdays((T(9), T(17))), holiday_hours=HolidayHours.CLOSED)

    status = hours.status(entry, at(HOLIDAY_MONDAY, 10))
    assert (status.open, status.text, status.holiday) == (
        False,
        "opens at 09:00 tomorrow",
        "Public holiday today: closed.",
    )
    assert hours.status(entry, at(WORKING_TUESDAY, 10)).holiday == ""


def test_the_status_line_partial_shows_open_or_closed_and_the_next_change(holidays):
    entry = make_entry("partial", weekdays((T(9), T(17))), holiday_hours=HolidayHours.SUNDAY)

    open_line = render_to_string("life/_open_now.html", {"status": hours.status(entry, at(WORKING_TUESDAY, 10))})
    closed_line = render_to_string("life/_open_now.html", {"status": hours.status(entry, at(HOLIDAY_MONDAY, 10))})

    assert "Open now" in open_line and "until 17:00" in open_line
    assert "Closed now" in closed_line and "opens at 09:00 tomorrow" in closed_line
    assert "Public holiday today: Sunday hours." in closed_line
    with translation.override("zh-hans"):
        chinese = render_to_string("life/_open_now.html", {"status": hours.status(entry, at(WORKING_TUESDAY, 10))})
    assert "至17:00" in chinese
