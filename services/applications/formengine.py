"""Builds ordinary Django forms at run time from a service's form definition (FormPage and
FormField rows), and turns answers into JSON and back into readable text.

Answers are stored as one JSON object keyed by each field's stable `key`:
text/long text/email/mobile -> str; number -> str (decimal); date -> "YYYY-MM-DD";
single choice / yes-no -> option key; multiple choice -> [option keys];
identity document -> {"type": ..., "number": ...}; address -> {"district": slug, "street": ...};
file -> [attachment ids].
"""

import datetime
import hashlib
import json
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from services.lib.forms import DateInput, MobileField
from services.lib.validators import ID_DOCUMENT_TYPES, validate_id_document

from . import definitions
from .models import DateRule, FieldKind
from .workdays import today

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
_PLAIN_TEXT_KINDS = {FieldKind.TEXT, FieldKind.EMAIL, FieldKind.MOBILE}
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%d/%m/%Y"]
PROFILE_KEYS = {
    "full_name": lambda u: u.get_full_name(),
    "applicant_name": lambda u: u.get_full_name(),
    "email": lambda u: u.email,
    "phone": lambda u: u.phone,
    "mobile": lambda u: u.phone,
    "id_number": lambda u: {"type": "resident_id", "number": u.id_number} if u.id_number else None,
    "address": lambda u: (
        {"district": u.address_district.slug, "street": u.address_street} if u.address_district_id else None
    ),
}


def form_version(pages):
    """A fingerprint of everything in the definition that changes what an answer means."""
    shape = [
        [p.pk, [(f.key, f.kind, f.required, f.choices, f.condition_key, f.condition_value) for f in p.fields.all()]]
        for p in pages
    ]
    return hashlib.sha256(json.dumps(shape, default=str).encode()).hexdigest()[:16]


def condition_met(field, answers):
    if not field.condition_key:
        return True
    value = answers.get(field.condition_key)
    if isinstance(value, list):
        return field.condition_value in value
    return value is not None and str(value) == field.condition_value


# Profile keys that "Who is applying" asks, with the applicant's attribute that answers them.
# Asked there, they are not asked again on a question page (see given_on_applicant_page).
APPLICANT_PAGE_KEYS = {
    "full_name": "applicant_name",
    "applicant_name": "applicant_name",
    "phone": "contact_phone",
    "mobile": "contact_phone",
    "email": "contact_email",
}
GIVEN_KEY = "_given"  # in the answers: the keys answered on the "Who is applying" page


def visible_fields(page, answers):
    """Fields of the page to ask: conditions on earlier pages' answers are applied here; a
    condition on a question of the same page is applied when the page is validated. A question
    already answered on the "Who is applying" page is not asked again."""
    same_page = {f.key for f in page.fields.all()}
    given = set(answers.get(GIVEN_KEY, ()))
    return [
        f
        for f in page.fields.all()
        if f.key not in given and (f.condition_key in same_page or condition_met(f, answers))
    ]


def given_on_applicant_page(pages, answers, application):
    """The answers with what "Who is applying" gave for the profile keys the form asks (the
    applicant's name; the mobile and email for updates only when applying for oneself: a helper
    gives their own, and the form's questions are about the applicant), marked so that no later
    page asks them again. A key no longer given there is asked again, with its answer kept."""
    kinds = {f.key: f.kind for p in pages for f in p.fields.all()}
    own = {"applicant_name"} if application.on_behalf else {"applicant_name", "contact_phone", "contact_email"}
    result = {k: v for k, v in answers.items() if k != GIVEN_KEY}
    given = []
    for key, attribute in APPLICANT_PAGE_KEYS.items():
        value = getattr(application, attribute, "")
        if key in kinds and attribute in own and value and kinds[key] in _PLAIN_TEXT_KINDS:
            result[key] = value
            given.append(key)
    if given:
        result[GIVEN_KEY] = given
    return result


def _date_field(field):
    def check(value):
        if field.date_rule == DateRule.PAST and value > today():
            raise ValidationError(_("The date must be today or in the past."), code="future")
        if field.date_rule == DateRule.FUTURE and value < today():
            raise ValidationError(_("The date must be today or in the future."), code="past")
        if field.min_date and value < field.min_date:
            raise ValidationError(
                _("The date must be on or after %(date)s.") % {"date": date_format(field.min_date)}, code="min"
            )
        if field.max_date and value > field.max_date:
            raise ValidationError(
                _("The date must be on or before %(date)s.") % {"date": date_format(field.max_date)}, code="max"
            )

    return forms.DateField(
        input_formats=DATE_INPUT_FORMATS,
        validators=[check],
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date, for example 2026-03-31.")},
    )


