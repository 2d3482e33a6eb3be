"""Validation of identity documents and mainland mobile numbers.

Every check raises django.core.exceptions.ValidationError with a specific, translatable message
and a `code`, so forms show the applicant what exactly is wrong, in their language. The
`validate_*` functions also return the normalised value (what should be stored); the
`normalise_*` functions only clean up the typing (full-width characters, spaces, prefixes)
without judging it.

Input is first NFKC-normalised, so full-width digits and letters typed with a Chinese input
method (１３８…, Ｘ) are accepted as their ASCII forms.

The one home of these rules: accounts, the apply forms and the form engine all check a mobile
number with the one MobileField (services.lib.forms), sign-in and the staff queue's search ask
`eleven_digits`, so they never disagree.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------------------------
# Resident identity numbers (居民身份证号码, GB 11643-1999)
# ---------------------------------------------------------------------------------------------

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum modulo 11 (ISO 7064 MOD 11-2)
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

_RESIDENT_ID_RE = re.compile(r"[0-9]{17}[0-9X]")

MSG_ID_FORMAT = _("A resident ID number has 18 characters: 17 digits and a last digit or X")
MSG_ID_BIRTH_DATE_IMPOSSIBLE = _(
    "The date of birth in this ID number (characters 7 to 14) is not a real date – check it for typing mistakes"
)
MSG_ID_BIRTH_DATE_FUTURE = _("The date of birth in this ID number (characters 7 to 14) is in the future")
MSG_ID_BIRTH_DATE_TOO_EARLY = _("The date of birth in this ID number (characters 7 to 14) is before 1900")
MSG_ID_CHECKSUM = _("This ID number is not valid – check it for typing mistakes")


def _clean(value):
    """NFKC-normalised text (full-width to ASCII), upper case, with all whitespace removed."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return re.sub(r"\s+", "", text).upper()


