import pytest
from django.contrib.auth import get_user_model

from . import PASSWORD, fast_passwords, make_citizen  # noqa: F401 (fast_passwords is an autouse fixture)

pytestmark = pytest.mark.django_db
URL = "/en/account/signup/"
User = get_user_model()


def post(client, **overrides):
    data = {"email": "", "phone": "", "full_name": "Li Na", "password1": PASSWORD, "password2": PASSWORD}
    data.update(overrides)
    return client.post(URL, data)


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


def test_it_signs_up_with_an_email_and_signs_in(client):
    response = post(client, email="Li.Na@Example.COM")
    assert response.status_code == 302
    assert response.url == "/en/account/profile/"
    user = User.objects.get(first_name="Li Na")
    assert user.email == "Li.Na@example.com"  # the domain is lower-cased, the local part kept
    assert user.phone == ""
    assert user.username.startswith("u")
    assert user.check_password(PASSWORD)
    assert client.get("/en/account/profile/").status_code == 200  # signed in


def test_it_signs_up_with_a_mobile_number_in_any_spelling(client):
    response = post(client, phone="+86 139-1234-5678")
    assert response.status_code == 302
    assert User.objects.get().phone == "13912345678"


def test_it_redirects_to_a_safe_next(client):
    response = post(client, email="a@example.com", next="/en/services/")
    assert response.url == "/en/services/"


def test_it_ignores_a_next_on_another_site(client):
    response = post(client, email="a@example.com", next="https://evil.example/")
    assert response.url == "/en/account/profile/"


def test_email_or_mobile_is_required(client):
    response = post(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address or a mobile number" in html
    assert 'href="#id_email"' in html
    assert not User.objects.exists()


def test_a_taken_email_in_another_case_is_refused(client):
    make_citizen(email="taken@example.com")
    response = post(client, email="TAKEN@example.com")
    assert response.status_code == 200
    assert "An account already uses this email address" in response.content.decode()
    assert User.objects.count() == 1


def test_a_taken_mobile_is_refused(client):
    make_citizen(phone="13812345678")
    response = post(client, phone="138 1234 5678")
    assert "An account already uses this mobile number" in response.content.decode()
    assert User.objects.count() == 1


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
