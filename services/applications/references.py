"""Public reference numbers and tracking codes.

A reference looks like HP26K7M2X9QDS: "HP" (Haipu), the two-digit year, eight random
characters from Crockford's base-32 alphabet (no I, L, O or U, so nothing is misread), and a
Luhn mod 32 check character that catches every single mistyped character and every swap of
two neighbours (see make_reference). 13 characters in all (the column allows 16). Citizens may type it in lower
case, with spaces or dashes, and with O for 0 or I/L for 1.
"""

import secrets

from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "HP"
RANDOM_LENGTH = 8
TRACKING_LENGTH = 8
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_SUBSTITUTIONS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def check_character(body):
    """Luhn mod N (N = 32) over the base-32 characters of `body`."""
    factor, total, n = 2, 0, len(ALPHABET)
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def make_reference(now=None):
    year = f"{(now or timezone.localtime()).year % 100:02d}"
    while True:
        body = year + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
        reference = PREFIX + body + check_character(body)
        # Luhn mod 32 misses exactly one swap: 0 and Z (values 0 and 31) side by side. Such
        # references are never issued, so every swap of neighbours in a real one is caught.
        if "0Z" not in reference and "Z0" not in reference:
            return reference


def normalise_reference(text):
    """Upper-case, without spaces or dashes, common misreadings fixed; '' if it cannot be one."""
    value = "".join((text or "").split()).replace("-", "").upper()[:32]
    if value.startswith(PREFIX):
        value = PREFIX + value[len(PREFIX) :].translate(_SUBSTITUTIONS)
    return value


def is_valid_reference(text):
    value = normalise_reference(text)
    body = value[len(PREFIX) :]
    if not value.startswith(PREFIX) or len(body) != 2 + RANDOM_LENGTH + 1:
        return False
    if any(c not in _VALUE for c in body):
        return False
    return check_character(body[:-1]) == body[-1]


def make_tracking_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_code(text):
    return "".join((text or "").split()).replace("-", "").upper().translate(_SUBSTITUTIONS)[: TRACKING_LENGTH * 2]


def is_well_formed_tracking_code(text):
    """Could `text` be a tracking code (as typed, forgiven like a reference)? Says nothing about
    whether it is anyone's."""
    value = normalise_tracking_code(text)
    return len(value) == TRACKING_LENGTH and all(c in _VALUE for c in value)
