from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Portal"), {"fields": ("phone", "department", "organisation")}),)
    list_display = ("username", "email", "first_name", "last_name", "department", "is_staff")
    list_filter = BaseUserAdmin.list_filter + ("department",)
    list_select_related = ("department",)
    autocomplete_fields = ("department", "organisation")
