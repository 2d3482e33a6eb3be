"""Invalid UTF-8 sent by a scanner arrives as U+FFFD replacement characters: the search box reads
them as spaces, like control characters, so the page never echoes "No services match “��”"."""

import pytest

from services.catalogue.forms import searched_text


def test_replacement_characters_are_read_as_spaces():
    assert searched_text("\ufffd\ufffd") == ""
    assert searched_text("pass\ufffdport") == "pass port"


@pytest.mark.django_db
def test_invalid_utf8_in_the_address_gives_a_normal_page_without_replacement_characters(client):
    response = client.get("/en/services/?q=%FF%FE")
    assert response.status_code == 200
    assert "\ufffd" not in response.content.decode()
