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


def test_an_editors_save_keeps_free_beds_a_provider_set_while_the_form_was_open(client, world):
    home = world["home"]
    CarePlace.objects.filter(pk=home.pk).update(free_beds=7)
    client.force_login(make_editor())
    page = client.get(change_url(home))  # the editor's form shows 7 free beds
    from services.life import approvals

    approvals.propose(home, {"free_beds": 0}, world["provider"])
    response = client.post(change_url(home), form_values(page, summary_en="A home by the river."))
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.summary_en == "A home by the river."
    assert home.free_beds == 0


def test_an_editors_save_keeps_opening_hours_a_provider_changed_while_the_form_was_open(client, world):
    import datetime

    from services.life.models import Hours

    home = world["home"]
    client.force_login(make_editor())
    page = client.get(change_url(home))
    Hours.objects.filter(entry=home).update(closes=datetime.time(19, 0))  # the provider's change
    client.post(change_url(home), form_values(page, summary_en="A home by the river."))
    assert Hours.objects.get(entry=home).closes == datetime.time(19, 0)


def test_an_editors_change_that_no_longer_fits_the_entry_is_refused_with_a_message(client, world):
    home = world["home"]  # 50 beds, 5 free
    client.force_login(make_editor())
    page = client.get(change_url(home))
    CarePlace.objects.filter(pk=home.pk).update(free_beds=30)  # the provider's change meanwhile
    response = client.post(change_url(home), form_values(page, beds="20"))
    assert response.status_code == 200
    assert "was changed after you opened it" in response.content.decode()
    home.refresh_from_db()
    assert (home.beds, home.free_beds) == (50, 30)


def test_view_on_site_of_another_organisations_entry_is_not_found(client, world):
    from django.contrib.contenttypes.models import ContentType

    hidden = make_care_place(world["theirs"], name_en="Evergreen Annexe", published=False)
    from services.life.models import Entry

    client.force_login(world["provider"])
    for model in (CarePlace, Entry):
        ct = ContentType.objects.get_for_model(model)
        assert client.get(f"/admin/r/{ct.pk}/{hidden.pk}/").status_code == 404
        assert client.get(f"/admin/r/{ct.pk}/{world['other'].pk}/").status_code == 404
        own = client.get(f"/admin/r/{ct.pk}/{world['home'].pk}/")
        assert own.status_code == 302 and world["home"].slug in own["Location"]


