"""services.lib.throttle: the one rate limit. Counted in the shared (database) cache, with the
window it was given kept exactly, tested with a clock."""

import pytest

from services.lib.throttle import Rule, Throttle

pytestmark = pytest.mark.django_db
T0 = 1_900_000_000.0
HOUR = Rule("test-hour", limit=3, window=3600)


def hit_times(throttle, n, now=T0):
    for _ in range(n):
        throttle.hit(now=now)


def test_it_is_open_until_the_limit_is_reached():
    throttle = Throttle(HOUR, "10.0.0.1")
    hit_times(throttle, 2)
    assert throttle.retry_after(now=T0) == 0
    throttle.hit(now=T0)
    assert throttle.retry_after(now=T0) == 3600


def test_the_lock_keeps_the_window_it_was_given_on_the_database_cache():
    """incr() on Django's DatabaseCache resets a key's expiry to the default 300 s."""
    throttle = Throttle(HOUR, "10.0.0.1")
    hit_times(throttle, 3)
    assert throttle.retry_after(now=T0 + 301) == 3600 - 301
    assert throttle.retry_after(now=T0 + 3599) == 1
    assert throttle.retry_after(now=T0 + 3600) == 0


def test_the_stored_entry_outlives_the_default_timeout():
    throttle = Throttle(HOUR, "10.0.0.1")
    hit_times(throttle, 3)
    # The key is stored with the lock's own timeout, not the cache's default 300 s.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM portal_cache")
        (expires_at,) = cursor.fetchone()
    import datetime

    if isinstance(expires_at, str):
        expires_at = datetime.datetime.fromisoformat(expires_at)
    remaining = (expires_at.replace(tzinfo=None) - datetime.datetime.utcnow()).total_seconds()
    assert remaining > 300


def test_hits_in_an_old_window_are_forgotten():
    throttle = Throttle(HOUR, "10.0.0.1")
    hit_times(throttle, 2)
    throttle.hit(now=T0 + 3601)  # a new window: 1 hit
    assert throttle.retry_after(now=T0 + 3601) == 0
    hit_times(throttle, 1, now=T0 + 3602)
    assert throttle.retry_after(now=T0 + 3602) == 0


def test_each_subject_has_its_own_count():
    hit_times(Throttle(HOUR, "10.0.0.1"), 3)
    assert Throttle(HOUR, "10.0.0.2").retry_after(now=T0) == 0
    assert Throttle(Rule("other", limit=3, window=3600), "10.0.0.1").retry_after(now=T0) == 0


def test_a_lock_can_be_shorter_than_the_window():
    throttle = Throttle(Rule("short", limit=2, window=900, lock=300), "x")
    hit_times(throttle, 2)
    assert throttle.retry_after(now=T0) == 300
    assert throttle.retry_after(now=T0 + 300) == 0


def test_repeated_locks_grow_up_to_a_ceiling_and_are_then_forgotten():
    rule = Rule("growing", limit=2, window=900, lock=900, max_lock=3600)
    throttle = Throttle(rule, "x")
    now = T0
    locks = []
    for _ in range(4):
        hit_times(throttle, 2, now=now)
        locks.append(throttle.retry_after(now=now))
        now += locks[-1]
    assert locks == [900, 1800, 3600, 3600]  # growing, never permanent
    # After a quiet spell as long as the ceiling, the next lock starts small again.
    now += 3600
    hit_times(throttle, 2, now=now)
    assert throttle.retry_after(now=now) == 900


def test_reset_forgets_the_count():
    throttle = Throttle(HOUR, "x")
    hit_times(throttle, 3)
    throttle.reset()
    assert throttle.retry_after(now=T0) == 0


def test_hit_returns_the_wait_it_caused():
    throttle = Throttle(HOUR, "x")
    assert throttle.hit(now=T0) == 0
    assert throttle.hit(now=T0) == 0
    assert throttle.hit(now=T0) == 3600


def test_subjects_are_stored_hashed():
    Throttle(HOUR, "alice@example.com").hit(now=T0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM portal_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys and not any("alice" in key for key in keys)


def test_minutes_to_wait_rounds_up():
    from services.lib.throttle import minutes

    assert minutes(1) == 1
    assert minutes(60) == 1
    assert minutes(61) == 2


def test_a_lock_survives_many_other_subjects_counting_at_once():
    """Django's database cache keeps 300 entries unless told otherwise, then deletes the third
    whose keys sort first: a flood of hits from other addresses would wipe an attacker's own
    lock. The shared cache keeps far more (RATE_LIMIT_ENTRIES), so every count and lock stays."""
    import hashlib

    # A subject whose key sorts first, so the first cull would take it.
    address = next(
        f"10.0.{n // 256}.{n % 256}"
        for n in range(100_000)
        if hashlib.sha256(f"10.0.{n // 256}.{n % 256}".encode()).hexdigest().startswith("000")
    )
    locked = Throttle(HOUR, address)
    hit_times(locked, 3)
    for n in range(400):
        Throttle(HOUR, f"10.1.{n // 256}.{n % 256}").hit(now=T0)
    assert locked.retry_after(now=T0) == 3600
