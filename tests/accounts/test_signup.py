import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from services.accounts.models import PendingSignup
from services.lib import sms

from . import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db
URL = "/en/account/signup/"
User = get_user_model()


def post(client, **overrides):
    meta = {key: overrides.pop(key) for key in list(overrides) if key.isupper()}
    data = {"email": "", "phone": "", "full_name": "Li Na", "password1": PASSWORD, "password2": PASSWORD}
    data.update(overrides)
    return client.post(URL, data, **meta)


def test_the_page_has_one_h1_labels_and_autocomplete(client):
    html = client.get(URL).content.decode()
    assert html.count("<h1") == 1
    for name, autocomplete in [
        ("email", "email"),
        ("phone", "tel"),
        ("full_name", "name"),
        ("password1", "new-password"),
        ("password2", "new-password"),
    ]:
        assert f'<label for="id_{name}"' in html
        assert f'autocomplete="{autocomplete}"' in html
    assert "error-summary" not in html


def confirm_link(text):
    return re.search(r"https?://[^/\s]+(/en/account/signup/confirm/[^/\s]+/)", text).group(1)


def finish(client, path):
    """Open the link, then press the button."""
    assert client.get(path).status_code == 200
    return client.post(path)


def test_it_sends_a_link_and_the_account_is_made_when_it_is_followed(client):
    response = post(client, email="Li.Na@Example.COM")
    assert response.status_code == 302
    assert response.url == "/en/account/signup/sent/"
    assert not User.objects.exists()  # nothing yet: the address must be shown to be theirs
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Li.Na@example.com"]
    assert "Finish creating your Haipu City Services account" in mail.outbox[0].subject
    response = finish(client, confirm_link(mail.outbox[0].body))
    assert response.url == "/en/account/profile/"
    user = User.objects.get(first_name="Li Na")
    assert user.email == "Li.Na@example.com"  # the domain is lower-cased, the local part kept
    assert user.phone == ""
    assert user.username.startswith("u")
    assert user.check_password(PASSWORD)
    assert client.get("/en/account/profile/").status_code == 200  # signed in
    assert not PendingSignup.objects.exists()


def test_it_signs_up_with_a_mobile_number_in_any_spelling_by_text_message(client):
    post(client, phone="+86 139-1234-5678")
    [(number, text)] = sms.outbox
    assert number == "13912345678"
    finish(client, confirm_link(text))
    assert User.objects.get().phone == "13912345678"


def test_opening_the_link_alone_makes_no_account(client):
    """Mail scanners open links: only the button makes the account."""
    post(client, email="a@example.com")
    client.get(confirm_link(mail.outbox[0].body))
    assert not User.objects.exists()


def test_the_link_works_once(client):
    post(client, email="a@example.com")
    path = confirm_link(mail.outbox[0].body)
    finish(client, path)
    client.logout()
    response = client.get(path)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert User.objects.count() == 1


def test_a_forged_or_expired_link_is_explained(client, settings):
    assert "This link does not work" in client.get("/en/account/signup/confirm/forged/").content.decode()
    assert client.post("/en/account/signup/confirm/forged/").status_code == 404
    post(client, email="a@example.com")
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert client.get(confirm_link(mail.outbox[0].body)).status_code == 404


def test_it_redirects_to_a_safe_next(client):
    post(client, email="a@example.com", next="/en/services/")
    assert finish(client, confirm_link(mail.outbox[0].body)).url == "/en/services/"


def test_it_ignores_a_next_on_another_site(client):
    post(client, email="a@example.com", next="https://evil.example/")
    assert finish(client, confirm_link(mail.outbox[0].body)).url == "/en/account/profile/"


