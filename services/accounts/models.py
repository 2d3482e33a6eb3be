from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A citizen or a member of staff. Staff belong to one department, which scopes what they
    may see and change in the admin."""

    phone = models.CharField(
        _("mobile number"), max_length=20, blank=True, help_text=_("Mainland mobile number, 11 digits.")
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

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def sees_all_departments(self):
        return self.is_superuser
