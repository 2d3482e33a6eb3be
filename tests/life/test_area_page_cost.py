"""What an area page keeps in the process to answer a page-cache miss quickly (result cards,
counts, the filter form) never shows old data; and its page query reads the results in order
from an index (bench/bench_life.py: 5,000 entries per area)."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from services.catalogue.models import CatalogueVersion
from services.lib.cache import SCOPES
from services.life.models import CarePlace
from tests.life.conftest import add_hours, make_care_place

pytestmark = pytest.mark.django_db
URL = "/en/life/elderly-care/"
NURSING_HOMES = {"kind": CarePlace.Kind.NURSING_HOME}


@pytest.fixture
def home():
    return make_care_place(
        slug="sunny-home",
        name_en="Sunny Home",
        name_zh="阳光养老院",
        kind=CarePlace.Kind.NURSING_HOME,
        beds=10,
        free_beds=3,
    )


def get(client, n, **params):
    """The page with a parameter no earlier request had: a page-cache miss, as a new visitor's."""
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(URL, {**NURSING_HOMES, "visit": n, **params}).content.decode()
    return body, len(ctx.captured_queries)


def test_a_routine_change_shows_on_the_next_uncached_page_of_this_process_at_once(client, home):
    body, first = get(client, 1)
    assert "3 of 10 beds free" in body
    body, again = get(client, 2)
    assert "3 of 10 beds free" in body and again < first  # this time from what the process kept
    home.free_beds = 7  # a provider's routine field, saved as life.approvals saves it
    home.save(update_fields=["free_beds", "updated_at"])
    body, _ = get(client, 3)
    assert "7 of 10 beds free" in body and "3 of 10 beds free" not in body
    body, _ = get(client, 4, hx="1")
    assert "7 of 10 beds free" in body


def test_another_process_change_shows_within_the_version_ttl(client, home, settings):
    settings.CATALOGUE_VERSION_TTL = 3600
    assert "3 of 10 beds free" in get(client, 1)[0]
    # The other process's write: no signal reaches this process, only the version row changes.
    CarePlace.objects.filter(pk=home.pk).update(free_beds=5)
    CatalogueVersion.objects.get_or_create(pk=SCOPES["life"])
    CatalogueVersion.objects.filter(pk=SCOPES["life"]).update(version=F("version") + 1)
    assert "3 of 10 beds free" in get(client, 2)[0]  # within the TTL this process may keep it
    settings.CATALOGUE_VERSION_TTL = 0  # the TTL has passed: the version row is read again
    body, _ = get(client, 3)
    assert "5 of 10 beds free" in body and "3 of 10 beds free" not in body


def test_kept_cards_are_per_language(client, home):
    assert "Sunny Home" in get(client, 1)[0]
    body = client.get("/zh-hans/life/elderly-care/", {**NURSING_HOMES, "visit": 2}).content.decode()
    assert "阳光养老院" in body and "Sunny Home" not in body


def test_a_new_entry_and_an_unpublished_one_change_the_count_and_the_list_at_once(client, home):
    assert "1 entry found" in get(client, 1)[0]
    make_care_place(slug="moon-home", name_en="Moon Home", kind=CarePlace.Kind.NURSING_HOME)
    body, _ = get(client, 2)
    assert "2 entries found" in body and "Moon Home" in body
    home.published = False
    home.save()
    body, _ = get(client, 3)
    assert "1 entry found" in body and "Sunny Home" not in body


def test_the_page_of_results_is_read_in_order_from_the_area_index(home):
    """Without the index (area, name_zh) SQLite sorted every match of an area to show 20 of them
    (12 ms for 5,000 hospitals without a filter; 0.4 ms with it)."""
    from django.http import QueryDict

    from services.life.views import AREAS, _filtered

    if connection.vendor != "sqlite":
        pytest.skip("the query plan checked is SQLite's")
    page = AREAS["elderly-care"]
    form = page.form(QueryDict("kind=nursing_home"))
    values, _ = form.filters()
    sql, params = _filtered(page, form, values).values_list("pk", "slug")[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "life_entry_area_order_idx" in plan, plan


def test_hours_changed_in_this_process_change_open_now_at_once(client, home):
    """The entries open in the current minute are kept per area; new opening hours renew them."""
    assert "0 entries found" in get(client, 1, open="1")[0]  # no hours: closed
    add_hours(home, "daily 00:00-00:00")
    body, _ = get(client, 3, open="1")
    assert "1 entry found" in body and "Sunny Home" in body
