"""Digital life (issue 11): directories of internet hospitals, the education resource pool,
elderly care and culture, kept up by the providers themselves.

One concrete `Entry` table with one child table per area (multi-table inheritance). Why not four
unrelated models: everything the areas share is one rule in one place - the opening hours and
"open now", the provider's organisation and what a provider may change, the change requests
an editor approves, the "last updated" date and the 90-day stale flag, the links to catalogue
services and life events, and (issue 12) one search across the areas. What differs (a
hospital's specialties, a nursing home's free beds) lives in the child table.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from services.lib.i18n import bilingual, translated

STALE_DAYS = 90  # an entry not updated for this long is flagged to editors


class Area(models.TextChoices):
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    ELDERLY = "elderly", _("Elderly care")
    CULTURE = "culture", _("Culture")


# The URL segment of each area's pages (/life/<segment>/).
AREA_SEGMENTS = {
    Area.HEALTH: "health",
    Area.EDUCATION: "education",
    Area.ELDERLY: "elderly-care",
    Area.CULTURE: "culture",
}


class Organisation(models.Model):
    """A provider (the plan's "market entity"): a hospital group, a school, a care company, a
    museum. Its provider accounts (User.organisation) keep its entries current."""

    slug = models.SlugField(_("slug"), unique=True)
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=150)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("For the portal's editors."))
    email = models.EmailField(_("email"), blank=True, help_text=_("For the portal's editors."))

    name = translated("name")

    class Meta:
        ordering = ["area", "name_zh"]
        verbose_name = _("provider organisation")
        verbose_name_plural = _("provider organisations")

    def __str__(self):
        return self.name


class HolidayHours(models.TextChoices):
    USUAL = "usual", _("Usual hours on public holidays")
    SUNDAY = "sunday", _("Sunday hours on public holidays")
    CLOSED = "closed", _("Closed on public holidays")


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def stale(self, now=None):
        """Entries nobody has updated for STALE_DAYS days."""
        now = now or timezone.now()
        return self.filter(updated_at__lt=now - datetime.timedelta(days=STALE_DAYS))


class Entry(models.Model):
    """What every directory entry has. Place fields (district, address, hours) are blank for
    the education pool's online resources; each area's model says which it requires."""

    # Fields a provider's change publishes at once (they change daily and a citizen is not
    # misled by an old value for long); any other field waits for an editor (ChangeRequest).
    # Each area adds its own; the hours (Hours rows) are routine too.
    ROUTINE_FIELDS = frozenset({"hours_note_zh", "hours_note_en", "holiday_hours"})

    area = models.CharField(_("area"), max_length=20, choices=Area.choices, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider organisation"),
        on_delete=models.PROTECT,
        related_name="entries",
        help_text=_("Its provider accounts keep this entry up to date."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the entry's URL."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=200)
    summary_zh, summary_en = bilingual(
        models.TextField, _("summary"), blank=True, help_text=_("One or two sentences on what it offers.")
    )
    link = models.URLField(
        _("website"), blank=True, help_text=_("Where to start: the provider's page, app or online service.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="life_entries",
    )
    address_zh, address_en = bilingual(models.CharField, _("address"), max_length=250, blank=True)
    hours_note_zh, hours_note_en = bilingual(
        models.CharField,
        pgettext_lazy("digital life", "note on opening hours"),
        max_length=250,
        blank=True,
        help_text=_("For example: last admission 16:00; closed on Mondays except public holidays."),
    )
    holiday_hours = models.CharField(
        _("public holidays"), max_length=10, choices=HolidayHours.choices, default=HolidayHours.USUAL
    )
    services = models.ManyToManyField(
        "catalogue.Service",
        verbose_name=_("related services"),
        blank=True,
        related_name="life_entries",
        help_text=_("Catalogue services a visitor of this entry may want to apply for."),
    )
    life_events = models.ManyToManyField(
        "catalogue.LifeEvent",
        verbose_name=_("related life events"),
        blank=True,
        related_name="life_entries",
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown to the public. A provider's new entry waits for an editor.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("last updated"),
        default=timezone.now,
        help_text=_("When the provider or an editor last saved or confirmed this entry; shown on the public page."),
    )

    objects = EntryQuerySet.as_manager()

    name = translated("name")
    summary = translated("summary")
    address = translated("address")
    hours_note = translated("hours_note")

    class Meta:
        ordering = ["name_zh", "pk"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [
            models.Index(fields=["area", "published", "district"]),
            models.Index(fields=["updated_at"]),
            # An area page's results in their order (name_zh, then the pk): SQLite reads a page
            # of 20 from the index instead of sorting every match. Not (area, published,
            # name_zh): Django writes `published = True` as a bare column test, which cannot use
            # an index column, so name_zh after it would not give the order.
            models.Index(fields=["area", "name_zh"], name="life_entry_area_order_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The area is which child table the row has; set here so no caller can get it wrong.
        if not self.area and type(self) in MODEL_AREAS:
            self.area = MODEL_AREAS[type(self)]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("life:entry-detail", args=[AREA_SEGMENTS[self.area], self.slug])

    @classmethod
    def routine_fields(cls):
        return cls.ROUTINE_FIELDS

    def is_stale(self, now=None):
        now = now or timezone.now()
        return self.updated_at < now - datetime.timedelta(days=STALE_DAYS)

    def child(self):
        """The area's own row (a Hospital, Resource, CarePlace or Venue) for a plain Entry."""
        return getattr(self, self.area_model()._meta.model_name, self)

    def area_model(self):
        return AREA_MODELS[self.area]


class Hours(models.Model):
    """Opening hours (for hospitals: hours of online service), by day of the week, in the
    portal's time zone (Asia/Shanghai). A span whose closing time is not after its opening time
    runs past midnight into the next day (20:00-02:00); 00:00-00:00 is the whole day."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time not after the opening time means the next day (20:00-02:00).")
    )

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = pgettext_lazy("digital life", "opening hours")
        verbose_name_plural = pgettext_lazy("digital life", "opening hours")
        indexes = [
            models.Index(fields=["weekday", "opens", "closes"]),
            # "Open now" asks, per entry, for a row of a weekday (hours.open_at: Exists over
            # Hours). Without this index SQLite (no ANALYZE statistics) answered it through the
            # weekday index above, scanning every entry's rows of the day for each entry: 157 s
            # for an uncached ?open=1 page with 5,000 hospitals; with it, 40-60 ms of SQL.
            models.Index(fields=["entry", "weekday", "opens"], name="life_hours_entry_day_idx"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.span()}"

    def overnight(self):
        return self.closes <= self.opens

    def span(self):
        if self.opens == self.closes == datetime.time(0, 0):
            return _("open 24 hours")
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"


class Specialty(models.Model):
    """A clinical department or specialty that consults online (internal medicine, paediatrics...)."""

    slug = models.SlugField(_("slug"), unique=True)
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")

    def __str__(self):
        return self.name


class Hospital(Entry):
    """An internet hospital or telemedicine service (area: health)."""

    class Grade(models.TextChoices):
        TERTIARY_A = "3a", _("Grade 3A (tertiary)")
        TERTIARY_B = "3b", _("Grade 3B (tertiary)")
        SECONDARY_A = "2a", _("Grade 2A (secondary)")
        SECONDARY_B = "2b", _("Grade 2B (secondary)")
        PRIMARY = "1", _("Grade 1 (community)")
        UNGRADED = "none", _("Not graded (online clinic)")

    ROUTINE_FIELDS = Entry.ROUTINE_FIELDS | {"fee_min", "fee_max"}

    grade = models.CharField(_("grade"), max_length=4, choices=Grade.choices)
    specialties = models.ManyToManyField(
        Specialty, verbose_name=_("specialties online"), blank=True, related_name="hospitals"
    )
    fee_min = models.DecimalField(
        _("lowest consultation fee (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fee_max = models.DecimalField(
        _("highest consultation fee (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    insurance_online = models.BooleanField(
        _("medical insurance accepted online"),
        default=False,
        help_text=_("Consultations can be paid by medical insurance online."),
    )
    prescription_delivery = models.BooleanField(_("prescriptions delivered"), default=False)
    consult_url = models.URLField(_("start a consultation online"), blank=True)
    consult_phone = models.CharField(_("start a consultation by phone"), max_length=40, blank=True)
    consult_how_zh, consult_how_en = bilingual(
        models.TextField, _("how to start a consultation"), blank=True, help_text=_("One step per line.")
    )

    consult_how = translated("consult_how")

    class Meta:
        verbose_name = _("internet hospital")
        verbose_name_plural = _("internet hospitals")

    def clean(self):
        super().clean()
        if self.fee_min is not None and self.fee_max is not None and self.fee_min > self.fee_max:
            raise ValidationError({"fee_max": _("The highest fee cannot be lower than the lowest fee.")})
        if not (self.consult_url or self.consult_phone):
            raise ValidationError({"consult_url": _("Give a link or a phone number to start a consultation.")})


class Subject(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))

    name = translated("name")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self):
        return self.name


class Resource(Entry):
    """A resource of the digital education pool (area: education). `link` is where it is."""

    class Stage(models.TextChoices):
        PRESCHOOL = "preschool", _("Pre-school")
        PRIMARY = "primary", _("Primary")
        JUNIOR = "junior", _("Junior secondary")
        SENIOR = "senior", _("Senior secondary")
        VOCATIONAL = "vocational", _("Vocational")
        LIFELONG = "lifelong", _("Lifelong learning")
        OLDER = "older", _("University for older people")

    class Format(models.TextChoices):
        VIDEO = "video", _("Video course")
        LIVE = "live", _("Live class")
        EBOOK = "ebook", _("E-book")
        EXERCISES = "exercises", _("Exercise set")

    class Language(models.TextChoices):
        ZH = "zh", _("Chinese")
        EN = "en", _("English")
        BOTH = "both", _("Chinese and English")

    ROUTINE_FIELDS = Entry.ROUTINE_FIELDS | {"price"}

    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="resources")
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.ZH)
    free = models.BooleanField(_("free"), default=True)
    price = models.DecimalField(
        _("price (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For a paid resource."),
    )
    captions = models.BooleanField(_("captions"), default=False, help_text=_("Videos and live classes have captions."))
    length_minutes = models.PositiveIntegerField(
        _("length (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Total viewing or study time; blank for an e-book or exercise set."),
    )
    lessons = models.PositiveSmallIntegerField(_("lessons"), null=True, blank=True)

    class Meta:
        verbose_name = _("education resource")
        verbose_name_plural = _("education resources")
        indexes = [models.Index(fields=["stage", "subject"])]

    def clean(self):
        super().clean()
        if not self.link:
            raise ValidationError({"link": _("Give the link where the resource is.")})
        if not self.free and self.price is None:
            raise ValidationError({"price": _("Give the price of a paid resource.")})


class CarePlace(Entry):
    """An elderly-care service (area: elderly)."""

    class Kind(models.TextChoices):
        HOME_CARE = "home_care", _("Home care")
        DAY_CARE = "day_care", _("Day-care centre")
        NURSING_HOME = "nursing_home", _("Nursing home")
        CANTEEN = "canteen", _("Community canteen")
        ALARM = "alarm", _("Emergency alarm")
        DEVICES = "devices", _("Assistive devices")
        DIGITAL_SKILLS = "digital_skills", _("Digital-skills class")

    ROUTINE_FIELDS = Entry.ROUTINE_FIELDS | {
        "fees_zh",
        "fees_en",
        "free_beds",
        "meal_times_zh",
        "meal_times_en",
        "senior_meal_price",
    }

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    fees_zh, fees_en = bilingual(models.TextField, _("fees"), blank=True)
    eligibility_zh, eligibility_en = bilingual(
        models.TextField, _("who is eligible"), blank=True, help_text=_("Age, residence, care level.")
    )
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True, help_text=_("Nursing homes."))
    free_beds = models.PositiveIntegerField(
        _("free beds"), null=True, blank=True, help_text=_("Nursing homes: update it every day.")
    )
    meal_times_zh, meal_times_en = bilingual(
        models.CharField, _("meal times"), max_length=150, blank=True, help_text=_("Community canteens.")
    )
    senior_meal_price = models.DecimalField(
        _("meal price for older people (yuan)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    fees = translated("fees")
    eligibility = translated("eligibility")
    meal_times = translated("meal_times")

    class Meta:
        verbose_name = _("elderly-care service")
        verbose_name_plural = _("elderly-care services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(free_beds__isnull=True)
                | models.Q(beds__isnull=False, free_beds__lte=models.F("beds")),
                name="careplace_free_beds_within_beds",
                violation_error_message=_("There cannot be more free beds than beds."),
            )
        ]


class Venue(Entry):
    """A museum, gallery, library or attraction (area: culture)."""

    class Kind(models.TextChoices):
        MUSEUM = "museum", _("Museum")
        GALLERY = "gallery", _("Gallery")
        LIBRARY = "library", _("Library")
        ATTRACTION = "attraction", _("Attraction")

    ROUTINE_FIELDS = Entry.ROUTINE_FIELDS | {"ticket_price", "ticket_note_zh", "ticket_note_en"}

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    booking_required = models.BooleanField(_("booking required"), default=False)
    booking_how_zh, booking_how_en = bilingual(
        models.CharField, _("how to book"), max_length=250, blank=True, help_text=_("Where and how far ahead.")
    )
    booking_url = models.URLField(_("booking link"), blank=True)
    virtual_tour_url = models.URLField(_("virtual tour"), blank=True)
    ticket_price = models.DecimalField(
        _("ticket price (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("0 for free entry."),
    )
    ticket_note_zh, ticket_note_en = bilingual(
        models.CharField,
        _("note on tickets"),
        max_length=250,
        blank=True,
        help_text=_("Concessions: free for people over 60, half price for students."),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    wheelchairs = models.BooleanField(_("wheelchairs to borrow"), default=False)
    tactile_guide = models.BooleanField(_("tactile guide"), default=False)
    audio_guide = models.BooleanField(_("audio guide"), default=False)
    sign_language = models.BooleanField(_("sign-language tours"), default=False)
    accessibility_note_zh, accessibility_note_en = bilingual(models.TextField, _("more on accessibility"), blank=True)

    booking_how = translated("booking_how")
    ticket_note = translated("ticket_note")
    accessibility_note = translated("accessibility_note")

    class Meta:
        verbose_name = _("culture venue")
        verbose_name_plural = _("culture venues")


AREA_MODELS = {Area.HEALTH: Hospital, Area.EDUCATION: Resource, Area.ELDERLY: CarePlace, Area.CULTURE: Venue}
MODEL_AREAS = {model: area for area, model in AREA_MODELS.items()}


class ChangeRequest(models.Model):
    """A provider's change to fields that are not routine, waiting for a content editor: the
    public entry keeps its values until an editor approves. One open request per entry; a new
    change by the provider is merged into it. Steps are applied by life.approvals only."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        APPROVED = "approved", _("Approved and published")
        REJECTED = "rejected", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="change_requests")
    changes = models.JSONField(
        _("proposed values"),
        default=dict,
        help_text=_("{field: value}; many-to-many fields as lists of ids."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was not approved; shown to the provider."))

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_entry",
                violation_error_message=_("This entry already has a change waiting for an editor."),
            )
        ]

    def __str__(self):
        return f"{self.entry} ({self.get_status_display()})"
