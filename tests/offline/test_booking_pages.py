"""The citizens' booking pages: from the guide's "Book a counter visit" to the confirmation,
finding a booking again by reference and mobile number, cancelling and moving it, and the
visits in "My applications"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from services.offline import bookings, slots
from services.offline.forms import at_value
from services.offline.models import Booking, CentreClosure
from tests.makers import make_centre, make_district, make_material, make_service

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
# The pages read the real clock; these tests pin it to a working morning (Tuesday 1 December 2026,
# 11:10 in Shanghai): some of the day's times have passed, most are still free, and the tests do
# not depend on when they run (after the centres close, "today" has no free time left).
FROZEN_NOW = datetime.datetime(2026, 12, 1, 3, 10, tzinfo=datetime.timezone.utc)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)


@pytest.fixture(autouse=True)
def english_urls():
    """reverse() prefixes the active language: start each test in English, whatever an earlier
    test in the same process left active (a test wanting Chinese says so)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    pudong = make_district(slug="pudong", name_en="Pudong", name_zh="浦东新区")
    xuhui = make_district(slug="xuhui", name_en="Xuhui", name_zh="徐汇区")
    service = make_service(slug="permit", name_en="Residence permit", name_zh="居住证")
    make_material(service, name_en="Household register", name_zh="户口簿")
    other = make_service(slug="marriage", name_en="Marriage registration")
    centre = make_centre(
        slug="pudong-centre",
        name_en="Pudong Citizen Centre",
        address_en="1 Century Avenue",
        district=pudong,
        services=[service],
        weekdays=range(7),
        counters=1,
    )
    xuhui_centre = make_centre(
        slug="xuhui-centre", name_en="Xuhui Citizen Centre", district=xuhui, services=[service], weekdays=range(7)
    )
    make_centre(slug="closed-centre", name_en="No Bookings Centre", services=[service], bookable=False)
    make_centre(slug="marriage-centre", name_en="Marriage Only Centre", services=[other])
    return {"service": service, "centre": centre, "xuhui": xuhui_centre, "other": other}


def free_slots(world, n=2):
    """The first `n` free times at the Pudong centre (its booking window always has some)."""
    found = slots.nearest_free(world["centre"], world["service"], limit=n)
    assert len(found) == n
    return found


def details_url(world):
    return reverse("offline:book-details", args=["permit", "pudong-centre"])


def post_details(client, world, at, **data):
    form = {"at": at, "name": "Zhang Wei", "phone": PHONE, "email": "", **data}
    return client.post(details_url(world), form)


def book_directly(world, at, phone="13900000000", **kw):
    return bookings.book(
        centre=world["centre"],
        service=world["service"],
        starts_at=at,
        name="Li Na",
        phone=phone,
        language="en",
        **kw,
    )


# --- the journey ------------------------------------------------------------------------------


def test_the_guide_links_book_a_counter_visit_to_the_booking_start(client, world):
    body = client.get("/en/services/permit/").content.decode()
    assert 'href="/en/centres/book/permit/"' in body


def test_centre_step_lists_only_bookable_centres_that_handle_the_service(client, world):
    body = client.get("/en/centres/book/permit/").content.decode()
    assert "Pudong Citizen Centre" in body and "Xuhui Citizen Centre" in body
    assert "No Bookings Centre" not in body and "Marriage Only Centre" not in body
    assert 'href="/en/centres/book/permit/pudong-centre/"' in body


def test_centre_step_filters_by_district(client, world):
    body = client.get("/en/centres/book/permit/", {"district": "xuhui"}).content.decode()
    assert "Xuhui Citizen Centre" in body and "Pudong Citizen Centre" not in body


def test_unknown_district_shows_every_centre_and_says_so(client, world):
    body = client.get("/en/centres/book/permit/", {"district": "atlantis"}).content.decode()
    assert "Pudong Citizen Centre" in body and "That district was not recognised" in body


def test_centre_step_query_count_does_not_grow_with_centres(client, world, django_assert_max_num_queries):
    for _ in range(25):
        make_centre(services=[world["service"]])
    with django_assert_max_num_queries(8):
        body = client.get("/en/centres/book/permit/").content.decode()
    assert body.count('class="hours"') == 20  # a page of 20


