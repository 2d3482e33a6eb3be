"""The citizens' booking forms: the day and time picker, the visitor's details, and finding a
booking again by its reference and mobile number.

A time travels between pages as `at`, the slot's local start written `2026-12-01T09:30` (no
personal data; the page's address may carry it). Whether that time can be booked is decided by
offline.bookings when the booking is made, never here: these forms only read what was sent."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from services.lib.forms import MobileField
from services.lib.references import is_valid_booking_reference, normalise_booking_reference

AT_FORMAT = "%Y-%m-%dT%H:%M"
# Generous for a reference typed with spaces or dashes; anything longer is cut to this before it
# is checked or shown again (as on the tracking page).
REFERENCE_INPUT_MAX = 40


def at_value(moment):
    """A slot's start as the `at` value of a radio button or a link."""
    return timezone.localtime(moment).strftime(AT_FORMAT)


def parse_at(value):
    """The aware datetime an `at` value names, or None when it names none."""
    try:
        naive = datetime.datetime.strptime(str(value or "")[:20], AT_FORMAT)
    except ValueError:
        return None
    return timezone.make_aware(naive)


class SlotField(forms.CharField):
    """A slot's start time. Shown as a hidden input, or as radio buttons offering other times
    after the chosen one could not be booked."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Choose a time for your visit."),
                "invalid": _("That time could not be read: choose a time from the list."),
                "max_length": _("That time could not be read: choose a time from the list."),
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        moment = parse_at(value)
        if moment is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return moment


class DayForm(forms.Form):
    """The day shown by the time picker: one of the centre's bookable days (a GET form)."""

    date = forms.ChoiceField(
        label=_("Date"),
        error_messages={
            "invalid_choice": _("Bookings cannot be made for that date: choose one of the dates listed."),
        },
    )

    def __init__(self, data, *, days, **kwargs):
        super().__init__(data, **kwargs)
        self.days = days
        self.fields["date"].choices = [(day.isoformat(), day_label(day)) for day in days]

    def clean_date(self):
        return datetime.date.fromisoformat(self.cleaned_data["date"])


def day_label(day):
    """`2026-12-01 Tuesday` / `2026-12-01 星期二`: the portal's date format in both languages,
    with the day of the week spelled out in the page's language."""
    return f"{day:%Y-%m-%d} {date_format(day, 'l')}"


class DetailsForm(forms.Form):
    """Who is coming. `at` is the chosen time (hidden), or a choice of other times once the
    chosen one could not be booked (see offer())."""

    at = SlotField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        help_text=_("As on your identity document: the counter checks it."),
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = MobileField(
        label=_("Mobile number"),
        help_text=_("For example 13812345678. You need it, with the booking reference, to change the visit."),
        error_messages={"required": _("Enter your mobile number.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        help_text=_("We send the confirmation and the reminder here; without one, by text message."),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def offer(self, alternatives, message):
        """After a refusal: the chosen time's message beside the time, and the nearest free
        times as radio buttons (none chosen: the citizen picks one)."""
        field = self.fields["at"]
        field.label = _("Choose another time")
        field.widget = forms.RadioSelect(
            choices=[(at_value(slot.starts_at), slot_label(slot)) for slot in alternatives]
        )
        field.help_text = _("These are the nearest free times at this centre.") if alternatives else ""
        data = self.data.copy()
        data["at"] = ""
        self.data = data
        self.errors.pop("at", None)  # the message given replaces the field's own (else shown twice)
        self.add_error("at", message)
        self._bound_fields_cache.pop("at", None)  # built while cleaning, with the old label


def slot_label(slot):
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{day_label(start.date())} {start:%H:%M}–{end:%H:%M}"


class MoveForm(forms.Form):
    at = SlotField(label=_("New time"))


class FindForm(forms.Form):
    """A booking's reference and the mobile number it was made with. A reference that cannot be
    one (wrong length, a character never used, a wrong check character) is refused here, at
    once, without counting as a guess; only a well-formed pair that matches no booking counts."""

    reference = forms.CharField(
        label=_("Booking reference"),
        max_length=REFERENCE_INPUT_MAX,
        help_text=_("For example BK26M4T7Q2ZA5. It is in your confirmation message."),
        error_messages={"required": _("Enter the booking reference.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    phone = MobileField(
        label=_("Mobile number"),
        help_text=_("The one you gave when booking."),
        error_messages={"required": _("Enter the mobile number you gave when booking.")},
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "reference" in data:
            data = data.copy()
            data["reference"] = data["reference"][:REFERENCE_INPUT_MAX]
        super().__init__(data, *args, **kwargs)

    def clean_reference(self):
        value = self.cleaned_data["reference"]
        if not is_valid_booking_reference(value):
            raise forms.ValidationError(
                _("This booking reference is not valid: check it against your confirmation message."),
                code="not_valid",
            )
        return normalise_booking_reference(value)