def _text_validators(field):
    validators = []
    if field.min_length:
        validators.append(MinLengthValidator(field.min_length, _("Enter at least %(limit_value)d characters.")))
    if field.max_length:
        validators.append(MaxLengthValidator(field.max_length, _("Enter at most %(limit_value)d characters.")))
    return validators


def django_fields(field, same_page_condition=False):
    """The Django form field(s) for one definition field, as {form field name: field}, with
    messages that name the question. A question that depends on another answer of the same
    page is optional here and checked in PageForm.clean()."""
    built = _django_fields(field)
    choose = field.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE, FieldKind.YESNO)
    message = (_("Select an answer: %(label)s") if choose else _("Answer this question: %(label)s")) % {
        "label": field.label
    }
    for form_field in built.values():
        form_field.error_messages["required"] = message
        if choose:
            # Django's own message repeats the value sent, whatever its size; this one names the
            # question. (%% kept as % when Django formats the message with the value.)
            form_field.error_messages["invalid_choice"] = (
                _("Choose one of the answers listed: %(label)s") % {"label": field.label}
            ).replace("%", "%%")
        if same_page_condition:
            # Checked in PageForm.clean() when the condition holds; the page says when.
            form_field.required = False
            form_field.conditionally_required = field.required
    return built


def _limit(value):
    """A number question's limit as the user reads it: 15, not 15.00; 0.5, not 0.50."""
    return number_format(value.normalize() if value != value.to_integral() else int(value))


def _number_messages(field):
    """A number question's messages in the user's language: its limits as one sentence (Django
    says "Ensure this value is greater than or equal to 15.00."). Django formats each message
    with its own values: a % in ours is doubled."""
    low, high = field.min_value, field.max_value
    if low is not None and high is not None:
        limits = _("Enter a number from %(low)s to %(high)s.") % {"low": _limit(low), "high": _limit(high)}
        messages = {"min_value": limits, "max_value": limits}
    else:
        messages = {}
        if low is not None:
            messages["min_value"] = _("Enter a number of at least %(low)s.") % {"low": _limit(low)}
        if high is not None:
            messages["max_value"] = _("Enter a number of at most %(high)s.") % {"high": _limit(high)}
    messages["max_decimal_places"] = _("Enter a number with at most 2 decimal places.")
    messages["max_whole_digits"] = messages["max_digits"] = _(
        "Enter a number of at most 12 digits before the decimal point."
    )
    return {key: message.replace("%", "%%") for key, message in messages.items()}


def _django_fields(field):
    kind, label, hint, required = field.kind, field.label, field.hint, field.required
    common = {"label": label, "help_text": hint, "required": required}
    limit = field.max_length or 2000
    if kind == FieldKind.TEXT:
        return {field.key: forms.CharField(max_length=min(limit, 500), validators=_text_validators(field), **common)}
    if kind == FieldKind.TEXTAREA:
        return {
            field.key: forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}), max_length=limit, validators=_text_validators(field), **common
            )
        }
    if kind == FieldKind.NUMBER:
        return {
            field.key: forms.DecimalField(
                min_value=field.min_value,
                max_value=field.max_value,
                max_digits=14,
                decimal_places=2,
                error_messages=_number_messages(field),
                **common,
            )
        }
    if kind == FieldKind.DATE:
        f = _date_field(field)
        f.label, f.help_text, f.required = label, hint, required
        return {field.key: f}
    if kind == FieldKind.CHOICE:
        return {field.key: forms.ChoiceField(choices=field.options(), widget=forms.RadioSelect, **common)}
    if kind == FieldKind.MULTIPLE:
        return {
            field.key: forms.MultipleChoiceField(choices=field.options(), widget=forms.CheckboxSelectMultiple, **common)
        }
    if kind == FieldKind.YESNO:
        return {field.key: forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)}
    if kind == FieldKind.EMAIL:
        return {field.key: forms.EmailField(max_length=254, **common)}
    if kind == FieldKind.MOBILE:
        return {field.key: MobileField(widget=forms.TextInput(attrs={"type": "tel"}), **common)}
    if kind == FieldKind.ID_NUMBER:
        return {field.key: IdentityDocumentField(label, hint, required)}
    if kind == FieldKind.ADDRESS:
        return {field.key: AddressField(label, hint, required)}
    if kind == FieldKind.FILE:
        # Not required to the form: a file given earlier counts, which views._save_page_files
        # checks. Marked so that the page does not call a required upload "(optional)".
        spec = field.accepted_file_types or (field.material.accepted_file_types if field.material_id else "")
        upload = forms.FileField(
            required=False,
            label=label,
            help_text=hint,
            widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(spec)}),
        )
        upload.conditionally_required = required
        return {field.key: upload}
    raise ValueError(f"unknown field kind {kind}")


