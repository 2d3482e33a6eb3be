"""Public reference numbers and tracking codes of applications.

A reference looks like HP26K7M2X9QDS: "HP" (Haipu), the two-digit year, eight random
characters from Crockford's base-32 alphabet (no I, L, O or U, so nothing is misread), and a
Luhn mod 32 check character that catches every single mistyped character and every swap of
two neighbours. 13 characters in all (the column allows 16). Citizens may type it in lower
case, with spaces or dashes, and with O for 0 or I/L for 1. The machinery is shared with
booking references (services/lib/references.py); this module keeps the application's names.
"""

from services.lib.references import (
    ALPHABET,
    APPLICATIONS,
    SUBSTITUTIONS,
    check_character,
    is_base32,
    random_characters,
    squeeze,
)

__all__ = [
    "ALPHABET",
    "PREFIX",
    "RANDOM_LENGTH",
    "TRACKING_LENGTH",
    "check_character",
    "is_valid_reference",
    "is_well_formed_tracking_code",
    "make_reference",
    "make_tracking_code",
    "normalise_reference",
    "normalise_tracking_code",
]

PREFIX = APPLICATIONS.prefix
RANDOM_LENGTH = APPLICATIONS.random_length
TRACKING_LENGTH = 8


def make_reference(now=None):
    return APPLICATIONS.make(now)


def normalise_reference(text):
    """Upper-case, without spaces or dashes, common misreadings fixed; '' if it cannot be one."""
    return APPLICATIONS.normalise(text)


def is_valid_reference(text):
    return APPLICATIONS.is_valid(text)


def make_tracking_code():
    return random_characters(TRACKING_LENGTH)


def normalise_tracking_code(text):
    return squeeze(text, limit=None).translate(SUBSTITUTIONS)[: TRACKING_LENGTH * 2]


def is_well_formed_tracking_code(text):
    """Could `text` be a tracking code (as typed, forgiven like a reference)? Says nothing about
    whether it is anyone's."""
    value = normalise_tracking_code(text)
    return len(value) == TRACKING_LENGTH and is_base32(value)
