"""Counter intake in the admin (issue 10, points 3 and 4): today's bookings of the clerk's
centre, check-in and "did not come", booked and walk-in applications filled in with the
service's own form and material checklist, submitted through the lifecycle with the channel,
centre and clerk recorded; clerks scoped to their centre; counter applications joined to the
applicant's verified account."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from services.accounts.models import PendingContactChange
from services.applications import access, lifecycle
from services.applications.models import Application, ApplicationEvent, MaterialCheck, Status
from services.applications.workdays import add_working_days
from services.catalogue.models import Channel
from services.lib.references import make_booking_reference
from services.offline.models import Booking
from tests.applications import page1, page2
from tests.applications.test_concurrency import _post_together
from tests.makers import make_centre, make_department, make_service, make_staff
from tests.test_databases import postgres  # noqa: F401  (fixture: run on PostgreSQL, skip or fail elsewhere)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

COUNTER = "/admin/applications/application/counter/"
APPLICANT = {
    "applicant_name": "Li Na",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "contact_phone": "139 0000 1111",
    "contact_email": "",
    "language": "en",
}


@pytest.fixture
def centre(service):
    return make_centre(slug="huangpu-centre", services=[service], name_en="Huangpu Centre")


@pytest.fixture
def clerk(service, centre):
    return make_staff("clerk", "Counter clerk", service.department, centre=centre, first_name="Chen")


@pytest.fixture
def other_clerk(service):
    """A clerk of another centre that handles the same service."""
    elsewhere = make_centre(slug="other-centre", services=[service])
    return make_staff("clerk2", "Counter clerk", service.department, centre=elsewhere)


def book(centre, service, at=None, **kw):
    start = at or timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    kw.setdefault("name", "Li Na")
    kw.setdefault("phone", "13900001111")
    return Booking.objects.create(
        reference=make_booking_reference(),
        centre=centre,
        service=service,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        language="en",
        **kw,
    )


def url(app, step):
    return f"{COUNTER}{app.pk}/{step}/"


def fill_in(client, app, applicant=None):
    assert client.post(url(app, "applicant"), applicant or APPLICANT).status_code == 302
    assert client.post(url(app, "page/1"), page1()).status_code == 302
    assert client.post(url(app, "page/2"), page2()).status_code == 302
    checks = {}
    for m in app.service.materials.all():
        checks[f"result-{m.pk}"] = "seen_original" if m.required else ""
        checks[f"note-{m.pk}"] = ""
    assert client.post(url(app, "materials"), checks).status_code == 302


def walk_in(client, service):
    response = client.post(f"{COUNTER}walk-in/", {"service": service.pk})
    assert response.status_code == 302, response.content
    return Application.objects.latest("created_at")


# --- today's bookings ----------------------------------------------------------------------------


def test_clerk_sees_todays_bookings_of_their_centre_only(client, clerk, centre, service):
    book(centre, service, name="Today Visitor")
    book(
        centre,
        service,
        name="Tomorrow Visitor",
        phone="13900002222",
        at=timezone.localtime() + datetime.timedelta(days=1),
    )
    book(make_centre(services=[service]), service, name="Elsewhere Visitor", phone="13900003333")
    client.force_login(clerk)
    page = client.get(COUNTER).content.decode()
    today_table, coming = page.split('id="coming-heading"')
    assert "Today Visitor" in today_table and "Tomorrow Visitor" not in today_table
    # The visits still to come are listed (to answer "am I booked?"), without buttons.
    assert "Tomorrow Visitor" in coming.split('id="walk-in-heading"')[0]
    assert "Elsewhere Visitor" not in page


def test_todays_bookings_page_query_count_does_not_grow(client, clerk, centre, service, django_assert_max_num_queries):
    client.force_login(clerk)
    for n in range(2):
        book(centre, service, phone=f"1390000{n:04d}")
    client.get(COUNTER)
    with django_assert_max_num_queries(12) as few:
        client.get(COUNTER)
    for n in range(2, 12):
        book(centre, service, phone=f"1390000{n:04d}", name=f"Visitor {n}")
        later = timezone.localtime() + datetime.timedelta(days=n)
        book(centre, service, phone=f"1391000{n:04d}", name=f"Later {n}", at=later)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Visitor 11" in client.get(COUNTER).content.decode()


def test_the_queue_links_a_clerk_to_the_counter_and_not_an_officer(client, clerk, officer):
    client.force_login(clerk)
    assert f'href="{COUNTER}"' in client.get("/admin/applications/application/").content.decode()
    client.force_login(officer)
    assert f'href="{COUNTER}"' not in client.get("/admin/applications/application/").content.decode()


def test_check_in_and_did_not_come_from_todays_list(client, clerk, centre, service):
    now = timezone.localtime()
    came = book(centre, service, at=now + datetime.timedelta(minutes=30))
    missed = book(centre, service, phone="13900002222", at=now - datetime.timedelta(minutes=5))
    client.force_login(clerk)
    assert client.post(f"{COUNTER}bookings/{came.pk}/check-in/").status_code == 302
    assert client.post(f"{COUNTER}bookings/{missed.pk}/no-show/").status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.status == Booking.Status.CHECKED_IN and came.checked_in_by == clerk
    assert missed.status == Booking.Status.NO_SHOW


def test_check_in_is_post_only(client, clerk, centre, service):
    booking = book(centre, service)
    client.force_login(clerk)
    assert client.get(f"{COUNTER}bookings/{booking.pk}/check-in/").status_code == 405
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


# --- booked and walk-in intake end to end -----------------------------------------------------


def test_booked_visit_is_registered_end_to_end(client, clerk, centre, service, django_capture_on_commit_callbacks):
    booking = book(centre, service, at=timezone.localtime() + datetime.timedelta(minutes=10), email="li@example.com")
    client.force_login(clerk)
    response = client.post(f"{COUNTER}bookings/{booking.pk}/start/")
    app = Application.objects.get(booking=booking)
    assert response["Location"] == url(app, "applicant")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN  # checked in on the way
    form = client.get(url(app, "applicant")).content.decode()
    assert 'value="Li Na"' in form and 'value="13900001111"' in form  # prefilled from the booking
    fill_in(client, app, {**APPLICANT, "contact_email": "li@example.com"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(app, "check"))
    assert response.status_code == 302 and response["Location"] == url(app, "registered")
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.reference and app.tracking_code
    assert (app.channel, app.centre, app.registered_by) == (Channel.COUNTER, centre, clerk)
    assert app.applicant_id_number == "11010519491231002X"
    assert app.answers["reason"] == "new" and app.answers["id_number"]["number"] == "11010519491231002X"
    assert app.acceptance_due == add_working_days(timezone.localdate(), lifecycle.ACCEPTANCE_WORKING_DAYS)
    event = app.events.get(to_status=Status.SUBMITTED)
    assert event.actor == clerk
    assert [m.to for m in mail.outbox] == [["li@example.com"]]  # told like any applicant
    assert app.reference in mail.outbox[0].body
    done = client.get(url(app, "registered")).content.decode()
    assert app.reference in done and app.tracking_code in done


def test_a_double_click_on_start_opens_the_one_application_of_the_booking(client, clerk, centre, service, monkeypatch):
    """The second click arrives while the first is making the application: it must open that
    application, never fail on the booking's one-application rule (a 500). The race is played
    deterministically: the first click's application appears between the second click's first
    look and its own making (PostgreSQL's real two-thread race is the test below)."""
    booking = book(centre, service, at=timezone.localtime() + datetime.timedelta(minutes=10))
    client.force_login(clerk)
    may_register = access.may_register

    def other_click_meanwhile(*args, **kwargs):
        if not Application.objects.filter(booking=booking).exists():
            Application.objects.create(
                service=service, department=service.department, channel=Channel.COUNTER, centre=centre, booking=booking
            )
        return may_register(*args, **kwargs)

    monkeypatch.setattr(access, "may_register", other_click_meanwhile)
    client.raise_request_exception = False
    response = client.post(f"{COUNTER}bookings/{booking.pk}/start/")
    app = Application.objects.get(booking=booking)
    assert response.status_code == 302
    assert response["Location"] == url(app, "check")
    assert Application.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_on_start_make_one_application(postgres, centre, clerk, service):  # noqa: F811
    booking = book(centre, service, at=timezone.localtime() + datetime.timedelta(minutes=10))
    responses = _post_together([(clerk, f"{COUNTER}bookings/{booking.pk}/start/", {})] * 2)
    assert [r.status_code for r in responses] == [200, 200]
    app = Application.objects.get(booking=booking)
    assert {r.redirect_chain[0][0] for r in responses} <= {url(app, "applicant"), url(app, "check")}


def test_walk_in_is_registered_with_the_same_form_and_checks(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    assert (app.status, app.channel) == (Status.DRAFT, Channel.COUNTER)
    fill_in(client, app)
    assert client.post(url(app, "check")).status_code == 302
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.registered_by == clerk
    results = set(MaterialCheck.objects.filter(application=app).values_list("material__name_en", "result"))
    assert results == {("Resident ID card", "seen_original"), ("Tenancy agreement", "seen_original")}
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds.count(ApplicationEvent.Kind.MATERIAL_CHECK) == 2


def test_question_pages_give_the_form_engines_messages_and_keep_what_was_typed(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    client.post(url(app, "applicant"), APPLICANT)
    response = client.post(url(app, "page/2"), page2(household="99", has_car=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select an answer: Do you own a car?" in page
    assert 'value="99"' in page and "error-summary" in page
    assert 'type="file"' not in page  # documents are checked at the counter, not uploaded


def test_applicant_page_refuses_a_wrong_id_number_and_keeps_the_rest(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    response = client.post(url(app, "applicant"), {**APPLICANT, "id_number": "110105194912310021"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This ID number is not valid" in page and 'value="Li Na"' in page


def test_registration_is_refused_while_a_required_document_is_missing(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    fill_in(client, app)
    contract = service.materials.get(name_en="Tenancy agreement")
    client.post(url(app, "materials"), {f"result-{contract.pk}": "missing", f"note-{contract.pk}": "Not brought"})
    response = client.post(url(app, "check"))
    assert response.status_code == 400
    assert "“Tenancy agreement”: Missing. The applicant must bring it" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_registration_lists_every_unanswered_step(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    response = client.post(url(app, "check"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the applicant&#x27;s name, identity document and mobile number." in page
    assert "Record the check of “Resident ID card”." in page and "Record the check of “Tenancy agreement”." in page


# --- clerk scoping ----------------------------------------------------------------------------------


def test_clerk_cannot_register_a_service_outside_their_centre(client, clerk, centre):
    elsewhere = make_service(slug="elsewhere", name_en="Not handled here")
    client.force_login(clerk)
    response = client.post(f"{COUNTER}walk-in/", {"service": elsewhere.pk})
    assert response.status_code == 400
    assert "Choose one of the services your centre handles." in response.content.decode()
    booking = book(centre, elsewhere)
    client.post(f"{COUNTER}bookings/{booking.pk}/start/")
    assert not Application.objects.exists()
    assert not access.may_register(clerk, centre, elsewhere)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"published": False}, "is not open for applications at the moment"),
        ({"offers_counter": False}, "is not applied for at a service centre counter"),
    ],
)
def test_no_walk_in_or_booked_visit_for_an_unpublished_or_not_at_the_counter_service(
    client, clerk, centre, service, change, message
):
    booking = book(centre, service)
    for name, value in change.items():
        setattr(service, name, value)
    service.save()
    client.force_login(clerk)
    assert f'value="{service.pk}"' not in client.get(COUNTER).content.decode()  # not offered in the list
    response = client.post(f"{COUNTER}walk-in/", {"service": service.pk})
    assert response.status_code == 400
    assert "Choose one of the services your centre handles." in response.content.decode()
    response = client.post(f"{COUNTER}bookings/{booking.pk}/start/", follow=True)
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not access.may_register(clerk, centre, service)


def test_a_draft_whose_service_left_the_counter_is_not_registered(client, clerk, service):
    client.force_login(clerk)
    app = walk_in(client, service)
    fill_in(client, app)
    service.offers_counter = False
    service.save()
    response = client.post(url(app, "check"), follow=True)
    assert "is not applied for at a service centre counter" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_another_centres_clerk_gets_404(client, clerk, other_clerk, centre, service):
    booking = book(centre, service)
    client.force_login(clerk)
    app = walk_in(client, service)
    fill_in(client, app)
    draft = walk_in(client, service)
    client.post(url(app, "check"))
    client.force_login(other_clerk)
    for path in ("check-in", "no-show", "start"):
        assert client.post(f"{COUNTER}bookings/{booking.pk}/{path}/").status_code == 404
    for step in ("applicant", "page/1", "materials", "check"):
        assert client.get(url(draft, step)).status_code == 404
    assert client.get(url(app, "registered")).status_code == 404
    assert client.get(f"/admin/applications/application/{app.pk}/change/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_staff_without_a_counter_get_404_and_officers_cannot_submit_counter_drafts(client, clerk, officer, service):
    client.force_login(officer)
    assert client.get(COUNTER).status_code == 404
    client.force_login(clerk)
    app = walk_in(client, service)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.act(app, "submit", officer)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.act(app, "submit", None)


def test_clerk_sees_the_applications_registered_at_their_centre_and_their_departments(client, clerk, service):
    other_dept = make_service(
        slug="marriage", name_en="Marriage registration", department=make_department(slug="civil")
    )
    clerk.centre.services.add(other_dept)
    client.force_login(clerk)
    app = walk_in(client, other_dept)
    client.post(url(app, "applicant"), APPLICANT)
    assert client.post(url(app, "check")).status_code == 302
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    queue = client.get("/admin/applications/application/").content.decode()
    assert app.reference in queue  # another department's, registered at the clerk's centre
    assert client.get(f"/admin/applications/application/{app.pk}/change/").status_code == 200
    assert list(access.staff_queryset(clerk)) == [app]


def test_officers_keep_their_department_queue(officer, clerk, service):
    other_dept = make_service(slug="marriage", department=make_department(slug="civil"))
    clerk.centre.services.add(other_dept)
    theirs = Application.objects.create(
        service=other_dept, department=other_dept.department, channel=Channel.COUNTER, centre=clerk.centre
    )
    theirs = lifecycle.act(theirs, "submit", clerk)
    assert theirs.registered_by == clerk
    assert theirs not in access.staff_queryset(officer)


# --- account matching -------------------------------------------------------------------------------


def registered(client, clerk, service, **applicant):
    client.force_login(clerk)
    app = walk_in(client, service)
    fill_in(client, app, {**APPLICANT, **applicant})
    assert client.post(url(app, "check")).status_code == 302
    app.refresh_from_db()
    return app


def test_counter_application_shows_in_the_verified_account_with_that_mobile(client, clerk, service, citizen):
    app = registered(client, clerk, service, contact_phone=citizen.phone)
    assert app.owner == citizen
    client.force_login(citizen)
    assert app.reference in client.get("/en/applications/").content.decode()


def test_a_mobile_number_waiting_for_its_link_matches_nothing(client, clerk, service, other):
    PendingContactChange.objects.create(user=other, kind=PendingContactChange.PHONE, value="13900001111")
    app = registered(client, clerk, service)
    assert app.owner is None
    client.force_login(other)
    assert app.reference not in client.get("/en/applications/").content.decode()


def test_an_id_number_typed_on_a_profile_matches_nothing_on_its_own(client, clerk, service, other):
    other.id_number = "11010519491231002X"
    other.save()
    app = registered(client, clerk, service)
    assert app.owner is None


def test_a_reissued_mobile_number_with_another_id_number_matches_nothing(client, clerk, service, citizen):
    citizen.id_number = "110101199003074477"
    citizen.save()
    app = registered(client, clerk, service, contact_phone=citizen.phone)
    assert app.owner is None


def test_a_visit_booked_from_an_account_joins_that_account(client, clerk, centre, service, citizen):
    booking = book(centre, service, owner=citizen, phone="13900009999")
    client.force_login(clerk)
    client.post(f"{COUNTER}bookings/{booking.pk}/start/")
    app = Application.objects.get(booking=booking)
    fill_in(client, app, {**APPLICANT, "contact_phone": "13900009999"})
    client.post(url(app, "check"))
    app.refresh_from_db()
    assert app.owner == citizen and app.status == Status.SUBMITTED


def test_staff_accounts_are_never_matched(client, clerk, service, officer):
    officer.phone = "13900001111"
    officer.save()
    assert registered(client, clerk, service).owner is None
