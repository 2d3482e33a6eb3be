import datetime

import pytest

from services.applications.references import is_valid_reference
from services.lib import references
from services.lib.references import (
    ALPHABET,
    is_valid_booking_reference,
    make_booking_reference,
    normalise_booking_reference,
)


def test_booking_references_have_their_own_prefix_year_and_check_character():
    refs = {make_booking_reference(datetime.datetime(2027, 3, 1)) for _ in range(1000)}
    assert len(refs) == 1000
    assert all(len(r) == 13 and r.startswith("BK27") and is_valid_booking_reference(r) for r in refs)


def test_a_booking_reference_is_never_an_application_reference_and_back():
    booking = make_booking_reference()
    application = references.APPLICATIONS.make()
    assert not is_valid_reference(booking)
    assert not is_valid_booking_reference(application)


@pytest.mark.parametrize("position", range(2, 13))
def test_any_single_mistyped_character_in_a_booking_reference_is_caught(position):
    ref = make_booking_reference()
    for char in ALPHABET:
        if char != ref[position]:
            assert not is_valid_booking_reference(ref[:position] + char + ref[position + 1 :])


def test_booking_references_are_forgiven_as_typed():
    body = "2601010101"
    ref = "BK" + body + references.check_character(body)
    assert normalise_booking_reference(" bk26-o1o1 " + "oio1" + ref[-1].lower()) == ref
    assert is_valid_booking_reference(ref.lower().replace("1", "l"))


@pytest.mark.parametrize("text", ["", "BK", "HP26K7M2X9QDS", "BK26!!!!!!!!A", "测" * 50, "x" * 10_000, None])
def test_garbage_is_not_a_booking_reference(text):
    assert not is_valid_booking_reference(text)
    assert len(normalise_booking_reference(text)) <= 32
