"""The password reset email and the sign-up messages, sent through the Django tasks API.

The reset page only queues a task with the address typed, whether or not it belongs to an
account: the page does the same work either way (nothing in its timing shows who has an
account) and never waits for the mail server. The task finds the accounts, makes each link at
send time (no token is ever stored in the queue) and writes the email in the language the page
was asked in. Sign-up works the same way (send_signup_messages, below).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from services.lib.emails import absolute_url, send_templated_email
from services.lib.sms import send_sms

from .forms import reset_link_days


@task()
def send_password_reset(email, language, domain, protocol, expiry_days):
    from .forms import PasswordResetForm

    sent = 0
    for user in PasswordResetForm().get_users(email):  # active accounts with a usable password
        context = {
            "email": user.email,
            "domain": domain,
            "site_name": domain,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": protocol,
            "expiry_days": expiry_days,
        }
        send_templated_email(
            [user.email],
            context,
            language,
            subject="registration/password_reset_subject.txt",
            text="registration/password_reset_email.txt",
            html="registration/password_reset_email.html",
        )
        sent += 1
    return sent  # a count: the task's result says nothing about the address


# --- Sign-up ---------------------------------------------------------------------------------

SIGNUP_SALT = "accounts.signup"


def signup_token(pending, contact=None):
    """The link for one contact of a sign-up ("email" or "phone"; by default the email if one
    was given): following it shows that the person holds that contact, and only that one goes
    on the account."""
    contact = contact or ("email" if pending.email else "phone")
    return signing.dumps([pending.pk, contact], salt=SIGNUP_SALT, compress=True)


def pending_for_token(token):
    """(PendingSignup, the contact its link was sent to) for a link, or (None, "") if the link
    is forged, expired or used. A link made before links named their contact is taken for the
    sign-up's only contact; with two, it is not known which was shown, so it does not work."""
    from .models import PendingSignup

    try:
        payload = signing.loads(token, salt=SIGNUP_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None, ""
    pk, contact = payload if isinstance(payload, list) and len(payload) == 2 else (payload, "")
    pending = PendingSignup.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if pending is not None and not contact and bool(pending.email) != bool(pending.phone):
        contact = "email" if pending.email else "phone"
    if pending is None or contact not in ("email", "phone") or not getattr(pending, contact):
        return None, ""
    return pending, contact


@task()
def send_signup_messages(pending_id, language):
    """Every sign-up queues this with its PendingSignup, account or not (the page cannot be
    told apart). Here, each contact given gets one message: a link to finish the sign-up if no
    account uses it yet, else a note to the account's owner that somebody (perhaps they) tried
    to make a second account with it, and how to sign in or reset the password instead."""
    from .models import PendingSignup

    cutoff = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    PendingSignup.objects.filter(created__lt=cutoff).delete()  # expired links
    pending = PendingSignup.objects.filter(pk=pending_id).first()
    if pending is None:
        return 0
    User = get_user_model()
    with translation.override(language):
        links = {
            contact: absolute_url(reverse("accounts:signup-confirm", args=[signup_token(pending, contact)]))
            for contact in ("email", "phone")
        }
        login = absolute_url(reverse("accounts:login"))
        reset = absolute_url(reverse("accounts:password-reset"))
    context = {"name": pending.full_name, "login": login, "reset": reset, "expiry_days": reset_link_days()}
    sent = 0
    if pending.email:
        taken = User.objects.filter(email__iexact=pending.email).exists()
        kind = "account_exists" if taken else "signup"
        send_templated_email(
            [pending.email],
            {**context, "link": links["email"]},
            language,
            subject=f"accounts/email/{kind}_subject.txt",
            text=f"accounts/email/{kind}.txt",
            html=f"accounts/email/{kind}.html",
        )
        sent += 1
    if pending.phone:
        taken = User.objects.filter(phone=pending.phone).exists()
        kind = "account_exists" if taken else "signup"
        with translation.override(language):
            text = render_to_string(f"accounts/sms/{kind}.txt", {**context, "link": links["phone"]}).strip()
        send_sms(pending.phone, text)
        sent += 1
    return sent  # a count: the task's result says nothing about the address


# --- A new email address or mobile number on the profile -------------------------------------

CONTACT_SALT = "accounts.contact-change"


def contact_change_token(change):
    return signing.dumps(change.pk, salt=CONTACT_SALT, compress=True)


def contact_change_for_token(token, user):
    """The PendingContactChange a link names, if it is `user`'s; None if the link is forged,
    expired, used, replaced by a newer one, or another account's."""
    from .models import PendingContactChange

    try:
        pk = signing.loads(token, salt=CONTACT_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or not user.is_authenticated:
        return None
    return PendingContactChange.objects.filter(pk=pk, user=user).first()


def contact_taken(kind, value, exclude_pk=None):
    """Whether an account (other than exclude_pk) uses this email address or mobile number."""
    found = get_user_model().objects.exclude(pk=exclude_pk)
    return (found.filter(email__iexact=value) if kind == "email" else found.filter(phone=value)).exists()


@task()
def send_contact_confirmation(change_id, language):
    """Every new email address or mobile number asked for on the profile queues this, taken or
    not (the page is the same). A free one gets a link to confirm it; a taken one's owner gets a
    note that somebody asked to add it to another account, and nothing changes."""
    from .models import PendingContactChange

    cutoff = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    PendingContactChange.objects.filter(created__lt=cutoff).delete()  # expired links
    change = PendingContactChange.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    kind = "contact_taken" if contact_taken(change.kind, change.value, exclude_pk=change.user_id) else "contact_confirm"
    with translation.override(language):
        context = {
            "link": absolute_url(reverse("accounts:contact-confirm", args=[contact_change_token(change)])),
            "login": absolute_url(reverse("accounts:login")),
            "reset": absolute_url(reverse("accounts:password-reset")),
            "expiry_days": reset_link_days(),
        }
    if change.kind == change.EMAIL:
        send_templated_email(
            [change.value],
            context,
            language,
            subject=f"accounts/email/{kind}_subject.txt",
            text=f"accounts/email/{kind}.txt",
            html=f"accounts/email/{kind}.html",
        )
    else:
        with translation.override(language):
            send_sms(change.value, render_to_string(f"accounts/sms/{kind}.txt", context).strip())
    return 1  # a count: the task's result says nothing about the address
