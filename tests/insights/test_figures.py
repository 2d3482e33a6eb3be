"""The performance pages' numbers (services.insights.figures), read from the roll-up of the
hand-counted March (tests/insights/figures_world.py): totals, rates, averages against the
promise, shares, days without applications, today provisional, the window's edges."""

import datetime

import pytest

from services.insights import figures, rollup
from services.insights.models import DailyFigure
from tests.insights.figures_world import at, make_march, march

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def rolled(world):
    make_march(world)
    rollup.roll_up_days(march(1), march(25), now=at(25, 18))
    return world


def test_the_city_totals_are_the_hand_counted_ones(rolled):
    totals = figures.for_city(today=march(25)).totals
    assert (totals.submitted, totals.decided, totals.decided_on_time, totals.completed) == (8, 3, 2, 1)
    assert (totals.decision_working_days, totals.promised_working_days) == (3 + 13 + 10, 30)
    assert totals.on_time_rate == pytest.approx(2 / 3)
    assert totals.average_working_days == pytest.approx(26 / 3)
    assert totals.average_promised_days == 10


def test_applications_per_day_cover_thirty_days_with_zeros_for_days_without_applications(rolled):
    city = figures.for_city(today=march(25))
    assert len(city.days) == 30 and city.days[0].day == datetime.date(2024, 2, 25) and city.days[-1].day == march(25)
    per_day = {d.day.day: (d.by_channel, d.total) for d in city.days if d.day.month == 3}
    assert per_day[4] == ({"online": 4, "counter": 1, "post": 0}, 5)
    assert per_day[5] == ({"online": 2, "counter": 0, "post": 0}, 2)  # F and the marriage registration
    assert per_day[6] == ({"online": 0, "counter": 0, "post": 1}, 1)
    assert per_day[7] == ({"online": 0, "counter": 0, "post": 0}, 0)
    assert sum(d.total for d in city.days) == 8


def test_the_share_by_channel_adds_up_to_the_whole(rolled):
    shares = {s.channel: (s.count, s.share) for s in figures.for_city(today=march(25)).shares}
    assert shares == {"online": (6, 0.75), "counter": (1, 0.125), "post": (1, 0.125)}


def test_only_today_is_provisional_and_its_roll_up_time_is_known(rolled):
    city = figures.for_city(today=march(25))
    assert [d.day for d in city.days if d.provisional] == [march(25)]
    assert city.today_computed_at == at(25, 18)


def test_today_not_rolled_up_yet_is_said_so(rolled):
    assert figures.for_city(today=march(26)).today_computed_at is None


def test_the_window_leaves_out_days_older_than_thirty(rolled):
    # From 3 April the window starts on 5 March: the five applications of the 4th are out.
    city = figures.for_city(today=datetime.date(2024, 4, 3))
    assert city.first == march(5)
    assert city.totals.submitted == 3


def test_the_busiest_services_are_ordered_by_applications(rolled):
    city = figures.for_city(today=march(25))
    assert [(s.slug, n) for s, n in city.busiest] == [("permit", 7), ("marriage", 1)]


def test_a_department_counts_only_its_own_services(rolled):
    psb = figures.for_department(rolled["psb"], today=march(25))
    civil = figures.for_department(rolled["civil"], today=march(25))
    assert (psb.totals.submitted, psb.totals.decided) == (7, 3)
    assert (civil.totals.submitted, civil.totals.decided, civil.totals.on_time_rate) == (1, 0, None)
    assert [s.slug for s, _ in civil.busiest] == ["marriage"]


def test_a_service_has_its_own_figures_and_no_busiest_list(rolled):
    permit = figures.for_service(rolled["permit"], today=march(25))
    assert (permit.totals.submitted, permit.totals.decided_on_time, permit.busiest) == (7, 2, [])


def test_satisfaction_is_a_share_only_from_ten_ratings(rolled):
    totals = figures.for_city(today=march(25)).totals
    assert (totals.ratings, totals.ratings_good, totals.satisfaction) == (2, 1, None)
    DailyFigure.objects.create(
        day=march(20),
        service=rolled["marriage"],
        department=rolled["civil"],
        channel="online",
        ratings=8,
        ratings_good=6,
    )
    totals = figures.for_city(today=march(25)).totals
    assert (totals.ratings, totals.ratings_good, totals.satisfaction) == (10, 7, 0.7)


def test_every_department_is_listed_with_its_totals(rolled):
    rows = {d.slug: t.submitted for d, t in figures.by_department(today=march(25))}
    assert rows == {"psb": 7, "civil": 1}


def test_a_departments_services_are_listed_busiest_first(rolled, world):
    from tests.makers import make_service

    make_service(slug="idle", department=world["psb"])
    rows = [(s.slug, t.submitted) for s, t in figures.by_service(world["psb"], today=march(25))]
    assert rows == [("permit", 7), ("idle", 0)]


def test_without_any_roll_up_every_figure_is_zero_or_none(db):
    city = figures.for_city(today=march(25))
    assert city.totals.submitted == 0 and city.totals.on_time_rate is None and city.busiest == []
    assert all(s.share is None for s in city.shares)
    assert city.computed_at is None


def test_the_figures_cost_a_few_queries(rolled, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # by day and channel, by service, the busiest services
        figures.for_city(today=march(25))
