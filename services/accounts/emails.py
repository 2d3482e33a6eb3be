"""The password reset email, sent through the Django tasks API.

The reset page only queues a task with the address typed, whether or not it belongs to an
account: the page does the same work either way (nothing in its timing shows who has an
account) and never waits for the mail server. The task finds the accounts, makes each link at
send time (no token is ever stored in the queue) and writes the email in the language the page
was asked in.
"""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from portal.emails import send_templated_email


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