def test_time_step_query_count_does_not_grow_with_bookings(client, world, django_assert_max_num_queries):
    for n, info in enumerate(slots.nearest_free(world["centre"], world["service"], limit=10)):
        book_directly(world, info.starts_at, phone=f"1390000{n:04d}")
    with django_assert_max_num_queries(12):
        assert client.get("/en/centres/book/permit/pudong-centre/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/centres/book/nope/",
        "/en/centres/book/permit/marriage-centre/",  # does not handle the service
        "/en/centres/book/permit/closed-centre/",  # takes no bookings
        "/en/centres/book/permit/nope/details/",
    ],
)
def test_a_service_or_centre_that_cannot_be_booked_is_404(client, world, path):
    assert client.get(path).status_code == 404


def test_time_step_offers_only_the_bookable_days_and_their_free_times(client, world):
    days = slots.bookable_days(world["centre"], world["service"])
    body = client.get("/en/centres/book/permit/pudong-centre/").content.decode()
    offered = re.findall(r'<option value="([^"]*)"', body)
    assert offered == [day.isoformat() for day in days]
    first = free_slots(world, 1)[0]
    assert f'value="{at_value(first.starts_at)}"' in body


def test_htmx_fragment_and_plain_form_give_the_same_slots(client, world):
    day = slots.bookable_days(world["centre"], world["service"])[1]
    url = "/en/centres/book/permit/pudong-centre/"
    page = client.get(url, {"date": day.isoformat()}).content.decode()
    fragment = client.get(url, {"date": day.isoformat()}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and fragment.strip().startswith('<div id="slots"')
    assert fragment.strip() in page
    assert f'value="{day.isoformat()}T' in fragment


def test_a_date_outside_the_offer_is_refused_with_a_message(client, world):
    response = client.get("/en/centres/book/permit/pudong-centre/", {"date": "2001-01-01"})
    assert response.status_code == 400
    assert "Bookings cannot be made for that date" in response.content.decode()


def test_a_full_time_is_shown_but_cannot_be_chosen(client, world):
    first = free_slots(world, 1)[0]
    book_directly(world, first.starts_at)
    day = timezone.localdate(first.starts_at)
    url = "/en/centres/book/permit/pudong-centre/"
    body = client.get(url, {"date": day.isoformat()}).content.decode()
    assert f'value="{at_value(first.starts_at)}" id="at-1" disabled' in body or "(full)" in body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_citizen_books_a_visit_from_the_guide_to_the_confirmation(
    client, world, language, django_capture_on_commit_callbacks
):
    at = at_value(free_slots(world, 1)[0].starts_at)
    prefix = f"/{language}/centres/book/permit/pudong-centre/"
    assert client.get(f"/{language}/centres/book/permit/").status_code == 200
    assert client.get(prefix).status_code == 200
    details = client.get(prefix + "details/", {"at": at})
    assert details.status_code == 200 and f'value="{at}"' in details.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prefix + "details/", {"at": at, "name": "Zhang Wei", "phone": "138 1234 5678"})
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/centres/bookings/{booking.reference}/booked/"
    assert booking.language == language and booking.phone == PHONE and booking.owner is None
    body = client.get(response["Location"]).content.decode()
    assert booking.reference in body
    assert "<svg" in body and 'role="img"' in body  # the QR code, made on the server
    with translation.override(language):
        assert str(world["service"].materials.get().name) in body
        assert world["centre"].address in body
    assert f"/{language}/centres/bookings/{booking.reference}/cancel/" in body
    assert f"/{language}/centres/bookings/{booking.reference}/move/" in body
    if language == "zh-hans":
        assert "预约成功" in body
    else:
        assert "Visit booked" in body and "Monday – Sunday 09:00–17:00" in body


