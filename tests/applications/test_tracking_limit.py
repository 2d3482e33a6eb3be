"""The tracking page's limit on wrong guesses runs on services.lib.throttle: the block lasts
the hour the README promises (it once lasted 5 minutes: DatabaseCache.incr() reset the expiry),
and a forged X-Forwarded-For does not reset it."""

import pytest

pytestmark = pytest.mark.django_db
# A well-formed reference (its check character is right) with a wrong code: a guess that counts.
WRONG = {"reference": "HP26K7M2X9QDS", "tracking_code": "GUESS000"}


def guess(client, **headers):
    return client.post("/en/track/", WRONG, headers=headers)


def test_ten_wrong_guesses_block_the_address_for_a_whole_hour(client, clock):
    for _ in range(10):
        assert guess(client).status_code == 400
    assert guess(client).status_code == 429
    clock.advance(301)  # past the database cache's default timeout
    assert guess(client).status_code == 429
    clock.advance(3600 - 301 - 1)
    assert guess(client).status_code == 429
    clock.advance(2)
    assert guess(client).status_code == 400


def test_a_forged_forwarded_header_does_not_reset_the_count(client):
    for n in range(10):
        guess(client, **{"x-forwarded-for": f"203.0.113.{n}"})
    assert guess(client, **{"x-forwarded-for": "198.51.100.1"}).status_code == 429
