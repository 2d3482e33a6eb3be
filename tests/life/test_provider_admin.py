"""A provider account keeps its own organisation's entries in the admin and sees nothing of
another organisation's: not in the lists, the forms, the export, the history, nor by URL (404)."""

import pytest
from django.contrib.admin.models import LogEntry

from services.life.models import CarePlace, ChangeRequest
from tests.life.provider_world import (
    change_url,
    form_values,
    make_care_place,
    make_editor,
    make_organisation,
    make_provider,
    make_venue,
)

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
        "theirs": theirs,
        "home": make_care_place(ours, name_en="Sunrise Home"),
        "canteen": make_care_place(
            ours, name_en="Sunrise Canteen", kind=CarePlace.Kind.CANTEEN, beds=None, free_beds=None
        ),
        "other": make_care_place(theirs, name_en="Evergreen Home"),
        "provider": make_provider("sunrise-staff", ours),
    }


def test_provider_sees_only_their_organisations_entries_in_the_list(client, world, django_assert_max_num_queries):
    for n in range(5):
        make_care_place(world["theirs"], name_en=f"Evergreen {n}")
    client.force_login(world["provider"])
    with django_assert_max_num_queries(14):
        body = client.get("/admin/life/careplace/").content.decode()
    assert "Sunrise Home" in body and "Sunrise Canteen" in body
    assert "Evergreen" not in body


def test_search_in_the_list_stays_within_the_organisation(client, world):
    client.force_login(world["provider"])
    body = client.get("/admin/life/careplace/", {"q": "Home"}).content.decode()
    assert "Sunrise Home" in body
    assert "Evergreen Home" not in body


def test_another_organisations_entry_by_url_is_not_found(client, world):
    client.force_login(world["provider"])
    other = world["other"]
    assert client.get(change_url(other)).status_code == 404
    assert client.get(f"/admin/life/careplace/{other.pk}/history/").status_code == 404
    assert client.get(f"/admin/life/careplace/{other.pk}/delete/").status_code == 404
    assert client.post(change_url(other), {"name_en": "Taken over"}).status_code == 404
    assert client.get("/admin/life/careplace/not-a-number/change/").status_code == 404
    other.refresh_from_db()
    assert other.name_en == "Evergreen Home"


def test_an_entry_of_another_area_model_is_not_found_under_the_wrong_area(client, world):
    venue = make_venue(world["ours"])
    client.force_login(world["provider"])
    assert client.get(f"/admin/life/careplace/{venue.pk}/change/").status_code == 404
    assert client.get(change_url(venue)).status_code == 200


def test_provider_opens_their_own_entry_with_its_history(client, world):
    client.force_login(world["provider"])
    page = client.get(change_url(world["home"]))
    assert page.status_code == 200
    assert client.get(f"/admin/life/careplace/{world['home'].pk}/history/").status_code == 200


def test_provider_cannot_move_an_entry_to_another_organisation(client, world):
    client.force_login(world["provider"])
    page = client.get(change_url(world["home"]))
    assert "organisation" not in page.context["adminform"].form.fields
    data = form_values(page, organisation=str(world["theirs"].pk), free_beds="4")
    response = client.post(change_url(world["home"]), data)
    assert response.status_code == 302
    world["home"].refresh_from_db()
    assert world["home"].organisation == world["ours"]
    assert world["home"].free_beds == 4


def test_provider_cannot_publish_directly(client, world):
    hidden = make_care_place(world["ours"], published=False)
    client.force_login(world["provider"])
    page = client.get(change_url(hidden))
    assert "published" not in page.context["adminform"].form.fields
    client.post(change_url(hidden), form_values(page, published="on"))
    hidden.refresh_from_db()
    assert hidden.published is False


def test_provider_cannot_delete_an_entry(client, world):
    client.force_login(world["provider"])
    assert client.get(f"/admin/life/careplace/{world['home'].pk}/delete/").status_code == 403
    page = client.get("/admin/life/careplace/")
    assert "delete_selected" not in page.context["action_form"].fields["action"].choices.__str__()
    assert CarePlace.objects.filter(pk=world["home"].pk).exists()


