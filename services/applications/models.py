import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from services.catalogue.models import Channel
from services.lib.i18n import bilingual, is_english, labelled, translated


class Status(models.TextChoices):
    """The one list of application statuses (see the lifecycle in DESIGN.md)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    IN_REVIEW = "in_review", _("In review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The sets of statuses the rules talk about, named once here (the lifecycle, the queue, the
# panel and the reminders use these; none of them lists statuses of its own).
WITHDRAWABLE = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW, Status.INFO_REQUESTED})
"""The applicant may still withdraw: no decision has been made."""
DEADLINE_RUNNING = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.IN_REVIEW})
"""The department's clock runs: acceptance is due while submitted, the decision afterwards."""
WAITING = frozenset({Status.INFO_REQUESTED, Status.APPROVED})
"""Open but waiting for the applicant: for an answer, or to collect the result."""
OPEN = DEADLINE_RUNNING | WAITING
"""Submitted and not yet closed: what the officers' panel counts."""
CLOSED = frozenset({Status.NOT_ACCEPTED, Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN})
"""Nothing more happens to the application."""

_STATUS_LABELS = dict(Status.choices)


def status_label(value):
    """The status's name in the active language. Django's get_FOO_display() builds a hashable
    copy of every choice (translating each) on every call; pages listing many statuses (the
    tracking timeline, the queue) call this instead."""
    return str(_STATUS_LABELS.get(value, value))


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    TEXTAREA = "textarea", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YESNO = "yesno", _("Yes or no")
    EMAIL = "email", _("Email address")
    MOBILE = "mobile", _("Mainland mobile number")
    ID_NUMBER = "id_number", _("Identity document number")
    ADDRESS = "address", _("Address (district and street)")
    FILE = "file", _("File upload")


class DateRule(models.TextChoices):
    ANY = "any", _("Any date")
    PAST = "past", _("Today or earlier")
    FUTURE = "future", _("Today or later")


class FormPage(models.Model):
    """One question page of a service's online form; pages are asked in `order`."""

    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="form_pages"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Pages are asked lowest first."))
    title_zh, title_en = bilingual(models.CharField, _("title"), max_length=200, help_text=_("The page's heading."))
    intro_zh, intro_en = bilingual(
        models.TextField, _("introduction"), blank=True, help_text=_("Shown under the heading.")
    )

    title = translated("title")
    intro = translated("intro")

    class Meta:
        ordering = ["service", "order", "pk"]
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def __str__(self):
        return f"{self.service} – {self.title}"


