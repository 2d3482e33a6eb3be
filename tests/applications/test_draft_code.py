"""Draft codes (issue 10, point 6): a signed-in citizen's online draft shows a short code; a
counter clerk opens and finishes that draft when given the code AND the citizen's mobile number,
never by the code alone; wrong pairs are "not found" and count towards the throttle."""

import pytest

from services.applications import access, counter
from services.applications.models import Application, Status
from services.catalogue.models import Channel
from tests.applications import fill_all, start, submit
from tests.makers import make_centre, make_department, make_service, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

OPEN = "/admin/applications/application/counter/draft/"


@pytest.fixture
def clerk(service):
    centre = make_centre(slug="counter-centre", services=[service])
    return make_staff("clerk", "Counter clerk", service.department, centre=centre)


@pytest.fixture
def draft(client, citizen, service):
    client.force_login(citizen)
    app = start(client, service)
    client.get("/en/applications/")  # the code is made the first time it is shown
    app.refresh_from_db()
    return app


def test_a_signed_in_citizens_draft_shows_a_short_unambiguous_code(client, draft):
    code = draft.draft_code
    assert len(code) == 8 and not set(code) & set("ILOU")
    assert counter.normalise_draft_code(code) == code
    shown = f"{code[:4]}-{code[4:]}"
    assert shown in client.get("/en/applications/").content.decode()
    assert shown in client.get(f"/en/apply/{draft.public_id}/check/").content.decode()
    draft.refresh_from_db()
    assert draft.draft_code == code  # the same code every time


def test_the_apply_flow_gives_a_signed_in_citizens_draft_its_code_when_it_starts(client, citizen, service):
    client.force_login(citizen)
    app = start(client, service)
    assert counter.normalise_draft_code(app.draft_code) == app.draft_code


def test_listing_drafts_that_have_codes_writes_nothing(client, draft, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as listed:
        client.get("/en/applications/")
    assert not [q for q in listed.captured_queries if q["sql"].startswith("UPDATE")]


def test_guest_drafts_have_no_code(client, service):
    app = start(client, service)
    assert client.get(f"/en/apply/{app.public_id}/check/").status_code == 200
    app.refresh_from_db()
    assert app.draft_code is None


def test_a_draft_code_forgives_case_dashes_and_misread_letters_but_not_a_typing_mistake(draft):
    code = draft.draft_code
    typed = f" {code[:4].lower()}-{code[4:]} ".replace("0", "o").replace("1", "l")
    assert counter.normalise_draft_code(typed) == code
    wrong = code[:3] + ("2" if code[3] != "2" else "3") + code[4:]
    assert counter.normalise_draft_code(wrong) == ""


def test_clerk_opens_and_finishes_the_draft_with_code_and_mobile(client, draft, clerk, citizen):
    fill_all(client, draft, email=citizen.email)
    client.force_login(clerk)
    response = client.post(OPEN, {"code": draft.draft_code.lower(), "phone": "138-0013-8000"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/applications/application/counter/{draft.pk}/applicant/"
    draft.refresh_from_db()
    assert draft.centre == clerk.centre
    check = client.get(f"/admin/applications/application/counter/{draft.pk}/check/").content.decode()
    assert "Zhang Wei" in check  # the citizen's own answers, kept
    client.post(
        f"/admin/applications/application/counter/{draft.pk}/applicant/",
        {
            "applicant_name": "Zhang Wei",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "contact_phone": "13812345678",
            "contact_email": citizen.email,
            "language": "en",
        },
    )
    checks = {f"result-{m.pk}": "seen_original" for m in draft.service.materials.filter(required=True)}
    client.post(f"/admin/applications/application/counter/{draft.pk}/materials/", checks)
    assert client.post(f"/admin/applications/application/counter/{draft.pk}/check/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert (draft.owner, draft.channel, draft.registered_by) == (citizen, Channel.COUNTER, clerk)
    assert draft.events.get(to_status=Status.SUBMITTED).actor == clerk


def test_a_code_alone_opens_nothing(client, draft, clerk):
    client.force_login(clerk)
    response = client.post(OPEN, {"code": draft.draft_code, "phone": ""})
    assert response.status_code == 400
    assert "a draft code alone opens nothing" in response.content.decode()
    draft.refresh_from_db()
    assert draft.centre is None


def test_a_wrong_pair_is_not_found_and_counts_towards_the_limit(client, draft, clerk, settings, clock):
    settings.DRAFT_CODE_ATTEMPTS_PER_HOUR = 3
    client.force_login(clerk)
    guessed = counter._new_draft_code()
    for phone, code in [("13900000000", draft.draft_code), ("13800138000", guessed), ("13900000001", guessed)]:
        response = client.post(OPEN, {"code": code, "phone": phone})
        assert response.status_code == 404
        assert "No draft matches this draft code and mobile number." in response.content.decode()
        assert f'value="{phone}"' in response.content.decode()  # what was typed is kept
    response = client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"})
    assert response.status_code == 429  # even the right pair, until the hour is over
    draft.refresh_from_db()
    assert draft.centre is None
    clock.advance(3601)
    assert client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"}).status_code == 302


def test_a_malformed_code_gets_a_specific_message_and_is_not_counted(client, draft, clerk, settings, clock):
    settings.DRAFT_CODE_ATTEMPTS_PER_HOUR = 1
    client.force_login(clerk)
    response = client.post(OPEN, {"code": "ABC", "phone": "13800138000"})
    assert response.status_code == 400
    assert "A draft code has 8 letters and digits" in response.content.decode()
    assert client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"}).status_code == 302


def test_a_centre_that_does_not_handle_the_service_cannot_open_the_draft(client, draft, service):
    elsewhere = make_centre(services=[make_service()])
    clerk = make_staff("clerk9", "Counter clerk", service.department, centre=elsewhere)
    client.force_login(clerk)
    response = client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"})
    assert response.status_code == 400
    assert "Your centre does not handle “Residence permit”" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).centre is None


def test_an_opened_draft_is_not_reachable_by_another_centres_clerk(client, draft, clerk, service):
    client.force_login(clerk)
    client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"})
    other = make_staff("clerk8", "Counter clerk", service.department, centre=make_centre(services=[service]))
    client.force_login(other)
    assert client.get(f"/admin/applications/application/counter/{draft.pk}/check/").status_code == 404


def test_a_draft_of_a_service_not_applied_for_at_a_counter_is_not_opened(client, draft, clerk, service):
    service.offers_counter = False
    service.save()
    client.force_login(clerk)
    response = client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"})
    assert response.status_code == 400
    assert "“Residence permit” is not applied for at a service centre counter" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).centre is None


def test_a_draft_opened_at_a_counter_but_submitted_online_is_not_the_centres(client, draft, service, citizen):
    """The citizen gave the code at a counter, then went home and sent it themselves: it is an
    online application, registered at no centre, and that centre's clerks (here one of another
    department) neither see it nor count it."""
    centre = make_centre(slug="counter-centre", services=[service])
    clerk = make_staff("clerk7", "Counter clerk", make_department(slug="civil"), centre=centre)
    fill_all(client, draft, email=citizen.email)
    client.force_login(clerk)
    assert client.post(OPEN, {"code": draft.draft_code, "phone": "13800138000"}).status_code == 302
    client.force_login(citizen)
    assert submit(client, draft).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert (draft.channel, draft.centre, draft.registered_by) == (Channel.ONLINE, None, None)
    assert not access.staff_queryset(clerk).filter(pk=draft.pk).exists()
