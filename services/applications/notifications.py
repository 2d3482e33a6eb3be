"""Notifications to applicants: an email when they gave an address, otherwise a text message to
their mobile number (services/lib/notify.py), for every event that changes their application.
Queued after the commit through the Django tasks API, so a slow or failing mail server or SMS
gateway never slows or loses a submission; one task per event, so one message per event.

The guest's resume link goes by email only: the applicant page asks a guest for an address
before it sends one, and a signed link does not fit in one SMS. For the same reason the final
decision's email carries a signed link to rate the application (RATING_LINK_DAYS), while its SMS
asks for a rating on the tracking page (reference and tracking code)."""

import logging

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from services.lib.emails import absolute_url, send_templated_email
from services.lib.notify import send_to_person

from .access import RATEABLE
from .models import ApplicationEvent, Status

log = logging.getLogger(__name__)

RATING_LINK_SALT = "applications.rating-link"
"""The final email's signed link to rate the application (services/insights/views.rate_link)."""


def rating_link_path(app):
    """The path of the signed link to rate `app`, in the applicant's language (the email makes
    it a link on SITE_URL)."""
    if app.status not in RATEABLE:
        return ""
    with translation.override(app.language or settings.LANGUAGE_CODE):
        return reverse("insights:rate-link", args=[signing.dumps(app.reference, salt=RATING_LINK_SALT)])


def queue_event_email(event_id):
    send_event_email.enqueue(event_id)


@task()
def send_event_email(event_id):
    """The applicant's email, or text message, about one event; returns "email", "sms", "none"
    (neither an address nor a mobile number) or "missing". The name stays from when it sent
    emails only: queued tasks name it."""
    event = ApplicationEvent.objects.select_related("application__service", "info_request").filter(pk=event_id).first()
    if event is None:
        return "missing"
    app = event.application
    context = {"event": event, "application": app, "service": app.service}
    if event.to_status == Status.INFO_REQUESTED:
        # Everything the officer listed and their message, to say what is needed and how to answer.
        # The step is linked to its request (migration 0009 linked the older ones).
        context["info_request"] = event.info_request
    if event.to_status in RATEABLE:  # the final decision's message asks for a rating
        context["rate_path"] = rating_link_path(app)
        context["rating_days"] = settings.RATING_LINK_DAYS
    sms, shorten = _event_sms(event, context, app.language)
    return send_to_person(
        email=app.contact_email,
        phone=app.contact_phone,
        language=app.language or settings.LANGUAGE_CODE,
        context=context,
        subject="applications/email/event_subject.txt",
        text="applications/email/event.txt",
        html="applications/email/event.html",
        sms=sms,
        shorten=shorten,
        drop=("site_host",),
    )


def _event_sms(event, context, language):
    """The SMS template for `event` and the values it may cut to fit one message; adds what
    the template needs to `context`."""
    if event.to_status == Status.SUBMITTED:
        return "applications/sms/submitted.txt", ()
    if event.to_status == Status.INFO_REQUESTED:
        items = list(event.info_request.items) if event.info_request else []
        context["count"] = len(items)
        # In short: the items one after another, as many as fit; where to answer comes after.
        context["needed"] = ("; " if language == "en" else "；").join(" ".join(str(i).split()) for i in items)
        return "applications/sms/info_requested.txt", ("needed",)
    if event.from_status == Status.INFO_REQUESTED and event.to_status != Status.WITHDRAWN:
        return "applications/sms/answered.txt", ()
    context["final"] = event.to_status in RATEABLE
    note = " ".join(event.note.split())
    if note and note[-1] not in ".!?。！？…":
        note += "." if language == "en" else "。"
    context["note"] = note
    return "applications/sms/status.txt", ("note",)


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
