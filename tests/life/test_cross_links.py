"""Cross-links both ways (issue 11 point 5): a service's guide and a life-event page list the
published digital-life entries linked to them, and an entry's page links back to its services
and life events - e.g. a nursing home, the long-term care assessment and the senior allowance."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.lib.cache import forget_kept
from tests.life.conftest import make_care_place, make_hospital, make_organisation, make_venue
from tests.makers import make_district, make_event, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english):
    district = make_district(slug="jiangxin", name_en="Jiangxin", name_zh="江心区")
    retiring = make_event(slug="retiring", name_en="Retiring", name_zh="退休")
    assessment = make_service(slug="ltc-assessment", name_en="Long-term care assessment", name_zh="长期护理评估")
    allowance = make_service(slug="senior-allowance", name_en="Senior allowance", name_zh="高龄津贴", events=[retiring])
    home = make_care_place(
        slug="sunrise-home",
        name_en="Sunrise Nursing Home",
        name_zh="朝阳养老院",
        kind="nursing_home",
        district=district,
        services=[assessment, allowance],
        life_events=[retiring],
    )
    return {"district": district, "event": retiring, "assessment": assessment, "allowance": allowance, "home": home}


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_guide_lists_the_entries_linked_to_its_service_with_area_and_district(client, world):
    html = page(client, "/en/services/senior-allowance/")

    assert 'href="/en/life/elderly-care/sunrise-home/"' in html
    assert "Sunrise Nursing Home" in html
    assert "Elderly care" in html
    assert "Jiangxin" in html


def test_a_life_event_page_lists_its_entries(client, world):
    html = page(client, "/en/life-events/retiring/")

    assert 'href="/en/life/elderly-care/sunrise-home/"' in html
    assert "Sunrise Nursing Home" in html


def test_the_entry_page_links_back_to_its_services_and_life_events(client, world):
    html = page(client, "/en/life/elderly-care/sunrise-home/")

    assert 'href="/en/services/ltc-assessment/"' in html
    assert 'href="/en/services/senior-allowance/"' in html
    assert 'href="/en/life-events/retiring/"' in html


def test_both_directions_follow_links_from_the_guide_and_back(client, world):
    guide = page(client, "/en/services/ltc-assessment/")
    assert 'href="/en/life/elderly-care/sunrise-home/"' in guide
    entry = page(client, "/en/life/elderly-care/sunrise-home/")
    assert 'href="/en/services/ltc-assessment/"' in entry


def test_unpublished_entries_are_not_listed_anywhere(client, world):
    make_care_place(slug="draft-home", name_en="Draft Home", services=[world["allowance"]], published=False)
    make_venue(slug="draft-museum", name_en="Draft Museum", life_events=[world["event"]], published=False)

    assert "Draft Home" not in page(client, "/en/services/senior-allowance/")
    assert "Draft Museum" not in page(client, "/en/life-events/retiring/")


def test_a_service_without_entries_has_no_digital_life_section(client, world):
    html = page(client, "/en/services/" + make_service(slug="lonely").slug + "/")

    assert 'id="digital-life"' not in html


def test_the_guide_in_chinese_shows_the_chinese_names(client, world):
    html = page(client, "/zh-hans/services/senior-allowance/")

    assert 'href="/zh-hans/life/elderly-care/sunrise-home/"' in html
    assert "朝阳养老院" in html
    assert "江心区" in html


def test_an_online_service_without_district_is_listed_without_one(client, world):
    make_hospital(slug="online-clinic", name_en="Online Clinic", services=[world["allowance"]], district=None)

    html = page(client, "/en/services/senior-allowance/")
    assert 'href="/en/life/health/online-clinic/"' in html


def test_the_guide_lists_at_most_twelve_entries_and_points_to_the_directories(client, world):
    organisation = make_organisation(area="culture")
    for n in range(14):
        make_venue(
            slug=f"venue-{n:02}", name_en=f"Venue {n:02}", organisation=organisation, services=[world["allowance"]]
        )

    html = page(client, "/en/services/senior-allowance/")
    assert html.count('href="/en/life/culture/venue-') == 12
    assert 'href="/en/life/"' in html


def test_the_guide_and_event_page_take_the_same_queries_for_one_entry_or_many(client, world):
    def count(url):
        cache.clear()  # not a cached page (this test's writes are not committed: no new version)
        forget_kept()
        with CaptureQueriesContext(connection) as queries:
            page(client, url)
        return len(queries)

    urls = ["/en/services/senior-allowance/", "/en/life-events/retiring/"]
    before = [count(url) for url in urls]
    for _ in range(10):
        make_care_place(services=[world["allowance"]], life_events=[world["event"]], district=world["district"])
    assert [count(url) for url in urls] == before


@pytest.mark.django_db(transaction=True)
def test_a_newly_published_entry_appears_on_the_cached_guide(client, english):
    # Real commits: the page cache's versions move on commit.
    allowance = make_service(slug="senior-allowance", name_en="Senior allowance")
    canteen = make_care_place(
        slug="elm-canteen", name_en="Elm Street Canteen", kind="canteen", services=[allowance], published=False
    )
    assert "Elm Street Canteen" not in page(client, "/en/services/senior-allowance/")
    assert "Elm Street Canteen" not in page(client, "/en/services/senior-allowance/")  # from the cache

    canteen.published = True
    canteen.save()
    assert "Elm Street Canteen" in page(client, "/en/services/senior-allowance/")

    make_care_place(slug="oak-home", name_en="Oak Home", kind="nursing_home").services.add(allowance)
    assert "Oak Home" in page(client, "/en/services/senior-allowance/")

    canteen.name_en = "Elm Street Community Canteen"
    canteen.save()
    assert "Elm Street Community Canteen" in page(client, "/en/services/senior-allowance/")