# --- Questions made of several inputs -------------------------------------------------------
# An identity document (type + number) and an address (district + street) are one question:
# one form field whose widget renders every part with its own label, inside the fieldset that
# templates/includes/field.html gives a widget with use_fieldset (legend = the question, the
# hint and the one error message above the inputs, aria-describedby on the fieldset). The POST
# names stay `<key>__type`/`<key>` and `<key>__district`/`<key>__street`, and so do the ids
# (`id_<key>__district`, ...), so that the error summary can link to the part that needs an
# answer (see CompositeBoundField.id_for_label).


class CompositeWidget(forms.MultiWidget):
    """Parts as [(suffix, label, widget)]; a part's POST name and id are the field's plus suffix."""

    def __init__(self, parts, attrs=None):
        self.suffixes = [suffix for suffix, _label, _widget in parts]
        self.labels = [label for _suffix, label, _widget in parts]
        super().__init__({suffix: widget for suffix, _label, widget in parts}, attrs)
        # MultiWidget puts "_" before each dict key; ours are the whole suffix.
        self.widgets_names = self.suffixes

    def decompress(self, value):
        if isinstance(value, dict):
            return [value.get(self.keys[i]) for i in range(len(self.suffixes))]
        return [None] * len(self.suffixes)

    @property
    def keys(self):
        return [suffix.lstrip("_") or "number" for suffix in self.suffixes]

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, (list, tuple)) else self.decompress(value)
        attrs = self.build_attrs(self.attrs, attrs)
        id_ = attrs.pop("id", None) or f"id_{name}"
        invalid = attrs.pop("aria-invalid", None)
        invalid_parts = attrs.pop("data-invalid-parts", None)
        html = []
        for i, (suffix, label, widget) in enumerate(zip(self.suffixes, self.labels, self.widgets, strict=True)):
            part_attrs = {**attrs, "id": f"{id_}{suffix}"}
            if not widget.use_required_attribute(values[i] if i < len(values) else None):
                # A select whose first option is a real choice (the document type) may not be
                # `required` in HTML; Django drops it for a lone select, not for a part.
                part_attrs.pop("required", None)
            if invalid and (invalid_parts is None or suffix in invalid_parts):
                part_attrs["aria-invalid"] = "true"
            control = widget.render(name + suffix, values[i] if i < len(values) else None, part_attrs, renderer)
            html.append(
                format_html(
                    '<div class="form-group composite-part"><label for="{}">{}</label>{}</div>',
                    f"{id_}{suffix}",
                    label,
                    control,
                )
            )
        return mark_safe("".join(html))  # noqa: S308 - every part above went through format_html


class CompositeBoundField(forms.BoundField):
    """The error summary links to `id_for_label`: the first part that needs an answer."""

    @property
    def id_for_label(self):
        widget = self.field.widget
        part = getattr(self.field, "invalid_parts", None)
        suffix = part[0] if part else widget.suffixes[0]
        return f"{self.auto_id}{suffix}" if self.auto_id else ""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if getattr(self.field, "invalid_parts", None) is not None and self.errors:
            attrs["data-invalid-parts"] = self.field.invalid_parts
        return attrs


