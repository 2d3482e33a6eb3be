import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from services.lib.i18n import bilingual, translated


class ServiceCentre(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the centre's URL."))
    name_zh, name_en = bilingual(models.CharField, _("name"), max_length=150)
    district = models.ForeignKey(
        "catalogue.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="centres"
    )
    address_zh, address_en = bilingual(models.CharField, _("address"), max_length=250)
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Enquiry line."))
    accessibility_zh, accessibility_en = bilingual(
        models.TextField,
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, accessible toilets, hearing loops, priority windows for older people."),
    )
    transport_zh, transport_en = bilingual(
        models.CharField, _("how to get there"), max_length=250, blank=True, help_text=_("Metro and bus stops.")
    )
    hours_note_zh, hours_note_en = bilingual(
        models.CharField,
        _("note on opening hours"),
        max_length=250,
        blank=True,
        help_text=_("For example: closed on public holidays; open on make-up working days."),
    )
    services = models.ManyToManyField(
        "catalogue.Service",
        verbose_name=_("services handled"),
        blank=True,
        related_name="centres",
        help_text=_("Services that can be applied for at this centre's counters."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower first."))
    # Booking a visit (issue 10). A slot holds as many visits for a service as there are counters
    # serving it: its own number (ServiceCounters) or, without one, the centre-wide `counters`.
    bookable = models.BooleanField(
        _("takes bookings"), default=True, help_text=_("Citizens may book a visit to this centre online.")
    )
    counters = models.PositiveSmallIntegerField(
        _("counters"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("How many counters serve each service, unless the service has its own number."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of a visit (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Visits are booked in slots of this length from opening time."),
    )
    booking_days_ahead = models.PositiveSmallIntegerField(
        _("booking window (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("How many days ahead a visit can be booked."),
    )
    # The open-data downloads (services.insights.opendata) give each dataset's last change; a
    # centre's hours and services are saved with it in the admin.
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    name = translated("name")
    address = translated("address")
    accessibility = translated("accessibility")
    transport = translated("transport")
    hours_note = translated("hours_note")

    class Meta:
        ordering = ["district__order", "order", "slug"]
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offline:centre-detail", args=[self.slug])

    def hours_summary(self):
        """Opening hours grouped into runs of days with the same hours, e.g.
        [("Monday - Friday", "09:00-17:00"), ("Saturday", "09:00-12:00")]. Uses prefetched
        `opening_hours` when available."""
        by_day = {}
        for slot in self.opening_hours.all():
            by_day.setdefault(slot.weekday, []).append(slot.span())
        runs = []
        for day in range(7):
            spans = ", ".join(by_day.get(day, []))
            if not spans:
                continue
            if runs and runs[-1][2] == spans and runs[-1][1] == day - 1:
                runs[-1][1] = day
            else:
                runs.append([day, day, spans])
        names = dict(OpeningHours.Weekday.choices)
        return [(names[a] if a == b else f"{names[a]} – {names[b]}", spans) for a, b, spans in runs]


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("service centre"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"), default=datetime.time(9, 0))
    closes = models.TimeField(_("closes"), default=datetime.time(17, 0))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")),
                name="opening_hours_opens_before_closes",
                violation_error_message=_("A centre must open before it closes."),
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.span()}"

    def span(self):
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"


class ServiceCounters(models.Model):
    """How many of a centre's counters serve one service (instead of the centre-wide number)."""

    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("service centre"), on_delete=models.CASCADE, related_name="service_counters"
    )
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="+"
    )
    counters = models.PositiveSmallIntegerField(
        _("counters"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )

    class Meta:
        verbose_name = _("counters for a service")
        verbose_name_plural = _("counters for services")
        constraints = [models.UniqueConstraint(fields=["centre", "service"], name="service_counters_once")]

    def __str__(self):
        return f"{self.service} × {self.counters}"


class CentreClosure(models.Model):
    """A day the centre is closed on top of the city's working-day calendar (workdays)."""

    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("service centre"), on_delete=models.CASCADE, related_name="closures"
    )
    date = models.DateField(_("date"))
    reason_zh, reason_en = bilingual(models.CharField, _("reason"), max_length=200, blank=True)

    reason = translated("reason")

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [models.UniqueConstraint(fields=["centre", "date"], name="centre_closed_once_a_day")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"


class Slot(models.Model):
    """How many visits are booked for one service in one slot of one centre. A booking raises
    `booked` with a conditional UPDATE (`booked < capacity`), so a slot is never over-booked,
    also when many citizens take its last place at the same moment (offline/bookings.py)."""

    centre = models.ForeignKey(ServiceCentre, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "service", "starts_at"], name="slot_once")]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.booked}"


class Booking(models.Model):
    """A citizen's booked visit to a centre's counter for one service."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        NO_SHOW = "no_show", _("Did not come")
        CANCELLED = "cancelled", _("Cancelled")

    reference = models.CharField(_("booking reference"), max_length=16, unique=True, editable=False)
    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("service centre"), on_delete=models.PROTECT, related_name="bookings"
    )
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("time"))
    ends_at = models.DateTimeField(_("until"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("mobile number"), max_length=20, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["centre", "starts_at"], name="booking_centre_day")]
        constraints = [
            # One visit per service per person at a time (the mobile number stands for the person).
            models.UniqueConstraint(
                fields=["phone", "service"],
                condition=models.Q(status="booked"),
                name="booking_one_per_service_per_phone",
            )
        ]

    def __str__(self):
        return self.reference
