"""Offline applications in the officers' queue and the admin panel (issue 10, point 9): each
application's channel and centre as columns and filters, in the CSV export, and today's intake by
channel on the admin home page, each count opening the queue filtered that way."""

import datetime

import pytest
from django.utils import timezone, translation

from services.applications.models import Application
from services.applications.templatetags.staff_panel import staff_panel
from tests.makers import make_centre, make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

QUEUE = "/admin/applications/application/"


def make_offline(service, channel, centre, clerk=None, **kw):
    """A submitted application recorded as registered at `centre` (how the clerk's pages record
    it is tested in test_counter_intake.py and test_postal.py; the queue only reads the columns)."""
    app = make_submitted(service, **kw)
    Application.objects.filter(pk=app.pk).update(channel=channel, centre=centre, registered_by=clerk)
    app.refresh_from_db()
    return app


@pytest.fixture
def offline(world):
    """PSB's permit handled at two centres: one application online, two at the Jiangxin counter
    (registered by the clerk), one by post at Jinghu received yesterday; one Civil Affairs
    application at Jiangxin that PSB's officer must not see."""
    permit = world["permit"]
    jiangxin = make_centre(slug="jiangxin", name_en="Jiangxin Centre", services=[permit, world["marriage"]])
    jinghu = make_centre(slug="jinghu", name_en="Jinghu Centre", services=[permit])
    make_centre(slug="elsewhere", name_en="Centre for other things")
    clerk = world["clerk"]
    online = make_submitted(permit)
    counter = [make_offline(permit, "counter", jiangxin, clerk, applicant_name=f"Counter {n}") for n in range(2)]
    post = make_offline(permit, "post", jinghu, clerk, applicant_name="Postal")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Application.objects.filter(pk=post.pk).update(submitted_at=yesterday, received_on=yesterday.date())
    make_offline(world["marriage"], "counter", jiangxin, applicant_name="Civil")
    return {"online": online, "counter": counter, "post": post, "jiangxin": jiangxin, "jinghu": jinghu}


def queue(client, user, params=None):
    client.force_login(user)
    response = client.get(QUEUE, params or {})
    assert response.status_code == 200
    return response.content.decode()


def row_of(body, app):
    return next(row for row in body.split("<tr") if app.reference in row)


def test_queue_shows_each_applications_channel_and_centre(client, world, offline):
    body = queue(client, world["officer"])
    assert 'class="sortable column-centre_name">' in body
    row = row_of(body, offline["counter"][0])
    assert "At a service centre" in row and '<td class="field-centre_name">Jiangxin Centre</td>' in row
    row = row_of(body, offline["post"])
    assert "By post" in row and '<td class="field-centre_name">Jinghu Centre</td>' in row
    row = row_of(body, offline["online"])
    assert "Online" in row and '<td class="field-centre_name">—</td>' in row


def test_queue_filters_by_centre(client, world, offline):
    body = queue(client, world["officer"], {"centre": offline["jiangxin"].pk})
    assert offline["counter"][0].reference in body and offline["counter"][1].reference in body
    assert offline["post"].reference not in body and offline["online"].reference not in body
    assert "Civil" not in body  # another department's, at the same centre


def test_queue_filter_online_means_no_centre(client, world, offline):
    body = queue(client, world["officer"], {"centre": "none"})
    assert offline["online"].reference in body
    assert offline["post"].reference not in body and offline["counter"][0].reference not in body


def test_centre_filter_offers_the_centres_that_handle_the_departments_services(client, world, offline):
    body = queue(client, world["officer"])
    filters = body.split('id="changelist-filter"')[1]
    assert "Jiangxin Centre" in filters and "Jinghu Centre" in filters
    assert "Centre for other things" not in filters


def test_a_forged_centre_value_is_ignored_not_an_error(client, world, offline):
    for value in ("abc", "99999", "1;DROP"):
        body = queue(client, world["officer"], {"centre": value})
        assert offline["online"].reference in body


def test_queue_filters_by_channel(client, world, offline):
    body = queue(client, world["officer"], {"channel__exact": "post"})
    assert offline["post"].reference in body and offline["online"].reference not in body


def test_queue_filters_by_day_received(client, world, offline):
    body = queue(client, world["officer"], {"received": "today"})
    assert offline["online"].reference in body and offline["counter"][0].reference in body
    assert offline["post"].reference not in body  # it arrived yesterday


def test_export_has_the_centre(client, world, offline):
    client.force_login(world["officer"])
    response = client.get(f"{QUEUE}export/", {"channel__exact": "post"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",centre_zh,centre_en")
    assert lines[1].endswith(",Jinghu Centre")


def test_panel_counts_todays_intake_by_channel(world, offline):
    with translation.override("en"):
        panel = staff_panel(world["officer"])
    assert {row["label"]: row["count"] for row in panel["intake"]} == {
        "Online": 1,
        "At a service centre": 2,
        "By post": 0,  # received yesterday
    }
    assert panel["intake_total"] == 3


def test_panel_intake_counts_open_the_queue_filtered_by_channel(client, world, offline):
    client.force_login(world["officer"])
    body = client.get("/admin/").content.decode()
    link = f"{QUEUE}?channel__exact=counter&amp;received=today"
    assert f'<a href="{link}">2</a>' in body
    listing = client.get(link.replace("&amp;", "&")).content.decode()
    assert offline["counter"][0].reference in listing and offline["online"].reference not in listing


def test_queue_query_count_does_not_grow_with_centres(client, world, offline, django_assert_max_num_queries):
    for _ in range(40):
        centre = make_centre(services=[world["permit"]])
        make_offline(world["permit"], "counter", centre, world["clerk"])
    client.force_login(world["officer"])
    with django_assert_max_num_queries(15):
        response = client.get(QUEUE)
    assert len(response.context["cl"].result_list) == 44