def test_export_holds_only_the_providers_own_entries(client, world):
    client.force_login(world["provider"])
    response = client.post(
        "/admin/life/careplace/",
        {"action": "export_csv", "_selected_action": [world["home"].pk, world["other"].pk], "index": 0},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "Sunrise Home" in body
    assert "Evergreen Home" not in body


def test_export_of_everything_holds_only_the_providers_own_entries(client, world):
    client.force_login(world["provider"])
    response = client.post(
        "/admin/life/careplace/",
        {"action": "export_csv", "select_across": "1", "_selected_action": [world["home"].pk], "index": 0},
    )
    body = response.content.decode("utf-8-sig")
    assert "Sunrise Home" in body and "Sunrise Canteen" in body
    assert "Evergreen Home" not in body


def test_provider_sees_only_their_own_change_requests(client, world):
    editor = make_editor()
    mine = ChangeRequest.objects.create(
        entry=world["home"], changes={"name_en": "Sunrise"}, submitted_by=world["provider"]
    )
    theirs = ChangeRequest.objects.create(entry=world["other"], changes={"name_en": "Evergreen"}, submitted_by=editor)
    client.force_login(world["provider"])
    body = client.get("/admin/life/changerequest/").content.decode()
    assert "Sunrise Home" in body and "Evergreen Home" not in body
    assert client.get(f"/admin/life/changerequest/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/life/changerequest/{theirs.pk}/change/").status_code == 404


def test_editor_sees_every_organisations_entries(client, world, django_assert_max_num_queries):
    client.force_login(make_editor())
    with django_assert_max_num_queries(14):
        body = client.get("/admin/life/careplace/").content.decode()
    assert "Sunrise Home" in body and "Evergreen Home" in body
    assert client.get(change_url(world["other"])).status_code == 200


def test_staff_without_a_digital_life_role_see_no_entries(client, world):
    from services.accounts.models import User

    clerk = User.objects.create_user("clerk", password="pw-123456-long", is_staff=True)
    client.force_login(clerk)
    assert client.get("/admin/life/careplace/").status_code == 403
    assert client.get(change_url(world["home"])).status_code in (403, 404)


def test_a_provider_account_without_an_organisation_sees_no_entries(client, world):
    from django.contrib.auth.models import Group

    from services.accounts.models import User

    lost = User.objects.create_user("lost", password="pw-123456-long", is_staff=True)
    lost.groups.add(Group.objects.get(name="Provider"))
    client.force_login(lost)
    body = client.get("/admin/life/careplace/").content.decode()
    assert "Sunrise Home" not in body and "Evergreen Home" not in body
    assert client.get(change_url(world["home"])).status_code == 404


def test_history_lists_only_changes_of_the_entry(client, world):
    client.force_login(world["provider"])
    page = client.get(change_url(world["home"]))
    client.post(change_url(world["home"]), form_values(page, free_beds="3"))
    assert LogEntry.objects.filter(object_id=str(world["home"].pk)).exists()
    assert client.get(f"/admin/life/careplace/{world['home'].pk}/history/").status_code == 200


def test_the_user_admin_sets_a_provider_accounts_organisation(client, world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(root)
    page = client.get(f"/admin/accounts/user/{world['provider'].pk}/change/")
    assert "organisation" in page.context["adminform"].form.fields


def test_a_provider_adds_entries_only_in_their_organisations_area(client, world):
    client.force_login(world["provider"])
    assert client.get("/admin/life/careplace/add/").status_code == 200
    assert client.get("/admin/life/hospital/add/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/life/careplace/" in index
    assert "/admin/life/hospital/" not in index


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url, make",
    [
        ("/admin/life/hospital/", "make_hospital"),
        ("/admin/life/resource/", "make_resource"),
        ("/admin/life/careplace/", "make_care_place"),
        ("/admin/life/venue/", "make_venue"),
        ("/admin/life/changerequest/", "change_request"),
        ("/admin/life/organisation/", "organisation"),
    ],
)
def test_every_admin_list_takes_the_same_queries_for_3_or_15_rows(client, world, url, make):
    from tests.life import conftest as makers

    editor = make_editor()

    def add(n):
        for _ in range(n):
            if make == "change_request":
                entry = makers.make_care_place(organisation=world["ours"])
                ChangeRequest.objects.create(entry=entry, changes={"name_en": "New", "phone": "1"}, submitted_by=editor)
            elif make == "organisation":
                make_organisation()
            else:
                entry = getattr(makers, make)(organisation=world["ours"], hours=["mon-fri 08:00-17:00"])
                ChangeRequest.objects.create(entry=entry, changes={"name_en": "New"}, submitted_by=editor)

    client.force_login(editor)
    add(3)
    few = _queries(client, url)
    add(12)
    assert _queries(client, url) == few
    assert few <= 16
