"""Sending one templated email: subject, plain text and (optionally) HTML, in one language."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(to, context, language, *, subject, text, html=None):
    """Render the three templates in `language` and send; a subject never spans lines."""
    with translation.override(language):
        subject_line = "".join(render_to_string(subject, context).splitlines()).strip()
        body = render_to_string(text, context)
        html_body = render_to_string(html, context) if html else None
    message = EmailMultiAlternatives(subject_line, body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
