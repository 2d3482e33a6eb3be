"""The staff sign-in at /admin/login/ goes through the same lockout as the citizen page."""

import pytest

from . import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db
ADMIN = "/admin/login/"
CITIZEN = "/en/account/login/"
LOCKED = "There have been too many failed attempts to sign in"


def make_officer():
    return make_citizen(username="officer", email="officer@example.gov.cn", phone="13700000000", is_staff=True)


def admin_login(client, username="officer", password=PASSWORD, **extra):
    meta = {"HTTP_ACCEPT_LANGUAGE": "en"}  # the admin follows the browser; it defaults to Chinese
    meta.update({key: extra.pop(key) for key in list(extra) if key.isupper()})
    return client.post(ADMIN, {"username": username, "password": password, "next": "/admin/", **extra}, **meta)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_are_stopped_and_the_right_one_is_then_refused(client):
    make_officer()
    pages = [admin_login(client, password=f"guess-{n}").content.decode() for n in range(30)]
    assert not any(LOCKED in page for page in pages[:5])
    assert all(LOCKED in page for page in pages[5:])
    response = admin_login(client)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    assert not signed_in(client)


def test_the_admin_lock_ends(client, clock):
    make_officer()
    for n in range(5):
        admin_login(client, password=f"guess-{n}")
    clock.advance(15 * 60 + 1)
    response = admin_login(client)
    assert response.status_code == 302
    assert signed_in(client)


def test_a_lockout_on_the_citizen_page_holds_in_the_admin(client):
    make_officer()
    for _ in range(5):
        client.post(CITIZEN, {"username": "officer@example.gov.cn", "password": "wrong"})
    assert LOCKED in admin_login(client).content.decode()
    assert not signed_in(client)


def test_a_lockout_in_the_admin_holds_on_the_citizen_page(client):
    make_officer()
    for _ in range(5):
        admin_login(client, password="wrong")
    html = client.post(CITIZEN, {"username": "13700000000", "password": PASSWORD}).content.decode()
    assert LOCKED in html
    assert not signed_in(client)


def test_failures_from_many_addresses_lock_the_staff_account_for_a_short_while(client):
    make_officer()
    for n in range(10):
        admin_login(client, password="wrong", REMOTE_ADDR=f"10.9.0.{n}")
    assert LOCKED in admin_login(client, REMOTE_ADDR="10.9.1.1").content.decode()


def test_a_citizen_with_the_right_password_is_refused_by_the_admin_without_a_lock(client):
    make_citizen()
    for _ in range(6):
        html = admin_login(client, username="alice").content.decode()
        assert "staff account" in html and LOCKED not in html


def test_the_admin_lock_message_follows_the_browsers_language(client):
    make_officer()
    for _ in range(5):
        admin_login(client, password="wrong")
    html = admin_login(client, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "登录失败次数过多" in html


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_an_off_site_next_lands_on_the_admin_home(client, next_url):
    make_officer()
    page = client.get(ADMIN, {"next": next_url}, follow=True)
    assert page.redirect_chain == [("/admin/login/?next=%2Fadmin%2F", 302)]
    assert "evil.example" not in page.content.decode() and "javascript:" not in page.content.decode()
    response = client.post(ADMIN + "?next=" + next_url, {"username": "officer", "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_an_on_site_next_is_honoured(client):
    make_officer()
    response = admin_login(client, next="/admin/accounts/user/")
    assert response.url == "/admin/accounts/user/"


def test_the_admin_sign_in_page_is_not_stored(client):
    assert "no-store" in client.get(ADMIN)["Cache-Control"]
