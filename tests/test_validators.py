"""Identity documents and mobile numbers: what the applicant may type and what they are told."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from services.lib.validators import (
    ID_DOCUMENT_TYPES,
    normalise_mobile,
    normalise_resident_id,
    validate_id_document,
    validate_mainland_mobile,
    validate_passport,
    validate_resident_id,
)

pytestmark = pytest.mark.usefixtures("english")


def independent_check_char(first17):
    """The check character worked out without the validator's tables: the weight of position i
    (0-based from the left) is 2^(17-i) mod 11, and the check value is (12 - sum mod 11) mod 11,
    written X when it is 10 (GB 11643-1999)."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def id_number(region, born, sequence="123"):
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + independent_check_char(first17)


def error_of(check, *args):
    with pytest.raises(ValidationError) as caught:
        check(*args)
    error = caught.value
    return error.code, str(error.messages[0])


# Worked out by hand with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the first is the
# classic example of GB 11643 (sum 167, 167 mod 11 = 2 -> X).
VALID_IDS = [
    "11010519491231002X",
    "110101199003071233",
    "310115198506152319",
    "510107200002294003",  # born on 29 February 2000, a leap day
    "440304201010100051",
]


def test_the_independent_check_character_agrees_with_the_hand_worked_examples():
    for number in VALID_IDS:
        assert independent_check_char(number[:17]) == number[17]


@pytest.mark.parametrize("number", VALID_IDS)
def test_a_valid_resident_id_is_accepted_and_returned(number):
    assert validate_resident_id(number) == number


def test_a_lowercase_x_is_accepted_and_stored_upper_case():
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert normalise_resident_id("11010519491231002x") == "11010519491231002X"


def test_spaces_and_full_width_characters_from_a_chinese_keyboard_are_accepted():
    assert validate_resident_id(" 110105 19491231 002X ") == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_a_wrong_check_character_is_reported_as_a_typing_mistake():
    assert error_of(validate_resident_id, "110101199003071234") == (
        "id_checksum",
        "This ID number is not valid – check it for typing mistakes",
    )


def test_swapping_two_digits_is_caught_by_the_check_character():
    assert error_of(validate_resident_id, "110101199003071323")[0] == "id_checksum"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "11010519491231002",
        "11010519491231002X1",
        "110105491231002",
        "1101051949123100X2",
        "11010519491231002Y",
        "A1010519491231002X",
        "110105-19491231-002X",
    ],
)
def test_the_wrong_length_or_characters_get_the_shape_message(value):
    assert error_of(validate_resident_id, value) == (
        "id_format",
        "A resident ID number has 18 characters: 17 digits and a last digit or X",
    )


def test_an_impossible_birth_date_is_reported_even_with_a_correct_check_character():
    number = "110105199902300015"  # 30 February 1999
    assert independent_check_char(number[:17]) == number[17]
    code, message = error_of(validate_resident_id, number)
    assert code == "id_birth_date"
    assert "not a real date" in message


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    code, message = error_of(validate_resident_id, id_number("110105", tomorrow))
    assert code == "id_birth_date"
    assert "in the future" in message


def test_someone_born_today_has_a_valid_number():
    number = id_number("110105", timezone.localdate())
    assert validate_resident_id(number) == number


def test_a_birth_date_before_1900_is_refused():
    number = "440524188001010014"  # the standard's example, born in 1880: correct check character
    assert independent_check_char(number[:17]) == number[17]
    code, message = error_of(validate_resident_id, number)
    assert code == "id_birth_date"
    assert "before 1900" in message


def test_the_three_kinds_of_resident_id_mistake_have_different_messages():
    messages = {
        error_of(validate_resident_id, value)[1]
        for value in ("1101051949", "110105199902300015", "440524188001010014", "110101199003071234")
    }
    assert len(messages) == 4


