"""A number question's limits are told in the user's language, without Django's "Ensure this
value is greater than or equal to 15.00." and without ".00" for a whole-number limit
(the retiring pension's "At least 15 years")."""

import pytest
from django.utils import translation

from tests.applications.test_form_engine import errors, field, page, submit  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_minimum_only_is_told_without_decimals(page):  # noqa: F811
    field(page, "number", min_value=15)
    assert errors(submit(page, {"q": "12"})[0]) == ["Enter a number of at least 15."]
    with translation.override("zh-hans"):
        assert errors(submit(page, {"q": "12"})[0]) == ["请输入不小于15的数字。"]


def test_a_maximum_only_is_told_without_decimals(page):  # noqa: F811
    field(page, "number", max_value=40)
    assert errors(submit(page, {"q": "41"})[0]) == ["Enter a number of at most 40."]
    with translation.override("zh-hans"):
        assert errors(submit(page, {"q": "41"})[0]) == ["请输入不大于40的数字。"]


def test_both_limits_are_told_together_with_their_decimals_when_they_have_some(page):  # noqa: F811
    field(page, "number", min_value="0.5", max_value=100)
    for sent in ("0.25", "101"):
        assert errors(submit(page, {"q": sent})[0]) == ["Enter a number from 0.5 to 100."]
    with translation.override("zh-hans"):
        assert errors(submit(page, {"q": "101"})[0]) == ["请输入0.5至100之间的数字。"]


def test_too_many_decimals_or_digits_get_a_plain_message(page):  # noqa: F811
    field(page, "number")
    assert errors(submit(page, {"q": "2.555"})[0]) == ["Enter a number with at most 2 decimal places."]
    assert errors(submit(page, {"q": "1" * 15})[0]) == ["Enter a number of at most 12 digits before the decimal point."]
    with translation.override("zh-hans"):
        assert errors(submit(page, {"q": "2.555"})[0]) == ["请输入最多两位小数的数字。"]
