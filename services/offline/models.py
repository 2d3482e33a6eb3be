import datetime

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