def test_a_known_and_an_unknown_email_get_the_same_page(client):
    make_citizen(email="taken@example.com")
    known = post(client, email="TAKEN@example.com")
    unknown = post(client, email="new@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert client.get(known.url).content == client.get(unknown.url).content
    assert User.objects.count() == 1


def test_the_owner_of_a_known_email_gets_a_note_not_a_link(client):
    make_citizen(email="taken@example.com")
    post(client, email="TAKEN@example.com")
    [note] = mail.outbox
    assert note.to == ["TAKEN@example.com"]
    assert "You already have a Haipu City Services account" in note.subject
    assert "/en/account/login/" in note.body and "/en/account/password-reset/" in note.body
    assert "/signup/confirm/" not in note.body
    assert User.objects.count() == 1


def test_the_owner_of_a_known_mobile_gets_a_note_by_text_message(client):
    make_citizen(phone="13812345678")
    known = post(client, phone="138 1234 5678")
    unknown = post(client, phone="13900000001")
    assert known.url == unknown.url
    (owner, note), (_, link) = sms.outbox
    assert owner == "13812345678" and "already has one" in note and "/signup/confirm/" not in note
    assert "/signup/confirm/" in link


def test_the_page_does_the_same_work_for_a_known_and_an_unknown_address(client, settings):
    """One pending sign-up and one queued task either way; the task tells them apart."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_citizen(email="taken@example.com")
    post(client, email="taken@example.com")
    post(client, email="new@example.com")
    known, unknown = default_task_backend.results
    assert known.task.name == unknown.task.name == "send_signup_messages"
    assert PendingSignup.objects.count() == 2
    assert mail.outbox == []
    assert not any("@" in str(arg) for arg in known.args)  # the queue holds an id, not the address


def test_a_queue_that_fails_still_shows_the_same_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr("django_tasks.base.Task.enqueue", broken)
    response = post(client, email="a@example.com")
    assert response.url == "/en/account/signup/sent/"


def test_a_contact_taken_before_the_link_is_followed_is_left_out(client):
    post(client, email="a@example.com", phone="13900000002")
    make_citizen(email="other@example.com", phone="13900000002", username="other")
    finish(client, confirm_link(mail.outbox[0].body))
    user = User.objects.get(email="a@example.com")
    assert user.phone == ""


def test_a_link_whose_details_were_all_taken_meanwhile_sends_to_sign_in(client):
    post(client, email="a@example.com")
    make_citizen(email="a@example.com", phone="", username="other")
    response = finish(client, confirm_link(mail.outbox[0].body))
    assert response.url == "/en/account/login/"
    assert User.objects.count() == 1


def test_sign_ups_from_one_address_are_limited_and_nothing_typed_is_lost(client, settings):
    settings.SIGNUPS_PER_HOUR = 2
    for n in range(2):
        assert post(client, email=f"a{n}@example.com").status_code == 302
    response = post(client, email="kept@example.com", full_name="Zhao Lei")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many accounts have been asked for from this connection" in html
    assert "try again in 60 minutes" in html
    assert 'value="kept@example.com"' in html and 'value="Zhao Lei"' in html
    assert PASSWORD not in html
    assert len(mail.outbox) == 2
    assert post(client, email="b@example.com", REMOTE_ADDR="198.51.100.3").status_code == 302


def test_the_sign_up_limit_ends(client, settings, clock):
    settings.SIGNUPS_PER_HOUR = 1
    post(client, email="a@example.com")
    assert post(client, email="b@example.com").status_code == 429
    clock.advance(3600)
    assert post(client, email="b@example.com").status_code == 302


def test_the_sign_up_pages_are_not_stored(client):
    assert "no-store" in client.get(URL)["Cache-Control"]
    assert "no-store" in post(client, email="")["Cache-Control"]
    assert "no-store" in client.get("/en/account/signup/sent/")["Cache-Control"]
    assert "no-store" in client.get("/en/account/signup/confirm/x/")["Cache-Control"]


def test_the_messages_are_in_the_language_of_the_page(client):
    client.post(
        "/zh-hans/account/signup/",
        {
            "email": "a@example.com",
            "phone": "13900000003",
            "full_name": "李娜",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "/zh-hans/account/signup/confirm/" in mail.outbox[0].body
    assert "完成" in mail.outbox[0].subject
    assert "海浦" in sms.outbox[0][1]


def test_email_or_mobile_is_required(client):
    response = post(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address or a mobile number" in html
    assert 'href="#id_email"' in html
    assert not User.objects.exists()


def test_a_wrong_mobile_gets_a_specific_message(client):
    html = post(client, phone="1234").content.decode()
    assert "Enter a mobile number of 11 digits" in html
    assert "Enter an email address or a mobile number" not in html  # it was given, just wrong
    html = post(client, phone="12812345678").content.decode()
    assert "Mainland mobile numbers start with 13 to 19" in html


def test_a_weak_password_shows_djangos_messages(client):
    response = post(client, email="a@example.com", password1="123", password2="123")
    html = response.content.decode()
    assert "This password is too short" in html
    assert "This password is entirely numeric" in html
    assert 'href="#id_password1"' in html
    assert not User.objects.exists()


def test_different_passwords_are_refused(client):
    html = post(client, email="a@example.com", password2=PASSWORD + "x").content.decode()
    assert "The two passwords do not match" in html
    assert 'href="#id_password2"' in html


def test_errors_keep_what_was_typed_but_not_passwords(client):
    html = post(client, email="kept@example.com", full_name="Zhao Lei", password2="other-Password-77").content.decode()
    assert 'value="kept@example.com"' in html
    assert 'value="Zhao Lei"' in html
    assert PASSWORD not in html
    assert "other-Password-77" not in html


def test_field_errors_are_tied_to_their_inputs(client):
    html = post(client, email="not-an-email").content.decode()
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert "Enter an email address in the correct format" in html
    assert "<title>Error:" in html


def test_a_weak_password_typed_differently_twice_gets_both_messages(client):
    html = post(client, email="a@example.com", password1="123", password2="124").content.decode()
    assert "This password is too short" in html
    assert "The two passwords do not match" in html


def test_only_the_contact_whose_link_was_followed_goes_on_the_account(client):
    """Both were given; the email's link shows the email is theirs, not the mobile number."""
    post(client, email="a@example.com", phone="13900000004")
    [(number, text)] = sms.outbox
    email_link, sms_link = confirm_link(mail.outbox[0].body), confirm_link(text)
    assert email_link != sms_link
    page = client.get(email_link).content.decode()
    assert "a@example.com" in page and "13900000004" not in page
    assert "The mobile number you also gave is not added" in page
    finish(client, email_link)
    user = User.objects.get()
    assert (user.email, user.phone) == ("a@example.com", "")
    client.logout()
    assert client.post(sms_link).status_code == 404  # the sign-up is finished: add it from the profile
    assert User.objects.count() == 1


def test_the_text_messages_link_adds_the_mobile_number_only(client):
    post(client, email="a@example.com", phone="13900000004")
    finish(client, confirm_link(sms.outbox[0][1]))
    user = User.objects.get()
    assert (user.email, user.phone) == ("", "13900000004")


def test_a_link_sent_before_links_named_their_contact(client):
    """Links already sent when this changed: one contact is known; of two, neither is."""
    from django.core import signing

    from services.accounts.emails import SIGNUP_SALT

    post(client, email="one@example.com")
    post(client, email="two@example.com", phone="13900000005")
    one, two = PendingSignup.objects.order_by("pk")
    old_two = f"/en/account/signup/confirm/{signing.dumps(two.pk, salt=SIGNUP_SALT, compress=True)}/"
    assert client.post(old_two).status_code == 404
    old_one = f"/en/account/signup/confirm/{signing.dumps(one.pk, salt=SIGNUP_SALT, compress=True)}/"
    assert finish(client, old_one).status_code == 302
    assert User.objects.get().email == "one@example.com"
