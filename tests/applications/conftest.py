"""Fixtures shared by the staff tests: the officer-and-application world, in English."""

import pytest

from tests.makers import make_staff_world


@pytest.fixture
def english(client):
    """Lifecycle messages and the admin in English (the admin follows the browser's language).
    Not autouse: a module asks for it with `pytest.mark.usefixtures("english")`."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    """make_staff_world with PSB's residence permit promised in 10 working days."""
    return make_staff_world(promised_limit_days=10)