def test_view_on_site_stays_staff_only(client, world):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(CarePlace)
    response = client.get(f"/admin/r/{ct.pk}/{world['home'].pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_another_organisations_change_request_history_is_not_found(client, world):
    theirs = ChangeRequest.objects.create(entry=world["other"], changes={"name_en": "X"}, submitted_by=make_editor())
    client.force_login(world["provider"])
    assert client.get(f"/admin/life/changerequest/{theirs.pk}/history/").status_code == 404


def test_a_provider_sees_a_content_editor_not_the_editors_username(client, world):
    from services.life import approvals

    editor = make_editor("wang.editor")
    approvals.propose(world["home"], {"name_en": "Sunrise Care"}, world["provider"])
    request = ChangeRequest.objects.get(entry=world["home"])
    approvals.reject(request, editor, "Use the registered name.")
    client.force_login(world["provider"])
    body = client.get(f"/admin/life/changerequest/{request.pk}/change/").content.decode()
    assert "wang.editor" not in body
    assert "a content editor" in body
    assert "sunrise-staff" in body
    listing = client.get("/admin/life/changerequest/").content.decode()
    assert "wang.editor" not in listing
    client.force_login(editor)
    assert "wang.editor" in client.get(f"/admin/life/changerequest/{request.pk}/change/").content.decode()


def _export(client, *entries):
    import csv
    import io

    response = client.post(
        "/admin/life/careplace/",
        {"action": "export_csv", "_selected_action": [e.pk for e in entries], "index": 0},
    )
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_keeps_phone_numbers_readable_and_neutralises_formulas(client, world):
    home = world["home"]
    CarePlace.objects.filter(pk=home.pk).update(
        phone="+86 21 6000 1000", name_en="=HYPERLINK(1)", address_en="\t=1+1", summary_en="x", fees_en="\r@SUM(1)"
    )
    client.force_login(world["provider"])
    header, row = _export(client, home)
    cell = dict(zip(header, row, strict=True))
    assert cell["phone"] == "+86 21 6000 1000"
    assert cell["name_en"] == "'=HYPERLINK(1)"
    assert cell["address_en"] == "'\t=1+1"
    assert cell["fees_en"] == "'\r@SUM(1)"


def test_export_holds_the_areas_own_fields(client, world):
    client.force_login(world["provider"])
    header, row = _export(client, world["home"])
    cell = dict(zip(header, row, strict=True))
    assert cell["beds"] == "50" and cell["free_beds"] == "5"
    assert cell["kind"] == "Nursing home"
    assert "fees_en" in cell and "senior_meal_price" in cell


def test_hours_rows_of_another_entry_cannot_be_changed_by_posting_their_ids(client, world):
    import datetime

    from services.life.models import Hours

    other_row = Hours.objects.get(entry=world["other"])
    client.force_login(world["provider"])
    page = client.get(change_url(world["home"]))
    data = form_values(page, **{"hours-0-id": str(other_row.pk), "hours-0-closes": "23:00"})
    response = client.post(change_url(world["home"]), data, follow=True)
    other_row.refresh_from_db()
    assert other_row.closes == datetime.time(17, 0)
    assert "Published now: opening hours" not in response.content.decode()


def test_the_related_services_offer_only_published_services(client, world):
    from tests.makers import make_service

    shown, hidden = make_service(name_en="Senior allowance"), make_service(name_en="Old draft", published=False)
    client.force_login(world["provider"])
    field = client.get(change_url(world["home"])).context["adminform"].form.fields["services"]
    assert shown in field.queryset and hidden not in field.queryset


def test_admin_url_fields_assume_https(client, world):
    import warnings

    from django.utils.deprecation import RemovedInDjango60Warning

    client.force_login(world["provider"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        page = client.get(change_url(world["home"]))
    assert page.context["adminform"].form.fields["link"].assume_scheme == "https"


def test_the_pending_filter_lists_entries_with_and_without_a_change_waiting(client, world):
    from services.life import approvals

    approvals.propose(world["home"], {"name_en": "Sunrise Care"}, world["provider"])
    client.force_login(make_editor())
    waiting = client.get("/admin/life/careplace/", {"pending": "yes"}).content.decode()
    assert "Sunrise Home" in waiting and "Evergreen Home" not in waiting
    rest = client.get("/admin/life/careplace/", {"pending": "no"}).content.decode()
    assert "Sunrise Home" not in rest and "Evergreen Home" in rest and "Sunrise Canteen" in rest


def test_a_providers_history_pages_show_a_content_editor_not_the_editors_username(client, world):
    from services.life import approvals

    editor = make_editor("wang.editor")
    approvals.propose(world["home"], {"name_en": "Sunrise Care"}, world["provider"])
    request = ChangeRequest.objects.get(entry=world["home"])
    client.force_login(editor)
    client.post(f"/admin/life/changerequest/{request.pk}/approve/")
    for url in (
        f"/admin/life/careplace/{world['home'].pk}/history/",
        f"/admin/life/changerequest/{request.pk}/history/",
    ):
        client.force_login(world["provider"])
        body = client.get(url).content.decode()
        assert "wang.editor" not in body and "a content editor" in body
        client.force_login(editor)
        assert "wang.editor" in client.get(url).content.decode()


def test_a_field_an_editor_publishes_leaves_the_providers_waiting_change(client, world):
    from services.life import approvals

    approvals.propose(world["home"], {"name_en": "Sunrise Care", "phone": "021-1111 2222"}, world["provider"])
    request = ChangeRequest.objects.get(entry=world["home"])
    client.force_login(make_editor())
    page = client.get(change_url(world["home"]))
    response = client.post(change_url(world["home"]), form_values(page, name_en="Sunrise Care Home"), follow=True)
    request.refresh_from_db()
    assert request.changes == {"phone": "021-1111 2222"}
    assert request.submitted_by == world["provider"]
    assert "Taken out of the change waiting for an editor: name (English)." in response.content.decode()
    approvals.approve(request, make_editor("second"))
    world["home"].refresh_from_db()
    assert world["home"].name_en == "Sunrise Care Home"


def test_an_entrys_link_to_an_unpublished_service_survives_an_editors_save(client, world):
    from tests.makers import make_service

    draft = make_service(name_en="Old draft", published=False)
    world["home"].services.set([draft])
    client.force_login(make_editor())
    page = client.get(change_url(world["home"]))
    assert draft in page.context["adminform"].form.fields["services"].queryset
    client.post(change_url(world["home"]), form_values(page, summary_en="A home by the river."))
    assert list(world["home"].services.all()) == [draft]
