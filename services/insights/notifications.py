"""The citizen's message when the follow-up of their rating is closed (resolved or not): by
email, or by SMS without an address (services.lib.notify), in their language, queued after the
commit through the tasks API like the lifecycle's messages."""

from django.conf import settings
from django_tasks import task

from services.lib.notify import send_to_person

from .models import FollowUp


def queue_outcome_message(follow_up_id):
    send_outcome_message.enqueue(follow_up_id)


@task()
def send_outcome_message(follow_up_id):
    """Returns "email", "sms", "none" or "missing"."""
    follow_up = FollowUp.objects.select_related("rating__application__service").filter(pk=follow_up_id).first()
    if follow_up is None:
        return "missing"
    app = follow_up.rating.application
    return send_to_person(
        email=app.contact_email,
        phone=app.contact_phone,
        language=app.language or settings.LANGUAGE_CODE,
        context={
            "follow_up": follow_up,
            "application": app,
            "service": app.service,
            "outcome": " ".join(follow_up.outcome.split()),  # the SMS cuts it to fit
        },
        subject="insights/email/outcome_subject.txt",
        text="insights/email/outcome.txt",
        sms="insights/sms/outcome.txt",
        shorten=("outcome",),
        drop=("site_host",),
    )
