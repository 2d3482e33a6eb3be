"""The password reset email, sent through the Django tasks API.

Sending it from the request would make the page wait for the mail server, and would make the
answer measurably slower for an address that has an account than for one that has not (a way
to find out who has an account). The form only queues the user's id; the task makes the link
(the token is never stored in the task queue) and renders the email in the language the page
was asked in.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from portal.emails import send_templated_email


@task()
def send_password_reset(user_id, language, domain, protocol, expiry_days):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return "no address"
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
    return "sent"
