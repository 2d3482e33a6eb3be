"""No public form sends back more than its field allows: a megabyte typed (or posted by a
script) into a text box gets the field's own message and what was typed cut down, never a
megabyte page or a 500."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "a" * 1_000_000


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/en/account/login/", {"username": HUGE, "password": "x"}, "username"),
        ("/zh-hans/account/login/", {"username": HUGE, "password": "x"}, "username"),
        ("/en/account/password-reset/", {"email": HUGE}, "email"),
        ("/admin/login/", {"username": HUGE, "password": "x"}, "username"),
        ("/en/account/signup/", {"full_name": HUGE, "email": HUGE, "phone": "1" * 100_000}, "full_name"),
    ],
)
def test_a_megabyte_in_a_public_form_is_refused_and_cut_down(client, url, data, field):
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert len(response.content) < 60_000, len(response.content)
    assert "a" * 300 not in body and "1" * 300 not in body
    assert f'name="{field}"' in body
    assert "at most" in body or "最多" in body or "不能超过" in body or "errorlist" in body or "error" in body


def test_a_long_sign_in_name_is_shown_cut_to_the_field_length(client):
    body = client.post("/en/account/login/", {"username": "b" * 300, "password": "x"}).content.decode()
    assert 'value="' + "b" * 254 + '"' in body
    assert "Ensure this value has at most 254 characters (it has 300)." in body
