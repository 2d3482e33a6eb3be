"""Rating from the tracking page, "My applications" and the final email's signed link: the form,
its errors in the user's language with nothing typed lost, the rating and follow-up shown once
given, and a 404 for anyone else."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from services.applications.notifications import RATING_LINK_SALT
from services.insights import followups
from services.insights.models import Rating
from services.insights.ratings import rate
from services.lib import sms
from tests.makers import make_submitted

from .conftest import decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def track(client, app):
    return client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code})


def rate_url(app, language="en"):
    return f"/{language}/rate/{app.reference}/"


def test_the_tracking_page_offers_the_form_once_decided_and_a_guest_rates_from_it(client, guest_completed):
    body = track(client, guest_completed).content.decode()
    assert "Rate this service" in body and 'name="score"' in body and "1 – Very bad" in body
    assert f'action="{rate_url(guest_completed)}"' in body
    response = client.post(
        rate_url(guest_completed),
        {"tracking_code": guest_completed.tracking_code, "score": "4", "comment": "Clear letters"},
    )
    assert response.status_code == 302 and response["Location"] == rate_url(guest_completed)
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.source) == (4, "Clear letters", Rating.Source.ONLINE)
    body = track(client, guest_completed).content.decode()
    assert "Your rating" in body and "4 – Good" in body and 'name="score"' not in body


def test_the_tracking_page_offers_no_form_before_a_decision(client, world):
    app = make_submitted(world["permit"])
    body = track(client, app).content.decode()
    assert 'name="score"' not in body
    assert client.get(rate_url(app)).status_code == 404  # tracking a running case gives no right to the page


def test_a_missing_score_is_a_specific_message_and_the_comment_is_kept(client, guest_completed):
    track(client, guest_completed)
    response = client.post(
        rate_url(guest_completed), {"tracking_code": guest_completed.tracking_code, "comment": "The clerk <was> late"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose how satisfied you are, from 1 (very bad) to 5 (very good)." in body
    assert "The clerk &lt;was&gt; late</textarea>" in body and "<title>Error:" in body
    assert not Rating.objects.exists()


def test_a_too_long_comment_says_its_length_and_comes_back_whole(client, guest_completed):
    track(client, guest_completed)
    text = "很慢" * 251
    response = client.post(
        rate_url(guest_completed), {"tracking_code": guest_completed.tracking_code, "score": "2", "comment": text}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "(it has 502)" in body and text in body


def test_errors_come_in_chinese_on_the_chinese_page(client, guest_completed):
    track(client, guest_completed)
    body = client.post(
        rate_url(guest_completed, "zh-hans"), {"tracking_code": guest_completed.tracking_code, "score": "9"}
    ).content.decode()
    assert "请选择满意程度" in body


def test_the_owner_rates_from_my_applications(client, citizen, completed, django_assert_max_num_queries):
    client.force_login(citizen)
    make_submitted(completed.service, owner=citizen)
    body = client.get("/en/applications/").content.decode()
    assert f'href="{rate_url(completed)}">Rate this service' in body
    detail = client.get(f"/en/applications/{completed.reference}/").content.decode()
    assert 'name="score"' in detail
    client.post(rate_url(completed), {"tracking_code": completed.tracking_code, "score": "5"})
    rating = Rating.objects.get()
    assert rating.source == Rating.Source.ONLINE and rating.score == 5
    with django_assert_max_num_queries(12):
        body = client.get("/en/applications/").content.decode()
    assert "5 – Very good" in body


def test_my_applications_costs_the_same_with_more_rated_applications(client, citizen, world, django_assert_num_queries):
    client.force_login(citizen)
    app = decide(make_submitted(world["permit"], owner=citizen), world["officer"])
    rate(app, 4, actor=citizen)
    client.get("/en/applications/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/en/applications/")
    for _ in range(3):
        rate(decide(make_submitted(world["permit"], owner=citizen), world["officer"]), 2, actor=citizen)
    with CaptureQueriesContext(connection) as four:
        client.get("/en/applications/")
    assert len(four) == len(one)


def test_another_citizen_gets_404_on_the_rate_page(client, other, completed):
    client.force_login(other)
    assert client.get(rate_url(completed)).status_code == 404
    assert client.post(rate_url(completed), {"score": "1"}).status_code == 404
    assert not Rating.objects.exists()


def test_an_anonymous_visitor_with_the_reference_alone_gets_404(client, guest_completed):
    assert client.get(rate_url(guest_completed)).status_code == 404
    assert client.post(rate_url(guest_completed), {"score": "1"}).status_code == 404


def test_a_second_rating_is_refused_and_the_first_kept(client, guest_completed):
    track(client, guest_completed)
    client.post(rate_url(guest_completed), {"tracking_code": guest_completed.tracking_code, "score": "5"})
    response = client.post(rate_url(guest_completed), {"tracking_code": guest_completed.tracking_code, "score": "1"})
    assert response.status_code == 400 and "already been rated" in response.content.decode()
    assert Rating.objects.get().score == 5


def test_a_bad_rating_shows_the_follow_up_deadlines_then_the_outcome(client, world, guest_completed):
    track(client, guest_completed)
    client.post(
        rate_url(guest_completed),
        {"tracking_code": guest_completed.tracking_code, "score": "1", "comment": "Lost my file"},
    )
    follow_up = Rating.objects.get().follow_up
    body = client.get(rate_url(guest_completed)).content.decode()
    assert "Follow-up by the department" in body and "Call-back due by" in body
    assert follow_up.callback_due.isoformat() in body and follow_up.resolution_due.isoformat() in body
    followups.act(follow_up, "contact", world["officer"])
    followups.act(follow_up, "not_resolved", world["officer"], note="The file was found; the fee stays by law.")
    body = track(client, guest_completed).content.decode()
    assert "Not resolved" in body and "Why it could not be resolved" in body
    assert "The file was found; the fee stays by law." in body


def final_email_link(mailoutbox):
    found = re.search(r"https://[^\s\"]+/rate-link/[^\s\"/]+/", mailoutbox[-1].body)
    assert found, mailoutbox[-1].body
    return found.group(0).split("://", 1)[1].split("/", 1)[1]


def test_the_final_email_carries_a_signed_link_that_rates_without_signing_in(
    client, world, citizen, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://services.haipu.example.gov.cn"
    app = make_submitted(world["permit"], owner=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        app = decide(app, world["officer"])
    assert "How did we do?" in mailoutbox[-1].body
    path = "/" + final_email_link(mailoutbox)
    assert path.startswith("/en/rate-link/")
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == rate_url(app)
    client.post(rate_url(app), {"score": "3"})
    assert Rating.objects.get().source == Rating.Source.LINK
    assert 'name="score"' not in client.get(path, follow=True).content.decode()  # once: the rating is shown


def test_only_the_final_email_asks_for_a_rating(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_submitted(world["permit"])
    assert "rate-link" not in mailoutbox[-1].body


def test_an_expired_link_says_so_and_points_to_tracking(client, guest_completed, settings):
    settings.RATING_LINK_DAYS = 0
    token = signing.dumps(guest_completed.reference, salt=RATING_LINK_SALT)
    import time

    time.sleep(1.1)
    response = client.get(reverse("insights:rate-link", args=[token]))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_a_forged_link_is_a_404(client, guest_completed):
    token = signing.dumps(guest_completed.reference, salt="something else")
    assert client.get(reverse("insights:rate-link", args=[token])).status_code == 404
    assert client.get("/en/rate-link/HP26AAAAAAAAA/").status_code == 404


def test_the_final_sms_asks_for_a_rating_on_the_tracking_page(world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://zwfw.haipu.gov.cn"
    app = make_submitted(world["permit"], contact_email="", contact_phone="13912345678", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        decide(app, world["officer"])
    assert "欢迎评价：zwfw.haipu.gov.cn" in sms.outbox[-1][1]


def test_the_owner_cannot_rate_before_the_decision(client, citizen, world):
    app = make_submitted(world["permit"], owner=citizen)
    client.force_login(citizen)
    body = client.get(rate_url(app)).content.decode()
    assert "once a final decision has been made" in body and 'name="score"' not in body
    response = client.post(rate_url(app), {"score": "5"})
    assert response.status_code == 400 and "once a final decision has been made" in response.content.decode()
    assert not Rating.objects.exists()


def test_someone_signed_in_who_tracked_it_with_its_code_rates_for_the_applicant(client, other, completed):
    client.force_login(other)
    track(client, completed)
    response = client.post(rate_url(completed), {"tracking_code": completed.tracking_code, "score": "4"})
    assert response.status_code == 302 and Rating.objects.get().score == 4


def test_tracking_a_running_application_reads_no_rating(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    app = make_submitted(world["permit"])
    track(client, app)
    with CaptureQueriesContext(connection) as seen:
        track(client, app)
    assert not [q for q in seen.captured_queries if "insights_rating" in q["sql"]]


def test_a_wrong_code_sent_with_a_rating_is_a_404_and_counts_against_the_tracking_limit(
    client, guest_completed, settings
):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 2
    for _ in range(2):
        response = client.post(rate_url(guest_completed), {"tracking_code": "AAAAAAAA", "score": "1"})
        assert response.status_code == 404
    response = client.post(rate_url(guest_completed), {"tracking_code": guest_completed.tracking_code, "score": "1"})
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert not Rating.objects.exists()


def test_tracking_a_decided_application_writes_no_session(client, guest_completed):
    body = track(client, guest_completed).content.decode()
    assert f'name="tracking_code" value="{guest_completed.tracking_code}"' in body
    assert "sessionid" not in client.cookies
