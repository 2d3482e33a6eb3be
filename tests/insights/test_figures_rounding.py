"""Every figure on the performance pages and the guide is rounded half up by one helper
(services.insights.numbers): 2.272 is "2.3" in the chart as in the table, 2.96 is "3.0"; the
channels' shares add up to 100 (largest remainder); a window without applications says so; a
service no longer published is listed among the busiest without a link."""

import types

import pytest
from django.utils import timezone

from services.insights import figures, numbers, performance
from services.insights.models import DailyFigure
from tests.makers import make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_numbers_are_rounded_half_up_not_cut_off():
    assert numbers.decimal(2.272, 1) == "2.3"
    assert numbers.decimal(2.96, 1) == "3.0"
    assert numbers.decimal(2.25, 1) == "2.3"
    assert numbers.decimal(0.5) == "1"
    assert numbers.percent(1, 8) == "13%"  # 12.5: widthratio gave 12
    assert numbers.percent(13, 17, 1) == "76.5%"
    assert numbers.percent(0, 0) == "–"


def test_whole_percents_add_up_to_100_by_the_largest_remainder():
    # 67.6 / 23.6 / 8.8: rounding each gives 68 + 24 + 9 = 101. Whole parts 67 + 23 + 8 = 98;
    # the two points left go to the largest remainders, .8 (post) then the first .6 (online).
    assert numbers.whole_percents([676, 236, 88]) == [68, 23, 9]
    assert numbers.whole_percents([1, 1, 1]) == [34, 33, 33]
    assert numbers.whole_percents([0, 0, 0]) == [None, None, None]
    assert numbers.whole_percents([5, 0, 0]) == [100, 0, 0]


def test_the_decision_chart_rounds_as_the_table_does():
    totals = figures.Totals(decided=25, decision_working_days=74, promised_working_days=57)  # 2.96 and 2.28
    chart = str(performance._decision_chart(types.SimpleNamespace(totals=totals)))
    assert "3.0" in chart and "2.3" in chart
    assert "2.9" not in chart and "2.2" not in chart


def figure(service, channel, submitted, day=None):
    return DailyFigure.objects.create(
        day=day or timezone.localdate(),
        service=service,
        department=service.department,
        channel=channel,
        submitted=submitted,
        computed_at=timezone.now(),
    )


def test_the_channel_shares_shown_add_up_to_100(client):
    service = make_service(slug="permit")
    for channel, n in (("online", 676), ("counter", 236), ("post", 88)):
        figure(service, channel, n)
    assert [s.percent for s in figures.for_city().shares] == [68, 23, 9]
    html = client.get("/en/performance/").content.decode()
    assert ">68%<" in html and ">23%<" in html and ">9%<" in html
    assert "24%" not in html


def test_a_service_without_applications_says_so_under_its_day_chart(client):
    make_service(slug="quiet")
    html = client.get("/en/performance/service/quiet/").content.decode()
    assert "No applications in these 30 days." in html
    assert "the most on" not in html


def test_an_unpublished_busy_service_is_listed_without_a_link(client):
    gone = make_service(slug="iit-special-deductions", name_en="Special deductions")
    figure(gone, "online", 40)
    gone.published = False
    gone.save()
    for url in ("/en/performance/", f"/en/performance/{gone.department.slug}/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Special deductions" in html
        assert "/performance/service/iit-special-deductions/" not in html
    assert "The open data lists the figures of published services only" in html
