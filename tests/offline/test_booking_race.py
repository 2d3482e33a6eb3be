"""Many people take the last free place of a slot at the same moment: exactly as many win as
there were places, the others are told the time is full, and the slot's count equals its
capacity. Real concurrent bookings, each thread on its own database connection, on SQLite (a
file database in WAL mode, opened as the settings open one) and on PostgreSQL (run with
DATABASE_URL=postgres://... REQUIRE_POSTGRES=1, see tests/test_databases.py)."""

import datetime
import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from services.offline import bookings
from services.offline.bookings import BookingError
from services.offline.models import Booking, Slot
from tests.makers import make_centre, make_service
from tests.test_databases import _fresh_wrapper, postgres  # noqa: F401  (fixture: PostgreSQL or skip/fail)

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12
NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 8))  # a Monday
SLOT = timezone.make_aware(datetime.datetime(2026, 6, 16, 9))


def _together(calls, use_connection):
    """Run each call at once from its own thread, on its own connection; return what each
    returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            use_connection()
            barrier.wait(timeout=20)
            results[i] = call()
        except Exception as error:  # noqa: BLE001  (collected and asserted by the test)
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _booker(centre, service, starts_at, phone, **kw):
    return lambda: bookings.book(
        centre=centre, service=service, starts_at=starts_at, name="Li Lei", phone=phone, language="en", now=NOW, **kw
    )


@pytest.fixture
def place():
    """A centre with 3 counters for a service whose 09:00 slot on 16 June has 2 places booked."""
    service = make_service(slug="id-card")
    centre = make_centre(services=[service], counters=3)
    for phone in ("13700000001", "13700000002"):
        _booker(centre, service, SLOT, phone)()
    return centre, service


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request, tmp_path):
    """How each thread connects: SQLite - to a file copy of the test database, opened with the
    settings' options (WAL, IMMEDIATE transactions, busy timeout), the in-memory test database
    being unlike the real one; PostgreSQL - to the test database, as Django does per thread."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres")
        yield lambda: None
        return
    if connection.vendor != "sqlite":
        pytest.skip(f"the SQLite race; this pass runs on {connection.vendor}")
    path = tmp_path / "race.sqlite3"
    settings_dict = {**connection.settings_dict, "NAME": str(path)}
    copied = {}

    def use_file():
        if not copied:  # the first thread copies the database as the fixtures left it
            raise AssertionError("copy first")
        connections["default"] = _fresh_wrapper(settings_dict, "default")

    def copy():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        copied["done"] = True

    use_file.copy = copy
    use_file.path = path
    yield use_file


def _prepare(database):
    if hasattr(database, "copy"):
        database.copy()


def _read(database, query):
    """Run `query` (a function of no arguments) against the database the threads used."""
    return _together([query], database)[0]


def test_only_one_of_many_gets_the_last_place(place, database):
    centre, service = place
    _prepare(database)
    results = _together(
        [_booker(centre, service, SLOT, f"139{i:08d}") for i in range(THREADS)],
        database,
    )
    won = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, BookingError)]
    assert len(won) == 1, results
    assert len(refused) == THREADS - 1 and {r.code for r in refused} == {"full"}, results
    assert all(r.alternatives for r in refused)
    booked, live = _read(
        database,
        lambda: (
            Slot.objects.get(centre=centre, service=service, starts_at=SLOT).booked,
            Booking.objects.filter(centre=centre, starts_at=SLOT, status="booked").count(),
        ),
    )
    assert booked == 3 and live == 3


def test_the_first_bookings_of_an_empty_slot_share_its_places(place, database):
    centre, service = place
    empty = SLOT + datetime.timedelta(hours=1)  # no Slot row yet: everyone creates it at once
    _prepare(database)
    results = _together([_booker(centre, service, empty, f"139{i:08d}") for i in range(THREADS)], database)
    assert sum(isinstance(r, Booking) for r in results) == 3, results
    assert {r.code for r in results if not isinstance(r, Booking)} == {"full"}, results
    rows = _read(database, lambda: list(Slot.objects.filter(starts_at=empty).values_list("booked", flat=True)))
    assert rows == [3]


@pytest.mark.parametrize("overlapping", [False, True])
def test_one_person_booking_from_many_tabs_at_once_gets_one_visit(place, database, overlapping):
    centre, service = place
    other = make_service(slug="passport")
    centre.services.add(other)
    _prepare(database)
    later = SLOT + datetime.timedelta(hours=2)
    if overlapping:  # the same time, for two services
        calls = [_booker(centre, (service, other)[i % 2], later, "13900000000") for i in range(THREADS)]
    else:  # the same service, at different times
        calls = [
            _booker(centre, service, later + datetime.timedelta(minutes=30 * (i % 4)), "13900000000")
            for i in range(THREADS)
        ]
    results = _together(calls, database)
    assert sum(isinstance(r, Booking) for r in results) == 1, results
    codes = {r.code for r in results if not isinstance(r, Booking)}
    assert codes <= {"one_per_service", "overlap"} and codes, results
    live = _read(database, lambda: Booking.objects.filter(phone="13900000000", status="booked").count())
    assert live == 1


def test_moving_and_booking_at_once_never_over_book(place, database):
    centre, service = place
    elsewhere = [SLOT + datetime.timedelta(hours=3, minutes=30 * i) for i in range(4)]
    movers = [_booker(centre, service, when, f"136{i:08d}")() for i, when in enumerate(elsewhere)]
    _prepare(database)
    calls = [lambda b=b: bookings.move(b, SLOT, now=NOW) for b in movers]
    calls += [_booker(centre, service, SLOT, f"139{i:08d}") for i in range(4)]
    results = _together(calls, database)
    assert sum(isinstance(r, Booking) for r in results) == 1, results
    assert {r.code for r in results if isinstance(r, BookingError)} == {"full"}, results
    counts = _read(
        database,
        lambda: dict(Slot.objects.filter(starts_at__in=[SLOT, *elsewhere]).values_list("starts_at", "booked")),
    )
    assert counts[SLOT] == 3
    # A move that won gave its old place back; the others kept theirs.
    moved = {r.phone for r in results if isinstance(r, Booking) and r.phone.startswith("136")}
    assert [counts[when] for when in elsewhere] == [0 if b.phone in moved else 1 for b in movers]