class CompositeField(forms.Field):
    """One question of several inputs; cleans to a dict ({"district", "street"} or {"type",
    "number"}) or None. `parts` as [(suffix, label, form field)]; `empty_when` the parts whose
    emptiness means no answer at all (a document type alone, always chosen, is no answer)."""

    bound_field_class = CompositeBoundField

    def __init__(self, parts, *, question, answer_parts, **kwargs):
        self.parts = parts
        self.question = question
        self.answer_parts = answer_parts  # suffixes that must all be given for an answer
        self.invalid_parts = None
        kwargs.setdefault("widget", CompositeWidget([(suffix, label, field.widget) for suffix, label, field in parts]))
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.invalid_parts = None
        return result

    def fail(self, message, suffix, code="invalid"):
        self.invalid_parts = [suffix]
        raise ValidationError(message, code=code)

    def clean(self, value):
        self.invalid_parts = None
        values = list(value) if isinstance(value, (list, tuple)) else [None] * len(self.parts)
        given = {
            suffix: (str(v).strip() if v is not None else "")
            for (suffix, _l, _f), v in zip(self.parts, values, strict=False)
        }
        missing = [suffix for suffix in self.answer_parts if not given[suffix]]
        if len(missing) == len(self.answer_parts):
            if self.required:
                self.fail(self.error_messages["required"], missing[0], code="required")
            return None
        if missing:
            self.fail(self.part_missing_message(missing[0]), missing[0], code="incomplete")
        cleaned = {}
        for suffix, _label, field in self.parts:
            try:
                cleaned[suffix] = field.clean(given[suffix])
            except ValidationError as error:
                self.invalid_parts = [suffix]
                raise ValidationError(error.messages[0], code="invalid") from error
        return self.compress(cleaned)

    def part_missing_message(self, suffix):
        raise NotImplementedError

    def compress(self, cleaned):
        raise NotImplementedError

    def has_changed(self, initial, data):
        return True


class AddressField(CompositeField):
    def __init__(self, question, hint, required):
        district = forms.ChoiceField(
            choices=[("", _("Choose a district"))] + [(d.slug, d.name) for d in definitions.districts()],
            error_messages={"invalid_choice": _("Choose a district from the list: %(label)s") % {"label": question}},
        )
        street = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
        super().__init__(
            [("__district", _("District"), district), ("__street", _("Street, number, building and flat"), street)],
            question=question,
            answer_parts=["__district", "__street"],
            required=required,
            label=question,
            help_text=hint,
        )

    def part_missing_message(self, suffix):
        if not self.required and not getattr(self, "conditionally_required", False):
            return _("Give both the district and the street, or neither.")
        if suffix == "__district":
            return _("Choose a district: %(label)s") % {"label": self.question}
        return _("Enter the street, number, building and flat: %(label)s") % {"label": self.question}

    def compress(self, cleaned):
        return {"district": cleaned["__district"], "street": cleaned["__street"]}


class IdentityDocumentField(CompositeField):
    def __init__(self, question, hint, required):
        doc_type = forms.ChoiceField(
            choices=ID_DOCUMENT_TYPES,
            error_messages={
                "invalid_choice": _("Choose a type of document from the list: %(label)s") % {"label": question}
            },
        )
        number = forms.CharField(max_length=30)
        super().__init__(
            [("__type", _("Type of document"), doc_type), ("", _("Document number"), number)],
            question=question,
            answer_parts=[""],
            required=required,
            label=question,
            help_text=hint,
            initial={"type": "resident_id"},
        )

    def clean(self, value):
        values = list(value) if isinstance(value, (list, tuple)) else [None, None]
        if not values[0]:
            values[0] = "resident_id"  # the type's select has no empty choice
        result = super().clean(values)
        if result is None:
            return None
        try:
            result["number"] = validate_id_document(result["type"], result["number"])
        except ValidationError as error:
            self.fail(error.messages[0], "")
        return result

    def compress(self, cleaned):
        return {"type": cleaned["__type"], "number": cleaned[""]}


def accept_attribute(spec):
    """The file picker's `accept` for an upload of these types ("jpg,png"): what the upload
    takes and nothing else, so that a photo upload does not offer PDF files."""
    from .uploads import CONTENT_TYPES, accepted_types

    kinds = accepted_types(spec)
    extensions = [ext for kind in kinds for ext in ([".jpg", ".jpeg"] if kind == "jpg" else [f".{kind}"])]
    return ",".join(extensions + [CONTENT_TYPES[kind] for kind in kinds])


