"""The centre's booking capacity is kept in the admin: takes bookings, counters, visit length,
booking window, counters per service and the centre's own closed days."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from services.offline import slots
from services.offline.models import CentreClosure, ServiceCounters
from tests.makers import make_centre, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(user)
    return client


def _form(centre, **changes):
    data = {
        "name_zh": centre.name_zh,
        "name_en": centre.name_en,
        "slug": centre.slug,
        "district": centre.district_id,
        "order": 0,
        "phone": "",
        "address_zh": centre.address_zh,
        "address_en": centre.address_en,
        "services": [s.pk for s in centre.services.all()],
        "bookable": "on",
        "counters": 2,
        "slot_minutes": 30,
        "booking_days_ahead": 14,
    }
    for prefix in ("opening_hours", "closures", "service_counters"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_the_centre_page_offers_the_booking_settings(admin_client):
    centre = make_centre()
    body = admin_client.get(f"/admin/offline/servicecentre/{centre.pk}/change/").content.decode()
    for name in (
        "bookable",
        "counters",
        "slot_minutes",
        "booking_days_ahead",
        "closures-TOTAL_FORMS",
        "service_counters-TOTAL_FORMS",
    ):
        assert f'name="{name}"' in body


def test_capacity_and_closures_saved_in_the_admin_count_for_bookings(admin_client):
    service = make_service(slug="id-card")
    centre = make_centre(services=[service], weekdays=[])
    data = _form(
        centre,
        counters=4,
        slot_minutes=20,
        booking_days_ahead=30,
        **{
            "closures-TOTAL_FORMS": 1,
            "closures-0-date": "2026-06-16",
            "closures-0-reason_en": "Staff training",
            "service_counters-TOTAL_FORMS": 1,
            "service_counters-0-service": service.pk,
            "service_counters-0-counters": 6,
        },
    )
    response = admin_client.post(f"/admin/offline/servicecentre/{centre.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    centre.refresh_from_db()
    assert (centre.counters, centre.slot_minutes, centre.booking_days_ahead) == (4, 20, 30)
    assert CentreClosure.objects.get(centre=centre).date == datetime.date(2026, 6, 16)
    assert ServiceCounters.objects.get(centre=centre).counters == 6
    assert slots.capacity(centre, service) == 6


def test_impossible_capacity_is_refused_with_a_message(admin_client):
    centre = make_centre()
    response = admin_client.post(
        f"/admin/offline/servicecentre/{centre.pk}/change/", _form(centre, counters=0, slot_minutes=1)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "确保该值大于或等于1。" in body and "确保该值大于或等于5。" in body  # the admin is in Chinese


def test_the_visit_length_cannot_change_while_visits_are_booked(admin_client):
    """New slot times would lie across the booked visits, each slot with its counters free again."""
    from django.utils import timezone

    from services.lib.references import make_booking_reference
    from services.offline.models import Booking

    service = make_service(slug="id-card")
    centre = make_centre(services=[service])
    start = timezone.localtime() + datetime.timedelta(days=2)
    Booking.objects.create(
        reference=make_booking_reference(),
        centre=centre,
        service=service,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        name="Li Na",
        phone="13900001111",
    )
    url = f"/admin/offline/servicecentre/{centre.pk}/change/"
    refused = admin_client.post(url, _form(centre, slot_minutes=20))
    assert refused.status_code == 200
    assert "按当前时长已有 1 个预约" in refused.content.decode()  # the admin speaks Chinese by default
    centre.refresh_from_db()
    assert centre.slot_minutes == 30
    # Other settings still change.
    assert admin_client.post(url, _form(centre, counters=5)).status_code == 302
    centre.refresh_from_db()
    assert centre.counters == 5
