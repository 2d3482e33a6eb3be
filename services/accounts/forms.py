"""Forms for citizen accounts: sign up, sign in (with a failure limit), profile, password reset.

Mobile numbers and resident ID numbers are checked by services.lib.validators (and the one
MobileField in services.lib.forms), the
one home of those rules, so an account and an application form never disagree about them.
"""

import logging
import secrets

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from services.catalogue.models import District
from services.lib.forms import MobileField
from services.lib.validators import validate_resident_id

from .lockout import Lockout
from .models import PendingSignup

log = logging.getLogger(__name__)

User = get_user_model()


def password_rules_hint():
    """Django's password rules as HTML, in the active language. Django's own lazy version is
    not marked safe, and includes/field.html escapes hints that are not (hints typed by staff in
    the admin end up there too); this one is built with format_html(), so it is safe."""
    return mark_safe(str(password_validation.password_validators_help_text_html()))  # noqa: S308


class PasswordRulesHintMixin:
    """For Django's SetPasswordForm and PasswordChangeForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_rules_hint()


def _email_taken(email, exclude_pk=None):
    return User.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists()


def _phone_taken(phone, exclude_pk=None):
    return User.objects.filter(phone=phone).exclude(pk=exclude_pk).exists()


MSG_EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")
MSG_CONTACT_MISSING = _("Enter an email address or a mobile number")
MSG_KEEP_EMAIL = _(
    "Keep your current email address until your new mobile number is confirmed: you need one of them to sign in"
)
MSG_KEEP_PHONE = _(
    "Keep your current mobile number until your new email address is confirmed: you need one of them to sign in"
)


class RequireContactMixin:
    """Email and mobile: at least one."""

    def _require_a_contact(self):
        data = self.cleaned_data
        # Only complain when neither field has an error of its own: a mistyped email is not missing.
        has_own_error = "email" in self.errors or "phone" in self.errors
        if not data.get("email") and not data.get("phone") and not has_own_error:
            self.add_error("email", ValidationError(MSG_CONTACT_MISSING, code="contact_missing"))


class SignupForm(RequireContactMixin, forms.Form):
    """Checks what was typed, never whether an account already uses it: save() keeps a
    PendingSignup either way and emails.send_signup_messages tells the two cases apart, in a
    message to the address itself."""

    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("We will send password reset links here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": MSG_EMAIL_FORMAT},
    )
    phone = MobileField(label=_("Mobile number"), required=False, help_text=_("A mainland mobile number, 11 digits."))
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    error_messages = {
        "password_mismatch": _("The two passwords do not match – type the same password twice"),
        "full_name_required": _("Enter your full name"),
        "password_required": _("Create a password"),
        "password2_required": _("Type the password again"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = self.error_messages["full_name_required"]
        self.fields["password1"].error_messages["required"] = self.error_messages["password_required"]
        self.fields["password2"].error_messages["required"] = self.error_messages["password2_required"]
        self.fields["password1"].help_text = password_rules_hint()

    def clean(self):
        data = super().clean()
        self._require_a_contact()
        password1, password2 = data.get("password1"), data.get("password2")
        # Both problems at once, so nobody fixes one only to be told of the other.
        if password1:
            try:
                password_validation.validate_password(password1, self._unsaved_user())
            except ValidationError as error:
                self.add_error("password1", error)
        if password1 and password2 and password1 != password2:
            self.add_error("password2", ValidationError(self.error_messages["password_mismatch"], code="mismatch"))
        return data

    def _unsaved_user(self):
        data = self.cleaned_data
        return User(email=data.get("email", ""), phone=data.get("phone", ""), first_name=data.get("full_name", ""))

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data.get("email") or "")

    def save(self, next_url=""):
        """The sign-up, waiting for its link; the password kept only as its hash."""
        data = self.cleaned_data
        return PendingSignup.objects.create(
            email=data["email"],
            phone=data["phone"],
            full_name=data["full_name"],
            password=make_password(data["password1"]),
            next_url=next_url[:500],
        )


def create_account(pending, contact):
    """The account a followed sign-up link makes, with the one contact ("email" or "phone") the
    link was sent to, unless another account has taken it meanwhile (then None). The other
    contact given at sign-up is left out: nobody showed it is theirs, and an unchecked address
    must never sign anyone in nor match applications. The username is internal: citizens sign
    in with their email or mobile number; staff accounts made in the admin keep theirs."""
    email = pending.email if contact == "email" and not _email_taken(pending.email) else ""
    phone = pending.phone if contact == "phone" and not _phone_taken(pending.phone) else ""
    if not email and not phone:
        return None
    user = User(username="u" + secrets.token_hex(8), email=email, phone=phone, first_name=pending.full_name)
    user.password = pending.password
    user.save()
    return user


# --- Sign in ---------------------------------------------------------------------------------


class LockoutMixin:
    """Sign-in through the lockout (lockout.py): the citizen page and the admin alike."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            lockout = Lockout(self.request, username)
            refusal = lockout.refusal()
            # While locked, the password is not even checked, so guessing on is pointless.
            if refusal:
                raise ValidationError(refusal, code="throttled")
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                lockout.failed()
                raise self.get_invalid_login_error()
            lockout.succeeded()
            # After the lockout: a citizen with the right password at the admin is no guess.
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class StaffLoginForm(LockoutMixin, AdminAuthenticationForm):
    """The admin's sign-in form (/admin/login/), under the same lockout as citizens."""


