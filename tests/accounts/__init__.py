"""Helpers for the account tests: a few named citizens, made the way signup makes them."""

from django.contrib.auth import get_user_model

PASSWORD = "Correct-horse-battery-9"


def make_citizen(username="alice", email="alice@example.com", phone="13812345678", **kw):
    kw.setdefault("first_name", "Alice Wang")
    return get_user_model().objects.create_user(username=username, email=email, password=PASSWORD, phone=phone, **kw)


def sign_in(client, user):
    client.force_login(user)
    return user


def edit_profile(client, url="/en/account/profile/edit/", **overrides):
    """Send the profile edit form with make_citizen's details, changed by `overrides`."""
    data = {
        "first_name": "Alice Wang",
        "id_number": "",
        "phone": "13812345678",
        "email": "alice@example.com",
        "address_district": "",
        "address_street": "",
    }
    data.update(overrides)
    return client.post(url, data)
