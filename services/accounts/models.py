from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A citizen or a member of staff. Staff belong to one department, which scopes what they
    may see and change in the admin."""

    phone = models.CharField(
        _("mobile number"), max_length=20, blank=True, help_text=_("Mainland mobile number, 11 digits.")
    )
    id_number = models.CharField(
        _("ID number"),
        max_length=30,
        blank=True,
        help_text=_("Resident identity card number (18 characters) or passport number. Shown masked."),
    )
    address_district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("District of the home address."),
    )
    address_street = models.CharField(
        _("street address"), max_length=200, blank=True, help_text=_("Street, number, building and flat.")
    )
    department = models.ForeignKey(
        "catalogue.Department",
        verbose_name=_("department"),
        help_text=_("For staff: the department whose services and applications they work on."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    centre = models.ForeignKey(
        "offline.ServiceCentre",
        verbose_name=_("service centre"),
        help_text=_("For counter clerks: the centre whose bookings and counter applications they handle."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clerks",
    )
    organisation = models.ForeignKey(
        "life.Organisation",
        verbose_name=_("provider organisation"),
        help_text=_("For provider accounts: the organisation whose digital-life entries they keep up to date."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self):
        """Chinese names are family name first, with no space (张伟); others given name first."""
        first, last = self.first_name.strip(), self.last_name.strip()
        if any("\u4e00" <= char <= "\u9fff" for char in first + last):
            return f"{last}{first}"
        return f"{first} {last}".strip()

    @property
    def masked_id_number(self):
        """The ID number with all but the first and last four characters hidden."""
        value = self.id_number
        if len(value) <= 8:
            return "*" * len(value)
        return value[:4] + "*" * (len(value) - 8) + value[-4:]

    def sees_all_departments(self):
        return self.is_superuser


class PendingSignup(models.Model):
    """A sign-up waiting for its link to be followed. The sign-up page makes one for every
    request, whether or not the email or mobile number already has an account, so the page does
    the same work either way; the task that sends the messages tells the two apart (emails.py).
    The password is kept only as its hash; the row goes when the link is used or expires."""

    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    password = models.CharField(_("password"), max_length=128)
    next_url = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-up waiting for confirmation")
        verbose_name_plural = _("sign-ups waiting for confirmation")

    def __str__(self):
        return self.full_name


class PendingContactChange(models.Model):
    """A new email address or mobile number a signed-in citizen asked for on the profile page,
    waiting for the link sent to it. The profile page says the same whether or not another
    account uses it; the task that sends the link tells the two apart (emails.py). The account
    changes only when the link is followed, by the account that asked; the row goes then, or
    when a newer request of the same kind replaces it, or when it expires."""

    EMAIL, PHONE = "email", "phone"
    KINDS = [(EMAIL, _("email address")), (PHONE, _("mobile number"))]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="contact_changes")
    kind = models.CharField(max_length=5, choices=KINDS)
    value = models.CharField(max_length=254)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change of contact waiting for confirmation")
        verbose_name_plural = _("changes of contact waiting for confirmation")

    def __str__(self):
        return self.value
