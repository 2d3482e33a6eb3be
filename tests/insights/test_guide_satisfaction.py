"""A guide shows its service's satisfaction (share of 4-5, one decimal) and the number of
ratings of the last 30 days once there are at least 10, "Not enough ratings yet" below; no
query more per guide. The figure comes from the daily figures (the roll-up), as the
performance page's does, so the two agree."""

import pytest
from django.utils import timezone

from services.applications.models import Application, Status
from services.insights import rollup
from services.insights.models import Rating
from services.lib.cache import forget_kept
from tests.makers import make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def service():
    return make_service(slug="permit", name_en="Residence permit")


def give(service, scores):
    for score in scores:
        app = Application.objects.create(
            service=service, department=service.department, status=Status.COMPLETED, applicant_name="A"
        )
        Rating.objects.create(application=app, service=service, department=service.department, score=score)
    rollup.roll_up(timezone.localdate())  # ratings count on the guide from the next roll-up
    forget_kept()


def guide(client, language="en"):
    from django.core.cache import cache

    cache.clear()
    return client.get(f"/{language}/services/permit/").content.decode()


def test_nine_ratings_are_not_enough(client, service):
    give(service, [5] * 9)
    body = guide(client)
    assert (
        "Satisfaction" in body and "Not enough ratings yet" in body and "%" not in body.split("Satisfaction")[1][:200]
    )


def test_ten_ratings_show_the_share_of_good_ones_and_the_count(client, service):
    give(service, [5, 5, 4, 4, 4, 4, 4, 3, 2, 1])
    assert "70.0% satisfied (rated 4 or 5), of 10 ratings in the last 30 days" in guide(client)


def test_the_share_has_one_decimal(client, service):
    give(service, [5] * 8 + [1, 2, 3])
    assert "72.7% satisfied (rated 4 or 5), of 11 ratings in the last 30 days" in guide(client)
    assert "近30天满意率72.7%（评为4或5），共11条评价" in guide(client, "zh-hans")


def test_another_services_ratings_do_not_count(client, service):
    give(make_service(slug="other"), [5] * 12)
    assert "Not enough ratings yet" in guide(client)


def test_a_kept_guide_takes_no_query_for_its_satisfaction(client, service, django_assert_max_num_queries):
    give(service, [5] * 10)
    guide(client)
    make_service(slug="passport", name_en="Passport")
    from django.core.cache import cache

    cache.clear()
    client.get("/en/services/permit/")  # the write above renewed the kept tables
    with django_assert_max_num_queries(4):
        assert "Not enough ratings yet" in client.get("/en/services/passport/").content.decode()


def test_a_rating_shows_on_the_guide_after_the_next_roll_up_as_on_the_performance_page(
    client, service, django_capture_on_commit_callbacks
):
    give(service, [5] * 13 + [1] * 4)
    assert "76.5% satisfied (rated 4 or 5), of 17 ratings" in guide(client)
    for _ in range(3):
        app = Application.objects.create(
            service=service, department=service.department, status=Status.COMPLETED, applicant_name="A"
        )
        Rating.objects.create(application=app, service=service, department=service.department, score=1)
    # Neither the page cache nor the figures kept in this process are emptied by hand: the
    # roll-up's "insights" version renews both.
    with django_capture_on_commit_callbacks(execute=True):
        rollup.roll_up(timezone.localdate())
    body = client.get("/en/services/permit/").content.decode()
    assert "65.0% satisfied (rated 4 or 5), of 20 ratings in the last 30 days" in body
    performance = client.get("/en/performance/service/permit/").content.decode()
    assert "<strong>65.0%</strong>" in performance and "(20 ratings)" in performance


def test_a_rating_not_yet_rolled_up_does_not_show(client, service):
    give(service, [5] * 10)
    app = Application.objects.create(
        service=service, department=service.department, status=Status.COMPLETED, applicant_name="A"
    )
    Rating.objects.create(application=app, service=service, department=service.department, score=1)
    forget_kept()
    assert "of 10 ratings in the last 30 days" in guide(client)