class LoginForm(LockoutMixin, auth_forms.AuthenticationForm):
    """Sign in with an email address, a mobile number or (for staff) a username."""

    username = forms.CharField(
        label=_("Email or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "The email or mobile number and password do not match an account. Check them and try again."
        ),
        "inactive": _("This account has been closed. Call the citizen hotline 12345 for help."),
        "username_required": _("Enter your email address or mobile number"),
        "password_required": _("Enter your password"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email or mobile number")
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254
        self.fields["username"].error_messages["required"] = self.error_messages["username_required"]
        self.fields["password"].error_messages["required"] = self.error_messages["password_required"]


# --- Profile ---------------------------------------------------------------------------------


class ProfileForm(RequireContactMixin, forms.ModelForm):
    """The citizen's own details. The ID number is never sent back to the browser: its field
    starts empty, and leaving it empty keeps the number on file.

    A new email address or mobile number is not saved here: it is confirmed first by a link
    sent to it (contact_changes(), PendingContactChange), and whether another account uses it
    is never checked here, so the page cannot tell anyone which addresses have accounts (the
    task that sends the link tells the address's owner instead). Removing one, or keeping it
    (an email in other capitals included), is saved at once."""

    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": MSG_EMAIL_FORMAT},
    )
    phone = MobileField(label=_("Mobile number"), required=False, help_text=_("A mainland mobile number, 11 digits."))
    id_number = forms.CharField(
        label=_("Resident ID number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("18 characters, on the front of your resident identity card."),
    )
    address_district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=_("Not given")
    )

    class Meta:
        model = User
        fields = ["first_name", "id_number", "phone", "email", "address_district", "address_street"]
        labels = {"first_name": _("Full name"), "address_street": _("Street address")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "address_street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As on file: the ModelForm writes what was typed onto the instance while it validates.
        self.current = {"email": self.instance.email, "phone": self.instance.phone}
        self.initial["id_number"] = ""
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = _("Enter your full name")
        self.fields["address_street"].help_text = _("Street, number, building and flat.")
        if self.instance.id_number:
            self.fields["id_number"].help_text = _(
                "The number on file is %(masked)s. Leave this blank to keep the current number."
            ) % {"masked": self.instance.masked_id_number}

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "")
        if not value.strip():
            return self.instance.id_number
        return validate_resident_id(value)

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data.get("email") or "")

    def clean(self):
        data = super().clean()
        self._require_a_contact()
        if not self.has_error("email") and not self.has_error("phone"):
            self._keep_a_way_to_sign_in()
        return data

    def _is_new(self, kind):
        value, current = self.cleaned_data.get(kind) or "", self.current[kind]
        if kind == "email":
            value, current = value.lower(), current.lower()
        return bool(value) and value != current

    def _keep_a_way_to_sign_in(self):
        """Removing one contact while the other is only waiting for its link would leave the
        account with nothing to sign in with."""
        for removed, other, message in (("email", "phone", MSG_KEEP_EMAIL), ("phone", "email", MSG_KEEP_PHONE)):
            removing = self.current[removed] and not self.cleaned_data.get(removed)
            if removing and self._is_new(other) and not self.current[other]:
                self.add_error(removed, ValidationError(message, code="keep_a_contact"))

    def contact_changes(self):
        """[(kind, value)] for each new email address or mobile number, to be confirmed."""
        return [(kind, self.cleaned_data[kind]) for kind in ("email", "phone") if self._is_new(kind)]

    def save(self, commit=True):
        user = super().save(commit=False)
        for kind, _value in self.contact_changes():
            setattr(user, kind, self.current[kind])  # until the link sent to the new one is followed
        if commit:
            user.save()
        return user


# --- Password reset --------------------------------------------------------------------------


def reset_link_days():
    """How many days a password reset link works (PASSWORD_RESET_TIMEOUT, 3 days by default)."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Enter the email address of your account"), "invalid": MSG_EMAIL_FORMAT},
    )

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        """Queue one task for the address typed, account or not (see emails.py); the templates
        the view names are the task's own."""
        from .emails import send_password_reset

        domain = domain_override or get_current_site(request).domain
        protocol = "https" if use_https else "http"
        try:
            send_password_reset.enqueue(self.cleaned_data["email"], get_language(), domain, protocol, reset_link_days())
        except Exception:  # like Django's own send_mail: the page still says the email is on its way
            log.exception("Could not queue a password reset email")


class SetPasswordForm(PasswordRulesHintMixin, auth_forms.SetPasswordForm):
    """Choose a new password from a reset link."""


class PasswordChangeForm(PasswordRulesHintMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # GOV.UK pages do not move focus on load; the error summary does that when there is one.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].label = _("Current password")
