"""Emails to applicants. Queued after the commit through the Django tasks API, so a slow or
failing mail server never slows or loses a submission."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import ApplicationEvent

log = logging.getLogger(__name__)


def queue_event_email(event_id):
    send_event_email.enqueue(event_id)


@task()
def send_event_email(event_id):
    event = ApplicationEvent.objects.select_related("application__service").filter(pk=event_id).first()
    if event is None:
        return "missing"
    app = event.application
    if not app.contact_email:
        return "no address"
    with translation.override(app.language or settings.LANGUAGE_CODE):
        context = {"event": event, "application": app, "service": app.service, "site_url": settings.SITE_URL}
        subject = render_to_string("applications/email/event_subject.txt", context).strip()
        text = render_to_string("applications/email/event.txt", context)
        html = render_to_string("applications/email/event.html", context)
    message = EmailMultiAlternatives(subject, text, to=[app.contact_email])
    message.attach_alternative(html, "text/html")
    message.send()
    return "sent"


@task()
def send_resume_link(application_id, link):
    from .models import Application

    app = Application.objects.select_related("service").filter(pk=application_id).first()
    if app is None or not app.contact_email:
        return "no address"
    with translation.override(app.language or settings.LANGUAGE_CODE):
        context = {"application": app, "service": app.service, "link": link, "days": settings.GUEST_RESUME_DAYS}
        subject = render_to_string("applications/email/resume_subject.txt", context).strip()
        text = render_to_string("applications/email/resume.txt", context)
        html = render_to_string("applications/email/resume.html", context)
    message = EmailMultiAlternatives(subject, text, to=[app.contact_email])
    message.attach_alternative(html, "text/html")
    message.send()
    return "sent"


def queue_staff_answer_email(application_id):
    send_staff_answer_email.enqueue(application_id)


@task()
def send_staff_answer_email(application_id):
    """Tell the assigned officer that the applicant answered; the clock is running again."""
    from django.urls import reverse

    from .models import Application

    app = Application.objects.select_related("service", "assignee").filter(pk=application_id).first()
    if app is None or app.assignee is None or not app.assignee.email:
        return "no address"
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "application": app,
            "service": app.service,
            "site_url": settings.SITE_URL,
            "admin_url": reverse("admin:applications_application_change", args=[app.pk]),
        }
        subject = render_to_string("applications/email/staff_answer_subject.txt", context).strip()
        text = render_to_string("applications/email/staff_answer.txt", context)
    EmailMultiAlternatives(subject, text, to=[app.assignee.email]).send()
    return "sent"
