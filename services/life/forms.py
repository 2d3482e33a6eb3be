"""Search and filters of the four directory pages. Like the catalogue's, a bad value never fails
the page: each one that does not validate is dropped and explained (`filters()`)."""

from functools import cached_property

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from services.catalogue.forms import SearchField, SlugChoiceField
from services.catalogue.models import District

from .models import CarePlace, Resource, Specialty, Subject, Venue

MAX_WORDS = 10  # more words than this in a search are ignored (each word is one more condition)


class AreaFilterForm(forms.Form):
    """What every area page has: the search box and the district. Subclasses add their filters
    and say how each one narrows the queryset (`apply_filters`)."""

    # Filters shown as check boxes (booleans and multiple choices); everything else with
    # choices is a drop-down.
    q = SearchField(label=_("Search"))  # control characters read as spaces, cut to its maximum
    district = SlugChoiceField(
        District.objects.all(), to_field_name="slug", required=False, label=_("District"), empty_label=_("Any district")
    )

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts = counts or {}  # field name -> {value: number of entries}, shown beside choices

    def filters(self):
        """The valid filter values, and a message for each one that was ignored."""
        self.is_valid()
        ignored = [
            _("The value you chose for “%(field)s” was not recognised, so it was ignored.")
            % {"field": self.fields[name].label}
            for name in self.errors
        ]
        if self.fields["q"].shortened(self.data.get("q")):
            # The box says maxlength, but a link or an edited address can carry more: say so.
            ignored.append(self.fields["q"].message())
        values = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return values, ignored

    @cached_property
    def active_filters(self):
        """The filters in force (not the search; a value that was ignored is not in force): what
        the disclosure's "Filter (n active)" counts (templates/catalogue/_search_filter_label.html)."""
        values, _ignored = self.filters()
        return [name for name in self.fields if name != "q" and values.get(name) not in (None, "", [], False)]

    def apply(self, qs, values, skip=()):
        """`qs` narrowed by every valid value except the fields in `skip` (for counts per choice)."""
        if values.get("q"):
            for word in values["q"].split()[:MAX_WORDS]:
                qs = qs.filter(
                    Q(name_zh__icontains=word)
                    | Q(name_en__icontains=word)
                    | Q(summary_zh__icontains=word)
                    | Q(summary_en__icontains=word)
                )
        if values.get("district") and "district" not in skip:
            qs = qs.filter(district=values["district"])
        return self.apply_filters(qs, {k: v for k, v in values.items() if k not in skip})

    def apply_filters(self, qs, values):
        return qs

    def selects(self):
        """(bound field, [(value, label, selected)]) for each drop-down, with counts if known."""
        for name, field in self.fields.items():
            if not hasattr(field, "choices") or isinstance(field, forms.MultipleChoiceField):
                continue
            current = str(self.data.get(name, ""))
            counts = self.counts.get(name)
            options = []
            for value, label in field.choices:
                value = str(value)
                if counts is not None and value:
                    label = _("%(label)s (%(n)s)") % {"label": label, "n": counts.get(value, 0)}
                options.append((value, label, value == current))
            yield self[name], options

    def checks(self):
        """Bound check boxes: booleans, then each multiple choice as (field, [(value, label, checked)])."""
        for name, field in self.fields.items():
            if isinstance(field, forms.BooleanField):
                yield self[name], None
            elif isinstance(field, forms.MultipleChoiceField):
                chosen = {str(v) for v in self.data.getlist(name)} if hasattr(self.data, "getlist") else set()
                yield self[name], [(str(v), label, str(v) in chosen) for v, label in field.choices]


class OpenNowMixin(forms.Form):
    # Applied by the view (hours.open_at at the moment of the request), not by apply_filters.
    open = forms.BooleanField(label=_("Open now"), required=False)


