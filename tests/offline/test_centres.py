import datetime

import pytest

from services.offline.models import OpeningHours
from tests.makers import make_centre, make_department, make_district, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres():
    pudong = make_district(slug="pudong", name_en="Pudong", name_zh="浦东新区")
    xuhui = make_district(slug="xuhui", name_en="Xuhui", name_zh="徐汇区")
    dept = make_department(name_en="Civil Affairs")
    marriage = make_service(slug="marriage", name_en="Marriage registration", department=dept)
    hidden = make_service(slug="hidden", name_en="Hidden", department=dept, published=False)
    a = make_centre(
        slug="pudong-centre",
        name_en="Pudong Citizen Centre",
        district=pudong,
        services=[marriage, hidden],
        accessibility_en="Step-free entrance on the east side.",
    )
    OpeningHours.objects.create(centre=a, weekday=5, opens=datetime.time(9), closes=datetime.time(12))
    make_centre(slug="xuhui-centre", name_en="Xuhui Citizen Centre", district=xuhui)
    return a


def test_directory_lists_all_centres_with_hours(client, centres):
    body = client.get("/en/centres/").content.decode()
    assert "Pudong Citizen Centre" in body and "Xuhui Citizen Centre" in body
    assert "Monday – Friday 09:00–17:00; Saturday 09:00–12:00" in body


def test_directory_filters_by_district(client, centres):
    body = client.get("/en/centres/", {"district": "xuhui"}).content.decode()
    assert "Xuhui Citizen Centre" in body and "Pudong Citizen Centre" not in body


def test_unknown_district_shows_all_and_explains(client, centres):
    body = client.get("/en/centres/", {"district": "atlantis", "page": "x"}).content.decode()
    assert "Xuhui Citizen Centre" in body and "Pudong Citizen Centre" in body
    assert "That district was not recognised" in body


def test_centre_page_shows_hours_access_and_published_services(client, centres):
    body = client.get("/en/centres/pudong-centre/").content.decode()
    assert "Step-free entrance on the east side." in body
    assert "Marriage registration" in body and "Hidden" not in body
    assert "Saturday" in body


def test_unknown_centre_is_404(client, centres):
    assert client.get("/en/centres/nope/").status_code == 404


def test_directory_query_count_is_bounded(client, centres, django_assert_max_num_queries):
    for _ in range(30):
        make_centre()
    with django_assert_max_num_queries(5):
        client.get("/en/centres/", {"page": 2})
