"""The follow-up queue in the admin: each department's own (supervisors read all), overdue
marks, filters, the citizen's comment and the application linked, steps with a version check,
bounded queries; and the counter page where a clerk records a rating."""

import datetime

import pytest

from services.insights import followups
from services.insights.models import FollowUp, Rating
from services.insights.ratings import rate
from tests.makers import make_centre, make_submitted

from .conftest import at, clerk_at, counter_case, decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

QUEUE = "/admin/insights/followup/"


def bad(world, service=None, when=None, comment="Nobody answered the phone"):
    app = decide(make_submitted(service or world["permit"]), world["officer"] if service is None else None)
    return rate(app, 1, comment, now=when).follow_up


def civil_bad(world):
    from services.applications import lifecycle

    app = make_submitted(world["marriage"])
    officer = world["other_officer"]
    for name in ("accept", "start_review", "approve", "complete"):
        app = lifecycle.act(app, name, officer)
    return rate(app, 2, "Too slow").follow_up


def test_an_officer_sees_only_their_departments_follow_ups(client, world):
    mine, theirs = bad(world), civil_bad(world)
    client.force_login(world["officer"])
    body = client.get(QUEUE).content.decode()
    assert mine.rating.application.reference in body and theirs.rating.application.reference not in body
    assert client.get(f"{QUEUE}{theirs.pk}/change/").status_code == 404
    assert client.post(f"{QUEUE}{theirs.pk}/act/contact/", {"contact-version": 0}).status_code == 404
    assert FollowUp.objects.get(pk=theirs.pk).status == FollowUp.Status.OPEN


def test_a_supervisor_reads_every_department_but_takes_no_step(client, world):
    mine, theirs = bad(world), civil_bad(world)
    client.force_login(world["supervisor"])
    body = client.get(QUEUE).content.decode()
    assert mine.rating.application.reference in body and theirs.rating.application.reference in body
    page = client.get(f"{QUEUE}{mine.pk}/change/").content.decode()
    assert "Nobody answered the phone" in page and "Record the call-back</h2>" not in page


def test_the_queue_marks_overdue_follow_ups_and_filters_them(client, world):
    late = bad(world, when=at(datetime.date(2024, 3, 1)))
    fresh = bad(world)
    client.force_login(world["officer"])
    body = client.get(QUEUE).content.decode()
    assert body.count('class="overdue"') == 2  # the late one's call-back and resolution
    body = client.get(QUEUE + "?late=overdue").content.decode()
    assert late.rating.application.reference in body and fresh.rating.application.reference not in body
    body = client.get(QUEUE + "?status=contacted").content.decode()
    assert late.rating.application.reference not in body


def test_the_queue_costs_the_same_with_more_follow_ups(client, world, django_assert_max_num_queries):
    for _ in range(3):
        bad(world)
    client.force_login(world["officer"])
    client.get(QUEUE)
    with django_assert_max_num_queries(12) as few:
        client.get(QUEUE)
    for _ in range(10):
        bad(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(QUEUE).status_code == 200


def test_the_page_shows_the_comment_and_links_the_application(client, world):
    follow_up = bad(world)
    client.force_login(world["officer"])
    body = client.get(f"{QUEUE}{follow_up.pk}/change/").content.decode()
    app = follow_up.rating.application
    assert "Nobody answered the phone" in body and f"/admin/applications/application/{app.pk}/change/" in body
    assert "13800138000" in body and "Record the call-back</h2>" in body


def test_an_officer_contacts_then_resolves_on_the_page(client, world):
    follow_up = bad(world)
    client.force_login(world["officer"])
    url = f"{QUEUE}{follow_up.pk}/act/"
    response = client.post(url + "contact/", {"contact-version": 0, "contact-note": "Called at 10:00"})
    assert response.status_code == 302
    response = client.post(url + "resolve/", {"resolve-version": 1, "resolve-note": ""})
    assert response.status_code == 400 and "Say what was done" in response.content.decode()
    response = client.post(url + "resolve/", {"resolve-version": 1, "resolve-note": "A new clerk answers the phone."})
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.RESOLVED and follow_up.outcome == "A new clerk answers the phone."


def test_a_stale_page_cannot_act_twice(client, world):
    follow_up = bad(world)
    followups.act(follow_up, "contact", world["colleague"])
    client.force_login(world["officer"])
    response = client.post(
        f"{QUEUE}{follow_up.pk}/act/not_resolved/", {"not_resolved-version": 0, "not_resolved-note": "No."}
    )
    assert response.status_code == 400 and "Someone else changed this follow-up" in response.content.decode()
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.CONTACTED


def test_a_clerk_records_a_rating_given_at_the_counter(client, world):
    centre = make_centre(slug="huangpu-centre", services=[world["permit"]])
    clerk = clerk_at(world, centre)
    app = counter_case(world, centre, clerk)
    client.force_login(clerk)
    assert (
        "Record a rating given at the counter"
        in client.get("/admin/applications/application/counter/").content.decode()
    )
    response = client.post("/admin/insights/rating/counter/", {"reference": app.reference.lower()})
    assert response.status_code == 302 and response["Location"].endswith(f"/counter/{app.reference}/")
    response = client.post(response["Location"], {"comment": "Queue was long"})
    assert response.status_code == 400 and "Choose how satisfied you are" in response.content.decode()
    assert "Queue was long</textarea>" in response.content.decode()
    client.post(f"/admin/insights/rating/counter/{app.reference}/", {"score": "2", "comment": "Queue was long"})
    rating = Rating.objects.get()
    assert rating.source == Rating.Source.COUNTER and rating.recorded_by == clerk
    assert rating.follow_up.status == FollowUp.Status.OPEN


def test_a_clerk_cannot_rate_an_online_application_or_another_centres(client, world):
    centre = make_centre(slug="huangpu-centre", services=[world["permit"]])
    other = make_centre(slug="pudong-centre", services=[world["permit"]])
    theirs = counter_case(world, other, clerk_at(world, other))
    online = decide(make_submitted(world["permit"]), world["officer"])
    clerk = clerk_at(world, centre)
    client.force_login(clerk)
    for app in (theirs, online):
        response = client.post("/admin/insights/rating/counter/", {"reference": app.reference})
        assert response.status_code == 400
        assert "No counter or postal application of your centre" in response.content.decode()
        assert client.get(f"/admin/insights/rating/counter/{app.reference}/").status_code == 404


def test_an_officer_without_a_counter_gets_404_on_the_counter_page(client, world):
    client.force_login(world["officer"])
    assert client.get("/admin/insights/rating/counter/").status_code == 404


def test_the_ratings_list_shows_the_departments_own(client, world):
    mine, theirs = bad(world), civil_bad(world)
    client.force_login(world["officer"])
    response = client.get("/admin/insights/rating/")
    body = response.content.decode()
    assert response.status_code == 200
    assert mine.rating.application.reference in body and theirs.rating.application.reference not in body
