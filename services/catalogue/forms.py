import re
from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_QUERY_LENGTH, Audience, Channel, Department, District, LifeEvent

# C0 and C1 control characters and DEL: never typed into a box, but a link, a paste or an
# edited address can carry them (a NUL would fail CharField's validator and drop the search).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")  # and U+FFFD: invalid UTF-8 decoded

TOO_LONG = _("Your search was too long, so only the first %(n)s characters were used. Shorten your search.")


def searched_text(value, limit=MAX_QUERY_LENGTH):
    """A search box's text as searched: control characters read as spaces, runs of spaces as
    one, at most `limit` characters."""
    return " ".join(_CONTROL.sub(" ", str(value or "")).split())[:limit]


class SearchField(forms.CharField):
    """The search box of every public list (catalogue, digital life): never invalid, whatever is
    sent. What it holds (cleaned_data) and what the box shows again (bound_data) are the same
    text, the query as searched (searched_text), so the citizen sees what was looked for."""

    def __init__(self, *, limit=MAX_QUERY_LENGTH, **kwargs):
        self.limit = limit
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return searched_text(value, self.limit)

    def bound_data(self, data, initial):
        return searched_text(data, self.limit)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.limit)}

    def shortened(self, data):
        """Whether `data` (the raw value sent) holds more than `limit` characters of search."""
        return len(" ".join(_CONTROL.sub(" ", str(data or "")).split())) > self.limit

    def message(self):
        return TOO_LONG % {"n": self.limit}


class SlugChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SelectsMixin:
    def selects(self):
        """(bound field, [(value, label, selected)]) for each drop-down, one query per list."""
        for name, field in self.fields.items():
            if not hasattr(field, "choices"):
                continue
            current = str(self.data.get(name, ""))
            options = [(str(value), label, str(value) == current) for value, label in field.choices]
            yield self[name], options


class CatalogueFilterForm(SelectsMixin, forms.Form):
    """Search and filters of the catalogue. Bad values never fail the page: each one that does
    not validate is dropped and explained (see `ignored`)."""

    q = SearchField(label=_("Search services"))
    event = SlugChoiceField(
        LifeEvent.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Life event"),
        empty_label=_("Any life event"),
    )
    department = SlugChoiceField(
        Department.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Department"),
        empty_label=_("Any department"),
    )
    audience = forms.ChoiceField(choices=[("", _("Everyone"))] + Audience.choices[:2], required=False, label=_("For"))
    channel = forms.ChoiceField(choices=[("", _("Any way"))] + Channel.choices, required=False, label=_("How to apply"))
    district = SlugChoiceField(
        District.objects.all(), to_field_name="slug", required=False, label=_("District"), empty_label=_("Any district")
    )

    def filters(self):
        """The valid filter values, and a message for each one that was ignored (and one when
        the search was cut to its maximum length)."""
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
        """The filters in force (not the query; a value that was ignored is not in force), as
        (label, chosen value's label, query string without it) in the form's order: what
        "Filter (2 active)" counts, and a link for each that takes it away and keeps the rest."""
        values, _ignored = self.filters()
        active = []
        for name, field in self.fields.items():
            value = values.get(name)
            if name == "q" or value in (None, ""):
                continue
            shown = value.name if hasattr(value, "name") else dict(field.choices).get(value, value)
            rest = self.data.copy()
            for key in list(rest):
                # live search sends every field, the empty ones too: leave those out of the link
                if key in (name, "page") or not any(rest.getlist(key)):
                    rest.pop(key)
            active.append((field.label, shown, "?" + rest.urlencode() if rest else ""))
        return active

    def apply(self, qs, values):
        if values.get("q"):
            qs = qs.search(values["q"])
        if values.get("event"):
            qs = qs.filter(life_events=values["event"])
        if values.get("department"):
            qs = qs.filter(department=values["department"])
        if values.get("audience"):
            qs = qs.for_audience(values["audience"])
        if values.get("channel"):
            qs = qs.with_channel(values["channel"])
        if values.get("district"):
            qs = qs.in_district(values["district"])
        return qs


class CentreFilterForm(SelectsMixin, forms.Form):
    district = SlugChoiceField(
        District.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("District"),
        empty_label=_("All districts"),
    )
