import pytest

from . import make_citizen, sign_in

pytestmark = pytest.mark.django_db
URL = "/en/account/logout/"


def test_signing_out_needs_a_post(client):
    sign_in(client, make_citizen())
    assert client.get(URL).status_code == 405
    assert client.session.get("_auth_user_id")


def test_it_signs_out_and_goes_home_with_a_message(client):
    sign_in(client, make_citizen())
    response = client.post(URL)
    assert response.status_code == 302
    assert response.url == "/en/"
    assert not client.session.get("_auth_user_id")
    # The message waits for the next page that shows messages.
    assert "You have signed out." in client.get("/en/account/login/").content.decode()


def test_the_profile_page_has_a_sign_out_button_in_a_form(client):
    sign_in(client, make_citizen())
    html = client.get("/en/account/profile/").content.decode()
    assert f'<form method="post" action="{URL}">' in html
