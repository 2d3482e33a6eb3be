import pytest

from . import PASSWORD, fast_passwords, make_citizen  # noqa: F401 (fast_passwords is an autouse fixture)

pytestmark = pytest.mark.django_db
URL = "/en/account/login/"
FAILED = "The email or mobile number and password do not match an account"
LOCKED = "There have been too many failed attempts to sign in"


def login(client, username, password=PASSWORD, **extra):
    return client.post(URL, {"username": username, "password": password, **extra})


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


def test_after_five_failures_the_identifier_is_refused_even_with_the_right_password(client):
    make_citizen()
    for _ in range(5):
        assert FAILED in login(client, "alice@example.com", "wrong-password").content.decode()
    html = login(client, "alice@example.com").content.decode()
    assert LOCKED in html
    assert not signed_in_as(client)
    # The same person typed another way is the same identifier.
    assert LOCKED in login(client, "ALICE@example.com").content.decode()


def test_failures_are_counted_per_identifier_across_ips(client):
    make_citizen()
    for n in range(5):
        login(client, "13812345678", "wrong-password", REMOTE_ADDR=f"10.0.0.{n}")
    assert LOCKED in login(client, "138 1234 5678", REMOTE_ADDR="10.0.0.99").content.decode()


def test_the_lock_ends_after_15_minutes(client, monkeypatch):
    import time

    make_citizen()
    for _ in range(5):
        login(client, "alice", "wrong-password")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 15 * 60 + 1)
    assert login(client, "alice").status_code == 302


def test_another_identifier_is_not_locked_by_someone_elses_failures(client):
    make_citizen()
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    for _ in range(5):
        login(client, "alice", "wrong-password")
    assert login(client, "bob@example.com").status_code == 302


def test_one_ip_trying_many_identifiers_is_slowed_down(client):
    make_citizen()
    for n in range(20):
        login(client, f"guess{n}@example.com", "wrong-password")
    assert LOCKED in login(client, "alice").content.decode()


def test_a_successful_sign_in_clears_the_identifiers_failures(client):
    make_citizen()
    for _ in range(4):
        login(client, "alice", "wrong-password")
    assert login(client, "alice").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "alice", "wrong-password")
    assert login(client, "alice").status_code == 302


def test_staff_still_sign_in_to_the_admin_with_their_username(client):
    make_citizen(username="clerk", email="", phone="", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": "clerk", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