def open_now_requested(data):
    """Whether a request asks for entries open now (any value but an empty one): such a page
    depends on the minute it is asked, so it is never served from or kept in the page cache."""
    return bool(data.get("open"))


class HealthFilterForm(OpenNowMixin, AreaFilterForm):
    specialty = SlugChoiceField(
        Specialty.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Specialty"),
        empty_label=_("Any specialty"),
    )
    insurance = forms.BooleanField(label=_("Medical insurance accepted online"), required=False)

    field_order = ["q", "specialty", "district", "open", "insurance"]

    def apply_filters(self, qs, values):
        if values.get("specialty"):
            qs = qs.filter(specialties=values["specialty"])
        if values.get("insurance"):
            qs = qs.filter(insurance_online=True)
        return qs


PRICE_CHOICES = [("", _("Free or paid")), ("free", _("Free")), ("paid", _("Paid"))]


class EducationFilterForm(AreaFilterForm):
    stage = forms.ChoiceField(choices=[("", _("Any stage"))] + Resource.Stage.choices, required=False, label=_("Stage"))
    subject = SlugChoiceField(
        Subject.objects.all(), to_field_name="slug", required=False, label=_("Subject"), empty_label=_("Any subject")
    )
    format = forms.ChoiceField(
        choices=[("", _("Any format"))] + Resource.Format.choices, required=False, label=_("Format")
    )
    language = forms.ChoiceField(
        choices=[("", _("Any language"))] + Resource.Language.choices, required=False, label=_("Language")
    )
    price = forms.ChoiceField(choices=PRICE_CHOICES, required=False, label=_("Price"))
    captions = forms.BooleanField(label=_("With captions"), required=False)

    field_order = ["q", "stage", "subject", "format", "language", "price", "district", "captions"]

    def apply_filters(self, qs, values):
        for name in ("stage", "format"):
            if values.get(name):
                qs = qs.filter(**{name: values[name]})
        if values.get("subject"):
            qs = qs.filter(subject=values["subject"])
        if values.get("language"):
            # A bilingual resource serves either language.
            qs = qs.filter(language__in=[values["language"], Resource.Language.BOTH])
        if values.get("price"):
            qs = qs.filter(free=values["price"] == "free")
        if values.get("captions"):
            qs = qs.filter(captions=True)
        return qs


class ElderlyFilterForm(OpenNowMixin, AreaFilterForm):
    kind = forms.ChoiceField(choices=[("", _("Any kind"))] + CarePlace.Kind.choices, required=False, label=_("Kind"))

    field_order = ["q", "kind", "district", "open"]

    def apply_filters(self, qs, values):
        if values.get("kind"):
            qs = qs.filter(kind=values["kind"])
        return qs


ACCESS_FEATURES = [
    ("step_free", _("Step-free access")),
    ("wheelchairs", _("Wheelchairs to borrow")),
    ("tactile_guide", _("Tactile guide")),
    ("audio_guide", _("Audio guide")),
    ("sign_language", _("Sign-language tours")),
]


class CultureFilterForm(OpenNowMixin, AreaFilterForm):
    kind = forms.ChoiceField(choices=[("", _("Any kind"))] + Venue.Kind.choices, required=False, label=_("Kind"))
    booking = forms.ChoiceField(
        choices=[("", _("Either")), ("no", _("No booking needed")), ("yes", _("Booking required"))],
        required=False,
        label=_("Booking"),
    )
    access = forms.MultipleChoiceField(
        choices=ACCESS_FEATURES, required=False, label=_("Accessibility"), widget=forms.CheckboxSelectMultiple
    )

    field_order = ["q", "kind", "district", "booking", "open", "access"]

    def apply_filters(self, qs, values):
        if values.get("kind"):
            qs = qs.filter(kind=values["kind"])
        if values.get("booking"):
            qs = qs.filter(booking_required=values["booking"] == "yes")
        for feature in values.get("access") or ():
            qs = qs.filter(**{feature: True})
        return qs
