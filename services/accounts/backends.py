from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from services.lib.validators import eleven_digits


class EmailOrMobileBackend(ModelBackend):
    """Sign in with an email address (any case), a mainland mobile number (in any common
    spelling: spaces, dashes, +86) or a username (staff in the admin), and the password.

    Permissions come from ModelBackend unchanged.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        identifier = (username if username is not None else kwargs.get(User.USERNAME_FIELD) or "").strip()
        if not identifier or password is None:
            return None
        user = find_account(identifier)
        if user is None:
            # Hash anyway, so that an unknown identifier takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def find_account(identifier):
    """The one account an identifier names (username, email in any case, or mobile number in
    any spelling), or None. Sign-in and its lockout both ask here, so every identifier of an
    account counts against that one account."""
    User = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    mobile = eleven_digits(identifier)
    query = Q(username=identifier) | Q(email__iexact=identifier)
    if mobile:
        query |= Q(phone=mobile)
    matches = list(User._default_manager.filter(query)[:3])
    # An exact username wins (a staff username may look like an email address); otherwise the
    # identifier must point at exactly one account - never guess between two.
    for user in matches:
        if user.username == identifier:
            return user
    return matches[0] if len(matches) == 1 else None
