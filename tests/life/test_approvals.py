"""A provider's routine change (free beds, hours, fees) is published at once; anything else
waits for a content editor, who approves or rejects it with a reason. The public entry keeps
its values until then."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from services.life import approvals
from services.life.models import CarePlace, ChangeRequest, Hours
from tests.life.provider_world import (
    change_url,
    form_values,
    make_care_place,
    make_editor,
    make_organisation,
    make_provider,
)
from tests.makers import make_service
from tests.test_databases import postgres  # noqa: F401  (fixture: run on PostgreSQL, skip elsewhere)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(client, english):
    """The admin in English (it follows the browser's language)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def world():
    ours = make_organisation("sunrise", area="elderly")
    return {
        "ours": ours,
        "home": make_care_place(ours, name_en="Sunrise Home", days_ago=30),
        "provider": make_provider("sunrise-staff", ours),
        "editor": make_editor(),
    }


def _save(client, entry, **changes):
    page = client.get(change_url(entry))
    return client.post(change_url(entry), form_values(page, **changes), follow=True)


def test_a_routine_change_is_published_at_once(client, world):
    home = world["home"]
    client.force_login(world["provider"])
    response = _save(client, home, free_beds="2", fees_en="2,000 yuan a month")
    home.refresh_from_db()
    assert home.free_beds == 2
    assert home.fees_en == "2,000 yuan a month"
    assert timezone.now() - home.updated_at < datetime.timedelta(minutes=1)
    assert not ChangeRequest.objects.filter(entry=home).exists()
    assert "Published now: fees (English), free beds." in response.content.decode()


def test_hours_changed_by_a_provider_are_published_at_once(client, world):
    home = world["home"]
    client.force_login(world["provider"])
    _save(client, home, **{"hours-0-closes": "19:30"})
    assert Hours.objects.get(entry=home).closes == datetime.time(19, 30)
    assert not ChangeRequest.objects.filter(entry=home).exists()


def test_a_change_of_name_or_address_waits_for_an_editor(client, world):
    home = world["home"]
    client.force_login(world["provider"])
    response = _save(client, home, name_en="Sunrise Care Home", address_en="2 River Road", free_beds="1")
    body = response.content.decode()
    assert "Published now: free beds" in body
    assert "Waiting for an editor: name (English), address (English)" in body
    home.refresh_from_db()
    assert home.name_en == "Sunrise Home"
    assert home.address_en == "1 Jiangxin Road"
    assert home.free_beds == 1
    request = ChangeRequest.objects.get(entry=home, status=ChangeRequest.Status.PENDING)
    assert request.changes == {"name_en": "Sunrise Care Home", "address_en": "2 River Road"}
    # The provider sees the waiting values beside the fields.
    page = client.get(change_url(home)).content.decode()
    assert "Sunrise Care Home" in page and "Waiting for an editor" in page


def test_the_public_page_shows_the_old_value_until_approved(client, world):
    home = world["home"]
    approvals.propose(home, {"name_en": "Sunrise Care Home"}, world["provider"])
    home.refresh_from_db()
    assert home.name_en == "Sunrise Home"
    assert "Sunrise Care Home" not in client.get(home.get_absolute_url()).content.decode()
    request = ChangeRequest.objects.get(entry=home)
    approvals.approve(request, world["editor"])
    home.refresh_from_db()
    assert home.name_en == "Sunrise Care Home"
    assert "Sunrise Care Home" in client.get(home.get_absolute_url()).content.decode()
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.APPROVED
    assert request.decided_by == world["editor"]


def test_related_services_are_proposed_as_lists_of_ids(world):
    allowance = make_service(slug="allowance")
    result = approvals.propose(world["home"], {"services": [allowance]}, world["provider"])
    assert result.pending == ["services"]
    request = ChangeRequest.objects.get(entry=world["home"])
    assert request.changes == {"services": [allowance.pk]}
    assert not world["home"].services.exists()
    approvals.approve(request, world["editor"])
    assert list(world["home"].services.all()) == [allowance]


def test_a_second_proposal_is_merged_into_the_open_request(world):
    home = world["home"]
    approvals.propose(home, {"name_en": "First name", "phone": "021-1"}, world["provider"])
    approvals.propose(home, {"name_en": "Second name", "address_en": "3 Hill Road"}, world["provider"])
    requests = ChangeRequest.objects.filter(entry=home)
    assert requests.count() == 1
    assert requests.get().changes == {"name_en": "Second name", "phone": "021-1", "address_en": "3 Hill Road"}


def test_proposing_the_current_value_again_drops_it_from_the_request(world):
    home = world["home"]
    approvals.propose(home, {"name_en": "New name", "phone": "021-1"}, world["provider"])
    approvals.propose(home, {"name_en": "Sunrise Home"}, world["provider"])
    assert ChangeRequest.objects.get(entry=home).changes == {"phone": "021-1"}


def test_the_diff_shows_label_current_and_proposed_values(world):
    home = world["home"]
    approvals.propose(home, {"name_en": "New name", "kind": CarePlace.Kind.DAY_CARE}, world["provider"])
    rows = approvals.diff(ChangeRequest.objects.get(entry=home))
    assert [(r.label, r.current, r.proposed) for r in rows] == [
        ("name (English)", "Sunrise Home", "New name"),
        ("kind", "Nursing home", "Day-care centre"),
    ]


def test_the_diff_shows_the_current_value_at_decision_time(world):
    home = world["home"]
    approvals.propose(home, {"name_en": "New name"}, world["provider"])
    later = timezone.now() + datetime.timedelta(seconds=5)
    CarePlace.objects.filter(pk=home.pk).update(name_en="Changed by an editor", updated_at=later)
    request = ChangeRequest.objects.select_related("entry").get(entry=home)
    (row,) = approvals.diff(request)
    assert row.current == "Changed by an editor"
    assert approvals.changed_since(request)
    approvals.approve(ChangeRequest.objects.get(entry=home), world["editor"])
    home.refresh_from_db()
    assert home.name_en == "New name"


def test_reject_needs_a_reason_and_leaves_the_entry_as_it_was(world):
    home = world["home"]
    approvals.propose(home, {"name_en": "New name"}, world["provider"])
    request = ChangeRequest.objects.get(entry=home)
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.reject(request, world["editor"], "  ")
    assert "reason" in refused.value.message
    approvals.reject(request, world["editor"], "The registered name is different.")
    request.refresh_from_db()
    home.refresh_from_db()
    assert request.status == ChangeRequest.Status.REJECTED
    assert request.reason == "The registered name is different."
    assert home.name_en == "Sunrise Home"


def test_editor_approves_and_rejects_in_the_admin(client, world):
    home = world["home"]
    approvals.propose(home, {"name_en": "New name"}, world["provider"])
    request = ChangeRequest.objects.get(entry=home)
    client.force_login(world["editor"])
    page = client.get(f"/admin/life/changerequest/{request.pk}/change/").content.decode()
    assert "Sunrise Home" in page and "New name" in page and "Name (English)" in page
    response = client.post(f"/admin/life/changerequest/{request.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    assert "Give the provider the reason." in response.content.decode()
    response = client.post(f"/admin/life/changerequest/{request.pk}/approve/", follow=True)
    assert "Approved and published" in response.content.decode()
    home.refresh_from_db()
    assert home.name_en == "New name"
    assert LogEntry.objects.filter(object_id=str(request.pk)).exists()


def test_a_provider_cannot_approve_their_own_change(client, world):
    approvals.propose(world["home"], {"name_en": "New name"}, world["provider"])
    request = ChangeRequest.objects.get(entry=world["home"])
    client.force_login(world["provider"])
    response = client.post(f"/admin/life/changerequest/{request.pk}/approve/")
    assert response.status_code == 403
    with pytest.raises(approvals.ApprovalError):
        approvals.approve(request, world["provider"])
    world["home"].refresh_from_db()
    assert world["home"].name_en == "Sunrise Home"


def test_a_provider_withdraws_their_request(client, world):
    approvals.propose(world["home"], {"name_en": "New name"}, world["provider"])
    request = ChangeRequest.objects.get(entry=world["home"])
    client.force_login(world["provider"])
    client.post(f"/admin/life/changerequest/{request.pk}/withdraw/")
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.WITHDRAWN


def test_a_providers_new_entry_is_unpublished_until_approved(client, world):
    client.force_login(world["provider"])
    page = client.get("/admin/life/careplace/add/")
    data = form_values(
        page,
        name_zh="新养老院",
        name_en="New Home",
        slug="new-home",
        kind="nursing_home",
        beds="10",
        free_beds="3",
        holiday_hours="usual",
        **{"hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0"},
    )
    response = client.post("/admin/life/careplace/add/", data, follow=True)
    assert "waits for an editor" in response.content.decode()
    entry = CarePlace.objects.get(slug="new-home")
    assert entry.published is False
    assert entry.organisation == world["ours"]
    request = ChangeRequest.objects.get(entry=entry)
    assert request.changes == {"published": True}
    assert client.get(entry.get_absolute_url()).status_code == 404
    approvals.approve(request, world["editor"])
    entry.refresh_from_db()
    assert entry.published is True


def test_an_editors_own_change_is_published_at_once(client, world):
    client.force_login(world["editor"])
    _save(client, world["home"], name_en="Edited by the editor")
    world["home"].refresh_from_db()
    assert world["home"].name_en == "Edited by the editor"
    assert not ChangeRequest.objects.exists()


def test_a_request_is_approved_once_when_two_editors_approve_at_once(world):
    approvals.propose(world["home"], {"name_en": "New name"}, world["provider"])
    first = ChangeRequest.objects.get(entry=world["home"])
    second = ChangeRequest.objects.get(pk=first.pk)  # the other editor's copy, read before the first approval
    other_editor = make_editor("editor-2")
    approvals.approve(first, world["editor"])
    with pytest.raises(approvals.ApprovalError) as refused:
        approvals.approve(second, other_editor)
    assert "already" in refused.value.message
    first.refresh_from_db()
    assert first.decided_by == world["editor"]


def test_routine_values_that_break_a_rule_with_the_current_values_wait_with_the_rest(world):
    # 60 free beds fit the 80 beds proposed, not the 50 there are now: both wait for the editor.
    result = approvals.propose(world["home"], {"beds": 80, "free_beds": 60}, world["provider"])
    world["home"].refresh_from_db()
    assert world["home"].free_beds == 5
    assert set(result.pending) == {"beds", "free_beds"}
    approvals.approve(ChangeRequest.objects.get(entry=world["home"]), world["editor"])
    world["home"].refresh_from_db()
    assert (world["home"].beds, world["home"].free_beds) == (80, 60)


def test_a_rejected_request_shows_its_reason_to_the_provider(client, world):
    approvals.propose(world["home"], {"name_en": "New name"}, world["provider"])
    approvals.reject(ChangeRequest.objects.get(entry=world["home"]), world["editor"], "Use the registered name.")
    client.force_login(world["provider"])
    body = client.get(change_url(world["home"])).content.decode()
    assert "Use the registered name." in body


def _post_together(requests):
    """Send each (user, url, data) at once from its own thread and connection; the responses."""
    import threading

    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(i, user, url, data):
        try:
            client = Client(headers={"accept-language": "en"})
            client.force_login(user)
            barrier.wait(timeout=10)
            results[i] = client.post(url, data, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second_step", ["approve", "reject"])
def test_two_editors_deciding_at_once_only_one_succeeds(postgres, second_step):  # noqa: F811
    """Real concurrent requests, each on its own database connection, on PostgreSQL (row locks;
    SQLite's in-memory test database cannot hold two writers' connections at once)."""
    ours = make_organisation("sunrise", area="elderly")
    provider = make_provider("sunrise-staff", ours)
    first, second = make_editor("editor-a"), make_editor("editor-b")
    data = {"reason": "Not the registered name."}
    for n in range(3):
        home = make_care_place(ours, name_en=f"Home {n}")
        approvals.propose(home, {"name_en": f"Renamed {n}"}, provider)
        change = ChangeRequest.objects.get(entry=home)
        base = f"/admin/life/changerequest/{change.pk}/"
        responses = _post_together([(first, base + "approve/", data), (second, base + second_step + "/", data)])
        change.refresh_from_db()
        assert change.status in (ChangeRequest.Status.APPROVED, ChangeRequest.Status.REJECTED)
        assert sum("already been decided" in r.content.decode() for r in responses) == 1
        home.refresh_from_db()
        assert (home.name_en == f"Renamed {n}") == (change.status == ChangeRequest.Status.APPROVED)


def test_a_routine_change_renews_only_the_directory_pages(world, monkeypatch):
    from services.lib import cache

    renewed = []
    monkeypatch.setattr(cache, "_on_change", lambda scopes, raw=False: renewed.append(tuple(scopes)))
    approvals.propose(world["home"], {"free_beds": 1, "name_en": "Waits"}, world["provider"])
    # The guides that list the entry by name are kept: nothing they show has changed.
    assert set(renewed) == {("life",)}
    renewed.clear()
    approvals.approve(ChangeRequest.objects.get(entry=world["home"]), world["editor"])
    assert ("catalogue", "life") in renewed  # the new name shows on the guides too


def test_a_routine_value_published_after_it_was_held_leaves_the_request_and_approval_keeps_it(client, world):
    # 260 beds, 18 free. 270 free beds only fit the 280 beds proposed: both wait for the editor.
    home = world["home"]
    CarePlace.objects.filter(pk=home.pk).update(beds=260, free_beds=18)
    home.refresh_from_db()
    held = approvals.propose(home, {"beds": 280, "free_beds": 270}, world["provider"])
    assert held.held
    # The next day the home has 2 free beds: published at once (they fit the 260 beds there are now).
    later = approvals.propose(home, {"free_beds": 2}, world["provider"])
    assert later.published == ["free_beds"]
    request = ChangeRequest.objects.get(entry=home, status=ChangeRequest.Status.PENDING)
    assert request.changes == {"beds": 280}
    approvals.approve(request, world["editor"])
    home.refresh_from_db()
    assert (home.beds, home.free_beds) == (280, 2)
    assert "<strong>2</strong>" in client.get(home.get_absolute_url()).content.decode()


def test_a_held_request_left_inconsistent_by_a_routine_update_is_refused_with_the_reason(world):
    # Beds cut to 10 waits; meanwhile 15 free beds (fit the 50 beds there are now) are published.
    home = world["home"]
    approvals.propose(home, {"beds": 10}, world["provider"])
    approvals.propose(home, {"free_beds": 15}, world["provider"])
    request = ChangeRequest.objects.get(entry=home, status=ChangeRequest.Status.PENDING)
    with pytest.raises(approvals.ApprovalError, match="cannot be published with the entry as it is now"):
        approvals.approve(request, world["editor"])
    home.refresh_from_db()
    assert (home.beds, home.free_beds) == (50, 15)
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.PENDING


def test_the_change_form_shows_the_proposed_value_in_the_field_and_the_public_value_beside_it(client, world):
    home = world["home"]
    approvals.propose(home, {"name_en": "Typo nmae", "phone": "021-9999 0000"}, world["provider"])
    client.force_login(world["provider"])
    page = client.get(change_url(home))
    form = page.context["adminform"].form
    assert form["name_en"].value() == "Typo nmae"
    body = page.content.decode()
    assert "Public now: Sunrise Home" in body
    assert "put back the public value" in body


def test_a_provider_takes_one_field_back_out_of_the_request_by_putting_back_the_public_value(client, world):
    home = world["home"]
    approvals.propose(home, {"name_en": "Typo nmae", "phone": "021-9999 0000"}, world["provider"])
    client.force_login(world["provider"])
    response = _save(client, home, name_en="Sunrise Home")
    request = ChangeRequest.objects.get(entry=home, status=ChangeRequest.Status.PENDING)
    assert request.changes == {"phone": "021-9999 0000"}
    assert "Taken out of the change waiting for an editor: name (English)." in response.content.decode()


def test_saving_another_field_keeps_the_fields_waiting_for_an_editor(client, world):
    home = world["home"]
    approvals.propose(home, {"name_en": "Sunrise Care Home"}, world["provider"])
    client.force_login(world["provider"])
    _save(client, home, free_beds="1")
    home.refresh_from_db()
    assert home.free_beds == 1
    assert ChangeRequest.objects.get(entry=home, status=ChangeRequest.Status.PENDING).changes == {
        "name_en": "Sunrise Care Home"
    }
