"""The sign-in lockout: one rule for the citizen sign-in page and the staff sign-in at
/admin/login/, counted with services.lib.throttle.

Failures are counted three ways, each stopping a different attack without letting a stranger
keep the owner out:

- per account from one address (LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, 5): stops one machine
  guessing one account. The lock starts at LOGIN_LOCK_MINUTES (15) and doubles each time it is
  reached again, up to LOGIN_MAX_LOCK_MINUTES (240); a quiet spell as long as that ceiling
  starts it small again.
- per address (LOGIN_FAILURES_PER_ADDRESS, 20, locked like the above): stops one machine
  trying many accounts. Looser, because many citizens share an address behind carrier NAT.
- per account from every address (LOGIN_FAILURES_PER_ACCOUNT, 10 within LOGIN_LOCK_MINUTES):
  stops guessing spread over many machines. This is the lock a stranger who knows someone's
  email could cause (ten IPv4 addresses are cheap, and the lock can be renewed as soon as it
  ends), so it is short (LOGIN_ACCOUNT_LOCK_MINUTES, 5), never grows, and does not hold a
  known browser:

A known browser (OWASP's "device cookie") is one where this account has signed in before, set
its password through a reset link, or finished signing up: it holds a signed cookie naming the
account (up to KNOWN_ACCOUNTS per browser, for a shared family computer) and a random id of
the browser. An attempt from it is not held by the account-wide lock, and its failures count
instead per account and browser, with the per-account-and-address limits, so a copied cookie
gives a guesser no more tries than one more address. The owner, from a browser used before,
always gets in despite failures spread over many addresses. The cookie proves nothing else: it
never signs anyone in.

A successful sign-in clears the account's counts for that address and browser and the
account-wide count. A new password (a reset, a change, an operator's changepassword) clears
every count of the account, from every address and browser: the account's counts are keyed by
a digest of its password hash (get_session_auth_hash), because guesses at the old password say
nothing about the new one. The address's own count (many accounts) is never cleared by one
account's success.

The account is the account the identifier names (email, mobile or username all count as one);
an identifier with no account is counted under its own normalised spelling, so the lock behaves
the same whether or not an account exists. While any count is locked the password is not even
checked, so guessing on is pointless.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.utils.translation import ngettext

from services.lib.clientip import client_ip
from services.lib.throttle import Rule, Throttle, minutes

from .backends import find_account

DEVICE_COOKIE = "known_device"
DEVICE_SALT = "services.accounts.known-device"
DEVICE_MAX_AGE = 365 * 24 * 3600  # renewed at each sign-in
KNOWN_ACCOUNTS = 5  # per browser, the most recently signed in first


def _rules():
    lock = settings.LOGIN_LOCK_MINUTES * 60
    max_lock = max(lock, settings.LOGIN_MAX_LOCK_MINUTES * 60)
    pair_limit = settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
    return (
        Rule("login-account-address", pair_limit, lock, lock, max_lock),
        Rule("login-address", settings.LOGIN_FAILURES_PER_ADDRESS, lock, lock, max_lock),
        Rule("login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, lock, settings.LOGIN_ACCOUNT_LOCK_MINUTES * 60),
        Rule("login-account-device", pair_limit, lock, lock, max_lock),
    )


def normalise_identifier(value):
    """An identifier without an account is counted as a mobile number's 11 digits, else lower case."""
    from services.lib.validators import mobile_or_none

    value = (value or "").strip()
    return mobile_or_none(value) or value.lower()


def account_key(identifier, user):
    """What the account's counts are kept under. With the password's digest in it, a new
    password starts every count of the account afresh (see the module's docstring)."""
    if user is None:
        return f"name:{normalise_identifier(identifier)}"
    return f"user:{user.pk}:{user.get_session_auth_hash()}"


# --- The known-browser cookie --------------------------------------------------------------------


