"""The sign-in page for someone already signed in (a sign-in link in an email, a bookmark, Back):
it goes on to a safe `next`, or to the profile, instead of asking to sign in again."""

import pytest

from . import make_citizen, sign_in

pytestmark = pytest.mark.django_db
URL = "/en/account/login/"


def test_a_signed_in_citizen_is_sent_on_to_a_safe_next(client):
    sign_in(client, make_citizen())
    response = client.get(URL, {"next": "/en/applications/HP26K7M2X9QDS/answer/"})
    assert response.status_code == 302
    assert response.url == "/en/applications/HP26K7M2X9QDS/answer/"


@pytest.mark.parametrize(
    "next_url",
    [
        "",
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        "/en/account/login/",  # itself: Django's own option would raise a redirect-loop error (a 500)
        "/zh-hans/account/login/?next=/en/account/login/",
    ],
)
def test_a_signed_in_citizen_without_a_safe_next_goes_to_the_profile(client, next_url):
    sign_in(client, make_citizen())
    response = client.get(URL, {"next": next_url} if next_url else {})
    assert response.status_code == 302
    assert response.url == "/en/account/profile/"


def test_the_chinese_sign_in_page_sends_a_signed_in_citizen_on_too(client):
    sign_in(client, make_citizen())
    response = client.get("/zh-hans/account/login/")
    assert response.status_code == 302 and response.url == "/zh-hans/account/profile/"


def test_a_visitor_who_is_not_signed_in_still_gets_the_form(client):
    response = client.get(URL, {"next": "/en/applications/"})
    assert response.status_code == 200
    assert 'name="next" value="/en/applications/"' in response.content.decode()
