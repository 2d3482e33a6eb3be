import re

import pytest
from django.core import mail

from . import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db
URL = "/en/account/password-reset/"
NEW_PASSWORD = "Brand-new-Secret-42"


def request_link(client, email):
    return client.post(URL, {"email": email}, follow=True)


def link_path(message):
    return re.search(r"https?://[^/\s]+(/en/account/reset/\S+/)", message.body).group(1)


def test_it_sends_one_email_with_text_and_html_parts(client):
    make_citizen()
    response = request_link(client, "ALICE@example.com")
    assert response.redirect_chain[-1][0] == "/en/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "Reset your Haipu City Services password" in message.subject
    assert "expires in 3 days" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link_path(message) in html
    assert "expires in 3 days" in html


def test_the_link_sets_a_new_password(client):
    user = make_citizen()
    request_link(client, "alice@example.com")
    response = client.get(link_path(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    assert "Create a new password" in response.content.decode()
    assert 'autocomplete="new-password"' in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == "/en/account/reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    assert "This link does not work" in client.get(link_path(mail.outbox[0]), follow=True).content.decode()


def test_a_weak_new_password_is_refused_with_djangos_message(client):
    make_citizen()
    request_link(client, "alice@example.com")
    form_url = client.get(link_path(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    html = client.post(form_url, {"new_password1": "123", "new_password2": "123"}).content.decode()
    assert "This password is too short" in html
    assert "There is a problem" in html


def test_an_unknown_address_gets_the_same_page_and_no_email(client):
    make_citizen()
    known = request_link(client, "alice@example.com")
    unknown = request_link(client, "nobody@example.com")
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.content == known.content
    assert len(mail.outbox) == 1


def test_the_check_your_email_page_does_not_say_whether_an_account_exists(client):
    html = request_link(client, "nobody@example.com").content.decode()
    assert "If an account uses the address you gave" in html
    assert "expires in 3 days" in html


def test_a_bad_link_is_explained(client):
    html = client.get("/en/account/reset/MQ/bad-token/").content.decode()
    assert "This link does not work" in html
    assert "Ask for a new link" in html


def test_the_email_is_in_the_language_of_the_page(client):
    make_citizen()
    client.post("/zh-hans/account/password-reset/", {"email": "alice@example.com"})
    assert "/zh-hans/account/reset/" in mail.outbox[0].body


def test_the_form_asks_for_an_email_with_a_specific_message(client):
    html = client.post(URL, {"email": ""}).content.decode()
    assert "Enter the email address of your account" in html
    assert not mail.outbox


def test_old_password_no_longer_works_after_a_reset(client):
    make_citizen()
    request_link(client, "alice@example.com")
    form_url = client.get(link_path(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post("/en/account/login/", {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200


def test_the_page_queues_one_task_for_any_address_and_the_queue_holds_no_link(client, settings):
    """An address with an account and one without cost the page the same work: one queued task."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_citizen()
    for address in ["alice@example.com", "nobody@example.com"]:
        response = request_link(client, address)
        assert response.redirect_chain[-1][0] == "/en/account/password-reset/sent/"
    assert mail.outbox == []
    known, unknown = default_task_backend.results
    assert known.task.name == unknown.task.name == "send_password_reset"
    assert known.args[0] == "alice@example.com" and unknown.args[0] == "nobody@example.com"
    assert known.args[1:] == unknown.args[1:] and "en" in known.args
    assert not any(isinstance(a, str) and "reset/" in a for a in known.args)  # no link, no token
    assert unknown.task.call(*unknown.args) == 0 and mail.outbox == []
    assert known.task.call(*known.args) == 1
    assert len(mail.outbox) == 1 and "/en/account/reset/" in mail.outbox[0].body


def test_a_queue_that_fails_still_shows_the_same_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr("django_tasks.base.Task.enqueue", broken)
    make_citizen()
    response = request_link(client, "alice@example.com")
    assert response.redirect_chain[-1][0] == "/en/account/password-reset/sent/"


def test_a_chinese_page_sends_a_chinese_email(client):
    make_citizen()
    client.post("/zh-hans/account/password-reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1 and "/zh-hans/account/reset/" in mail.outbox[0].body


def test_a_failing_mail_server_still_says_the_email_is_on_its_way(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    make_citizen()
    response = request_link(client, "alice@example.com")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/en/account/password-reset/sent/"


def test_every_step_of_the_reset_is_not_stored(client):
    make_citizen()
    assert "no-store" in client.get(URL)["Cache-Control"]
    response = client.post(URL, {"email": "alice@example.com"})
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/en/account/password-reset/sent/")["Cache-Control"]
    link = client.get(link_path(mail.outbox[0]))
    assert "no-store" in link["Cache-Control"]
    form = client.get(link.url)
    assert "no-store" in form["Cache-Control"]
    assert "no-store" in client.get("/en/account/reset/done/")["Cache-Control"]


def test_sign_in_and_account_pages_are_not_stored(client):
    from . import sign_in

    assert "no-store" in client.get("/en/account/login/")["Cache-Control"]
    sign_in(client, make_citizen())
    for path in ["/en/account/profile/", "/en/account/profile/edit/", "/en/account/password/"]:
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_reset_requests_from_one_address_are_limited_for_any_address_typed(client, settings):
    settings.PASSWORD_RESETS_PER_HOUR = 2
    make_citizen()
    request_link(client, "alice@example.com")
    request_link(client, "nobody@example.com")
    response = client.post(URL, {"email": "alice@example.com"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many password resets have been asked for from this connection" in html
    assert 'value="alice@example.com"' in html
    assert len(mail.outbox) == 1
    assert client.post(URL, {"email": "alice@example.com"}, REMOTE_ADDR="198.51.100.4").status_code == 302
