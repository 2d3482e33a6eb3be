from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OpeningHours, ServiceCentre


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "district", "phone")
    list_filter = ("district",)
    list_select_related = ("district",)
    search_fields = ("name_zh", "name_en", "address_zh", "address_en")
    autocomplete_fields = ("district", "services")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (OpeningHoursInline,)
    fieldsets = (
        (None, {"fields": ("name_zh", "name_en", "slug", "district", "order", "phone")}),
        (
            _("Address and access"),
            {
                "fields": (
                    "address_zh",
                    "address_en",
                    "transport_zh",
                    "transport_en",
                    "accessibility_zh",
                    "accessibility_en",
                )
            },
        ),
        (_("Hours"), {"fields": ("hours_note_zh", "hours_note_en")}),
        (_("Services"), {"fields": ("services",)}),
    )