def file_types_text(spec):
    """ "PDF, JPG or PNG" for an upload of these types, in the active language."""
    from .uploads import LABELS, accepted_types

    names = [LABELS[kind] for kind in accepted_types(spec)]
    if len(names) == 1:
        return names[0]
    return _("%(list)s or %(last)s") % {"list": pgettext("list separator", ", ").join(names[:-1]), "last": names[-1]}


class PageForm(forms.Form):
    """A question page. Built by `page_form()`; `definition` holds the FormField rows."""

    definition = ()

    def __init__(self, *args, earlier_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier_answers = earlier_answers or {}

    def clean(self):
        data = super().clean()
        merged = {**self.earlier_answers, **{k: v for k, v in data.items() if v not in (None, "", [])}}
        for field in self.definition:
            # A question shown only for some answers of this same page: ignore it otherwise.
            if field.condition_key and not condition_met(field, _plain(merged)):
                self.errors.pop(field.key, None)
                data.pop(field.key, None)
            elif self._unanswered(field, data):
                form_field = self.fields[field.key]
                if isinstance(form_field, CompositeField):
                    form_field.invalid_parts = [form_field.answer_parts[0]]
                self.add_error(field.key, _("Answer this question: %(label)s") % {"label": field.label})
        return data

    def _unanswered(self, field, data):
        """A question required once its condition on this page holds, and left empty."""
        return (
            bool(field.condition_key)
            and field.required
            and field.kind != FieldKind.FILE
            and data.get(field.key) in (None, "", [])
            and field.key not in self.errors
        )

    def answers(self):
        """This page's answers as JSON-ready values, keyed by definition key."""
        result = {}
        data = self.cleaned_data
        for field in self.definition:
            if field.kind == FieldKind.FILE:
                continue
            if field.key in data:
                value = _plain_value(data[field.key])
                if value not in (None, "", []):
                    result[field.key] = value
        return result


def _plain_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "slug"):
        return value.slug
    return value


def _plain(data):
    return {k: _plain_value(v) for k, v in data.items()}


def prune_hidden_answers(pages, answers):
    """Drop answers to questions whose condition no longer holds (an earlier answer changed),
    so nothing the applicant can no longer see is submitted."""
    kept = dict(answers)
    changed = True
    while changed:
        changed = False
        for page in pages:
            for field in page.fields.all():
                if field.key in kept and field.condition_key and not condition_met(field, kept):
                    del kept[field.key]
                    changed = True
    return kept


def condition_hint(field, page_fields):
    """ "Only if you answered …" for a question that depends on another of the same page."""
    other = next((f for f in page_fields if f.key == field.condition_key), None)
    if other is None:
        return ""
    value = dict(YES_NO).get(field.condition_value) if other.kind == FieldKind.YESNO else None
    value = value or dict(other.options()).get(field.condition_value, field.condition_value)
    return _("Answer only if your answer to “%(question)s” is “%(value)s”.") % {"question": other.label, "value": value}


def page_form(page, answers, data=None, files=None):
    """A bound (data given) or initial form for `page`, given the answers so far."""
    definition = visible_fields(page, answers)
    form_class = _form_class(page, definition)
    if data is not None:
        return form_class(data, files, earlier_answers=answers)
    return form_class(initial=initial_from_answers(definition, answers), earlier_answers=answers)


def _form_class(page, definition):
    """The form class for these questions of the page, built once per language and kept on the
    page object (which a kept definition shares between requests)."""
    key = (get_language(), tuple(f.pk for f in definition))
    classes = page.__dict__.setdefault("_form_classes", {})
    if key not in classes:
        same_page = {f.key for f in definition}
        fields = {}
        for field in definition:
            conditional = field.condition_key in same_page
            built = django_fields(field, same_page_condition=conditional)
            if conditional:
                hint = condition_hint(field, definition)
                for form_field in built.values():
                    form_field.help_text = f"{hint} {form_field.help_text}".strip()
            fields.update(built)
        classes[key] = type("QuestionPageForm", (PageForm,), {**fields, "definition": definition})
    return classes[key]


def initial_from_answers(definition, answers):
    """The stored answers as a form's initial values (a composite question's widget splits its
    dict into its parts)."""
    return {f.key: answers[f.key] for f in definition if answers.get(f.key) not in (None, "", [])}


