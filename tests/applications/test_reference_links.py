"""A reference carried in a link (the receipt's QR code opens /track/?ref=...; a booking's
/centres/bookings/?reference=...) is read like a search box (catalogue.forms.searched_text):
control characters, NUL included, never reach the page, and the box holds at most 40
characters."""

import re
from html import unescape

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def box(html, name):
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', found)
    return unescape(value.group(1)) if value else ""


@pytest.mark.parametrize(
    "url, name", [("/en/track/", "reference"), ("/en/centres/bookings/", "reference")], ids=["track", "booking"]
)
@pytest.mark.parametrize("raw", ["HP26K7M2%00X9QDS", "%1B%5B31mHP26K7M2X9QDS%7F", "%00" * 50])
def test_a_reference_in_a_link_never_puts_control_characters_in_the_page(client, url, name, raw):
    param = "ref" if "track" in url else "reference"
    response = client.get(f"{url}?{param}={raw}")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
    assert len(box(html, name)) <= 40


def test_a_reference_with_a_nul_keeps_its_characters(client):
    html = client.get("/en/track/?ref=HP26K7M2%00X9QDS").content.decode()
    assert box(html, "reference") == "HP26K7M2 X9QDS"
