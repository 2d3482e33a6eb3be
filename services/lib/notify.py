"""Telling a person something: by email when they gave an address, otherwise by SMS to their
mobile number (many walk-ins and older citizens have only a phone).

`send_to_person` is called from a task (after the commit); it renders in the person's language.
Each kind of message has its email templates (subject, text, optional HTML) and one SMS
template, at most 70 Chinese characters (services/lib/sms.py)."""

from django.template.loader import render_to_string
from django.utils import translation

from .emails import send_templated_email
from .sms import send_sms


def send_to_person(*, email, phone, language, context, subject, text, sms, html=None):
    """Email `email` if there is one, else SMS `phone`; returns "email", "sms" or "none"."""
    if email:
        send_templated_email([email], context, language, subject=subject, text=text, html=html)
        return "email"
    if phone:
        with translation.override(language):
            send_sms(phone, render_to_string(sms, context).strip())
        return "sms"
    return "none"
