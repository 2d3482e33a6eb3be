from django import forms
from django.utils.translation import gettext_lazy as _

from services.lib.forms import MobileField

from .references import (
    is_valid_reference,
    is_well_formed_tracking_code,
    normalise_reference,
    normalise_tracking_code,
)

RELATIONS = [
    ("parent", _("Parent")),
    ("child", _("Son or daughter")),
    ("spouse", _("Husband or wife")),
    ("sibling", _("Brother or sister")),
    ("grandchild", _("Grandson or granddaughter")),
    ("other_relative", _("Other relative")),
    ("carer", _("Carer or friend")),
    ("agent", _("Authorised agent")),
]


class ApplicantForm(forms.Form):
    """Who is applying, and how to reach them. A helper applying for someone else (for
    example an older parent) records their own name and their relation to the applicant."""

    who = forms.ChoiceField(
        label=_("Who are you applying for?"),
        choices=[("self", _("Myself")), ("other", _("Someone else, for example a parent"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who you are applying for."),
            "invalid_choice": _("Select who you are applying for."),
        },
    )
    applicant_name = forms.CharField(
        label=_("Applicant's full name"),
        max_length=100,
        help_text=_("As on their identity document."),
        error_messages={"required": _("Enter the applicant's full name.")},
    )
    helper_name = forms.CharField(
        label=_("Your full name"),
        max_length=100,
        required=False,
        help_text=_("Only if you are applying for someone else."),
    )
    helper_relation = forms.ChoiceField(
        label=_("Your relation to the applicant"),
        required=False,
        choices=[("", _("Choose"))] + RELATIONS,
        help_text=_("Only if you are applying for someone else."),
        error_messages={"invalid_choice": _("Select your relation to the applicant.")},
    )
    contact_phone = MobileField(
        label=_("Mobile number for updates"),
        help_text=_("For example 13812345678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter a mobile number so the department can reach you.")},
    )
    contact_email = forms.EmailField(
        label=_("Email address for updates"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We email the reference number and every update here."),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )

    def __init__(self, *args, guest=False, own_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.guest = guest
        self.own_name = own_name  # a signed-in helper's name, filled in as the applicant's at first
        if guest:
            self.fields["contact_email"].required = True
            self.fields["contact_email"].error_messages["required"] = _(
                "Enter an email address: we send your reference number and a link to continue later there."
            )

    def clean(self):
        data = super().clean()
        if data.get("who") == "other":
            if self.guest and not data.get("helper_name"):
                self.add_error("helper_name", _("Enter your own full name, as the person helping."))
            if not data.get("helper_relation"):
                self.add_error("helper_relation", _("Select your relation to the applicant."))
            name = " ".join(data.get("applicant_name", "").split()).casefold()
            if self.own_name and name == " ".join(self.own_name.split()).casefold():
                self.add_error(
                    "applicant_name", _("Enter the name of the person you are applying for: this is your own name.")
                )
        return data


class DeclarationForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the information I have given is true and complete, and that I may apply "
            "on the applicant's behalf where I am not the applicant."
        ),
        error_messages={"required": _("Confirm the declaration to submit your application.")},
    )


# Generous for a reference or code typed with spaces or dashes; anything longer is cut to this
# before it is checked or shown again, so a page never echoes back what a client made huge.
TRACK_INPUT_MAX = 40
_TRACK_ATTRS = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}


class TrackForm(forms.Form):
    """Reference and tracking code. A reference that cannot be one (wrong length, a character
    not used in references, a wrong check character) or a code of the wrong shape is refused
    here, at once: it can match nothing, so it is a typing mistake, not a guess, and the view
    counts towards its limit only a well-formed pair that matched no application."""

    reference = forms.CharField(
        label=_("Reference number"),
        max_length=TRACK_INPUT_MAX,
        help_text=_("For example HP26K7M2X9QDS. It is in your confirmation email or on your counter receipt."),
        error_messages={"required": _("Enter the reference number.")},
        widget=forms.TextInput(attrs=_TRACK_ATTRS),
    )
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=TRACK_INPUT_MAX,
        help_text=_("8 letters and numbers, given with the reference."),
        error_messages={"required": _("Enter the tracking code.")},
        widget=forms.TextInput(attrs=_TRACK_ATTRS),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in ("reference", "tracking_code"):
                if name in data:
                    data[name] = data[name][:TRACK_INPUT_MAX]
        super().__init__(data, *args, **kwargs)

    def clean_reference(self):
        value = self.cleaned_data["reference"]
        if not is_valid_reference(value):
            raise forms.ValidationError(
                _("This reference number is not valid: check it against your receipt."), code="not_valid"
            )
        return normalise_reference(value)

    def clean_tracking_code(self):
        value = self.cleaned_data["tracking_code"]
        if not is_well_formed_tracking_code(value):
            raise forms.ValidationError(
                _("A tracking code is 8 letters and numbers: check it against your receipt."), code="not_valid"
            )
        return normalise_tracking_code(value)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MaterialsForm(forms.Form):
    """The documents page: one upload per material. The view checks each file (and the
    e-certificates) and adds what is wrong here, so that the page shows the same error summary
    as every other page, each message linking to its file input (ids `material-<pk>`)."""

    def __init__(self, materials, *args, **kwargs):
        from .flow import material_key
        from .formengine import accept_attribute

        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for material in materials:
            accept = accept_attribute(material.accepted_file_types)
            self.fields[material_key(material)] = forms.FileField(
                required=False, label=material.name, widget=forms.FileInput(attrs={"accept": accept})
            )
