"""Booking a visit: book, move, cancel, find, check in, not come; every refusal; the messages."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from services.accounts.models import User
from services.lib import sms
from services.lib.references import is_valid_booking_reference
from services.offline import bookings, notifications
from services.offline.bookings import BookingError
from services.offline.models import Booking, CentreClosure, Slot
from tests.makers import make_centre, make_service

pytestmark = pytest.mark.django_db


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def now():
    return at(2026, 6, 15, 8)  # Monday morning; the window runs to 29 June


@pytest.fixture
def service():
    return make_service(slug="id-card", name_en="Resident ID card", name_zh="居民身份证")


@pytest.fixture
def centre(service):
    return make_centre(slug="pudong", name_en="Pudong Citizen Centre", name_zh="浦东新区市民中心", services=[service])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def book(centre, service, now, starts_at=None, **kw):
    data = dict(name="Li Lei", phone="138 0013 8000", language="en")
    data.update(kw)
    return bookings.book(centre=centre, service=service, starts_at=starts_at or at(2026, 6, 16, 9), now=now, **data)


def refused(code, *args, **kw):
    with pytest.raises(BookingError) as error:
        book(*args, **kw)
    assert error.value.code == code, error.value.message
    return error.value


def booked(centre, service, starts_at):
    return (
        Slot.objects.filter(centre=centre, service=service, starts_at=starts_at)
        .values_list("booked", flat=True)
        .first()
    )


# --- book -------------------------------------------------------------------------------------------


def test_booking_takes_a_place_and_gives_a_booking_reference(centre, service, now):
    booking = book(centre, service, now, name="  Li   Lei ", email=" li@example.com ")
    assert is_valid_booking_reference(booking.reference) and booking.reference.startswith("BK26")
    assert booking.status == Booking.Status.BOOKED
    assert (booking.name, booking.phone, booking.email) == ("Li Lei", "13800138000", "li@example.com")
    assert booking.ends_at - booking.starts_at == datetime.timedelta(minutes=30)
    assert booked(centre, service, at(2026, 6, 16, 9)) == 1


def test_a_full_slot_is_refused_with_the_nearest_free_times(centre, service, now):
    book(centre, service, now, phone="13800000001")
    book(centre, service, now, phone="13800000002")
    error = refused("full", centre, service, now, phone="13800000003")
    assert "fully booked" in error.message and error.field == "starts_at"
    assert [f"{timezone.localtime(s.starts_at):%H:%M}" for s in error.alternatives] == ["09:30", "10:00", "10:30"]
    assert booked(centre, service, at(2026, 6, 16, 9)) == 2


def test_a_closed_day_is_refused_with_alternatives(centre, service, now):
    error = refused("closed", centre, service, now, starts_at=at(2026, 6, 19, 9))  # Dragon Boat Festival
    assert "closed on 2026-06-19" in error.message
    assert error.alternatives and all(
        timezone.localdate(s.starts_at) != datetime.date(2026, 6, 19) for s in error.alternatives
    )
    CentreClosure.objects.create(centre=centre, date=datetime.date(2026, 6, 17))
    refused("closed", centre, service, now, starts_at=at(2026, 6, 17, 9))


def test_a_past_time_is_refused(centre, service, now):
    error = refused("past", centre, service, at(2026, 6, 16, 9, 5), starts_at=at(2026, 6, 16, 9))
    assert "passed" in error.message
    assert [f"{timezone.localtime(s.starts_at):%H:%M}" for s in error.alternatives][0] == "09:30"
    refused("past", centre, service, now, starts_at=at(2026, 6, 1, 9))


def test_a_date_beyond_the_booking_window_is_refused(centre, service, now):
    book(centre, service, now, starts_at=at(2026, 6, 29, 16, 30))  # the window's last slot
    error = refused("outside_window", centre, service, now, starts_at=at(2026, 6, 30, 9), phone="13900000000")
    assert "at most 14 days ahead" in error.message
    assert error.alternatives


def test_a_service_the_centre_does_not_handle_is_refused(centre, now):
    other = make_service(slug="passport")
    error = refused("not_handled", centre, other, now)
    assert "does not handle this service" in error.message and error.alternatives == []


def test_a_centre_that_takes_no_bookings_is_refused(centre, service, now):
    centre.bookable = False
    centre.save()
    assert "does not take bookings" in refused("not_handled", centre, service, now).message


@pytest.mark.parametrize(
    "starts_at",
    [
        "2026-06-16 09:00",  # text, not a time
        datetime.datetime(2026, 6, 16, 9),  # no time zone
        at(2026, 6, 16, 9, 10),  # not a slot start
        at(2026, 6, 16, 17),  # closing time
        at(2026, 6, 16, 7),  # before opening
    ],
)
def test_a_time_that_is_not_a_slot_start_is_refused(centre, service, now, starts_at):
    error = refused("malformed", centre, service, now, starts_at=starts_at)
    assert error.message == "Choose one of the times offered." and error.field == "starts_at"
    assert not Slot.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Enter the name of the person who will come"),
        ("name", "x" * 101, "A name can be at most 100 characters"),
        ("phone", "12345", "Enter a mobile number of 11 digits, like 13812345678"),
        ("phone", "23800138000", "Mainland mobile numbers start with 13 to 19"),
        ("email", "not an address", "Enter an email address like name@example.com, or leave it empty"),
        ("email", "a@" + "b" * 260 + ".cn", "Enter an email address like name@example.com, or leave it empty"),
    ],
)
def test_bad_personal_details_are_refused_naming_the_field(centre, service, now, field, value, message):
    error = refused("malformed", centre, service, now, **{field: value})
    assert (error.field, error.message) == (field, message)
    assert not Booking.objects.exists()


def test_the_phone_number_is_stored_as_eleven_digits(centre, service, now):
    assert book(centre, service, now, phone="+86 138-0013-8000").phone == "13800138000"


# --- one person -------------------------------------------------------------------------------------


def test_one_mobile_number_holds_one_visit_per_service_at_any_centre(centre, service, now):
    first = book(centre, service, now)
    elsewhere = make_centre(services=[service])
    error = refused("one_per_service", elsewhere, service, now, starts_at=at(2026, 6, 22, 9), phone="+8613800138000")
    assert error.held == first  # for the view to offer a link to its owner, never in the message


def test_one_account_holds_one_visit_per_service_whatever_number_it_gives(centre, service, now):
    owner = User.objects.create_user(username="li", password="x")
    book(centre, service, now, owner=owner)
    refused("one_per_service", centre, service, now, starts_at=at(2026, 6, 22, 9), phone="13900000000", owner=owner)


def test_one_person_never_holds_two_overlapping_visits(centre, service, now):
    other = make_service(slug="passport")
    centre.services.add(other)
    elsewhere = make_centre(services=[other], slot_minutes=60)
    first = book(centre, service, now, starts_at=at(2026, 6, 16, 9, 30))
    error = refused("overlap", elsewhere, other, now, starts_at=at(2026, 6, 16, 9))  # 09:00-10:00
    assert error.held == first
    # Right after the first visit ends is fine.
    assert book(centre, other, now, starts_at=at(2026, 6, 16, 10)).status == "booked"


def test_a_refusal_never_names_the_visit_already_held(centre, service, now):
    # Whoever posts may have typed a stranger's number: the message must not hand them its visit.
    other = make_service(slug="passport")
    centre.services.add(other)
    first = book(centre, service, now, starts_at=at(2026, 6, 16, 9, 30))
    same = refused("one_per_service", centre, service, now, starts_at=at(2026, 6, 22, 9))
    overlap = refused("overlap", centre, other, now, starts_at=at(2026, 6, 16, 9, 30))
    for error in (same, overlap):
        assert first.reference not in error.message and "09:30" not in error.message
        assert "2026-06-16" not in error.message and "Li Lei" not in error.message
    assert same.message == (
        "This mobile number already has a visit for this service: use Find your booking to see, move or cancel it."
    )
    assert overlap.message == (
        "This mobile number already has another visit at an overlapping time: choose another time, "
        "or use Find your booking to see, move or cancel that visit."
    )


def test_a_refusal_in_chinese_never_names_the_visit_either(centre, service, now):
    first = book(centre, service, now)
    with translation.override("zh-hans"):
        error = refused("one_per_service", centre, service, now, starts_at=at(2026, 6, 22, 9))
    assert first.reference not in error.message and "该手机号码" in error.message


def test_a_cancelled_visit_no_longer_counts_for_the_person(centre, service, now):
    bookings.cancel(book(centre, service, now), now=now)
    assert book(centre, service, now, starts_at=at(2026, 6, 16, 9)).status == "booked"


# --- cancel and move ---------------------------------------------------------------------------------


def test_cancelling_gives_the_place_back(centre, service, now):
    booking = book(centre, service, now)
    bookings.cancel(booking, now=now)
    assert booking.status == Booking.Status.CANCELLED
    assert booked(centre, service, at(2026, 6, 16, 9)) == 0


def test_a_visit_is_cancelled_once_and_not_after_it_started(centre, service, now):
    booking = book(centre, service, now)
    bookings.cancel(booking, now=now)
    with pytest.raises(BookingError) as error:
        bookings.cancel(booking, now=now)
    assert error.value.code == "not_booked"
    assert booked(centre, service, at(2026, 6, 16, 9)) == 0
    later = book(centre, service, now)
    with pytest.raises(BookingError) as error:
        bookings.cancel(later, now=at(2026, 6, 16, 9, 1))
    assert error.value.code == "past"


def test_moving_takes_the_new_place_and_gives_the_old_one_back(centre, service, now):
    booking = book(centre, service, now)
    Booking.objects.filter(pk=booking.pk).update(reminded_at=now)
    booking.refresh_from_db()
    moved = bookings.move(booking, at(2026, 6, 17, 14), now=now)
    assert timezone.localtime(moved.starts_at) == at(2026, 6, 17, 14)
    assert moved.ends_at == at(2026, 6, 17, 14, 30)
    assert moved.reminded_at is None and moved.reference == booking.reference
    assert booked(centre, service, at(2026, 6, 16, 9)) == 0
    assert booked(centre, service, at(2026, 6, 17, 14)) == 1


def test_moving_to_a_full_time_keeps_the_old_place(centre, service, now):
    booking = book(centre, service, now)
    book(centre, service, now, starts_at=at(2026, 6, 17, 14), phone="13800000001")
    book(centre, service, now, starts_at=at(2026, 6, 17, 14), phone="13800000002")
    with pytest.raises(BookingError) as error:
        bookings.move(booking, at(2026, 6, 17, 14), now=now)
    assert error.value.code == "full" and error.value.alternatives
    booking.refresh_from_db()
    assert timezone.localtime(booking.starts_at) == at(2026, 6, 16, 9)
    assert booked(centre, service, at(2026, 6, 16, 9)) == 1


def test_moving_checks_the_time_like_booking(centre, service, now):
    booking = book(centre, service, now)
    for starts_at, code in [
        (at(2026, 6, 19, 9), "closed"),
        (at(2026, 7, 1, 9), "outside_window"),
        (at(2026, 6, 17, 9, 10), "malformed"),
    ]:
        with pytest.raises(BookingError) as error:
            bookings.move(booking, starts_at, now=now)
        assert error.value.code == code


def test_moving_may_not_overlap_the_persons_other_visit(centre, service, now):
    other = make_service(slug="passport")
    centre.services.add(other)
    book(centre, other, now, starts_at=at(2026, 6, 17, 10))
    booking = book(centre, service, now)
    with pytest.raises(BookingError) as error:
        bookings.move(booking, at(2026, 6, 17, 10), now=now)
    assert error.value.code == "overlap"


def test_a_cancelled_visit_cannot_be_moved(centre, service, now):
    booking = bookings.cancel(book(centre, service, now), now=now)
    with pytest.raises(BookingError) as error:
        bookings.move(booking, at(2026, 6, 17, 14), now=now)
    assert error.value.code == "not_booked"
    assert not booked(centre, service, at(2026, 6, 17, 14))


# --- find ---------------------------------------------------------------------------------------------


def test_find_forgives_typing_and_needs_both_reference_and_number(centre, service, now):
    booking = book(centre, service, now)
    typed = " ".join([booking.reference[:5], booking.reference[5:]]).lower()
    assert bookings.find(typed, "+86 138 0013 8000") == booking
    assert bookings.find(booking.reference, "13900139000") is None
    assert bookings.find(booking.reference, "") is None
    assert bookings.find("BK26" + "0" * 9, "13800138000") is None


@pytest.mark.parametrize("reference", ["", None, "x" * 10_000, "HP26K7M2X9QDS", "BK26!!!!!!!!A", "测试"])
def test_find_says_none_to_garbage(reference):
    assert bookings.find(reference, "13800138000") is None


# --- at the counter --------------------------------------------------------------------------------


def test_check_in_happens_on_the_day_of_the_visit_once(centre, service, now):
    clerk = User.objects.create_user(username="clerk", password="x", is_staff=True)
    booking = book(centre, service, now)
    with pytest.raises(BookingError) as error:
        bookings.check_in(booking, clerk, now=now)
    assert error.value.code == "not_today" and "2026-06-16" in error.value.message
    bookings.check_in(booking, clerk, now=at(2026, 6, 16, 8, 45))
    assert booking.status == "checked_in" and booking.checked_in_by == clerk
    assert booking.checked_in_at == at(2026, 6, 16, 8, 45)
    with pytest.raises(BookingError) as error:
        bookings.check_in(booking, clerk, now=at(2026, 6, 16, 8, 46))
    assert error.value.code == "not_booked"
    assert booked(centre, service, at(2026, 6, 16, 9)) == 1  # the place was used


def test_a_visit_is_marked_not_come_only_once_its_time_started(centre, service, now):
    clerk = User.objects.create_user(username="clerk", password="x", is_staff=True)
    booking = book(centre, service, now)
    with pytest.raises(BookingError) as error:
        bookings.no_show(booking, clerk, now=at(2026, 6, 16, 8, 59))
    assert error.value.code == "too_early"
    bookings.no_show(booking, clerk, now=at(2026, 6, 16, 9, 20))
    assert booking.status == "no_show"
    with pytest.raises(BookingError):
        bookings.check_in(booking, clerk, now=at(2026, 6, 16, 9, 21))


# --- messages -------------------------------------------------------------------------------------------


def test_the_confirmation_is_emailed_once_after_commit(centre, service, now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        booking = book(centre, service, now, email="li@example.com")
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1 and sms.outbox == []
    message = mail.outbox[0]
    assert message.to == ["li@example.com"]
    assert message.subject == f"Visit booked: {booking.reference}"
    assert "2026-06-16 09:00 to 09:30" in message.body and "Pudong Citizen Centre" in message.body
    assert booking.reference in message.alternatives[0][0]
    path = f"/en/centres/bookings/{booking.reference}/"  # the booking's page, in the booking's language
    assert path in message.body and path in message.alternatives[0][0]


def test_without_an_email_address_the_confirmation_goes_by_sms(
    centre, service, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(centre, service, now)
    assert mail.outbox == []
    assert len(sms.outbox) == 1
    number, text = sms.outbox[0]
    assert number == "13800138000"
    assert booking.reference in text and "2026-06-16 09:00" in text and "Pudong Citizen Centre" in text


def test_messages_go_in_the_language_of_the_booking(centre, service, now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(centre, service, now, language="zh-hans")
        book(centre, service, now, language="zh-hans", email="li@example.com", phone="13900139000")
    text = sms.outbox[0][1]
    assert booking.reference in text and "浦东新区市民中心" in text and "预约" in text
    assert "预约" in mail.outbox[0].subject and "居民身份证" in mail.outbox[0].body


@pytest.mark.parametrize("kind", notifications.KINDS)
def test_every_sms_fits_in_70_characters(centre, service, now, kind):
    centre.name_zh = "上海市浦东新区陆家嘴街道社区事务受理服务中心（东昌路分中心）"
    centre.save()
    booking = book(centre, service, now, language="zh-hans")
    sms.outbox.clear()
    notifications.send_booking_message.call(booking.pk, kind)
    text = sms.outbox[0][1]
    assert len(text) <= 70, text
    assert booking.reference in text and "06-16 09:00" in text


def test_moving_and_cancelling_are_confirmed_once_each(centre, service, now, django_capture_on_commit_callbacks):
    booking = book(centre, service, now, email="li@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bookings.move(booking, at(2026, 6, 17, 14), now=now)
    with django_capture_on_commit_callbacks(execute=True):
        bookings.cancel(booking, now=now)
    assert [m.subject for m in mail.outbox] == [
        f"Visit moved: {booking.reference}",
        f"Visit cancelled: {booking.reference}",
    ]
    assert "2026-06-17 14:00" in mail.outbox[0].body


def test_a_refused_booking_sends_nothing(centre, service, now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refused("closed", centre, service, now, starts_at=at(2026, 6, 19, 9))
    assert callbacks == [] and mail.outbox == [] and sms.outbox == []


# --- reminders ------------------------------------------------------------------------------------------


def test_reminders_go_once_the_day_before(centre, service, now, django_capture_on_commit_callbacks, monkeypatch):
    tomorrow = book(centre, service, now, email="li@example.com")  # 16 June 09:00
    later = book(centre, service, now, starts_at=at(2026, 6, 17, 9), phone="13900139000")
    cancelled = book(centre, service, now, phone="13700137000")
    bookings.cancel(cancelled, now=now)
    Booking.objects.update(created_at=at(2026, 6, 14, 12))
    mail.outbox.clear()
    sms.outbox.clear()
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 6, 15, 18))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_booking_reminders", stdout=StringIO())
        call_command("send_booking_reminders", stdout=StringIO())
    assert [m.subject for m in mail.outbox] == [f"Reminder: your visit tomorrow ({tomorrow.reference})"]
    assert sms.outbox == []
    later.refresh_from_db()
    assert later.reminded_at is None


def test_a_visit_booked_today_for_tomorrow_is_not_reminded_and_a_moved_one_is_again(centre, service, now):
    booking = book(centre, service, now, email="li@example.com")
    assert notifications.send_reminders(now=at(2026, 6, 15, 18)) == 0  # booked this morning
    Booking.objects.update(created_at=at(2026, 6, 10, 12))
    booking.refresh_from_db()
    booking = bookings.move(booking, at(2026, 6, 17, 9), now=now)
    assert notifications.send_reminders(now=at(2026, 6, 16, 18)) == 1
    booking = bookings.move(booking, at(2026, 6, 18, 9), now=at(2026, 6, 16, 19))
    assert notifications.send_reminders(now=at(2026, 6, 17, 18)) == 1
    assert notifications.send_reminders(now=at(2026, 6, 17, 18, 15)) == 0


def test_the_dry_run_lists_and_sends_nothing(centre, service, now, capsys):
    book(centre, service, now)
    Booking.objects.update(created_at=at(2026, 6, 10, 12))
    sms.outbox.clear()

    out = StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: at(2026, 6, 15, 18))
        call_command("send_booking_reminders", "--dry-run", stdout=out)
    assert "2026-06-16 09:00" in out.getvalue() and "1 reminder(s) would be sent." in out.getvalue()
    assert not Booking.objects.filter(reminded_at__isnull=False).exists()


# --- messages per mobile number --------------------------------------------------------------------------


def test_a_mobile_number_gets_so_many_booking_messages_a_day_then_changes_are_refused(
    centre, service, now, settings, clock
):
    # Anyone may type any number: without a limit, booking and cancelling in a loop texts a
    # stranger without end.
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 3
    booking = book(centre, service, now)  # 1
    bookings.move(booking, at(2026, 6, 17, 14), now=now)  # 2
    bookings.cancel(booking, now=now)  # 3
    error = refused("too_many_changes", centre, service, now)
    assert error.message.startswith("Too many bookings and changes for this mobile number today.")
    assert "021-87654321" in error.message  # the centre's phone
    assert error.retry_after > 0 and not Booking.objects.filter(status="booked").exists()
    assert book(centre, service, now, phone="13900139000").status == "booked"  # another number may
    clock.advance(24 * 3600 + 1)
    assert book(centre, service, now).status == "booked"


def test_a_move_beyond_the_days_messages_is_refused_and_keeps_the_visit(centre, service, now, settings, clock):
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 2
    booking = book(centre, service, now)
    bookings.move(booking, at(2026, 6, 17, 14), now=now)
    with pytest.raises(BookingError) as error:
        bookings.move(booking, at(2026, 6, 18, 14), now=now)
    assert error.value.code == "too_many_changes"
    booking.refresh_from_db()
    assert booking.starts_at == at(2026, 6, 17, 14) and booked(centre, service, at(2026, 6, 18, 14)) in (None, 0)


def test_a_cancellation_beyond_the_days_messages_is_done_without_a_message(
    centre, service, now, settings, clock, django_capture_on_commit_callbacks
):
    # Refusing it would keep a place nobody will use; the page itself confirms it.
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 2
    booking = book(centre, service, now)
    bookings.move(booking, at(2026, 6, 17, 14), now=now)
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bookings.cancel(booking, now=now)
    assert booking.status == Booking.Status.CANCELLED and sms.outbox == []
    assert booked(centre, service, at(2026, 6, 17, 14)) == 0


def test_the_daily_messages_refusal_is_in_chinese_too(centre, service, now, settings, clock):
    settings.BOOKING_MESSAGES_PER_NUMBER_PER_DAY = 1
    book(centre, service, now)
    with translation.override("zh-hans"):
        error = refused("too_many_changes", centre, service, now, starts_at=at(2026, 6, 22, 9), phone="13800138000")
    assert "该手机号码今天的预约和更改次数过多" in error.message
