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
  email could cause, so it is short (LOGIN_ACCOUNT_LOCK_MINUTES, 5) and never grows: to keep
  the owner out, the stranger needs ever more addresses, each locked for longer.

The account is the account the identifier names (email, mobile or username all count as one);
an identifier with no account is counted under its own normalised spelling, so the lock behaves
the same whether or not an account exists. While any count is locked the password is not even
checked, so guessing on is pointless.
"""

from django.conf import settings
from django.utils.translation import ngettext

from portal.clientip import client_ip
from services.lib.throttle import Rule, Throttle, minutes

from .backends import find_account


def _rules():
    lock = settings.LOGIN_LOCK_MINUTES * 60
    max_lock = max(lock, settings.LOGIN_MAX_LOCK_MINUTES * 60)
    return (
        Rule("login-account-address", settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, lock, lock, max_lock),
        Rule("login-address", settings.LOGIN_FAILURES_PER_ADDRESS, lock, lock, max_lock),
        Rule("login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, lock, settings.LOGIN_ACCOUNT_LOCK_MINUTES * 60),
    )


def normalise_identifier(value):
    """An identifier without an account is counted as a mobile number's 11 digits, else lower case."""
    from .forms import mobile_or_none

    value = (value or "").strip()
    return mobile_or_none(value) or value.lower()


def account_key(identifier):
    user = find_account(identifier)
    return f"user:{user.pk}" if user is not None else f"name:{normalise_identifier(identifier)}"


class Lockout:
    def __init__(self, request, identifier):
        pair_rule, address_rule, account_rule = _rules()
        account = account_key(identifier)
        address = client_ip(request)
        self.account_throttles = [Throttle(account_rule, account)]
        self.address_throttles = []
        if address:
            self.account_throttles.append(Throttle(pair_rule, account, address))
            self.address_throttles.append(Throttle(address_rule, address))

    def retry_after(self):
        """Seconds until this account may try again from this address; 0 if it may now."""
        return max(throttle.retry_after() for throttle in self.account_throttles + self.address_throttles)

    def failed(self):
        for throttle in self.account_throttles + self.address_throttles:
            throttle.hit()

    def succeeded(self):
        # The owner proved the password: forget the account's failures, not the address's
        # (a machine guessing many accounts must not clear its count by signing in to its own).
        for throttle in self.account_throttles:
            throttle.reset()


def locked_message(seconds):
    count = minutes(seconds)
    return ngettext(
        "There have been too many failed attempts to sign in. Try again in %(minutes)d minute, or reset your password.",
        "There have been too many failed attempts to sign in. Try again in %(minutes)d minutes, "
        "or reset your password.",
        count,
    ) % {"minutes": count}
