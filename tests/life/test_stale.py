"""Entries nobody has updated or confirmed for STALE_DAYS (90) days are flagged to editors (and
to their provider): a column and a filter in the admin lists, and a panel on the admin index."""

import datetime

import pytest
from django.utils import timezone

from services.life import approvals
from services.life.models import CarePlace
from services.life.templatetags.life_admin import life_panel
from tests.life.provider_world import make_care_place, make_editor, make_organisation, make_provider, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(client, english):
    """The admin in English (it follows the browser's language)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world():
    ours, theirs = make_organisation("sunrise", area="elderly"), make_organisation("evergreen", area="elderly")
    return {
        "ours": ours,
        "fresh": make_care_place(ours, name_en="Fresh Home", days_ago=89),
        "stale": make_care_place(ours, name_en="Stale Home", days_ago=91),
        "their_stale": make_care_place(theirs, name_en="Their Stale Home", days_ago=200),
        "provider": make_provider("sunrise-staff", ours),
        "editor": make_editor(),
    }


def test_an_entry_not_updated_for_90_days_is_flagged_in_the_list(client, world):
    client.force_login(world["editor"])
    body = client.get("/admin/life/careplace/").content.decode()
    assert body.count("Not updated for 90 days") == 2  # Stale Home and Their Stale Home


def test_the_stale_filter_lists_only_stale_entries(client, world):
    client.force_login(world["editor"])
    body = client.get("/admin/life/careplace/", {"stale": "yes"}).content.decode()
    assert "Stale Home" in body and "Their Stale Home" in body
    assert "Fresh Home" not in body
    body = client.get("/admin/life/careplace/", {"stale": "no"}).content.decode()
    assert "Fresh Home" in body and "Stale Home" not in body


def test_confirm_still_correct_renews_the_date_and_nothing_else(client, world):
    stale = world["stale"]
    client.force_login(world["provider"])
    response = client.post(
        "/admin/life/careplace/",
        {"action": "confirm_current", "_selected_action": [stale.pk, world["their_stale"].pk], "index": 0},
        follow=True,
    )
    assert "1 entry confirmed as still correct." in response.content.decode()
    stale.refresh_from_db()
    assert timezone.now() - stale.updated_at < datetime.timedelta(minutes=1)
    assert stale.name_en == "Stale Home" and stale.free_beds == 5
    world["their_stale"].refresh_from_db()
    assert world["their_stale"].is_stale()


def test_confirm_is_one_function_that_sets_only_the_date(world):
    approvals.confirm(CarePlace.objects.filter(pk=world["stale"].pk), world["editor"])
    world["stale"].refresh_from_db()
    assert not world["stale"].is_stale()


def test_the_admin_index_panel_counts_stale_entries_and_waiting_changes_for_editors(
    client, world, django_assert_max_num_queries
):
    make_venue(world["ours"], name_en="Old Museum", days_ago=120)
    approvals.propose(world["fresh"], {"name_en": "Renamed"}, world["provider"])
    client.force_login(world["editor"])
    # The entries per area, the pending requests per area, and the editor's permissions (two
    # queries, read once a request) - whatever the number of entries.
    with django_assert_max_num_queries(4):
        panel = life_panel(world["editor"])
    assert panel["stale_total"] == 3
    assert panel["pending_total"] == 1
    with django_assert_max_num_queries(16):
        body = client.get("/admin/").content.decode()
    assert "3 entries not updated for 90 days" in body
    assert "/admin/life/careplace/?stale=yes" in body
    assert "/admin/life/changerequest/?status__exact=pending" in body


def test_a_provider_sees_only_their_own_stale_entries_on_the_panel(client, world):
    panel = life_panel(world["provider"])
    assert panel["stale_total"] == 1
    assert panel["pending_total"] == 0
    client.force_login(world["provider"])
    body = client.get("/admin/").content.decode()
    assert "1 entry not updated for 90 days" in body
    assert "your organisation" in body


def test_staff_without_a_digital_life_role_see_no_panel(client, world):
    from services.accounts.models import User

    clerk = User.objects.create_user("clerk", password="pw-123456-long", is_staff=True)
    client.force_login(clerk)
    assert life_panel(clerk) is None
    assert "Digital-life entries" not in client.get("/admin/").content.decode()


def test_the_filtered_lists_take_the_same_queries_for_3_or_15_entries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as done:
            assert client.get(url).status_code == 200
        return len(done)

    client.force_login(world["editor"])
    urls = [
        "/admin/life/careplace/?pending=no",
        "/admin/life/careplace/?pending=yes",
        "/admin/life/careplace/?stale=no",
    ]
    few = [queries(url) for url in urls]
    for n in range(12):
        home = make_care_place(world["ours"], name_en=f"Home {n}", days_ago=n * 10)
        if n % 2:
            approvals.propose(home, {"name_en": f"Renamed {n}"}, world["provider"])
    assert [queries(url) for url in urls] == few
    assert max(few) <= 14