@pytest.mark.parametrize("value", ["E12345678", "EA1234567", "G12345678", "K1234567", "123456789", "AB 123 45"])
def test_a_passport_number_of_5_to_20_letters_and_digits_is_accepted(value):
    assert validate_passport(value) == value.replace(" ", "").upper()


def test_a_passport_number_is_stored_without_spaces_in_upper_case():
    assert validate_passport(" ea 1234567 ") == "EA1234567"


@pytest.mark.parametrize("value", ["", "E123", "E1234567890123456789X", "E1234567!", "护照12345"])
def test_a_passport_number_too_short_too_long_or_with_other_characters_is_refused(value):
    assert error_of(validate_passport, value) == (
        "document_format",
        "Enter the document number as printed on it: 5 to 20 letters and digits",
    )


@pytest.mark.parametrize(
    ("doc_type", "value", "stored"),
    [
        ("resident_id", "11010519491231002x", "11010519491231002X"),
        ("passport", "e12345678", "E12345678"),
        ("passport", "EA1234567", "EA1234567"),
        ("hk_macao_permit", "H12345678", "H12345678"),
        ("hk_macao_permit", "M1234567801", "M1234567801"),
        ("taiwan_permit", "12345678", "12345678"),
        ("foreign_passport", "X1234567", "X1234567"),
        ("foreign_passport", "123456789012", "123456789012"),
    ],
)
def test_each_document_type_accepts_its_own_numbers(doc_type, value, stored):
    assert validate_id_document(doc_type, value) == stored


@pytest.mark.parametrize(
    ("doc_type", "value", "code"),
    [
        ("resident_id", "E12345678", "id_format"),
        ("passport", "X12345678", "passport_format"),
        ("passport", "E1234567", "passport_format"),
        ("hk_macao_permit", "H1234567", "hk_macao_permit_format"),
        ("hk_macao_permit", "H123456789", "hk_macao_permit_format"),
        ("hk_macao_permit", "E12345678", "hk_macao_permit_format"),
        ("taiwan_permit", "1234567", "taiwan_permit_format"),
        ("taiwan_permit", "T12345678", "taiwan_permit_format"),
        ("foreign_passport", "AB1", "document_format"),
        ("driving_licence", "12345678", "document_type"),
    ],
)
def test_each_document_type_refuses_numbers_of_another_shape(doc_type, value, code):
    assert error_of(validate_id_document, doc_type, value)[0] == code


def test_the_document_type_choices_cover_every_type_with_a_label():
    assert [key for key, _ in ID_DOCUMENT_TYPES] == [
        "resident_id",
        "passport",
        "hk_macao_permit",
        "taiwan_permit",
        "foreign_passport",
    ]
    assert all(str(label) for _, label in ID_DOCUMENT_TYPES)


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086 13812345678",
        "8613812345678",
        "１３８１２３４５６７８",
    ],
)
def test_a_mainland_mobile_is_accepted_with_spaces_dashes_or_a_country_code(value):
    assert validate_mainland_mobile(value) == "13812345678"
    assert normalise_mobile(value) == "13812345678"


@pytest.mark.parametrize("first_two", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_prefix_from_13_to_19_is_a_mobile_prefix(first_two):
    assert validate_mainland_mobile(f"{first_two}812345678") == f"{first_two}812345678"


@pytest.mark.parametrize("value", ["1381234567", "138123456789", "", "138abcd5678", "+1 415 555 0100"])
def test_a_mobile_without_11_digits_gets_the_length_message(value):
    assert error_of(validate_mainland_mobile, value) == (
        "mobile_format",
        "Enter a mobile number of 11 digits, like 13812345678",
    )


@pytest.mark.parametrize("value", ["12345678901", "11812345678", "010-12345678"])
def test_a_mobile_starting_outside_13_to_19_gets_the_prefix_message(value):
    assert error_of(validate_mainland_mobile, value) == (
        "mobile_prefix",
        "Mainland mobile numbers start with 13 to 19",
    )
