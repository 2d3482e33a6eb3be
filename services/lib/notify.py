"""Telling a person something: by email when they gave an address, otherwise by SMS to their
mobile number (many walk-ins and older citizens have only a phone). One rule, in one place:
every applicant notification and every booking confirmation and reminder comes through here.

`send_to_person` is called from a task (after the commit); it renders in the person's language.
Each kind of message has its email templates (subject, text, optional HTML) and one SMS
template that must fit in one SMS (services/lib/sms.py: 70 characters for Chinese): a longer
text raises MessageTooLong, which the tests catch. A value that cannot be bounded in advance
(what an officer typed, a centre's name) is named in `shorten` and cut, with an ellipsis, until
the message fits; if it fits only without it, it is left out (the template says what to do
when it is empty). A value that is useless cut (the site's address, whose length is the
operator's) is named in `drop`: left out whole when the message does not fit with it."""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .emails import send_templated_email, site_url
from .sms import GSM_LIMIT, check_one_message, fits_one_message, is_gsm, plain_punctuation, send_sms
from .validators import mobile_or_none

log = logging.getLogger(__name__)

EMAIL, SMS, NONE = "email", "sms", "none"
_ELLIPSIS_STOP = re.compile(r"(\.\.\.|…)[.。]")


def send_to_person(*, email, phone, language, context, subject, text, sms, html=None, shorten=(), drop=()):
    """Email `email` if there is one, else SMS `phone` (a mainland mobile number in any spelling);
    returns what it did: "email", "sms" or "none" (neither an address nor a usable number).

    `language` is the person's (an application's or booking's `language`); an empty or unknown
    one falls back to LANGUAGE_CODE. Both kinds of message get `site_url` (no trailing slash)
    and the SMS also `site_host` (the address without https://, shorter to print)."""
    language = person_language(language)
    email = (email or "").strip()
    if email:
        send_templated_email([email], context, language, subject=subject, text=text, html=html)
        return EMAIL
    number = mobile_or_none(phone) if phone else None
    if number is None:
        if phone:
            log.warning("Not sent: %r is not a mainland mobile number (template %s)", phone, sms)
        return NONE
    send_sms(number, render_sms(sms, context, language, shorten=shorten, drop=drop))
    return SMS


def person_language(language):
    """`language` if the portal speaks it (any spelling Django knows: zh-Hans, zh_hans), else
    the default."""
    try:
        return translation.get_supported_language_variant((language or "").lower().replace("_", "-"))
    except LookupError:
        return settings.LANGUAGE_CODE


def sms_context(context):
    url = site_url()
    return {**context, "site_url": url, "site_host": urlsplit(url).netloc or url}


def render_sms(template, context, language, *, shorten=(), drop=()):
    """The SMS `template` rendered in `language`, on one line, made to fit one message by
    cutting the values named in `shorten`, and if that is not enough by leaving out those named
    in `drop` (and cutting again from the whole values); MessageTooLong if it cannot fit."""
    context = sms_context(context)
    with translation.override(language):
        text = _fit(template, dict(context), shorten)
        if not fits_one_message(text) and drop:
            text = _fit(template, {**context, **dict.fromkeys(drop, "")}, shorten)
    return check_one_message(text)


def _fit(template, context, shorten):
    text = _render(template, context)
    for name in shorten:
        if fits_one_message(text):
            break
        text = _shorten(template, context, name)
    return text


def _render(template, context):
    # Templates are written over several lines for readability; a text message is one line. A
    # value cut with an ellipsis ends the sentence: the template's full stop after it goes. An
    # English text is measured as it is sent: with plain punctuation (sms.plain_punctuation).
    text = plain_punctuation(" ".join(render_to_string(template, context).split()))
    return _ELLIPSIS_STOP.sub(r"\1", text)


def _shorten(template, context, name):
    """The longest cut of context[name] with which the message fits (it is changed in place),
    or the message without it."""
    value = str(context.get(name) or "")
    ellipsis = "..." if is_gsm(plain_punctuation(value)) else "…"
    text = _render(template, context)
    for size in range(min(len(value) - 1, GSM_LIMIT), -1, -1):
        cut = value[:size]
        if ellipsis == "..." and " " in cut and value[size : size + 1] not in ("", " "):
            cut = cut.rsplit(" ", 1)[0]  # English is cut between words
        context[name] = cut.rstrip(" ,;:.、，；：。") + ellipsis if size else ""
        text = _render(template, context)
        if fits_one_message(text):
            return text
    return text
