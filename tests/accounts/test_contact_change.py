"""A signed-in citizen changing their email address or mobile number on the profile page: the new
one is confirmed by a link sent to it, and the page says the same whether or not another account
uses it (issue 8 point 16's fault, in the profile). The owner of a taken address gets a note."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from services.accounts.models import PendingContactChange
from services.lib import sms

from . import edit_profile, make_citizen, sign_in

pytestmark = pytest.mark.django_db
PROFILE = "/en/account/profile/"


def confirm_path(text):
    return re.search(r"https?://[^/\s]+(/(?:en|zh-hans)/account/contact/confirm/[^/\s]+/)", text).group(1)


def same_page(html, email, phone):
    """The page with the addresses typed and the per-request token taken out."""
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(email, "EMAIL").replace(phone, "PHONE")


def test_a_new_email_is_not_used_until_the_link_sent_to_it_is_followed(client):
    user = sign_in(client, make_citizen())
    response = edit_profile(client, email="new@example.com")
    assert response.status_code == 302 and response.url == PROFILE
    user.refresh_from_db()
    assert user.email == "alice@example.com"  # not yet
    html = client.get(PROFILE).content.decode()
    assert "sent a link to new@example.com to confirm it" in html
    assert "Waiting for confirmation" in html
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    path = confirm_path(message.body)
    page = client.get(path)
    assert page.status_code == 200 and "new@example.com" in page.content.decode()
    user.refresh_from_db()
    assert user.email == "alice@example.com"  # opening the link alone changes nothing (mail scanners)
    done = client.post(path)
    assert done.status_code == 302 and done.url == PROFILE
    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert "Your email address is now new@example.com." in client.get(PROFILE).content.decode()
    assert not PendingContactChange.objects.exists()
    assert client.post(path).status_code == 404  # once only


def test_a_new_mobile_number_is_confirmed_by_text_message(client):
    user = sign_in(client, make_citizen())
    edit_profile(client, phone="139 0000 1111")
    [(number, text)] = sms.outbox
    assert number == "13900001111"
    client.post(confirm_path(text))
    user.refresh_from_db()
    assert user.phone == "13900001111"


def test_an_address_another_account_uses_gets_the_same_page_and_its_owner_a_note(client):
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    user = sign_in(client, make_citizen())
    taken = edit_profile(client, email="BOB@example.com", phone="13900000000")
    taken_page = client.get(PROFILE).content.decode()
    free = edit_profile(client, email="free@example.com", phone="13900000009")
    free_page = client.get(PROFILE).content.decode()
    assert taken.status_code == free.status_code == 302 and taken.url == free.url
    assert "An account already uses" not in taken_page
    assert "sent a link to BOB@example.com to confirm it" in taken_page
    assert "sent a link to 13900000000 to confirm it" in taken_page
    assert same_page(taken_page, "BOB@example.com", "13900000000") == same_page(
        free_page, "free@example.com", "13900000009"
    )
    # The owner of the taken address is told, with no link to add it; the change is not made.
    note = mail.outbox[0]
    assert note.to == ["BOB@example.com"] and "/account/contact/confirm/" not in note.body
    assert "already uses this email address" in note.body
    (owner, text), _free = sms.outbox
    assert owner == "13900000000" and "/account/contact/confirm/" not in text
    user.refresh_from_db()
    assert (user.email, user.phone) == ("alice@example.com", "13812345678")


def test_an_address_taken_after_the_link_was_sent_is_not_added(client):
    user = sign_in(client, make_citizen())
    edit_profile(client, email="new@example.com")
    make_citizen(username="bob", email="new@example.com", phone="")
    response = client.post(confirm_path(mail.outbox[0].body), follow=True)
    assert "Another account now uses new@example.com, so it was not added" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "alice@example.com"


def test_the_link_works_only_for_the_account_that_asked(client):
    sign_in(client, make_citizen())
    edit_profile(client, email="new@example.com")
    path = confirm_path(mail.outbox[0].body)
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and response.url == f"/en/account/login/?next={quote(path)}"
    other = make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    sign_in(client, other)
    assert client.post(path).status_code == 404
    other.refresh_from_db()
    assert other.email == "bob@example.com"


def test_a_forged_or_expired_link_is_explained(client, settings):
    sign_in(client, make_citizen())
    assert "This link does not work" in client.get("/en/account/contact/confirm/forged/").content.decode()
    edit_profile(client, email="new@example.com")
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert client.get(confirm_path(mail.outbox[0].body)).status_code == 404


def test_other_details_are_saved_at_once_and_removing_a_contact_needs_no_link(client):
    user = sign_in(client, make_citizen())
    edit_profile(client, first_name="Alice Li", phone="")
    user.refresh_from_db()
    assert (user.first_name, user.phone, user.email) == ("Alice Li", "", "alice@example.com")
    assert not mail.outbox and not sms.outbox


def test_one_way_to_sign_in_is_kept_until_the_new_one_is_confirmed(client):
    user = sign_in(client, make_citizen(phone=""))
    response = edit_profile(client, email="", phone="13900001111")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keep your current email address until your new mobile number is confirmed" in html
    assert 'value="13900001111"' in html  # what was typed is kept
    user.refresh_from_db()
    assert user.email == "alice@example.com" and not sms.outbox


def test_changes_of_email_or_mobile_are_limited_per_account(client, settings):
    settings.CONTACT_CHANGES_PER_HOUR = 2
    user = sign_in(client, make_citizen())
    edit_profile(client, email="a1@example.com")
    edit_profile(client, email="a2@example.com")
    response = edit_profile(client, email="a3@example.com", first_name="Alice Typed")
    html = response.content.decode()
    assert response.status_code == 429
    assert "You have asked to change your email address or mobile number too often" in html
    assert "try again in 60 minutes" in html
    assert 'value="a3@example.com"' in html and 'value="Alice Typed"' in html
    assert len(mail.outbox) == 2
    user.refresh_from_db()
    assert user.first_name == "Alice Wang"  # nothing saved from a refused page
    assert edit_profile(client, first_name="Alice Li").status_code == 302  # other details are not limited


def test_a_second_request_replaces_the_first_link(client):
    user = sign_in(client, make_citizen())
    edit_profile(client, email="first@example.com")
    edit_profile(client, email="second@example.com")
    first, second = (confirm_path(m.body) for m in mail.outbox)
    assert client.post(first).status_code == 404
    client.post(second)
    user.refresh_from_db()
    assert user.email == "second@example.com"


def test_the_link_and_note_are_in_the_language_of_the_page(client):
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    sign_in(client, make_citizen())
    edit_profile(client, url="/zh-hans/account/profile/edit/", email="new@example.com", phone="13900000000")
    assert "/zh-hans/account/contact/confirm/" in mail.outbox[0].body
    assert "海浦" in mail.outbox[0].subject and "海浦" in sms.outbox[0][1]
    html = client.get("/zh-hans/account/profile/").content.decode()
    assert "new@example.com" in html and "确认" in html


def test_the_confirmation_pages_are_not_stored(client):
    sign_in(client, make_citizen())
    edit_profile(client, email="new@example.com")
    assert "no-store" in client.get(confirm_path(mail.outbox[0].body))["Cache-Control"]
