import string

import pytest

from services.applications import references
from services.applications.references import ALPHABET, check_character, is_valid_reference, make_reference


def test_references_are_short_unique_enough_and_valid():
    refs = {make_reference() for _ in range(2000)}
    assert len(refs) == 2000
    assert all(len(r) <= 16 and r.startswith("HP") and is_valid_reference(r) for r in refs)


def test_reference_contains_the_year():
    import datetime

    assert make_reference(datetime.datetime(2027, 1, 1)).startswith("HP27")


@pytest.mark.parametrize("position", range(2, 13))
def test_any_single_mistyped_character_is_caught(position):
    ref = make_reference()
    for char in ALPHABET:
        if char != ref[position]:
            assert not is_valid_reference(ref[:position] + char + ref[position + 1 :])


def test_swapping_two_neighbours_is_caught():
    for _ in range(200):
        ref = make_reference()
        for i in range(2, 12):
            if ref[i] != ref[i + 1]:
                swapped = ref[:i] + ref[i + 1] + ref[i] + ref[i + 2 :]
                assert not is_valid_reference(swapped)


def test_typing_variants_are_accepted():
    ref = make_reference()
    assert is_valid_reference(ref.lower())
    assert is_valid_reference(" ".join([ref[:4], ref[4:8], ref[8:]]))
    assert is_valid_reference("-".join([ref[:6], ref[6:]]))
    body = "2600000000"
    ref0 = "HP" + body + check_character(body)
    assert is_valid_reference(ref0.replace("0", "O"))


@pytest.mark.parametrize("text", ["", "HP", "XX260000000000", "HP26!!!!!!!!A", "x" * 100, "HP2600000000000000"])
def test_garbage_is_not_a_reference(text):
    assert not is_valid_reference(text)


def test_tracking_codes_are_random_base32():
    codes = {references.make_tracking_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(c) == 8 and set(c) <= set(ALPHABET) and not set(c) & set("ILOU") for c in codes)
    assert set(string.digits) & set("".join(codes))


def test_the_readme_example_is_a_valid_reference():
    assert is_valid_reference("HP26K7M2X9QDS")


@pytest.mark.parametrize("text", ["ABCDEFGH", "abcd-efgh", "o1l1 ui23", " 2345 6789 "])
def test_tracking_codes_as_typed_are_well_formed(text):
    assert references.is_well_formed_tracking_code(text)


@pytest.mark.parametrize("text", ["", "ABCDEFG", "ABCDEFGHJ", "ABCD!234", "测试测试测试测试", "x" * 1000])
def test_tracking_codes_of_the_wrong_shape_are_not(text):
    assert not references.is_well_formed_tracking_code(text)
