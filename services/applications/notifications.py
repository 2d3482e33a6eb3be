"""Emails to applicants. Queued after the commit through the Django tasks API, so a slow or
failing mail server never slows or loses a submission."""

import logging

from django.conf import settings
from django_tasks import task

from services.lib.emails import absolute_url, send_templated_email

from .models import ApplicationEvent, Status

log = logging.getLogger(__name__)


def queue_event_email(event_id):
    send_event_email.enqueue(event_id)


@task()
def send_event_email(event_id):
    event = ApplicationEvent.objects.select_related("application__service", "info_request").filter(pk=event_id).first()
    if event is None:
        return "missing"
    app = event.application
    if not app.contact_email:
        return "no address"
    context = {"event": event, "application": app, "service": app.service}
    if event.to_status == Status.INFO_REQUESTED:
        # Everything the officer listed and their message, to say what is needed and how to answer.
        # The step is linked to its request (migration 0009 linked the older ones).
        context["info_request"] = event.info_request
    send_templated_email(
        [app.contact_email],
        context,
        app.language or settings.LANGUAGE_CODE,
        subject="applications/email/event_subject.txt",
        text="applications/email/event.txt",
        html="applications/email/event.html",
    )
    return "sent"


@task()
def send_resume_link(application_id, path):
    """The guest's link to continue a draft; `path` is made by the view in the guest's language
    and becomes a link on SITE_URL here (a task queued before this took a whole link)."""
    from .models import Application

    app = Application.objects.select_related("service").filter(pk=application_id).first()
    if app is None or not app.contact_email:
        return "no address"
    send_templated_email(
        [app.contact_email],
        {
            "application": app,
            "service": app.service,
            "link": absolute_url(path) if path.startswith("/") else path,
            "days": settings.GUEST_RESUME_DAYS,
        },
        app.language or settings.LANGUAGE_CODE,
        subject="applications/email/resume_subject.txt",
        text="applications/email/resume.txt",
        html="applications/email/resume.html",
    )
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
    context = {
        "application": app,
        "service": app.service,
        "admin_url": reverse("admin:applications_application_change", args=[app.pk]),
    }
    send_templated_email(
        [app.assignee.email],
        context,
        settings.LANGUAGE_CODE,
        subject="applications/email/staff_answer_subject.txt",
        text="applications/email/staff_answer.txt",
    )
    return "sent"
