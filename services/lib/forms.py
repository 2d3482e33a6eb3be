"""The form renderer of every form on the site (settings.FORM_RENDERER).

Django renders a refused form with exactly what was posted in each input. A text input's field
refuses a value longer than its max_length, but the page would still carry the whole value back:
a script posting a megabyte to the sign-in page got a megabyte page. This renderer shows such a
value cut to the input's maxlength (what a browser would have let anyone type), or to
INPUT_ECHO_MAX for an input that has none; the field's own message ("at most 254 characters",
"enter a real date") still says what was wrong.
"""

import datetime

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from .validators import validate_mainland_mobile

# An <input> with no maxlength (a date, a number: maxlength is not allowed on type=number) never
# holds a valid value this long; a text area without one (the admin's long texts) is left whole.
INPUT_ECHO_MAX = 1000


def _cut(widget):
    limit = str(widget.get("attrs", {}).get("maxlength", ""))
    if limit.isdigit():
        limit = int(limit)
    elif widget.get("type"):  # an <input>, not a <textarea> or <select>
        limit = INPUT_ECHO_MAX
    else:
        limit = None
    value = widget.get("value")
    if limit is not None and isinstance(value, str) and len(value) > limit:
        widget["value"] = value[:limit]
    for subwidget in widget.get("subwidgets", ()):
        _cut(subwidget)


class BoundedRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            _cut(widget)
        return super().render(template_name, context, request=request)


# Django's choice fields refuse a value that is not a choice with "Select a valid choice. X is
# not one of the available choices.", X being whatever was posted: 200 KB posted came back as a
# page of 800 KB. These messages say the same without the value. Set once, when the apps are
# ready (services.applications.apps), on the classes, so that every choice field built from then
# on - the site's forms, the question pages, the admin's - uses them; a field that names its
# question (formengine, ApplicantForm) still overrides them.
CHOICE_MESSAGES = {
    forms.ChoiceField: {"invalid_choice": _("Choose one of the answers listed.")},
    forms.MultipleChoiceField: {
        "invalid_choice": _("Choose one of the answers listed."),
        "invalid_list": _("Choose one or more of the answers listed."),
    },
    forms.ModelMultipleChoiceField: {
        "invalid_choice": _("Choose one of the answers listed."),
        "invalid_pk_value": _("Choose one of the answers listed."),
    },
}


def quiet_choice_messages():
    django_defaults = set()
    for field_class, messages in CHOICE_MESSAGES.items():
        own = field_class.__dict__.get("default_error_messages", {})
        django_defaults.update(id(own[code]) for code in messages if code in own)
        # Each class's own dict: TypedChoiceField and the model fields read theirs through the
        # class hierarchy when a field is built.
        field_class.default_error_messages = {**own, **messages}
    # Fields built before the apps were ready (the admin's action form, made when the admin
    # is imported) already hold Django's message: give them the quiet one too.
    for form_class in _subclasses(forms.BaseForm):
        for field in getattr(form_class, "base_fields", {}).values():
            for field_class, messages in CHOICE_MESSAGES.items():
                if isinstance(field, field_class):
                    for code, message in messages.items():
                        if id(field.error_messages.get(code)) in django_defaults:
                            field.error_messages[code] = message


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


class MobileField(forms.CharField):
    """A mainland mobile number, cleaned to its 11 digits (spaces, dashes and +86 removed): the
    one field for a mobile number in the account forms, the apply forms and the form engine."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return value if value in self.empty_values else validate_mainland_mobile(value)


class DateInput(forms.DateInput):
    """<input type="date"> (YYYY-MM-DD, the browser's date picker), except for a value that is
    not a date - sent by a form without the picker, or typed into the address: that comes back
    as typed in a text input, because a date input must not carry it (the HTML checker refuses
    it, and browsers would show the field empty: what was typed would be lost)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if isinstance(value, str) and value and not _is_iso_date(value):
            widget["type"] = "text"
            widget["attrs"].pop("type", None)
        return context


def _is_iso_date(text):
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
