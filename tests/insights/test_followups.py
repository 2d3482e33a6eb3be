"""followups: deadlines in working days (across a weekend and a public holiday), the steps and
their records, the version check, who may act, overdue."""

import datetime

import pytest

from services.insights import followups
from services.insights.followups import FollowUpError
from services.insights.models import FollowUp
from services.insights.ratings import rate
from tests.makers import make_staff, make_submitted

from .conftest import at, decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def bad_rating(world, when=None, **kw):
    app = decide(make_submitted(world["permit"]), world["officer"])
    return rate(app, 1, "Rude at the counter", now=when, **kw).follow_up


def test_a_friday_rating_is_called_back_on_monday(world):
    follow_up = bad_rating(world, at(datetime.date(2024, 3, 1)))  # a Friday
    assert follow_up.callback_due == datetime.date(2024, 3, 4)
    assert follow_up.resolution_due == datetime.date(2024, 3, 22)  # 15 working days: three weeks


def test_deadlines_skip_the_national_day_holiday(world):
    # Monday 30 September 2024; 1-7 October are public holidays, Saturday 12 October a make-up day.
    follow_up = bad_rating(world, at(datetime.date(2024, 9, 30)))
    assert follow_up.callback_due == datetime.date(2024, 10, 8)
    assert follow_up.resolution_due == datetime.date(2024, 10, 25)


def test_contact_then_resolve_records_each_step_and_the_outcome(world):
    officer = world["officer"]
    follow_up = bad_rating(world)
    follow_up = followups.act(follow_up, "contact", officer, note="Called, apologised.")
    assert follow_up.status == FollowUp.Status.CONTACTED and follow_up.contacted_at and follow_up.assignee == officer
    follow_up = followups.act(follow_up, "resolve", officer, note="The clerk was retrained.")
    assert follow_up.status == FollowUp.Status.RESOLVED and follow_up.closed_at
    assert follow_up.outcome == "The clerk was retrained."
    steps = [(e.from_status, e.to_status, e.actor) for e in follow_up.events.all()]
    assert steps == [("", "open", None), ("open", "contacted", officer), ("contacted", "resolved", officer)]


def test_not_resolved_needs_a_reason(world):
    follow_up = bad_rating(world)
    with pytest.raises(FollowUpError, match="Give the reason"):
        followups.act(follow_up, "not_resolved", world["officer"], note="  ")
    follow_up = followups.act(follow_up, "not_resolved", world["officer"], note="The law requires the fee.")
    assert follow_up.status == FollowUp.Status.NOT_RESOLVED and follow_up.outcome == "The law requires the fee."


def test_resolve_before_contact_is_refused(world):
    with pytest.raises(FollowUpError, match="not possible while the follow-up is “Open”"):
        followups.act(bad_rating(world), "resolve", world["officer"], note="Done")


def test_two_officers_cannot_both_act_on_what_they_saw(world):
    follow_up = bad_rating(world)
    seen = follow_up.version
    followups.act(follow_up, "contact", world["officer"], expected_version=seen)
    with pytest.raises(FollowUpError, match="Someone else changed this follow-up"):
        followups.act(follow_up, "contact", world["colleague"], expected_version=seen)
    assert follow_up.events.count() == 2


def test_another_department_and_a_supervisor_may_not_act(world):
    follow_up = bad_rating(world)
    for user in (world["other_officer"], world["supervisor"], world["deptadmin"]):
        with pytest.raises(FollowUpError, match="You may not act"):
            followups.act(follow_up, "contact", user)


def test_an_unknown_step_is_a_programming_error(world):
    with pytest.raises(ValueError, match="no step called 'close'"):
        followups.act(bad_rating(world), "close", world["officer"])


def test_overdue_counts_a_missed_call_back_and_a_missed_resolution(world):
    follow_up = bad_rating(world, at(datetime.date(2024, 3, 1)))  # call-back Mon 4 March, resolution 22 March
    assert not followups.overdue(datetime.date(2024, 3, 4)).exists()
    assert list(followups.overdue(datetime.date(2024, 3, 5))) == [follow_up]
    assert followups.lateness(follow_up, datetime.date(2024, 3, 5)) == "callback"
    follow_up = followups.act(follow_up, "contact", world["officer"], now=at(datetime.date(2024, 3, 5)))
    assert not followups.overdue(datetime.date(2024, 3, 22)).exists()
    assert list(followups.overdue(datetime.date(2024, 3, 25))) == [follow_up]
    assert followups.lateness(follow_up, datetime.date(2024, 3, 25)) == "resolution"
    followups.act(follow_up, "resolve", world["officer"], note="Fixed")
    assert not followups.overdue(datetime.date(2024, 4, 30)).exists()


def test_due_or_overdue_includes_the_deadline_day(world):
    bad_rating(world, at(datetime.date(2024, 3, 1)))
    assert not followups.due_or_overdue(datetime.date(2024, 3, 1)).exists()
    assert followups.due_or_overdue(datetime.date(2024, 3, 4)).count() == 1


def test_the_citizen_is_emailed_the_outcome_when_it_is_closed(world, mailoutbox, django_capture_on_commit_callbacks):
    follow_up = bad_rating(world)
    followups.act(follow_up, "contact", world["officer"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        followups.act(follow_up, "resolve", world["officer"], note="We refunded the fee.")
    assert len(mailoutbox) == 1
    assert "We refunded the fee." in mailoutbox[0].body and "resolved it" in mailoutbox[0].body


def test_an_officer_in_a_second_department_cannot_act_either(world):
    stranger = make_staff("stranger", "Case officer", world["civil"])
    with pytest.raises(FollowUpError):
        followups.act(bad_rating(world), "contact", stranger)
