"""The sign-in lockout's known-browser exemption and what clears a lock (lockout.py).

A stranger who knows someone's email can fail from many addresses and lock the account for a
short while; a browser where the owner has signed in before is not held by that lock, and a
password reset ends every lock on the account."""

import json
import re

import pytest
from django.core import mail, signing
from django.test import Client

from services.accounts.lockout import DEVICE_COOKIE

from . import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db
URL = "/en/account/login/"
ADMIN = "/admin/login/"
LOCKED = "There have been too many failed attempts to sign in"
NEW_PASSWORD = "Brand-new-Secret-42"


def login(client, username, password=PASSWORD, address="192.0.2.10"):
    return client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def admin_login(client, username="officer", password=PASSWORD, address="192.0.2.10"):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(ADMIN, data, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def distributed_attack(username, count=10, url=URL, start=0):
    """`count` wrong passwords, each from its own IPv4 address: none reaches its own limit."""
    stranger = Client()
    for n in range(start, start + count):
        stranger.post(
            url, {"username": username, "password": f"guess-{n}", "next": "/admin/"}, REMOTE_ADDR=f"203.0.113.{n}"
        )


def known_browser(username="alice"):
    """A browser where the owner signed in, then signed out."""
    browser = Client()
    assert login(browser, username).status_code == 302
    browser.post("/en/account/logout/")
    assert "_auth_user_id" not in browser.session
    return browser


def test_signing_in_sets_a_long_lived_httponly_lax_cookie_that_holds_no_password_or_email(client):
    make_citizen()
    response = login(client, "alice@example.com")
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    assert PASSWORD not in cookie.value and "alice" not in cookie.value


@pytest.mark.parametrize("secure", [True, False])
def test_the_cookie_is_secure_as_configured(client, settings, secure):
    settings.SESSION_COOKIE_SECURE = secure
    make_citizen()
    assert bool(login(client, "alice").cookies[DEVICE_COOKIE]["secure"]) is secure


def test_a_distributed_attack_locks_a_new_browser_out_but_the_owners_known_browser_signs_in(clock):
    make_citizen()
    owner = known_browser()
    distributed_attack("alice@example.com")
    html = login(Client(), "alice@example.com", address="198.51.100.7").content.decode()
    assert LOCKED in html and "Try again in 5 minutes" in html
    assert login(owner, "alice@example.com", address="198.51.100.7").status_code == 302
    # Renewed every 5 minutes, for ever: the known browser still gets in each time.
    for round_ in range(1, 4):
        owner.post("/en/account/logout/")
        clock.advance(5 * 60 + 1)
        distributed_attack("alice@example.com", start=10 * round_)
        assert LOCKED in login(Client(), "alice", address="198.51.100.7").content.decode()
        assert login(owner, "13812345678", address="198.51.100.7").status_code == 302


def test_the_admin_gets_the_same_known_browser_exemption():
    make_citizen(username="officer", email="officer@example.gov.cn", phone="13700000000", is_staff=True)
    owner = Client()
    response = admin_login(owner)
    assert response.status_code == 302 and DEVICE_COOKIE in response.cookies
    owner.post("/en/account/logout/")
    distributed_attack("officer", url=ADMIN)
    assert LOCKED in admin_login(Client(), address="198.51.100.7").content.decode()
    assert admin_login(owner, address="198.51.100.7").status_code == 302
    assert "_auth_user_id" in owner.session


def test_a_citizen_known_at_the_citizen_page_is_known_at_the_admin_too():
    make_citizen(username="officer", email="officer@example.gov.cn", phone="13700000000", is_staff=True)
    owner = known_browser("officer@example.gov.cn")
    distributed_attack("officer@example.gov.cn")
    assert admin_login(owner, address="198.51.100.7").status_code == 302


def test_a_browser_known_for_account_a_is_not_exempt_for_account_b():
    make_citizen()
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    browser = known_browser("alice")
    distributed_attack("bob@example.com")
    assert LOCKED in login(browser, "bob@example.com").content.decode()
    assert login(browser, "alice").status_code == 302


def test_one_browser_remembers_the_last_five_accounts_signed_in():
    browser = Client()
    names = [f"user{n}" for n in range(6)]
    for n, name in enumerate(names):
        make_citizen(username=name, email=f"{name}@example.com", phone=f"1390000000{n}")
        assert login(browser, name).status_code == 302
        browser.post("/en/account/logout/")
    for name in names:
        distributed_attack(name)
    assert LOCKED in login(browser, "user0").content.decode()  # the oldest was dropped
    for name in names[1:]:
        assert login(browser, name).status_code == 302
        browser.post("/en/account/logout/")


def _forged(browser, value):
    browser.cookies[DEVICE_COOKIE] = value
    return browser


@pytest.mark.parametrize("kind", ["tampered", "other salt", "unsigned", "garbage", "empty", "huge"])
def test_a_tampered_or_foreign_device_cookie_is_ignored(kind):
    user = make_citizen()
    genuine = known_browser().cookies[DEVICE_COOKIE].value
    payload = signing.loads(genuine, salt="services.accounts.known-device")
    assert user.pk in [pk for pk, _mark in payload["a"]]
    value = {
        "tampered": genuine[:-3] + ("aaa" if not genuine.endswith("aaa") else "bbb"),
        "other salt": signing.dumps(payload, salt="something-else"),
        "unsigned": json.dumps({"d": "x", "a": [user.pk]}),
        "garbage": "%%%not a cookie",
        "empty": "",
        "huge": "x" * 4000,
    }[kind]
    distributed_attack("alice")
    response = login(_forged(Client(), value), "alice", address="198.51.100.7")
    assert LOCKED in response.content.decode()
    assert response.status_code == 200


def test_a_new_password_unknows_the_browsers_that_signed_in_with_the_old_one():
    """A browser that signed in before a reset (a thief's, an ex-partner's) is no longer exempt
    from the account-wide lock once the owner has set a new password elsewhere."""
    user = make_citizen()
    old = known_browser()
    user.set_password(NEW_PASSWORD)
    user.save()
    distributed_attack("alice")
    assert LOCKED in login(old, "alice", NEW_PASSWORD, address="198.51.100.7").content.decode()


def test_a_signed_cookie_of_the_wrong_shape_is_ignored_not_a_500():
    make_citizen()
    distributed_attack("alice")
    for payload in [[1, 2], {"d": 5, "a": "1"}, {"d": "x"}, {"d": "x", "a": [None, {}]}, {"d": "x", "a": [1]}, "text"]:
        browser = _forged(Client(), signing.dumps(payload, salt="services.accounts.known-device"))
        assert LOCKED in login(browser, "alice", address="198.51.100.7").content.decode()


def test_a_known_browsers_own_failures_are_limited_like_one_address(clock):
    """A copied cookie must not give a guesser many addresses' worth of tries."""
    make_citizen()
    browser = known_browser()
    for n in range(5):
        login(browser, "alice", "wrong-password", address=f"203.0.113.{100 + n}")
    html = login(browser, "alice", address="198.51.100.7").content.decode()
    assert LOCKED in html and "Try again in 15 minutes" in html
    # Those failures did not count towards the account-wide lock: a new browser signs in.
    assert login(Client(), "alice", address="198.51.100.8").status_code == 302


def test_a_successful_sign_in_clears_the_known_browsers_failures():
    make_citizen()
    browser = known_browser()
    for n in range(4):
        login(browser, "alice", "wrong-password", address=f"203.0.113.{100 + n}")
    assert login(browser, "alice", address="198.51.100.7").status_code == 302
    browser.post("/en/account/logout/")
    for n in range(4):
        login(browser, "alice", "wrong-password", address=f"203.0.113.{110 + n}")
    assert login(browser, "alice", address="198.51.100.8").status_code == 302


def reset_password(browser, email="alice@example.com", password=NEW_PASSWORD, address="198.51.100.7"):
    mail.outbox.clear()
    browser.post("/en/account/password-reset/", {"email": email}, REMOTE_ADDR=address)
    path = re.search(r"https?://[^/\s]+(/en/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = browser.get(path, follow=True, REMOTE_ADDR=address).redirect_chain[-1][0]
    data = {"new_password1": password, "new_password2": password}
    response = browser.post(form_url, data, REMOTE_ADDR=address)
    assert response.url == "/en/account/reset/done/"
    return response


def test_a_password_reset_ends_the_account_wide_lock():
    make_citizen()
    distributed_attack("alice")
    browser = Client()
    assert LOCKED in login(browser, "alice", address="198.51.100.7").content.decode()
    reset_password(Client(), address="198.51.100.99")
    assert login(browser, "alice", NEW_PASSWORD, address="198.51.100.7").status_code == 302


def test_a_password_reset_ends_the_lock_on_every_address_of_the_account(clock):
    """The owner locked out at home resets the password from a phone: home works again too."""
    make_citizen()
    home = Client()
    for _ in range(5):
        login(home, "alice", "wrong-password", address="192.0.2.50")
    assert LOCKED in login(home, "alice", address="192.0.2.50").content.decode()
    reset_password(Client(), address="198.51.100.99")
    assert login(home, "alice", NEW_PASSWORD, address="192.0.2.50").status_code == 302


def test_a_password_reset_makes_that_browser_known(clock):
    """It proved access to the email: it signs in even while the attack goes on."""
    make_citizen()
    browser = Client()
    response = reset_password(browser)
    assert DEVICE_COOKIE in response.cookies
    distributed_attack("alice")
    assert LOCKED in login(Client(), "alice", NEW_PASSWORD).content.decode()
    assert login(browser, "alice", NEW_PASSWORD).status_code == 302


def test_a_password_reset_leaves_the_addresss_count_of_other_accounts_alone():
    make_citizen()
    guesser = Client()
    for n in range(20):
        login(guesser, f"guess{n}@example.com", "wrong-password", address="203.0.113.200")
    reset_password(Client(), address="198.51.100.99")
    assert LOCKED in login(guesser, "alice", NEW_PASSWORD, address="203.0.113.200").content.decode()


def test_a_password_reset_leaves_other_accounts_locks_alone():
    make_citizen()
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    distributed_attack("bob")
    reset_password(Client(), address="198.51.100.99")
    assert LOCKED in login(Client(), "bob", address="198.51.100.7").content.decode()


def test_changing_the_password_on_the_profile_ends_the_accounts_locks():
    user = make_citizen()
    distributed_attack("alice")
    signed_in = Client()
    signed_in.force_login(user)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert signed_in.post("/en/account/password/", data).status_code == 302
    assert login(Client(), "alice", NEW_PASSWORD, address="198.51.100.7").status_code == 302


def test_signing_up_makes_the_browser_known(client, settings):
    from services.accounts.emails import signup_token
    from services.accounts.models import PendingSignup

    pending = PendingSignup.objects.create(
        email="new@example.com", phone="", full_name="New Person", password="md5$x$y", next_url=""
    )
    token = signup_token(pending, "email")
    response = client.post(f"/en/account/signup/confirm/{token}/")
    assert response.status_code == 302
    assert DEVICE_COOKIE in response.cookies


# --- What the lock message says ----------------------------------------------------------------


def test_the_account_wide_lock_says_a_browser_used_before_still_works():
    make_citizen()
    distributed_attack("alice")
    html = login(Client(), "alice", address="198.51.100.7").content.decode()
    assert "reset your password" in html
    assert "browser where you have signed in before" in html


def test_the_lock_from_one_address_says_to_wait_or_reset():
    make_citizen()
    browser = Client()
    for _ in range(5):
        login(browser, "alice", "wrong-password")
    html = login(browser, "alice").content.decode()
    assert "reset your password" in html
    assert "browser where you have signed in before" not in html


def test_a_neighbour_locking_the_shared_address_does_not_keep_the_owners_known_browser_out():
    """Behind one carrier NAT address, a neighbour guessing 20 accounts locks the address; the
    owner's browser, known for the account, still signs in there; a new browser does not."""
    make_citizen()
    owner = known_browser()
    neighbour = Client()
    for n in range(20):
        login(neighbour, f"guess{n}@example.com", "wrong-password")
    assert LOCKED in login(Client(), "alice").content.decode()
    assert login(owner, "alice").status_code == 302


def test_the_lock_of_an_address_does_not_suggest_a_reset_that_would_not_help():
    make_citizen()
    guesser = Client()
    for n in range(20):
        login(guesser, f"guess{n}@example.com", "wrong-password")
    html = login(guesser, "alice").content.decode()
    assert "too many failed attempts to sign in from this connection" in html
    assert "reset your password" not in html


def test_the_new_lock_messages_are_in_chinese():
    make_citizen()
    distributed_attack("alice")
    page = Client().post("/zh-hans/account/login/", {"username": "alice", "password": PASSWORD}).content.decode()
    assert "登录失败次数过多" in page and "登录过的浏览器" in page
    guesser = Client()
    for n in range(20):
        guesser.post(
            "/zh-hans/account/login/", {"username": f"g{n}@example.com", "password": "x"}, REMOTE_ADDR="203.0.113.9"
        )
    page = guesser.post(
        "/zh-hans/account/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    ).content.decode()
    assert "此网络连接" in page and "重置密码" not in page
