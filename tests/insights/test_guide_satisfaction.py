"""A guide shows its service's satisfaction (share of 4-5, one decimal) and the number of
ratings once there are at least 10, "Not enough ratings yet" below; no query more per guide."""

import pytest

from services.applications.models import Application, Status
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
    forget_kept()  # ratings count on the guide once the catalogue changes (or the process restarts)


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
    assert "70.0% satisfied (rated 4 or 5), of 10 ratings" in guide(client)


def test_the_share_has_one_decimal(client, service):
    give(service, [5] * 8 + [1, 2, 3])
    assert "72.7% satisfied (rated 4 or 5), of 11 ratings" in guide(client)
    assert "满意率72.7%（评为4或5），共11条评价" in guide(client, "zh-hans")


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