def resident_id_check_char(first17):
    """The check character (0-9 or X) of the first 17 digits of a resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def normalise_resident_id(value):
    """The ID number as stored: no spaces, ASCII, upper-case X. Does not validate."""
    return _clean(value)


def validate_resident_id(value):
    """Check an 18-character mainland resident ID number; return it normalised.

    Checked in this order, each with its own message: the shape (17 digits and a digit or X),
    the embedded date of birth (a real date, from 1900 to today), the check character.
    """
    number = normalise_resident_id(value)
    if not _RESIDENT_ID_RE.fullmatch(number):
        raise ValidationError(MSG_ID_FORMAT, code="id_format")
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(MSG_ID_BIRTH_DATE_IMPOSSIBLE, code="id_birth_date") from None
    if born > timezone.localdate():
        raise ValidationError(MSG_ID_BIRTH_DATE_FUTURE, code="id_birth_date")
    if born < EARLIEST_BIRTH_DATE:
        raise ValidationError(MSG_ID_BIRTH_DATE_TOO_EARLY, code="id_birth_date")
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(MSG_ID_CHECKSUM, code="id_checksum")
    return number


# ---------------------------------------------------------------------------------------------
# Other identity documents
# ---------------------------------------------------------------------------------------------


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Chinese passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGN_PASSPORT = "foreign_passport", _("Foreign passport")


ID_DOCUMENT_TYPES = IdDocumentType.choices

_DOCUMENT_RE = re.compile(r"[A-Z0-9]{5,20}")
_CHINESE_PASSPORT_RE = re.compile(r"[EG][A-Z0-9]{8}")
_HK_MACAO_PERMIT_RE = re.compile(r"[HM][0-9]{8}(?:[0-9]{2})?")
_TAIWAN_PERMIT_RE = re.compile(r"[0-9]{8}")

MSG_DOCUMENT_FORMAT = _("Enter the document number as printed on it: 5 to 20 letters and digits")
MSG_CHINESE_PASSPORT_FORMAT = _(
    "A Chinese passport number is E or G followed by 8 letters or digits, like E12345678 or EA1234567"
)
MSG_HK_MACAO_PERMIT_FORMAT = _(
    "A travel permit number for Hong Kong and Macao residents is H or M followed by 8 or 10 digits"
)
MSG_TAIWAN_PERMIT_FORMAT = _("A travel permit number for Taiwan residents has 8 digits")
MSG_DOCUMENT_TYPE = _("Choose the type of identity document")


def normalise_document_number(value):
    """A passport or permit number as stored: no spaces or dashes, ASCII, upper case."""
    return _clean(value).replace("-", "")


def validate_passport(value):
    """A permissive check for any passport or travel document: 5 to 20 letters A-Z and digits
    after normalising. Returns the normalised number."""
    number = normalise_document_number(value)
    if not _DOCUMENT_RE.fullmatch(number):
        raise ValidationError(MSG_DOCUMENT_FORMAT, code="document_format")
    return number


def _pattern_validator(pattern, message, code):
    def validate(value):
        number = normalise_document_number(value)
        if not pattern.fullmatch(number):
            raise ValidationError(message, code=code)
        return number

    return validate


validate_chinese_passport = _pattern_validator(_CHINESE_PASSPORT_RE, MSG_CHINESE_PASSPORT_FORMAT, "passport_format")
validate_hk_macao_permit = _pattern_validator(_HK_MACAO_PERMIT_RE, MSG_HK_MACAO_PERMIT_FORMAT, "hk_macao_permit_format")
validate_taiwan_permit = _pattern_validator(_TAIWAN_PERMIT_RE, MSG_TAIWAN_PERMIT_FORMAT, "taiwan_permit_format")

_DOCUMENT_VALIDATORS = {
    IdDocumentType.RESIDENT_ID: validate_resident_id,
    IdDocumentType.PASSPORT: validate_chinese_passport,
    IdDocumentType.HK_MACAO_PERMIT: validate_hk_macao_permit,
    IdDocumentType.TAIWAN_PERMIT: validate_taiwan_permit,
    IdDocumentType.FOREIGN_PASSPORT: validate_passport,
}


def validate_id_document(doc_type, value):
    """Check `value` by the rule of its document type (one of ID_DOCUMENT_TYPES); return it
    normalised. An unknown type is itself a validation error."""
    try:
        validator = _DOCUMENT_VALIDATORS[IdDocumentType(doc_type)]
    except ValueError:
        raise ValidationError(MSG_DOCUMENT_TYPE, code="document_type") from None
    return validator(value)


# ---------------------------------------------------------------------------------------------
# Mainland mobile numbers
# ---------------------------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"[0-9]{11}")
_MOBILE_PREFIX_RE = re.compile(r"1[3-9]")

MSG_MOBILE_FORMAT = _("Enter a mobile number of 11 digits, like 13812345678")
MSG_MOBILE_PREFIX = _("Mainland mobile numbers start with 13 to 19")


def normalise_mobile(value):
    """The number as stored: spaces, dashes, dots and brackets removed, and a leading +86,
    0086 or 86 country code dropped. Does not validate."""
    number = re.sub(r"[\s\-.()]", "", unicodedata.normalize("NFKC", "" if value is None else str(value)))
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("0086"):
        number = number[4:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    return number


def validate_mainland_mobile(value):
    """Check a mainland mobile number (11 digits starting 13 to 19); return the 11 digits."""
    number = normalise_mobile(value)
    if not _MOBILE_RE.fullmatch(number):
        raise ValidationError(MSG_MOBILE_FORMAT, code="mobile_format")
    if not _MOBILE_PREFIX_RE.match(number):
        raise ValidationError(MSG_MOBILE_PREFIX, code="mobile_prefix")
    return number


def mobile_or_none(value):
    """The 11-digit mainland mobile number `value` stands for, or None if it is not one."""
    try:
        return validate_mainland_mobile(value)
    except ValidationError:
        return None


def eleven_digits(value):
    """`value` normalised as a mobile number, if that leaves 11 digits (a search or sign-in
    term that may name a stored number), else None. Does not check the 13-19 prefix."""
    number = normalise_mobile(value)
    return number if number.isdigit() and len(number) == 11 else None
