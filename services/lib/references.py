"""Public references people read aloud, write down and type back: application references
(HP...) and booking references (BK...).

A reference is a two-letter prefix, the two-digit year, random characters from Crockford's
base-32 alphabet (no I, L, O or U, so nothing is misread) and a Luhn mod 32 check character
that catches every single mistyped character and every swap of two neighbours (see
`Scheme.make`). People may type it in lower case, with spaces or dashes, and with O for 0 or
I/L for 1: `Scheme.normalise` forgives that before `Scheme.is_valid` judges it.

One `Scheme` per kind of reference; the prefixes differ, so a booking reference is never a
valid application reference and the other way round.
"""

import secrets

from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# What people type for what they mean: O for zero, I or L for one; U is not in the alphabet
# (Crockford leaves it out) and is read as V.
SUBSTITUTIONS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def check_character(body):
    """Luhn mod N (N = 32) over the base-32 characters of `body`."""
    factor, total, n = 2, 0, len(ALPHABET)
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def random_characters(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def squeeze(text, limit=32):
    """`text` upper-cased without whitespace or dashes, cut at `limit` characters."""
    return "".join((text or "").split()).replace("-", "").upper()[:limit]


def is_base32(text):
    return all(c in _VALUE for c in text)


class Scheme:
    """References of one kind: `prefix` + two-digit year + `random_length` characters + check."""

    def __init__(self, prefix, random_length):
        self.prefix = prefix
        self.random_length = random_length
        self.length = len(prefix) + 2 + random_length + 1

    def make(self, now=None):
        year = f"{(now or timezone.localtime()).year % 100:02d}"
        while True:
            body = year + random_characters(self.random_length)
            reference = self.prefix + body + check_character(body)
            # Luhn mod 32 misses exactly one swap: 0 and Z (values 0 and 31) side by side. Such
            # references are never issued, so every swap of neighbours in a real one is caught.
            if "0Z" not in reference and "Z0" not in reference:
                return reference

    def normalise(self, text):
        """Upper-case, without spaces or dashes, common misreadings fixed after the prefix;
        never longer than 32 characters. Does not judge it."""
        value = squeeze(text)
        if value.startswith(self.prefix):
            value = self.prefix + value[len(self.prefix) :].translate(SUBSTITUTIONS)
        return value

    def is_valid(self, text):
        value = self.normalise(text)
        body = value[len(self.prefix) :]
        if not value.startswith(self.prefix) or len(body) != 2 + self.random_length + 1:
            return False
        if not is_base32(body):
            return False
        return check_character(body[:-1]) == body[-1]


APPLICATIONS = Scheme("HP", 8)  # HP26K7M2X9QDS: "HP" (Haipu), 13 characters
BOOKINGS = Scheme("BK", 8)  # BK26M4T7Q2ZA5: 13 characters (the column allows 16)


def make_booking_reference(now=None):
    return BOOKINGS.make(now)


def normalise_booking_reference(text):
    return BOOKINGS.normalise(text)


def is_valid_booking_reference(text):
    return BOOKINGS.is_valid(text)