def answers_as_data(definition, answers):
    """Stored answers in the shape of a POST, to re-validate them against the current form."""
    data = {}
    for field in definition:
        value = answers.get(field.key)
        if value in (None, "", []):
            continue
        if field.kind == FieldKind.ID_NUMBER and isinstance(value, dict):
            data[f"{field.key}__type"] = value.get("type", "resident_id")
            data[field.key] = value.get("number", "")
        elif field.kind == FieldKind.ADDRESS and isinstance(value, dict):
            data[f"{field.key}__district"] = value.get("district") or ""
            data[f"{field.key}__street"] = value.get("street", "")
        elif field.kind not in (FieldKind.ID_NUMBER, FieldKind.ADDRESS):
            data[field.key] = value
    return data


def page_is_complete(page, answers):
    """True when the stored answers pass the page's current rules (used to resume a draft on
    the first page that needs attention, including after the form definition changed)."""
    definition = visible_fields(page, answers)
    if not definition:
        return True
    if not any(f.key in answers for f in definition) and any(f.required for f in definition):
        return False
    form = page_form(page, answers, data=_as_querydict(answers_as_data(definition, answers)))
    return form.is_valid()


def _as_querydict(data):
    from django.http import QueryDict

    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            qd.setlist(key, value)
        else:
            qd[key] = value
    return qd


PREFILLED_KEY = "_prefilled"  # in the answers: {key: value} filled in from the profile


def prefill(pages, user, answers=None):
    """The answers with what the signed-in citizen's profile knows filled in for the keys the
    form asks and that have no answer yet; each value filled in is recorded under PREFILLED_KEY,
    so that it can be taken out again if the draft turns out to be for someone else."""
    result = dict(answers or {})
    if not user.is_authenticated:
        return result
    keys = {f.key for p in pages for f in p.fields.all()}
    record = dict(result.get(PREFILLED_KEY, {}))
    for key in sorted(keys & PROFILE_KEYS.keys()):
        value = PROFILE_KEYS[key](user)
        if value and result.get(key) in (None, "", []):
            result[key] = record[key] = value
    if record:
        result[PREFILLED_KEY] = record
    return result


def for_whom(pages, answers, on_behalf, user):
    """The answers once "Who is applying" is answered. For someone else, the signed-in helper's
    profile is not the applicant's: every answer it filled in that is still as filled in is
    dropped (an answer the helper changed is theirs to keep). For oneself, the profile fills
    in again what has no answer."""
    if not on_behalf:
        return prefill(pages, user, answers)
    record = answers.get(PREFILLED_KEY, {})
    return {
        key: value
        for key, value in answers.items()
        if key != PREFILLED_KEY and not (key in record and record[key] == value)
    }


def keep_matching_answers(pages, answers):
    """After the form changed: keep answers whose key still exists with a compatible type."""
    kinds = {f.key: f.kind for p in pages for f in p.fields.all()}
    kept = {PREFILLED_KEY: answers[PREFILLED_KEY]} if PREFILLED_KEY in answers else {}
    for key, value in answers.items():
        kind = kinds.get(key)
        if kind is None:
            continue
        compound = kind in (FieldKind.ID_NUMBER, FieldKind.ADDRESS)
        if compound != isinstance(value, dict) or (kind == FieldKind.MULTIPLE) != isinstance(value, list):
            continue
        kept[key] = value
    return kept


def display_answer(field, value, districts=None):
    """An answer as the citizen would read it on the check page, in the active language."""
    if value in (None, "", []):
        return ""
    kind = field.kind
    if kind in (FieldKind.CHOICE, FieldKind.MULTIPLE):
        labels = dict(field.options())
        values = value if isinstance(value, list) else [value]
        return "、".join(str(labels.get(v, v)) for v in values)
    if kind == FieldKind.YESNO:
        return str(dict(YES_NO).get(value, value))
    if kind == FieldKind.DATE:
        try:
            return date_format(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    if kind == FieldKind.ID_NUMBER and isinstance(value, dict):
        return f"{dict(ID_DOCUMENT_TYPES).get(value.get('type'), '')} {value.get('number', '')}".strip()
    if kind == FieldKind.ADDRESS and isinstance(value, dict):
        district = (districts or {}).get(value.get("district"))
        return " ".join(filter(None, [district.name if district else value.get("district"), value.get("street")]))
    return str(value)
