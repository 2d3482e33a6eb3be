"""Sending one templated email: subject, plain text and (optionally) HTML, in one language.

Every link in an email is absolute and made from one setting, SITE_URL (the address citizens
use, e.g. https://services.example.gov.cn), never from the request that happened to cause the
email: a task worker has no request, and behind a proxy or on another port the request's host
is not the public address."""

from email.header import Header
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def site_url():
    """The public address of the portal, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path):
    """`path` (from reverse(), starting with /) as a link for an email."""
    return site_url() + path


class PortalEmail(EmailMultiAlternatives):
    """An email whose non-ASCII subject is folded knowing the "Subject: " in front of it.

    Django encodes such a subject before it knows the header's name, so a long Chinese subject
    is folded as "Subject:" + newline + the encoded words, which mail clients read back with a
    leading space (" 已收到申请 ..."). Encoding with header_name set folds it correctly."""

    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        if not self.subject.isascii():
            del msg["Subject"]
            # Message.__setitem__, not Django's, which would encode the header a second time.
            Message.__setitem__(msg, "Subject", Header(self.subject, "utf-8", header_name="Subject"))
        return msg


def one_line(text):
    """A subject: the lines of `text` joined, with no space at either end."""
    return "".join(text.splitlines()).strip()


def send_templated_email(to, context, language, *, subject, text, html=None):
    """Render the three templates in `language` and send. The templates get `site_url` (no
    trailing slash) to put before every path they link to; a subject never spans lines."""
    context = {**context, "site_url": site_url()}
    with translation.override(language):
        subject_line = one_line(render_to_string(subject, context))
        body = render_to_string(text, context)
        html_body = render_to_string(html, context) if html else None
    message = PortalEmail(subject_line, body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
