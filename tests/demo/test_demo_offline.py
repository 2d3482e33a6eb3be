"""The demo city's offline channel (issue 10, point 10), made through the new code: centres that
take bookings with the capacity in places.yaml, the demo clerk at a centre handling civil-affairs
services, visits booked there for its next two open days (offline.bookings.book), and the
caseload's counter and postal applications registered at a centre by the clerk (the lifecycle)."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from services.applications.models import Application, ApplicationEvent
from services.demo.catalogue import DEMO_PASSWORD, demo_centres
from services.demo.offline import DEMO_VISITS, demo_visit_days
from services.offline import slots
from services.offline.models import Booking, ServiceCentre

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_city, db):
    return demo_city


@pytest.fixture
def clerk(demo):
    return get_user_model().objects.select_related("centre").get(username="clerk")


def test_demo_centres_take_bookings_with_the_capacity_in_places_yaml(demo):
    read = {centre["slug"]: centre for centre in demo_centres()}
    centres = {c.slug: c for c in ServiceCentre.objects.all()}
    assert set(read) <= set(centres)
    for slug, data in read.items():
        centre = centres[slug]
        assert centre.bookable == data["bookable"], slug
        assert (centre.counters, centre.slot_minutes, centre.booking_days_ahead) == (
            data["counters"],
            data["slot_minutes"],
            data["booking_days_ahead"],
        ), slug
    assert sum(c.bookable for c in centres.values()) >= len(centres) - 2
    assert len({c.counters for c in centres.values()}) > 1  # the kinds of centre differ


def test_the_demo_clerk_works_at_a_centre_that_handles_civil_affairs_services(clerk):
    assert clerk.centre is not None and clerk.centre.bookable
    assert clerk.centre.services.filter(department__slug="civil", offers_counter=True).exists()


def test_visits_are_booked_at_the_clerks_centre_for_its_next_two_open_days(clerk):
    today = timezone.localdate()
    first, second = demo_visit_days(clerk.centre, today)
    assert today <= first < second
    assert slots.open_days(clerk.centre, today, second)[:2] == [first, second]
    booked = Booking.objects.filter(centre=clerk.centre, status=Booking.Status.BOOKED)
    days = sorted({timezone.localdate(b.starts_at) for b in booked})
    assert days == [first, second]
    assert booked.count() == len(DEMO_VISITS)
    for booking in booked:
        assert booking.reference.startswith("BK")
        assert clerk.centre.services.filter(pk=booking.service_id).exists()
        # A real slot start, counted in its slot: never more than the slot holds.
        info = next(
            i
            for i in slots.day_slots(clerk.centre, booking.service, timezone.localdate(booking.starts_at))
            if i.starts_at == booking.starts_at
        )
        assert 1 <= info.booked <= info.capacity


def test_the_demo_citizen_has_a_visit_booked(demo):
    citizen = get_user_model().objects.get(username="citizen")
    visit = Booking.objects.get(owner=citizen, status=Booking.Status.BOOKED)
    assert visit.phone == citizen.phone and visit.email == citizen.email


def test_the_clerk_sees_the_visits_on_the_counter_page(client, clerk):
    assert client.login(username="clerk", password=DEMO_PASSWORD)
    body = client.get("/admin/applications/application/counter/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    today = timezone.localdate()
    for booking in Booking.objects.filter(centre=clerk.centre, starts_at__date=today):
        assert booking.name in body


def test_counter_and_postal_applications_record_their_centre_and_clerk(clerk):
    offline = Application.objects.filter(channel__in=["counter", "post"]).exclude(status="draft")
    assert offline.filter(channel="counter").count() >= 3 and offline.filter(channel="post").count() >= 3
    for app in offline.select_related("centre"):
        assert app.centre == clerk.centre, app.reference
        assert app.registered_by == clerk, app.reference
        assert app.applicant_id_number, app.reference
        assert clerk.centre.services.filter(pk=app.service_id).exists(), app.reference
        submitted = app.events.filter(to_status="submitted").order_by("at", "pk").first()
        assert submitted.actor == clerk, app.reference
        if app.channel == "post":
            assert app.received_on == timezone.localdate(app.submitted_at), app.reference
        else:
            assert app.received_on is None, app.reference


def test_the_clerks_queue_shows_the_applications_registered_at_the_centre(client, clerk):
    assert client.login(username="clerk", password=DEMO_PASSWORD)
    body = client.get("/admin/applications/application/", {"centre": clerk.centre.pk}).content.decode()
    for app in Application.objects.filter(centre=clerk.centre).exclude(status="draft")[:10]:
        assert app.reference in body


def test_loading_again_books_nothing_twice_and_registers_nothing_twice(demo):
    before = (Booking.objects.count(), Application.objects.count(), ApplicationEvent.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Booking.objects.count(), Application.objects.count(), ApplicationEvent.objects.count()) == before


def test_a_demo_visit_left_in_the_past_is_marked_not_come_and_booked_again(demo, clerk):
    old = Booking.objects.filter(centre=clerk.centre, status=Booking.Status.BOOKED).first()
    Booking.objects.filter(pk=old.pk).update(
        starts_at=old.starts_at - datetime.timedelta(days=7), ends_at=old.ends_at - datetime.timedelta(days=7)
    )
    call_command("load_demo", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.status == Booking.Status.NO_SHOW and old.checked_in_by == clerk
    assert Booking.objects.filter(phone=old.phone, service=old.service, status=Booking.Status.BOOKED).count() == 1