def _read_device(request):
    """(the browser's random id, the account ids it has signed in to) from a genuine cookie;
    (None, []) for a missing, forged, expired or malformed one."""
    value = request.COOKIES.get(DEVICE_COOKIE, "") if request is not None else ""
    if not value or len(value) > 1000:
        return None, []
    try:
        payload = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None, []
    if not isinstance(payload, dict):
        return None, []
    device, accounts = payload.get("d"), payload.get("a")
    if not isinstance(device, str) or not device or not isinstance(accounts, list):
        return None, []
    entries = [
        (entry[0], entry[1])
        for entry in accounts
        if isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int and isinstance(entry[1], str)
    ]
    return device, entries[:KNOWN_ACCOUNTS]


def _password_mark(user):
    """Changes with the account's password, so a new password (a reset after a theft, say)
    un-knows every browser that signed in with the old one."""
    return user.get_session_auth_hash()[:16]


def known_device(request, user):
    """The browser's id if it is known for this account with its present password, else None."""
    device, accounts = _read_device(request)
    return device if user is not None and (user.pk, _password_mark(user)) in accounts else None


def remember_device(request, response, user):
    """After a sign-in (or a reset, or a finished sign-up): this browser is known for `user`.
    The cookie names account ids only (no email, no password) and is signed, so it cannot be
    made for an account the browser has not signed in to."""
    device, accounts = _read_device(request)
    device = device or secrets.token_urlsafe(16)
    accounts = [[user.pk, _password_mark(user)]] + [[pk, mark] for pk, mark in accounts if pk != user.pk]
    value = signing.dumps({"d": device, "a": accounts[:KNOWN_ACCOUNTS]}, salt=DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- The lockout ---------------------------------------------------------------------------------


class Lockout:
    def __init__(self, request, identifier):
        pair_rule, address_rule, account_rule, device_rule = _rules()
        user = find_account(identifier)
        account = account_key(identifier, user)
        address = client_ip(request)
        device = known_device(request, user)
        self.account_wide = Throttle(account_rule, account)
        # The account's counts that only this address or this browser can run up.
        self.own = [Throttle(device_rule, account, device)] if device else []
        self.address = None
        if address:
            self.own.append(Throttle(pair_rule, account, address))
            self.address = Throttle(address_rule, address)
        # A known browser is not held by (nor counts towards) the locks strangers can cause: the
        # account-wide one (guesses from many addresses) and the address's own (a neighbour behind
        # the same carrier NAT guessing many accounts). Its own count still stops it guessing.
        shared = [self.account_wide] + ([self.address] if self.address else [])
        self.counted = self.own + ([] if device else shared)

    def retry_after(self):
        """Seconds until this account may try again from here; 0 if it may now."""
        return max(throttle.retry_after() for throttle in self.counted)

    def refusal(self):
        """The message to show while locked, saying what really helps; "" when not locked."""
        wait = self.retry_after()
        if not wait:
            return ""
        count = minutes(wait)
        if self.address is not None and self.address in self.counted and self.address.retry_after():
            # The address tried many accounts: neither a reset nor another account helps here.
            return ngettext(
                "There have been too many failed attempts to sign in from this connection. Try again in "
                "%(minutes)d minute.",
                "There have been too many failed attempts to sign in from this connection. Try again in "
                "%(minutes)d minutes.",
                count,
            ) % {"minutes": count}
        if any(throttle.retry_after() for throttle in self.own):
            return ngettext(
                "There have been too many failed attempts to sign in. Try again in %(minutes)d minute, or reset "
                "your password.",
                "There have been too many failed attempts to sign in. Try again in %(minutes)d minutes, or reset "
                "your password.",
                count,
            ) % {"minutes": count}
        # Only the account-wide lock: failures from many addresses, perhaps not the owner's.
        return ngettext(
            "There have been too many failed attempts to sign in. Try again in %(minutes)d minute, reset your "
            "password, or use a browser where you have signed in before.",
            "There have been too many failed attempts to sign in. Try again in %(minutes)d minutes, reset your "
            "password, or use a browser where you have signed in before.",
            count,
        ) % {"minutes": count}

    def failed(self):
        for throttle in self.counted:
            throttle.hit()

    def succeeded(self):
        # The owner proved the password: forget the account's failures from this address and
        # browser and the account-wide count; not the address's own count (a machine guessing
        # many accounts must not clear it by signing in to its own), nor other addresses' tries
        # at this account (those are someone else's; a new password clears them).
        for throttle in [*self.own, self.account_wide]:
            throttle.reset()
