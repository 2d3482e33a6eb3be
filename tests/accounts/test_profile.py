import pytest
from django.contrib.auth import get_user_model

from tests.makers import make_district

from . import PASSWORD, edit_profile, make_citizen, sign_in

pytestmark = pytest.mark.django_db
URL = "/en/account/profile/"
EDIT = "/en/account/profile/edit/"
ID_NUMBER = "11010519491231002X"
OTHER_ID = "310115199003071239"


@pytest.mark.parametrize("url", [URL, EDIT, "/en/account/password/"])
def test_it_needs_a_signed_in_user(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/en/account/login/?next={url}"


def test_it_shows_the_id_number_masked(client):
    sign_in(client, make_citizen(id_number=ID_NUMBER))
    html = client.get(URL).content.decode()
    assert "1101**********002X" in html
    assert ID_NUMBER not in html
    assert "Alice Wang" in html
    assert html.count("<h1") == 1


def test_the_edit_form_never_sends_the_full_id_number(client):
    sign_in(client, make_citizen(id_number=ID_NUMBER))
    html = client.get(EDIT).content.decode()
    assert ID_NUMBER not in html
    assert "1101**********002X" in html
    assert "Leave this blank to keep the current number" in html


def test_edits_persist(client):
    district = make_district(name_en="Riverside", name_zh="滨江区")
    user = sign_in(client, make_citizen())
    response = edit_profile(
        client,
        first_name="Alice Li",
        id_number="3101 1519 9003 0712 39",
        phone="138-1234-5678",  # the same number in another spelling: no link needed
        email="Alice@Example.com",
        address_district=district.pk,
        address_street="1 Bund Road",
    )
    assert response.status_code == 302
    assert response.url == URL
    user.refresh_from_db()
    assert (user.first_name, user.id_number, user.phone, user.email) == (
        "Alice Li",
        OTHER_ID,
        "13812345678",
        "Alice@example.com",
    )  # a new email or mobile number waits for its link: tests/accounts/test_contact_change.py
    assert (user.address_district, user.address_street) == (district, "1 Bund Road")
    html = client.get(URL).content.decode()
    assert "Your details have been saved." in html
    assert "Riverside" in html


def test_the_district_is_named_in_the_page_language(client):
    make_district(name_en="Riverside", name_zh="滨江区")
    sign_in(client, make_citizen())
    assert "Riverside" in client.get(EDIT).content.decode()
    assert "滨江区" in client.get("/zh-hans/account/profile/edit/").content.decode()


def test_a_blank_id_number_keeps_the_old_one(client):
    user = sign_in(client, make_citizen(id_number=ID_NUMBER))
    assert edit_profile(client, id_number="").status_code == 302
    user.refresh_from_db()
    assert user.id_number == ID_NUMBER


@pytest.mark.parametrize(
    "typed, message",
    [
        ("12345", "A resident ID number has 18 characters"),
        ("110105194912310021", "This ID number is not valid"),
        ("110105194913310020", "is not a real date"),
    ],
)
def test_a_wrong_id_number_gets_a_specific_message(client, typed, message):
    user = sign_in(client, make_citizen(id_number=ID_NUMBER))
    response = edit_profile(client, id_number=typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'href="#id_id_number"' in html
    user.refresh_from_db()
    assert user.id_number == ID_NUMBER


def test_a_wrong_mobile_gets_a_specific_message_and_keeps_the_rest(client):
    sign_in(client, make_citizen())
    html = edit_profile(client, phone="1381234", first_name="Alice Typed").content.decode()
    assert "Enter a mobile number of 11 digits" in html
    assert 'value="Alice Typed"' in html
    assert 'value="1381234"' in html


def test_email_and_mobile_cannot_both_be_removed(client):
    sign_in(client, make_citizen())
    html = edit_profile(client, phone="", email="").content.decode()
    assert "Enter an email address or a mobile number" in html


def test_the_page_never_says_another_account_uses_an_email_or_mobile(client):
    make_citizen(username="bob", email="bob@example.com", phone="13900000000")
    user = sign_in(client, make_citizen())
    response = edit_profile(client, email="BOB@example.com", phone="13900000000")
    assert response.status_code == 302
    html = client.get(URL).content.decode()
    assert "An account already uses" not in html
    assert "sent a link to BOB@example.com to confirm it" in html
    user.refresh_from_db()
    assert (user.email, user.phone) == ("alice@example.com", "13812345678")


def test_keeping_ones_own_email_and_mobile_is_fine(client):
    sign_in(client, make_citizen())
    assert edit_profile(client, email="Alice@Example.com").status_code == 302


def test_a_name_is_required(client):
    sign_in(client, make_citizen())
    assert "Enter your full name" in edit_profile(client, first_name="").content.decode()


def test_another_users_data_is_never_shown(client):
    make_citizen(
        username="bob", email="bob@example.com", phone="13900000000", first_name="Bob Zhou", id_number=OTHER_ID
    )
    sign_in(client, make_citizen(id_number=ID_NUMBER))
    for url in (URL, EDIT):
        html = client.get(url).content.decode()
        assert "Bob Zhou" not in html
        assert "bob@example.com" not in html
        assert "13900000000" not in html
        assert "3101**********1239" not in html


def test_a_rejected_edit_changes_nothing(client):
    user = sign_in(client, make_citizen())
    edit_profile(client, first_name="Someone Else", phone="bad")
    user.refresh_from_db()
    assert user.first_name == "Alice Wang"


def test_the_password_can_be_changed(client):
    user = sign_in(client, make_citizen())
    new = "Another-Secret-77"
    response = client.post(
        "/en/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response.url == URL
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.session.get("_auth_user_id") == str(user.pk)  # still signed in
    assert "Your password has been changed." in client.get(URL).content.decode()


def test_a_wrong_current_password_is_refused(client):
    sign_in(client, make_citizen())
    html = client.post(
        "/en/account/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "x"}
    ).content.decode()
    assert "There is a problem" in html
    assert 'href="#id_old_password"' in html


def test_signed_in_pages_are_not_cached(client):
    sign_in(client, make_citizen(first_name="Alice Wang"))
    client.get(URL)
    get_user_model().objects.filter(username="alice").update(first_name="Changed Name")
    assert "Changed Name" in client.get(URL).content.decode()
