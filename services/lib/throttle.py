"""The one home of every rate limit: sign-in (citizens and staff), sign-up, password reset and
tracking look-ups all count here.

A `Rule` says how many hits are allowed in a window and how long the refusal lasts once they are
used up; a `Throttle` is a rule applied to one subject (an address, an account, both). Counts
live in the shared cache (the database by default), so every web process sees the same count.

Each entry stores its own window end and lock end, and is written with set() and an explicit
timeout: Django's DatabaseCache.incr() resets a key's expiry to the default 300 s, which once
turned the tracking page's one-hour block into five minutes. Every method takes `now` so tests
use a clock, not sleep.

Two requests at the same instant may both read the same count (get, then set): a limit can be
passed by the number of requests in flight at once, never by more; the shared cache offers no
atomic compare-and-set that also keeps a timeout, and a few extra tries do not change what a
limit is for.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int  # hits allowed in one window; the hit that reaches it starts the lock
    window: int  # seconds, counted from the first hit of the window
    lock: int = 0  # seconds refused once the limit is reached; 0 = as long as the window
    max_lock: int = 0  # repeated locks double up to this; 0 = every lock is the same length

    @property
    def lock_seconds(self):
        return self.lock or self.window


def clock():
    """Seconds since the epoch; tests replace this (or pass `now=`)."""
    return time.time()


def minutes(seconds):
    """Whole minutes to tell a person to wait, rounded up (never "0 minutes")."""
    return max(1, math.ceil(seconds / 60))


def _cache():
    # The shared cache when there is one: the per-process page cache would give each gunicorn
    # worker its own count.
    return caches["shared"] if "shared" in settings.CACHES else caches["default"]


class Throttle:
    """A rule applied to one subject. The subject is stored hashed (no addresses or emails in
    the cache table)."""

    def __init__(self, rule, *subject):
        self.rule = rule
        digest = hashlib.sha256("\x1f".join(str(part) for part in subject).encode()).hexdigest()[:40]
        self.key = f"throttle:{rule.name}:{digest}"
        self.cache = _cache()

    def _load(self, now):
        # (hits in this window, window end, lock end, locks so far, when those are forgotten)
        entry = self.cache.get(self.key)
        if not entry or len(entry) != 5:
            return [0, 0.0, 0.0, 0, 0.0]
        entry = list(entry)
        if entry[4] <= now:  # a quiet spell: earlier locks no longer make the next one longer
            entry[3] = 0
        return entry

    def retry_after(self, now=None):
        """Seconds until the subject may try again; 0 when it may now."""
        now = clock() if now is None else now
        locked_until = self._load(now)[2]
        return math.ceil(locked_until - now) if locked_until > now else 0

    def wait_minutes(self, now=None):
        """Whole minutes to tell the subject to wait (see minutes()); 0 when it may try now."""
        wait = self.retry_after(now)
        return minutes(wait) if wait else 0

    def hit(self, now=None):
        """Count one hit (a failure, a message sent...); returns the wait it caused, if any."""
        now = clock() if now is None else now
        count, window_end, locked_until, locks, forget_at = self._load(now)
        if window_end <= now:
            count, window_end = 0, now + self.rule.window
        count += 1
        if count >= self.rule.limit:
            lock = self.rule.lock_seconds
            if self.rule.max_lock:
                lock = min(lock * 2**locks, self.rule.max_lock)
            locks += 1
            locked_until = now + lock
            # The next window starts when the lock ends.
            count, window_end = 0, locked_until
            forget_at = locked_until + max(self.rule.max_lock, lock)
        keep_until = max(window_end, locked_until, forget_at if locks else 0)
        self.cache.set(self.key, (count, window_end, locked_until, locks, forget_at), math.ceil(keep_until - now) + 1)
        return math.ceil(locked_until - now) if locked_until > now else 0

    def reset(self):
        self.cache.delete(self.key)
