"""A deadline in a year the working-day calendar does not know (the chinese-calendar package has
no 2027 and no Calendar days row of 2027 was entered) is counted with weekends only: the
follow-up queue and the application queue warn staff to enter the State Council's calendar."""

import datetime

import pytest
from django.utils import translation

from services.applications.models import Application, CalendarDay
from services.applications.workdays import calendar_gap_warning, package_knows, unknown_calendar_years
from services.insights.models import FollowUp
from services.insights.ratings import rate
from tests.makers import make_submitted

from .conftest import decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_YEAR = datetime.date(2027, 1, 1)
WARNING = "Deadlines in 2027 are counted without that year&#x27;s public holidays"


@pytest.fixture(autouse=True)
def package_without_2027():
    assert not package_knows(2027)  # if a newer package knows it, these tests need a later year


def late_follow_up(world):
    app = decide(make_submitted(world["permit"]), world["officer"])
    follow_up = rate(app, 1, "Nobody called").follow_up
    FollowUp.objects.filter(pk=follow_up.pk).update(callback_due=NEW_YEAR, resolution_due=NEW_YEAR)
    return follow_up


def test_unknown_years_are_those_without_package_or_calendar_rows(world):
    assert unknown_calendar_years([datetime.date(2026, 12, 31), NEW_YEAR]) == [2027]
    CalendarDay.objects.create(date=datetime.date(2027, 2, 10), kind=CalendarDay.Kind.HOLIDAY)
    assert unknown_calendar_years([NEW_YEAR]) == []


def test_the_follow_up_queue_warns_of_a_call_back_due_in_an_unknown_year(client, world):
    late_follow_up(world)
    client.force_login(world["officer"])
    assert WARNING in client.get("/admin/insights/followup/").content.decode()
    CalendarDay.objects.create(date=datetime.date(2027, 2, 10), kind=CalendarDay.Kind.HOLIDAY)
    assert WARNING not in client.get("/admin/insights/followup/").content.decode()


def test_the_application_queue_warns_of_a_decision_due_in_an_unknown_year(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    assert WARNING not in client.get("/admin/applications/application/").content.decode()
    Application.objects.filter(pk=app.pk).update(decision_due=datetime.date(2027, 1, 15))
    body = client.get("/admin/applications/application/").content.decode()
    assert WARNING in body and ("Calendar days" in body or "calendar days" in body)


def test_the_warning_is_in_the_staff_members_language():
    with translation.override("zh-hans"):
        assert "2027年" in calendar_gap_warning([NEW_YEAR])
    assert calendar_gap_warning([datetime.date(2026, 5, 1)]) is None
