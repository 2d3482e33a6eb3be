from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Booking, CentreClosure, OpeningHours, ServiceCentre, ServiceCounters


class ServiceCentreForm(forms.ModelForm):
    class Meta:
        model = ServiceCentre
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean_slot_minutes(self):
        """Visits are booked on the slot times of the visit length: a new length while visits
        are booked would lay new slots across them, each with its counters free again."""
        minutes = self.cleaned_data["slot_minutes"]
        centre = self.instance
        if centre.pk and minutes != centre.slot_minutes:
            booked = Booking.objects.filter(
                centre=centre, status=Booking.Status.BOOKED, starts_at__gte=timezone.now()
            ).count()
            if booked:
                raise forms.ValidationError(
                    ngettext(
                        "%(count)d visit is booked at the current length: change the length once it is over, "
                        "or move or cancel it first.",
                        "%(count)d visits are booked at the current length: change the length once they are "
                        "over, or move or cancel them first.",
                        booked,
                    )
                    % {"count": booked}
                )
        return minutes


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ServiceCountersInline(admin.TabularInline):
    """Capacity for bookings: a service served by more (or fewer) counters than the centre-wide
    number. Read by services/offline/slots.py."""

    model = ServiceCounters
    extra = 0
    autocomplete_fields = ("service",)


class CentreClosureInline(admin.TabularInline):
    """Days the centre is closed on top of the city's calendar: no visits are offered then."""

    model = CentreClosure
    extra = 0


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    form = ServiceCentreForm
    list_display = ("name_zh", "name_en", "district", "phone")
    list_filter = ("district",)
    list_select_related = ("district",)
    search_fields = ("name_zh", "name_en", "address_zh", "address_en")
    autocomplete_fields = ("district", "services")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (OpeningHoursInline, CentreClosureInline, ServiceCountersInline)
    fieldsets = (
        (None, {"fields": ("name_zh", "name_en", "slug", "district", "order", "phone")}),
        (
            _("Address and access"),
            {
                "fields": (
                    "address_zh",
                    "address_en",
                    "transport_zh",
                    "transport_en",
                    "accessibility_zh",
                    "accessibility_en",
                )
            },
        ),
        (_("Hours"), {"fields": ("hours_note_zh", "hours_note_en")}),
        (_("Services"), {"fields": ("services",)}),
        (_("Bookings"), {"fields": ("bookable", "counters", "slot_minutes", "booking_days_ahead")}),
    )
