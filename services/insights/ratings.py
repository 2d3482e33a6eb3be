"""Giving a rating: the one function everything calls (the tracking page, "My applications",
the signed link of the final email, a clerk at the counter, the demo's history).

`rate` checks the rule (access.may_rate's part that does not need a request: a final decision,
once per application, a clerk only for an application registered at their centre), writes the
rating, and for a 1 or 2 opens the department's follow-up (followups.open_for) in the same
transaction. Who the requester is (the applicant's browser) is checked by the views through
access.may_rate before they call this."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.applications.access import RATEABLE, may_record_rating
from services.applications.models import Application

from . import followups
from .models import BAD_SCORES, Rating, Score

COMMENT_MAX = 500


class RatingError(Exception):
    """The rating is not allowed or not valid; `message` is fit to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_score(score):
    """The score as an int of the national scale, or RatingError."""
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if value not in Score.values:
        raise RatingError(_("Choose how satisfied you are, from 1 (very bad) to 5 (very good)."))
    return value


def check_comment(comment):
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise RatingError(
            _("Keep the comment to %(max)d characters (it has %(count)d).")
            % {"max": COMMENT_MAX, "count": len(comment)}
        )
    return comment


def refusal(app, actor, source):
    """Why `actor` may not rate `app` now by `source` (a message), or None when they may."""
    if app.status not in RATEABLE:
        return _("An application can be rated once a final decision has been made.")
    if Rating.objects.filter(application_id=app.pk).exists():
        return _("This application has already been rated. Each application is rated once.")
    if source == Rating.Source.COUNTER:
        if not may_record_rating(actor, app):
            return _("Only a clerk of the centre where it was registered may record a rating for it.")
    elif actor is not None and actor.is_authenticated and app.owner_id and actor.pk != app.owner_id:
        return _("Only the applicant may rate this application.")
    return None


def rate(application, score, comment="", *, actor=None, source=Rating.Source.ONLINE, now=None):
    """Record the applicant's rating of `application` and return it; for 1-2 the follow-up is
    opened with its deadlines counted in working days from the day of `now` (default: the
    present; the demo passes a clock). `actor` is the signed-in applicant, the clerk recording
    it at the counter (source=COUNTER), or None (a guest, or the system). Raises RatingError."""
    score = check_score(score)
    comment = check_comment(comment)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            app = Application.objects.select_for_update().select_related("service").get(pk=application.pk)
            problem = refusal(app, actor, source)
            if problem:
                raise RatingError(problem)
            rating = Rating.objects.create(
                application=app,
                service_id=app.service_id,
                department_id=app.department_id,
                score=score,
                comment=comment,
                source=source,
                recorded_by=actor if source == Rating.Source.COUNTER else None,
                created_at=now,
            )
            if score in BAD_SCORES:
                followups.open_for(rating, now)
    except IntegrityError:  # the same application rated at the same moment from two places
        raise RatingError(_("This application has already been rated. Each application is rated once.")) from None
    application.rating = rating
    return rating