def test_the_qr_code_encodes_the_booking_page_and_nothing_personal(client, world, settings):
    import segno

    settings.SITE_URL = "https://portal.example.gov.cn"
    at = at_value(free_slots(world, 1)[0].starts_at)
    post_details(client, world, at)
    booking = Booking.objects.get()
    body = client.get(f"/en/centres/bookings/{booking.reference}/booked/").content.decode()
    expected = segno.make(f"https://portal.example.gov.cn/en/centres/bookings/{booking.reference}/", error="m")
    # The drawing of exactly that address (its path data) is on the page, with a text alternative.
    drawing = re.search(r'<path[^>]* d="([^"]+)"', expected.svg_inline(scale=4, dark="#000", light="#fff")).group(1)
    assert f'd="{drawing}"' in body
    assert 'role="img" aria-label="QR code that opens this booking' in body


def test_booking_pages_are_never_cached(client, world):
    at = at_value(free_slots(world, 1)[0].starts_at)
    for url in ["/en/centres/book/permit/", "/en/centres/book/permit/pudong-centre/", "/en/centres/bookings/"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    post_details(client, world, at)
    reference = Booking.objects.get().reference
    assert "no-store" in client.get(f"/en/centres/bookings/{reference}/")["Cache-Control"]


def test_a_signed_in_citizen_is_prefilled_and_owns_the_booking(client, world):
    from services.accounts.models import User

    user = User.objects.create_user(
        "zhang", password="pw-123456-long", email="zhang@example.com", phone=PHONE, first_name="Wei", last_name="Zhang"
    )
    client.force_login(user)
    at = at_value(free_slots(world, 1)[0].starts_at)
    body = client.get(details_url(world), {"at": at}).content.decode()
    assert f'value="{PHONE}"' in body and 'value="zhang@example.com"' in body
    assert f'value="{user.get_full_name()}"' in body
    post_details(client, world, at, name=user.get_full_name(), email="zhang@example.com")
    assert Booking.objects.get().owner == user


# --- refusals: a message beside the field, the nearest free times, everything typed kept -------


def test_a_full_time_gets_a_message_the_nearest_free_times_and_keeps_what_was_typed(client, world):
    first, second = free_slots(world, 2)
    book_directly(world, first.starts_at)
    response = post_details(client, world, at_value(first.starts_at), name="Wang Fang", email="wang@example.com")
    body = response.content.decode()
    assert response.status_code == 400
    assert "This time has just been fully booked" in body
    assert f'type="radio" name="at" value="{at_value(second.starts_at)}"' in body
    assert 'value="Wang Fang"' in body and 'value="wang@example.com"' in body and f'value="{PHONE}"' in body
    assert 'href="#id_at_0"' in body  # the error summary links to the first time offered
    assert Booking.objects.count() == 1


def test_a_past_time_gets_a_message_and_alternatives(client, world):
    past = timezone.localtime() - datetime.timedelta(days=1)
    past = past.replace(hour=9, minute=0, second=0, microsecond=0)
    response = post_details(client, world, at_value(past))
    body = response.content.decode()
    assert response.status_code == 400 and "This time has passed" in body
    assert 'type="radio" name="at"' in body and 'value="Zhang Wei"' in body


def test_a_time_on_a_closed_day_gets_a_message_and_alternatives(client, world):
    first = free_slots(world, 1)[0]
    CentreClosure.objects.create(centre=world["centre"], date=timezone.localdate(first.starts_at))
    response = post_details(client, world, at_value(first.starts_at))
    body = response.content.decode()
    assert response.status_code == 400 and "The centre is closed on" in body
    assert 'type="radio" name="at"' in body


def test_a_time_beyond_the_booking_window_is_refused(client, world):
    far = timezone.localtime() + datetime.timedelta(days=60)
    response = post_details(client, world, at_value(far.replace(hour=9, minute=0)))
    assert response.status_code == 400
    assert "at most 14 days ahead" in response.content.decode()


@pytest.mark.parametrize("at", ["", "tomorrow", "2026-13-45T25:99", "9" * 5000])
def test_a_malformed_time_is_refused_with_a_message_not_a_500(client, world, at):
    response = post_details(client, world, at)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose a time for your visit." in body or "That time could not be read" in body
    assert 'type="radio" name="at"' in body  # the nearest free times to choose from
    assert "9" * 100 not in body


def test_a_time_that_is_not_a_slot_start_is_refused(client, world):
    first = free_slots(world, 1)[0]
    response = post_details(client, world, at_value(first.starts_at + datetime.timedelta(minutes=7)))
    assert response.status_code == 400 and "Choose one of the times offered." in response.content.decode()


def test_bad_details_are_refused_beside_their_field_keeping_the_time(client, world):
    at = at_value(free_slots(world, 1)[0].starts_at)
    response = post_details(client, world, at, name="", phone="12345", email="not-an-email")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter your full name." in body and "Enter an email address like name@example.com." in body
    assert 'href="#id_phone"' in body
    assert f'type="hidden" name="at" value="{at}"' in body


def test_a_second_visit_for_the_same_service_is_refused_beside_the_mobile_number(client, world):
    first, second = free_slots(world, 2)
    book_directly(world, first.starts_at, phone=PHONE)
    response = post_details(client, world, at_value(second.starts_at))
    body = response.content.decode()
    assert response.status_code == 400
    assert "This mobile number already has a visit for this service" in body
    assert 'href="#id_phone"' in body


def test_a_refusal_never_gives_away_someone_elses_visit(client, world):
    # Anyone may type any mobile number: the refusal must not hand over the visit's reference
    # (with the number, it opens the visit) nor its time.
    other = make_service(slug="passport", name_en="Passport")
    world["centre"].services.add(other)
    first, second = free_slots(world, 2)
    held = book_directly(world, first.starts_at, phone=PHONE)
    same = post_details(client, world, at_value(second.starts_at), name="Typed Name", email="t@example.com")
    overlap = client.post(
        reverse("offline:book-details", args=["passport", "pudong-centre"]),
        {"at": at_value(first.starts_at), "name": "Typed Name", "phone": PHONE},
    )
    for response in (same, overlap):
        body = response.content.decode()
        assert response.status_code == 400
        assert held.reference not in body and "Li Na" not in body
        assert timezone.localtime(held.starts_at).strftime("%H:%M") not in body.split("<form", 1)[0]
        assert 'href="/en/centres/bookings/"' in body and 'value="Typed Name"' in body
    assert "This mobile number already has another visit at an overlapping time" in overlap.content.decode()


def test_a_signed_in_owner_is_shown_a_link_to_their_own_visit(client, world):
    from services.accounts.models import User

    user = User.objects.create_user("zhang", password="pw-123456-long", phone=PHONE)
    first, second = free_slots(world, 2)
    mine = book_directly(world, first.starts_at, phone=PHONE, owner=user)
    client.force_login(user)
    body = post_details(client, world, at_value(second.starts_at)).content.decode()
    assert f'href="/en/centres/bookings/{mine.reference}/"' in body
    # Another account typing the same number is not.
    client.force_login(User.objects.create_user("li", password="pw-123456-long"))
    body = post_details(client, world, at_value(second.starts_at)).content.decode()
    assert mine.reference not in body


def test_refusals_that_reveal_a_held_visit_count_towards_the_lookup_limit(client, world, settings, clock):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    first, second = free_slots(world, 2)
    book_directly(world, first.starts_at, phone=PHONE)
    for _ in range(3):
        assert post_details(client, world, at_value(second.starts_at)).status_code == 400
    limited = post_details(client, world, at_value(second.starts_at), name="Typed Name")
    body = limited.content.decode()
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "This mobile number already has" not in body and "Too many attempts" in body
    assert 'value="Typed Name"' in body
    # The same budget as finding a booking.
    assert client.post("/en/centres/bookings/", {"reference": "BK26AAAAAAAAA", "phone": PHONE}).status_code == 429
    # A visit that runs into nothing is still booked.
    assert post_details(client, world, at_value(second.starts_at), phone="13700000000").status_code == 302


def test_an_empty_time_is_reported_once(client, world):
    body = post_details(client, world, "", phone="bad").content.decode()
    summary = body.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert summary.count("Choose a time for your visit.") == 1
    assert body.count("Choose a time for your visit.") == 2  # the summary and beside the times


def test_a_past_time_is_reported_with_a_bad_email(client, world):
    # Every fault at once: the citizen should not fix the email only to be told about the time.
    past = (timezone.localtime() - datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    response = post_details(client, world, at_value(past), email="not-an-email", name="Typed Name")
    body = response.content.decode()
    assert response.status_code == 400
    assert "This time has passed" in body and "Enter an email address like name@example.com." in body
    assert 'type="radio" name="at"' in body and 'value="Typed Name"' in body


def test_details_page_without_a_time_goes_back_to_the_picker_with_a_message(client, world):
    response = client.get(details_url(world), {"at": "garbage"})
    assert response.status_code == 400
    assert "That time could not be read" in response.content.decode()


def test_refusals_are_in_chinese_on_chinese_pages(client, world):
    first, _second = free_slots(world, 2)
    book_directly(world, first.starts_at)
    body = client.post(
        "/zh-hans/centres/book/permit/pudong-centre/details/",
        {"at": at_value(first.starts_at), "name": "张伟", "phone": PHONE},
    ).content.decode()
    assert "请选择其他时间" in body and "以下是该中心最近的空闲时段。" in body and 'value="张伟"' in body


# --- finding a booking again ---------------------------------------------------------------------


@pytest.fixture
def booked(world):
    return book_directly(world, free_slots(world, 1)[0].starts_at, phone=PHONE)


def test_a_booking_page_asks_for_the_mobile_number_in_another_browser(client, booked):
    # A 404 with the find form (the reference filled in), the same for a real reference as for
    # a made-up one: nothing tells them apart.
    response = client.get(f"/en/centres/bookings/{booked.reference}/")
    forged = client.get("/en/centres/bookings/BK26AAAAAAAAA/")
    assert response.status_code == forged.status_code == 404
    body = response.content.decode()
    assert 'action="/en/centres/bookings/"' in body and f'value="{booked.reference}"' in body
    assert "Find your booking" in body and "Li Na" not in body

    def without_token(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    assert without_token(forged.content.decode().replace("BK26AAAAAAAAA", booked.reference)) == without_token(body)


@pytest.mark.parametrize("path", ["", "booked/", "cancel/", "move/"])
def test_a_guessed_reference_in_an_address_is_a_404_and_counts_as_a_guess(client, booked, settings, clock, path):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    from services.lib.references import BOOKINGS

    for _ in range(3):
        response = client.get(f"/en/centres/bookings/{BOOKINGS.make()}/{path}")
        assert response.status_code == 404 and 'href="/en/centres/bookings/"' in response.content.decode()
    limited = client.get(f"/en/centres/bookings/{booked.reference}/{path}")
    assert limited.status_code == 429 and 0 < int(limited["Retry-After"]) <= 3600
    assert "Too many attempts" in limited.content.decode()
    # The same budget as the find page and the tracking page.
    assert client.post("/en/centres/bookings/", {"reference": booked.reference, "phone": PHONE}).status_code == 429
    assert client.post("/en/track/", {"reference": "HP26K7M2X9QDS", "tracking_code": "ABCDEFGH"}).status_code == 429
    clock.advance(3601)
    assert client.get(f"/en/centres/bookings/{booked.reference}/{path}").status_code == 404


def test_a_guessed_reference_posted_to_cancel_or_move_is_a_404_and_changes_nothing(client, booked):
    assert client.post(f"/en/centres/bookings/{booked.reference}/cancel/").status_code == 404
    assert client.post(f"/en/centres/bookings/{booked.reference}/move/", {"at": "x"}).status_code == 404
    booked.refresh_from_db()
    assert booked.status == Booking.Status.BOOKED


def test_the_visitors_own_booking_opens_even_once_the_guesses_are_used_up(client, world, settings, clock):
    from services.accounts.models import User
    from services.lib.references import BOOKINGS

    settings.TRACKING_ATTEMPTS_PER_HOUR = 2
    first, second = free_slots(world, 2)
    post_details(client, world, at_value(first.starts_at))  # this browser made it
    made_here = Booking.objects.get()
    owner = User.objects.create_user("zhang", password="pw-123456-long")
    owned = book_directly(world, second.starts_at, owner=owner)
    client.force_login(owner)
    for _ in range(2):
        client.get(f"/en/centres/bookings/{BOOKINGS.make()}/")
    assert client.get(f"/en/centres/bookings/{BOOKINGS.make()}/").status_code == 429
    for booking in (made_here, owned):
        for path in ["", "booked/", "cancel/", "move/"]:
            assert client.get(f"/en/centres/bookings/{booking.reference}/{path}").status_code == 200, path


def test_reference_and_mobile_number_open_the_booking(client, booked):
    response = client.post(
        "/en/centres/bookings/", {"reference": booked.reference.lower(), "phone": "+86 138-1234-5678"}
    )
    assert response.status_code == 302 and response["Location"] == f"/en/centres/bookings/{booked.reference}/"
    body = client.get(response["Location"]).content.decode()
    assert booked.reference in body and "Pudong Citizen Centre" in body


def test_wrong_mobile_number_and_forged_reference_get_the_same_not_found(client, booked):
    wrong_phone = client.post("/en/centres/bookings/", {"reference": booked.reference, "phone": "13900000001"})
    from services.lib.references import BOOKINGS

    forged_ref = BOOKINGS.make()
    forged = client.post("/en/centres/bookings/", {"reference": forged_ref, "phone": PHONE})
    assert wrong_phone.status_code == forged.status_code == 404
    message = "No booking matches that reference and mobile number."
    assert message in wrong_phone.content.decode() and message in forged.content.decode()
    assert client.get(f"/en/centres/bookings/{booked.reference}/cancel/").status_code == 404


def test_a_reference_that_cannot_be_one_is_refused_at_once_without_counting(client, booked, settings):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 2
    for _ in range(3):
        response = client.post("/en/centres/bookings/", {"reference": "BK-nonsense", "phone": PHONE})
        assert response.status_code == 400
        assert "This booking reference is not valid" in response.content.decode()
    ok = client.post("/en/centres/bookings/", {"reference": booked.reference, "phone": PHONE})
    assert ok.status_code == 302


def test_wrong_guesses_are_throttled_with_the_tracking_pages_limit(client, booked, settings, clock):
    settings.TRACKING_ATTEMPTS_PER_HOUR = 3
    from services.lib.references import BOOKINGS

    for _ in range(3):
        assert client.post("/en/centres/bookings/", {"reference": BOOKINGS.make(), "phone": PHONE}).status_code == 404
    blocked = client.post("/en/centres/bookings/", {"reference": booked.reference, "phone": PHONE})
    assert blocked.status_code == 429 and "Too many attempts" in blocked.content.decode()
    assert 3500 < int(blocked["Retry-After"]) <= 3600
    # The same budget as the tracking page: it is locked too.
    tracked = client.post("/en/track/", {"reference": "HP26K7M2X9QDS", "tracking_code": "ABCDEFGH"})
    assert tracked.status_code == 429
    clock.advance(3601)
    assert client.post("/en/centres/bookings/", {"reference": booked.reference, "phone": PHONE}).status_code == 302


def test_an_overlong_reference_is_cut_before_it_is_shown_again(client, booked):
    response = client.post("/en/centres/bookings/", {"reference": "B" * 10000, "phone": PHONE})
    assert response.status_code == 400 and "B" * 41 not in response.content.decode()
    response = client.get("/en/centres/bookings/", {"reference": "B" * 3000})
    # (the language switch links back to the whole address; the input holds 40 characters)
    assert response.status_code == 200 and 'value="' + "B" * 41 not in response.content.decode()


# --- cancel and move ----------------------------------------------------------------------------


def _found(client, booking):
    client.post("/en/centres/bookings/", {"reference": booking.reference, "phone": PHONE})


def test_cancel_asks_first_and_only_a_post_cancels(client, booked):
    _found(client, booked)
    page = client.get(f"/en/centres/bookings/{booked.reference}/cancel/")
    assert page.status_code == 200 and "Yes, cancel the visit" in page.content.decode()
    booked.refresh_from_db()
    assert booked.status == Booking.Status.BOOKED
    response = client.post(f"/en/centres/bookings/{booked.reference}/cancel/")
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Booking.Status.CANCELLED
    body = client.get(response["Location"]).content.decode()
    assert "Your visit is cancelled" in body and "Cancel the visit" not in body


def test_a_cancelled_visit_cannot_be_cancelled_or_moved_again(client, booked):
    _found(client, booked)
    client.post(f"/en/centres/bookings/{booked.reference}/cancel/")
    again = client.post(f"/en/centres/bookings/{booked.reference}/cancel/", follow=True)
    assert "can no longer be cancelled" in again.content.decode()
    moved = client.post(f"/en/centres/bookings/{booked.reference}/move/", {"at": "x"}, follow=True)
    assert "can no longer be moved" in moved.content.decode()


def test_move_offers_the_same_picker_and_moves_the_visit(client, world, booked):
    _found(client, booked)
    url = f"/en/centres/bookings/{booked.reference}/move/"
    page = client.get(url).content.decode()
    assert "Move your visit" in page and 'data-hx-get="' + url + '"' in page
    target = slots.nearest_free(world["centre"], world["service"], limit=5)[-1]
    fragment = client.get(
        url, {"date": timezone.localdate(target.starts_at).isoformat()}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.content.decode() and at_value(target.starts_at) in fragment.content.decode()
    response = client.post(url, {"at": at_value(target.starts_at)})
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.starts_at == target.starts_at and booked.status == Booking.Status.BOOKED


def _forms(body):
    return re.findall(r"<form\b[^>]*>.*?</form>", body, re.S)


@pytest.mark.parametrize("page", ["move", "time"])
def test_the_day_picker_is_a_get_form_of_its_own_without_the_csrf_token(client, world, booked, page):
    # "Show times" inside the POST form sent every field of it by GET: the CSRF token ended up
    # in the address (history, logs, Referer).
    _found(client, booked)
    url = (
        f"/en/centres/bookings/{booked.reference}/move/" if page == "move" else "/en/centres/book/permit/pudong-centre/"
    )
    body = client.get(url).content.decode()
    assert "formmethod" not in body
    day_form = next(f for f in _forms(body) if 'name="date"' in f)
    assert re.match(r'<form method="get" action="' + re.escape(url) + '"', day_form)
    assert "csrfmiddlewaretoken" not in day_form and 'name="at"' not in day_form and "Show times" in day_form
    times_form = next(f for f in _forms(body) if 'name="at"' in f)
    assert 'name="date"' not in times_form
    if page == "move":
        assert times_form.startswith(f'<form method="post" action="{url}"') and "csrfmiddlewaretoken" in times_form
    # Show times as a browser would send it: the date alone.
    shown = client.get(url, {"date": timezone.localdate(booked.starts_at).isoformat()})
    assert shown.status_code == 200


def test_moving_to_a_full_time_says_so_and_offers_the_nearest(client, world, booked):
    _found(client, booked)
    full = slots.nearest_free(world["centre"], world["service"], limit=3)[-1]
    book_directly(world, full.starts_at)
    response = client.post(f"/en/centres/bookings/{booked.reference}/move/", {"at": at_value(full.starts_at)})
    body = response.content.decode()
    assert response.status_code == 400 and "fully booked" in body and 'type="radio" name="at"' in body
    before = booked.starts_at
    booked.refresh_from_db()
    assert booked.starts_at == before


def test_moving_with_a_malformed_time_is_refused(client, booked):
    _found(client, booked)
    response = client.post(f"/en/centres/bookings/{booked.reference}/move/", {"at": "soon"})
    assert response.status_code == 400 and "That time could not be read" in response.content.decode()


# --- my applications --------------------------------------------------------------------------


def test_my_applications_lists_my_visits_and_opens_them(client, world, django_assert_max_num_queries):
    from services.accounts.models import User

    user = User.objects.create_user("zhang", password="pw-123456-long", phone=PHONE)
    other = User.objects.create_user("li", password="pw-123456-long")
    times = slots.nearest_free(world["centre"], world["service"], limit=20)
    mine = book_directly(world, times[0].starts_at, phone=PHONE, owner=user)
    book_directly(world, times[1].starts_at, phone="13700000000", owner=other)
    for n, info in enumerate(times[2:14]):  # more visits for other services do not add queries
        service = make_service(name_en=f"Extra {n}")
        world["centre"].services.add(service)
        bookings.book(
            centre=world["centre"],
            service=service,
            starts_at=info.starts_at,
            name="Zhang",
            phone=f"1350000{n:04d}",
            owner=user,
            language="en",
        )
    client.force_login(user)
    with django_assert_max_num_queries(12):
        body = client.get("/en/applications/").content.decode()
    assert "Visits" in body and mine.reference in body
    assert body.count("/en/centres/bookings/BK") == 13
    page = client.get(f"/en/centres/bookings/{mine.reference}/")
    assert page.status_code == 200 and "Move the visit" in page.content.decode()


def test_another_account_cannot_open_my_visit(client, world):
    from services.accounts.models import User

    owner = User.objects.create_user("zhang", password="pw-123456-long")
    booking = book_directly(world, free_slots(world, 1)[0].starts_at, owner=owner)
    client.force_login(User.objects.create_user("li", password="pw-123456-long"))
    assert client.get(f"/en/centres/bookings/{booking.reference}/").status_code == 404
    assert client.post(f"/en/centres/bookings/{booking.reference}/cancel/").status_code == 404
    assert client.get(f"/en/centres/bookings/{booking.reference}/booked/").status_code == 404


# --- limits per address ---------------------------------------------------------------------------


def test_bookings_from_one_address_are_limited_per_hour(client, world, settings, clock):
    settings.BOOKINGS_PER_ADDRESS_PER_HOUR = 2
    times = free_slots(world, 3)
    for n in range(2):
        assert post_details(client, world, at_value(times[n].starts_at), phone=f"1390000000{n}").status_code == 302
    response = post_details(client, world, at_value(times[2].starts_at), phone="13900000009", name="Typed Name")
    body = response.content.decode()
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 3600
    assert "Too many visits have been booked from your connection in the last hour" in body
    assert 'value="Typed Name"' in body and 'value="13900000009"' in body
    assert Booking.objects.count() == 2
    other = client.post(
        details_url(world),
        {"at": at_value(times[2].starts_at), "name": "X", "phone": "13900000008"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302
    clock.advance(3601)
    assert post_details(client, world, at_value(times[2].starts_at), phone="13900000007").status_code in (302, 400)


def test_live_visits_booked_from_one_address_are_limited(client, world, settings):
    settings.LIVE_BOOKINGS_PER_ADDRESS = 2
    times = free_slots(world, 3)
    for n in range(2):
        assert post_details(client, world, at_value(times[n].starts_at), phone=f"1390000000{n}").status_code == 302
    response = post_details(client, world, at_value(times[2].starts_at), phone="13900000009")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "2 visits booked from your connection are still to come" in response.content.decode()
    bookings.cancel(Booking.objects.first())
    assert post_details(client, world, at_value(times[2].starts_at), phone="13900000009").status_code == 302


def test_too_many_messages_to_one_number_is_a_429_beside_the_mobile_number(client, world, settings):
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 1
    first, second = free_slots(world, 2)
    bookings.cancel(book_directly(world, first.starts_at, phone=PHONE))
    response = post_details(client, world, at_value(second.starts_at))
    body = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many bookings and changes for this mobile number today" in body and 'href="#id_phone"' in body


def test_address_limits_are_in_chinese_on_chinese_pages(client, world, settings):
    settings.BOOKINGS_PER_ADDRESS_PER_HOUR = 1
    first, second = free_slots(world, 2)
    post_details(client, world, at_value(first.starts_at), phone="13900000001")
    body = client.post(
        "/zh-hans/centres/book/permit/pudong-centre/details/",
        {"at": at_value(second.starts_at), "name": "张伟", "phone": PHONE},
    ).content.decode()
    assert "您的网络连接在过去一小时内预约次数过多" in body and 'value="张伟"' in body


def test_a_move_past_the_numbers_messages_is_a_429_and_keeps_the_visit(client, world, booked, settings):
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 2  # the booking used one, this move the other
    _found(client, booked)
    first, second = slots.nearest_free(world["centre"], world["service"], limit=4)[-2:]
    url = f"/en/centres/bookings/{booked.reference}/move/"
    assert client.post(url, {"at": at_value(first.starts_at)}).status_code == 302
    response = client.post(url, {"at": at_value(second.starts_at)})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many bookings and changes for this mobile number today" in response.content.decode()
    booked.refresh_from_db()
    assert booked.starts_at == first.starts_at
