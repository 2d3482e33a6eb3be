"""Which address the rate limits count: X-Forwarded-For is believed only as far as
TRUSTED_PROXY_COUNT says proxies stand in front of the portal."""

import pytest
from django.test import RequestFactory

from services.lib.clientip import client_ip

FORGED = "203.0.113.9, 198.51.100.7"


def request_with(forwarded=None, remote="10.1.1.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_by_default_a_forged_header_does_not_change_the_address(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_ip(request_with(FORGED)) == "10.1.1.1"


def test_by_default_the_proxy_ssl_header_is_not_believed_either(settings):
    assert getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is None


def test_with_one_proxy_the_last_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with("203.0.113.9, 198.51.100.7")) == "198.51.100.7"


def test_with_two_proxies_the_second_from_last_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_with("6.6.6.6, 203.0.113.9, 198.51.100.7")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", [None, "", "198.51.100.7"])
def test_a_header_shorter_than_the_proxy_count_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_with(forwarded)) == "10.1.1.1"


@pytest.mark.parametrize("forwarded", ["not-an-address", "1.2.3.4, <script>", "1.2.3.4,"])
def test_an_entry_that_is_not_an_address_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with(forwarded)) == "10.1.1.1"


def test_ipv6_entries_are_accepted_and_counted_per_64_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_with("2001:db8::1")) == "2001:db8::/64"


def test_every_address_of_one_ipv6_subscriber_is_one_client():
    """A /64 is one subscriber's: rotating through its addresses gives no fresh budget."""
    seen = {client_ip(request_with(remote=f"2001:db8:1:1::{n:x}")) for n in range(1, 11)}
    assert seen == {"2001:db8:1:1::/64"}
    assert client_ip(request_with(remote="2001:db8:1:2::1")) == "2001:db8:1:2::/64"


def test_ipv4_mapped_and_ipv4_addresses_stay_whole():
    assert client_ip(request_with(remote="::ffff:198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_with(remote="198.51.100.7")) == "198.51.100.7"


@pytest.mark.django_db
def test_ten_addresses_of_one_ipv6_subscriber_cannot_lock_a_strangers_account(client, django_user_model):

    user = django_user_model.objects.create_user("victim", email="victim@example.org", password="right-pass-2026")
    for n in range(1, 11):
        client.post(
            "/en/account/login/",
            {"username": "victim@example.org", "password": "wrong"},
            REMOTE_ADDR=f"2001:db8:1:1::{n:x}",
        )
    response = client.post(
        "/en/account/login/",
        {"username": "victim@example.org", "password": "right-pass-2026"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 302, "the owner was locked out by one IPv6 subscriber"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_no_request_has_no_address():
    assert client_ip(None) == ""


def _settings_under(**env):
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.TRUSTED_PROXY_COUNT, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    base = {k: v for k, v in os.environ.items() if k not in {"BEHIND_PROXY", "TRUSTED_PROXY_COUNT"}}
    base.update(DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="true", **env)
    return subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60)


def test_a_proxy_count_also_believes_the_forwarded_scheme():
    assert _settings_under().stdout.split()[0] == "0"
    out = _settings_under(TRUSTED_PROXY_COUNT="2").stdout
    assert out.startswith("2 ('HTTP_X_FORWARDED_PROTO', 'https')")


def test_behind_proxy_is_the_older_switch_for_one_proxy():
    assert _settings_under(BEHIND_PROXY="true").stdout.startswith("1 ('HTTP_X_FORWARDED_PROTO'")
    refused = _settings_under(BEHIND_PROXY="true", TRUSTED_PROXY_COUNT="0")
    assert refused.returncode != 0 and "TRUSTED_PROXY_COUNT" in refused.stderr
