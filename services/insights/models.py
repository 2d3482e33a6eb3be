"""Ratings, their follow-ups, and the daily figures behind the city's performance page.

- A `Rating` is one per application, given after the final decision (completed, rejected or
  not accepted) by the applicant online or recorded by a clerk for a counter application. Who
  may rate is one rule in services.applications.access (`may_rate`); giving one is
  services.insights.ratings.rate.
- A rating of 1 or 2 opens a `FollowUp` for the department: a call-back due in 1 working day
  and a resolution due in 15 (services.insights.followups owns its states, as the lifecycle
  owns an application's).
- `DailyFigure` is the roll-up: one row per day, service and channel, written by the roll-up
  task and command (safe to re-run for any day); the performance pages read only these rows,
  so they cost the same with millions of applications.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.catalogue.models import Channel


class Score(models.IntegerChoices):
    """The national five-level scale."""

    VERY_BAD = 1, _("Very bad")
    BAD = 2, _("Bad")
    AVERAGE = 3, _("Average")
    GOOD = 4, _("Good")
    VERY_GOOD = 5, _("Very good")


BAD_SCORES = frozenset({Score.VERY_BAD, Score.BAD})
"""A rating with one of these opens a follow-up."""
GOOD_SCORES = frozenset({Score.GOOD, Score.VERY_GOOD})
"""Satisfaction is the share of ratings with one of these."""


class Rating(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("Online (tracking page or My applications)")
        LINK = "link", _("Link in the final email or SMS")
        COUNTER = "counter", _("Recorded at the counter")

    application = models.OneToOneField(
        "applications.Application", verbose_name=_("application"), on_delete=models.CASCADE, related_name="rating"
    )
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="ratings"
    )
    department = models.ForeignKey(
        "catalogue.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="ratings"
    )
    score = models.PositiveSmallIntegerField(_("rating"), choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("given"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The clerk who recorded a rating given at the counter."),
    )
    created_at = models.DateTimeField(_("rated"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [
            models.Index(fields=["service", "created_at"], name="rating_service_idx"),
            models.Index(fields=["department", "created_at"], name="rating_department_idx"),
            models.Index(fields=["created_at"], name="rating_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.score}"


class FollowUp(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CONTACTED = "contacted", _("Contacted")
        RESOLVED = "resolved", _("Resolved")
        NOT_RESOLVED = "not_resolved", _("Not resolved")

    rating = models.OneToOneField(Rating, verbose_name=_("rating"), on_delete=models.CASCADE, related_name="follow_up")
    department = models.ForeignKey(
        "catalogue.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.OPEN)
    callback_due = models.DateField(_("call-back due"), help_text=_("1 working day after the rating."))
    resolution_due = models.DateField(_("resolution due"), help_text=_("15 working days after the rating."))
    contacted_at = models.DateTimeField(_("contacted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome shown to the citizen"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Seen by staff only."))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        ordering = ["resolution_due", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(fields=["department", "status", "resolution_due"], name="followup_queue_idx"),
            models.Index(fields=["status", "callback_due"], name="followup_callback_idx"),
        ]

    def __str__(self):
        return f"{self.rating.application_id}: {self.get_status_display()}"


class FollowUpEvent(models.Model):
    """Append-only history of a follow-up's steps."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=14, choices=FollowUp.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=14, choices=FollowUp.Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_status} -> {self.to_status}"


class DailyFigure(models.Model):
    """One day's figures for one service and channel (the roll-up; see the module docstring).

    `submitted` counts applications submitted that day; the decision columns count decisions
    made that day (approved or rejected: decided_at set; a refusal to accept is not a decision,
    see services.insights.rollup): `decided_on_time` those on or before
    their (pause-extended) due date, `decision_working_days` the working days from acceptance
    to decision with the pauses taken out, `promised_working_days` the promised limits of those
    decided. Ratings are counted on the day they were given."""

    day = models.DateField(_("day"))
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="daily_figures"
    )
    department = models.ForeignKey(
        "catalogue.Department", verbose_name=_("department"), on_delete=models.CASCADE, related_name="daily_figures"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitted = models.PositiveIntegerField(_("submitted"), default=0)
    decided = models.PositiveIntegerField(_("decided"), default=0)
    decided_on_time = models.PositiveIntegerField(_("decided on time"), default=0)
    decision_working_days = models.PositiveIntegerField(_("working days to decisions"), default=0)
    promised_working_days = models.PositiveIntegerField(_("promised working days"), default=0)
    completed = models.PositiveIntegerField(_("completed"), default=0)
    ratings = models.PositiveIntegerField(_("ratings"), default=0)
    ratings_good = models.PositiveIntegerField(_("good ratings (4-5)"), default=0)
    rating_score_sum = models.PositiveIntegerField(_("sum of ratings"), default=0)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)

    class Meta:
        ordering = ["day", "service", "channel"]
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(fields=["day", "service", "channel"], name="dailyfigure_unique_day_service_channel")
        ]
        indexes = [
            models.Index(fields=["day"], name="dailyfigure_day_idx"),
            models.Index(fields=["department", "day"], name="dailyfigure_department_idx"),
            models.Index(fields=["service", "day"], name="dailyfigure_service_idx"),
        ]

    def __str__(self):
        return f"{self.day} {self.service_id} {self.channel}"