class FormField(models.Model):
    page = models.ForeignKey(FormPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(
        _("key"),
        max_length=50,
        help_text=_(
            "Stable name of the answer, unique within the service. Keys such as full_name, phone, email, "
            "id_number and address are pre-filled from the citizen's profile."
        ),
    )
    kind = models.CharField(_("type"), max_length=12, choices=FieldKind.choices, default=FieldKind.TEXT)
    label_zh, label_en = bilingual(models.CharField, _("label"), max_length=200, help_text=_("The question."))
    hint_zh, hint_en = bilingual(
        models.CharField, _("hint"), max_length=300, blank=True, help_text=_("Help shown under the question.")
    )
    required = models.BooleanField(_("required"), default=True, help_text=_("The applicant must answer."))
    min_length = models.PositiveIntegerField(_("minimum length"), null=True, blank=True, help_text=_("Characters."))
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True, help_text=_("Characters."))
    min_value = models.DecimalField(
        _("minimum value"), max_digits=14, decimal_places=2, null=True, blank=True, help_text=_("For numbers.")
    )
    max_value = models.DecimalField(
        _("maximum value"), max_digits=14, decimal_places=2, null=True, blank=True, help_text=_("For numbers.")
    )
    min_date = models.DateField(_("earliest date"), null=True, blank=True, help_text=_("For dates."))
    max_date = models.DateField(_("latest date"), null=True, blank=True, help_text=_("For dates."))
    date_rule = models.CharField(
        _("date rule"),
        max_length=8,
        choices=DateRule.choices,
        default=DateRule.ANY,
        help_text=_("For dates: whether the date must be in the past or the future."),
    )
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("For choice fields: one option a line, as key|Chinese label|English label."),
    )
    material = models.ForeignKey(
        "catalogue.Material",
        verbose_name=_("material"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="form_fields",
        help_text=_("For file uploads: the material this file is."),
    )
    accepted_file_types = models.CharField(
        _("accepted file types"),
        max_length=60,
        blank=True,
        help_text=_(
            "For file uploads: extensions separated by commas (pdf, jpg, png). Blank: the material's, or all three."
        ),
    )
    max_file_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), default=10, help_text=_("For file uploads."))
    condition_key = models.SlugField(
        _("show only when answer"),
        max_length=50,
        blank=True,
        help_text=_("Key of an earlier question; leave blank to always show this question."),
    )
    condition_value = models.CharField(
        _("has the value"),
        max_length=100,
        blank=True,
        help_text=_("The answer that makes this question appear (for yes/no: yes or no)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    label = translated("label")
    hint = translated("hint")

    class Meta:
        ordering = ["page__order", "order", "pk"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="formfield_unique_key_per_page")]

    def __str__(self):
        return pgettext("punctuation", "%(text)s (%(note)s)") % {"text": self.key, "note": self.get_kind_display()}

    def options(self):
        """[(key, label in the active language)] from the `choices` lines."""
        result = []
        for line in self.choices.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                continue
            zh = parts[1] if len(parts) > 1 and parts[1] else parts[0]
            en = parts[2] if len(parts) > 2 and parts[2] else zh
            result.append((parts[0], en if is_english() else zh))
        return result


class ApplicationQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def submitted(self):
        return self.exclude(status=Status.DRAFT)


class Application(models.Model):
    """An application for a service, from its draft to its end. Its status is written only by
    services.applications.lifecycle."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Given on submission; ends with a check character."),
    )
    tracking_code = models.CharField(
        _("tracking code"),
        max_length=12,
        blank=True,
        editable=False,
        help_text=_("Random second factor for tracking without an account."),
    )
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="applications"
    )
    department = models.ForeignKey(
        "catalogue.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The department that decides; copied from the service when the application starts."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The signed-in account that filed it; empty for guests."),
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    on_behalf = models.BooleanField(
        _("on behalf of someone else"),
        default=False,
        help_text=_("Filed by a helper (for example a son or daughter) for the applicant."),
    )
    helper_name = models.CharField(_("helper's name"), max_length=100, blank=True)
    helper_relation = models.CharField(_("helper's relation to the applicant"), max_length=50, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        default="zh-hans",
        help_text=_("Emails to the applicant are written in this language."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    form_version = models.CharField(_("form version"), max_length=64, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=0, editable=False, help_text=_("Goes up with every status change.")
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    acceptance_due = models.DateField(_("acceptance due"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    due_on = models.DateField(
        _("due"),
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "The next deadline the department must meet: acceptance, then decision. Empty while "
            "waiting for the applicant and once closed."
        ),
    )
    priority = models.DateField(
        _("queue order"),
        default=datetime.date.max,
        editable=False,
        help_text=_(
            "The due date for open cases; later sentinels for cases waiting on the applicant and closed "
            "ones, so the queue sorts on one index."
        ),
    )
    paused_at = models.DateTimeField(_("waiting for the applicant since"), null=True, blank=True, editable=False)
    resume_status = models.CharField(
        _("status to return to"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        editable=False,
        help_text=_("Where the application goes back to when the applicant answers a request."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
        help_text=_("The case officer working on it."),
    )
    # The offline channel (issue 10): where and by whom a counter or postal application was
    # registered, the booking it came from, when a postal one arrived (deadlines count from it),
    # and the short code a citizen gives at the counter to finish an online draft there.
    centre = models.ForeignKey(
        "offline.ServiceCentre",
        verbose_name=_("service centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The centre where it was registered (counter and post)."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_applications",
        help_text=_("The counter clerk who registered it for the applicant."),
    )
    booking = models.OneToOneField(
        "offline.Booking",
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    received_on = models.DateField(
        _("received on"), null=True, blank=True, help_text=_("For postal applications: the day the post arrived.")
    )
    applicant_id_number = models.CharField(
        _("applicant's ID number"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("Matches a counter or postal application to the citizen's verified account."),
    )
    draft_code = models.CharField(
        _("draft code"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Given at a counter, with the mobile number, to finish an online draft there."),
    )
    bundle_submission = models.ForeignKey(
        "applications.BundleSubmission",
        verbose_name=_("bundle"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        editable=False,
        help_text=_("Set when the application is one part of a bundle applied for at once."),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["owner", "status"], name="application_owner_status"),
            models.Index(fields=["department", "status", "decision_due"], name="application_dept_queue"),
            models.Index(fields=["department", "due_on"], name="application_dept_due"),
            models.Index(fields=["department", "priority", "id"], name="application_dept_priority"),
            models.Index(fields=["contact_phone"], name="application_phone"),
            models.Index(fields=["applicant_name"], name="application_name"),
            models.Index(fields=["department", "assignee", "due_on"], name="application_dept_assignee"),
            models.Index(fields=["department", "submitted_at"], name="application_dept_submitted"),
            models.Index(fields=["centre", "submitted_at"], name="application_centre_submitted"),
            # The daily roll-up of the performance figures (services.insights.rollup) reads one
            # day of submissions, decisions and completions: without these it walks the table.
            models.Index(fields=["submitted_at"], name="application_submitted_at"),
            models.Index(
                fields=["decided_at"], name="application_decided_at", condition=models.Q(decided_at__isnull=False)
            ),
            models.Index(
                fields=["closed_at"], name="application_closed_at", condition=models.Q(closed_at__isnull=False)
            ),
        ]
        permissions = [
            ("process_application", _("Can process applications (accept, request information, decide)")),
            ("view_all_departments", _("Can see applications of every department (read-only)")),
            ("export_application", _("Can export the application queue")),
            ("view_access_log", _("Can see who viewed personal data")),
        ]

    def __str__(self):
        return self.reference or str(self.public_id)

    def get_absolute_url(self):
        if self.is_draft:
            return reverse("applications:resume", args=[self.public_id])
        return reverse("applications:detail", args=[self.reference])

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def can_withdraw(self):
        return self.status in WITHDRAWABLE

    @property
    def decision_clock_running(self):
        """Accepted and not yet decided, not waiting for the applicant: the decision date holds."""
        return self.status in DEADLINE_RUNNING and self.status != Status.SUBMITTED

    def get_status_display(self):
        return status_label(self.status)


class ApplicationEvent(models.Model):
    """Append-only history of an application: every status change, note and correction."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        NOTE = "note", _("Note")
        ASSIGNMENT = "assignment", _("Assignment")
        CORRECTION = "correction", _("Correction of an answer")
        MATERIAL_CHECK = "material_check", _("Material checked")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATUS)
    note = models.TextField(_("message to the applicant"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Seen by staff only."))
    visible_to_citizen = models.BooleanField(_("shown to the citizen"), default=True)
    info_request = models.ForeignKey(
        "InfoRequest",
        verbose_name=_("request for information"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "The request this step made or answered. The applicant's answer is kept on the request, "
            "never in a note: notes are the department's words (to the applicant, or internal)."
        ),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"

    def get_from_status_display(self):
        return status_label(self.from_status)

    def get_to_status_display(self):
        return status_label(self.to_status)


def _upload_to(instance, filename):
    # Generated name: nothing of the uploader's file name reaches the file system. `filename`
    # is ours (uploads.download_name), so only its checked extension is kept.
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else ""
    extension = f".{suffix}" if suffix in {"pdf", "jpg", "png"} else ""
    return f"applications/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    field_key = models.CharField(_("for"), max_length=60, help_text=_("The material or question this file answers."))
    material = models.ForeignKey(
        "catalogue.Material",
        verbose_name=_("material"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("applications:attachment", args=[self.application.public_id, self.pk])

    @property
    def download_name(self):
        """The name it is stored and served under, from its checked type and what it answers."""
        from .uploads import download_name

        return download_name(self)


class CalendarDay(models.Model):
    """An exception to the Monday-to-Friday week: a public holiday on a weekday, or a make-up
    working day on a weekend. Consulted before the chinese-calendar package, so staff can add
    the State Council's calendar for a year the package does not know yet."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (no work)")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_zh, name_en = bilingual(
        models.CharField, _("name"), max_length=60, blank=True, help_text=_("For example 春节 / Spring Festival.")
    )

    name = translated("name")

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class InfoRequest(models.Model):
    """A request for more information: every missing item listed at once ("tell once"), and the
    applicant's one answer to all of them."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="info_requests"
    )
    items = models.JSONField(_("items"), default=list, help_text=_("Each thing the applicant must provide."))
    note = models.TextField(_("message to the applicant"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self):
        return f"{self.application} {self.requested_at:%Y-%m-%d}"

    def file_key(self, index):
        return f"info-{self.pk}-{index}"


class MaterialCheck(models.Model):
    """A counter clerk's or officer's check of one material against the original."""

    class Result(models.TextChoices):
        SEEN_ORIGINAL = "seen_original", _("Original seen and matches")
        COPY_OK = "copy_ok", _("Copy acceptable")
        E_CERTIFICATE = "e_certificate", _("Checked against the e-certificate")
        MISSING = "missing", _("Missing")
        NOT_ACCEPTABLE = "not_acceptable", _("Not acceptable")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="material_checks"
    )
    material = models.ForeignKey(
        "catalogue.Material", verbose_name=_("material"), on_delete=models.CASCADE, related_name="+"
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        verbose_name = _("material check")
        verbose_name_plural = _("material checks")
        constraints = [models.UniqueConstraint(fields=["application", "material"], name="one_check_per_material")]

    def __str__(self):
        return labelled(self.material, self.get_result_display())


class AccessLog(models.Model):
    """Who looked at an applicant's personal data, or downloaded or exported it, and when."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the application")
        DOWNLOAD = "download", _("Downloaded a file")
        EXPORT = "export", _("Exported the queue")
        SEARCH = "search", _("Searched the queue")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_logs",
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class ReminderSent(models.Model):
    """One deadline reminder per officer per day, however often the command runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    overdue = models.PositiveIntegerField(_("overdue cases"), default=0)
    due_soon = models.PositiveIntegerField(_("cases due soon"), default=0)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reminder_a_day")]

    def __str__(self):
        return f"{self.user} {self.day}"


class Bundle(models.Model):
    """ "One thing, done once": the services a life event needs, applied for together.
    Defined by a supervisor or a service designer; see services/applications/bundles.py."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the bundle's URL."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=120)
    summary_zh, summary_en = bilingual(
        models.TextField, _("summary"), blank=True, help_text=_("Shown on the bundle's page.")
    )
    life_event = models.ForeignKey(
        "catalogue.LifeEvent", verbose_name=_("life event"), on_delete=models.PROTECT, related_name="bundles"
    )
    services = models.ManyToManyField(
        "catalogue.Service", verbose_name=_("services"), through="BundlePart", related_name="bundles"
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    name = translated("name")
    summary = translated("summary")

    class Meta:
        ordering = ["life_event", "slug"]
        verbose_name = _("bundle")
        verbose_name_plural = _("bundles")

    def __str__(self):
        return self.name


class BundlePart(models.Model):
    bundle = models.ForeignKey(Bundle, verbose_name=_("bundle"), on_delete=models.CASCADE, related_name="parts")
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="bundle_parts"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("service in a bundle")
        verbose_name_plural = _("services in a bundle")
        constraints = [models.UniqueConstraint(fields=["bundle", "service"], name="bundlepart_unique_service")]

    def __str__(self):
        return f"{self.bundle}: {self.service}"


class BundleSubmission(models.Model):
    """One citizen's application for a bundle: a draft until submitted, then one application per
    part (Application.bundle_submission), all created in one transaction, tracked together by
    this reference and tracking code."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    bundle = models.ForeignKey(Bundle, verbose_name=_("bundle"), on_delete=models.PROTECT, related_name="submissions")
    reference = models.CharField(
        _("bundle reference"), max_length=16, unique=True, null=True, blank=True, editable=False
    )
    tracking_code = models.CharField(_("tracking code"), max_length=12, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bundle_submissions",
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bundle application")
        verbose_name_plural = _("bundle applications")

    def __str__(self):
        return self.reference or str(self.public_id)

    @property
    def is_draft(self):
        return self.submitted_at is None
