import pytest

from . import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db
URL = "/en/account/login/"
FAILED = "The email or mobile number and password do not match an account"
LOCKED = "There have been too many failed attempts to sign in"


def login(client, username, password=PASSWORD, **extra):
    """extra: form fields (next) in lower case, request META (REMOTE_ADDR) in upper case."""
    meta = {key: extra.pop(key) for key in list(extra) if key.isupper()}
    return client.post(URL, {"username": username, "password": password, **extra}, **meta)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_form_is_labelled_email_or_mobile(client):
    html = client.get(URL).content.decode()
    assert "Email or mobile number" in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "identifier", ["alice@example.com", "ALICE@Example.com", "13812345678", "+86 138-1234-5678", "alice"]
)
def test_it_signs_in_with_email_mobile_or_username(client, identifier):
    user = make_citizen()
    response = login(client, identifier)
    assert response.status_code == 302
    assert response.url == "/en/account/profile/"
    assert signed_in_as(client) == str(user.pk)


def test_a_wrong_password_gets_one_message_that_does_not_say_which_part_was_wrong(client):
    make_citizen()
    wrong_password = login(client, "alice@example.com", "wrong-password").content.decode()
    unknown_account = login(client, "nobody@example.com").content.decode()
    assert FAILED in wrong_password
    assert FAILED in unknown_account
    assert 'href="#id_username"' in wrong_password
    assert not signed_in_as(client)


def test_the_typed_identifier_is_kept_but_not_the_password(client):
    html = login(client, "alice@example.com", "wrong-password").content.decode()
    assert 'value="alice@example.com"' in html
    assert "wrong-password" not in html


def test_an_inactive_account_cannot_sign_in(client):
    make_citizen(is_active=False)
    assert FAILED in login(client, "alice@example.com").content.decode()
    assert not signed_in_as(client)


def test_next_is_honoured_when_it_is_on_this_site(client):
    make_citizen()
    assert login(client, "alice", next="/en/services/").url == "/en/services/"
    client.logout()
    assert login(client, "alice", next="https://evil.example/").url == "/en/account/profile/"


def test_the_session_key_changes_on_sign_in(client):
    make_citizen()
    client.get(URL)
    session = client.session
    session["x"] = 1
    session.save()
    before = client.session.session_key
    login(client, "alice")
    assert client.session.session_key != before


def test_after_five_failures_the_account_is_refused_from_that_address_even_with_the_right_password(client):
    make_citizen()
    for _ in range(5):
        assert FAILED in login(client, "alice@example.com", "wrong-password").content.decode()
    html = login(client, "alice@example.com").content.decode()
    assert LOCKED in html
    assert "Try again in 15 minutes" in html
    assert not signed_in_as(client)
    # The same account typed another way (case, mobile, username) is the same account.
    for identifier in ["ALICE@example.com", "138 1234 5678", "alice"]:
        assert LOCKED in login(client, identifier).content.decode()


def test_the_locked_page_keeps_the_identifier_and_says_what_to_do(client):
    make_citizen()
    for _ in range(5):
        login(client, "alice", "wrong-password")
    response = login(client, "alice")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="alice"' in html
    assert "reset your password" in html
    assert "<title>Error:" in html


def test_a_stranger_failing_from_one_address_does_not_lock_the_owner_out_elsewhere(client):
    make_citizen()
    for _ in range(5):
        login(client, "alice@example.com", "wrong-password", REMOTE_ADDR="203.0.113.66")
    assert LOCKED in login(client, "alice@example.com", REMOTE_ADDR="203.0.113.66").content.decode()
    assert login(client, "alice@example.com", REMOTE_ADDR="198.51.100.1").status_code == 302


def test_failures_for_every_identifier_of_the_account_are_counted_together_across_addresses(client):
    make_citizen()
    identifiers = ["alice@example.com", "13812345678", "alice", "+86 138-1234-5678", "Alice@Example.com"]
    for n in range(10):
        assert FAILED in login(client, identifiers[n % 5], "wrong-password", REMOTE_ADDR=f"10.0.0.{n}").content.decode()
    html = login(client, "138 1234 5678", REMOTE_ADDR="10.0.0.99").content.decode()
    assert LOCKED in html
    assert "Try again in 5 minutes" in html  # an account-wide lock is short: strangers can cause it


def test_the_account_wide_lock_is_short(client, clock):
    make_citizen()
    for n in range(10):
        login(client, "alice", "wrong-password", REMOTE_ADDR=f"10.0.0.{n}")
    assert LOCKED in login(client, "alice", REMOTE_ADDR="10.0.1.1").content.decode()
    clock.advance(5 * 60 + 1)
    assert login(client, "alice", REMOTE_ADDR="10.0.1.1").status_code == 302


def test_the_lock_ends_after_15_minutes(client, clock):
    make_citizen()
    for _ in range(5):
        login(client, "alice", "wrong-password")
    clock.advance(15 * 60 - 5)
    assert LOCKED in login(client, "alice").content.decode()
    clock.advance(6)
    assert login(client, "alice").status_code == 302


def test_locks_from_one_address_grow_but_never_last_for_ever(client, clock):
    make_citizen()
    waits = []
    for _ in range(6):
        for _ in range(5):
            login(client, "alice", "wrong-password")
        html = login(client, "alice").content.decode()
        waits.append(int(html.split("Try again in ")[1].split(" minute")[0]))
        clock.advance(waits[-1] * 60 + 1)
    assert waits == [15, 30, 60, 120, 240, 240]
    assert login(client, "alice").status_code == 302


def test_another_account_is_not_locked_by_someone_elses_failures(client):
    make_citizen()
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    for _ in range(5):
        login(client, "alice", "wrong-password")
    assert login(client, "bob@example.com").status_code == 302


def test_one_address_trying_many_identifiers_is_stopped_there_only(client):
    make_citizen()
    for n in range(20):
        login(client, f"guess{n}@example.com", "wrong-password")
    assert LOCKED in login(client, "alice").content.decode()
    assert login(client, "alice", REMOTE_ADDR="198.51.100.1").status_code == 302


def test_unknown_identifiers_are_locked_like_real_ones(client):
    """Otherwise the lock itself would tell which addresses have an account."""
    make_citizen()
    for _ in range(5):
        login(client, "nobody@example.com", "wrong-password")
    assert LOCKED in login(client, "nobody@example.com").content.decode()


def test_a_successful_sign_in_clears_the_accounts_failures(client):
    make_citizen()
    for _ in range(4):
        login(client, "alice", "wrong-password")
    assert login(client, "alice").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "13812345678", "wrong-password")
    assert login(client, "alice").status_code == 302


def test_the_limits_come_from_settings(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 2
    make_citizen()
    for _ in range(2):
        login(client, "alice", "wrong-password")
    assert LOCKED in login(client, "alice").content.decode()


def test_the_lock_message_is_in_chinese_on_the_chinese_page(client):
    make_citizen()
    for _ in range(5):
        client.post("/zh-hans/account/login/", {"username": "alice", "password": "wrong"})
    html = client.post("/zh-hans/account/login/", {"username": "alice", "password": PASSWORD}).content.decode()
    assert "登录失败次数过多" in html
    assert "15 分钟" in html


def test_staff_still_sign_in_to_the_admin_with_their_username(client):
    make_citizen(username="clerk", email="", phone="", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": "clerk", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
