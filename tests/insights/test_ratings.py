"""ratings.rate and access.may_rate: once per application, only after a final decision, only
the applicant or a clerk for a counter case; a 1-2 opens a follow-up."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from services.applications import access
from services.insights import ratings
from services.insights.models import FollowUp, Rating
from services.insights.ratings import RatingError, rate
from tests.makers import make_centre, make_submitted

from .conftest import clerk_at, counter_case, decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def request_of(user=None, session=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = session if session is not None else {}
    return request


def test_a_completed_application_is_rated_once(completed, citizen):
    rating = rate(completed, 5, "Quick and kind", actor=citizen)
    assert (rating.score, rating.comment, rating.source) == (5, "Quick and kind", Rating.Source.ONLINE)
    assert rating.service_id == completed.service_id and rating.department_id == completed.department_id
    with pytest.raises(RatingError, match="already been rated"):
        rate(completed, 4, actor=citizen)
    assert Rating.objects.count() == 1


@pytest.mark.parametrize("outcome", ["reject", "refuse"])
def test_a_rejected_or_refused_application_may_be_rated(world, citizen, outcome):
    app = decide(make_submitted(world["permit"], owner=citizen), world["officer"], outcome)
    assert rate(app, 3, actor=citizen).score == 3


def test_an_application_without_a_final_decision_cannot_be_rated(world, citizen):
    app = make_submitted(world["permit"], owner=citizen)
    with pytest.raises(RatingError, match="once a final decision"):
        rate(app, 5, actor=citizen)
    assert not access.may_rate(request_of(citizen), app)


def test_a_good_or_average_rating_opens_no_follow_up(completed, citizen):
    rate(completed, 3, actor=citizen)
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("score", [1, 2])
def test_a_bad_rating_opens_a_follow_up_for_the_department(completed, citizen, score):
    rating = rate(completed, score, "Lost my papers", actor=citizen)
    follow_up = rating.follow_up
    assert follow_up.department_id == completed.department_id and follow_up.status == FollowUp.Status.OPEN
    assert [e.to_status for e in follow_up.events.all()] == [FollowUp.Status.OPEN]


@pytest.mark.parametrize("score", [0, 6, "", "five", None])
def test_a_score_off_the_scale_is_refused_with_a_message(completed, citizen, score):
    with pytest.raises(RatingError, match="from 1 \\(very bad\\) to 5 \\(very good\\)"):
        rate(completed, score, actor=citizen)


def test_a_comment_over_500_characters_is_refused_with_its_length(completed, citizen):
    with pytest.raises(RatingError, match="500 characters \\(it has 501\\)"):
        rate(completed, 2, "x" * 501, actor=citizen)
    assert rate(completed, 2, "x" * 500, actor=citizen).comment == "x" * 500


def test_another_citizen_may_not_rate(completed, other):
    assert not access.may_rate(request_of(other), completed)
    with pytest.raises(RatingError, match="Only the applicant"):
        rate(completed, 1, actor=other)


def test_the_owner_may_rate_and_nobody_after_it_is_rated(completed, citizen):
    assert access.may_rate(request_of(citizen), completed)
    rate(completed, 4, actor=citizen)
    assert not access.may_rate(request_of(citizen), access._submitted(completed.reference))


def test_a_browser_that_tracked_it_with_its_code_may_rate(guest_completed):
    request = request_of()
    assert not access.may_rate(request, guest_completed)
    access.remember_rater(request, guest_completed)
    assert access.may_rate(request, guest_completed)


def test_a_clerk_records_a_rating_only_for_a_counter_application_of_their_centre(world):
    centre = make_centre(slug="huangpu-centre", services=[world["permit"]])
    clerk = clerk_at(world, centre)
    counter_app = counter_case(world, centre, clerk)
    online_app = decide(make_submitted(world["permit"]), world["officer"])
    assert access.may_rate(request_of(clerk), counter_app)
    assert not access.may_rate(request_of(clerk), online_app)
    with pytest.raises(RatingError, match="Only a clerk of the centre"):
        rate(online_app, 5, actor=clerk, source=Rating.Source.COUNTER)
    rating = rate(counter_app, 1, "Waited two hours", actor=clerk, source=Rating.Source.COUNTER)
    assert rating.recorded_by == clerk and rating.follow_up.status == FollowUp.Status.OPEN


def test_a_clerk_of_another_centre_may_not_record_it(world):
    centre = make_centre(slug="huangpu-centre", services=[world["permit"]])
    elsewhere = make_centre(slug="pudong-centre", services=[world["permit"]])
    app = counter_case(world, centre, clerk_at(world, centre))
    clerk = clerk_at(world, elsewhere)
    assert not access.may_rate(request_of(clerk), app)
    with pytest.raises(RatingError):
        rate(app, 5, actor=clerk, source=Rating.Source.COUNTER)


def test_comment_is_kept_trimmed(completed, citizen):
    assert ratings.rate(completed, 5, "  Fine.  ", actor=citizen).comment == "Fine."
