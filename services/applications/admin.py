from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from services.catalogue.admin import DepartmentScopedAdmin

from .models import CalendarDay, FormField, FormPage


class FormFieldInline(admin.StackedInline):
    model = FormField
    extra = 0
    autocomplete_fields = ("material",)
    fields = (
        ("key", "kind", "required", "order"),
        ("label_zh", "label_en"),
        ("hint_zh", "hint_en"),
        ("min_length", "max_length"),
        ("min_value", "max_value"),
        ("min_date", "max_date", "date_rule"),
        "choices",
        ("material", "accepted_file_types", "max_file_mb"),
        ("condition_key", "condition_value"),
    )


@admin.register(FormPage)
class FormPageAdmin(DepartmentScopedAdmin):
    """A department admin defines each service's questions here, page by page, without code."""

    department_path = "service__department"
    list_display = ("service", "order", "title_zh", "title_en")
    list_select_related = ("service",)
    list_filter = ("service__department",)
    search_fields = ("service__name_zh", "service__name_en", "title_zh", "title_en")
    autocomplete_fields = ("service",)
    inlines = (FormFieldInline,)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "service" and not request.user.sees_all_departments():
            from services.catalogue.models import Service

            kwargs["queryset"] = Service.objects.filter(department_id=request.user.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


from .bundle_admin import BundleAdmin  # noqa: E402,F401  (registers bundles)
from .staff_admin import AccessLogAdmin, ApplicationAdmin  # noqa: E402,F401  (registers the queue)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Public holidays and make-up working days; consulted before the chinese-calendar package,
    so the State Council's calendar for next year can be entered as soon as it is published."""

    list_display = ("date", "kind", "name_zh", "name_en")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name_zh", "name_en")
    fieldsets = ((None, {"fields": ("date", "kind", "name_zh", "name_en")}),)
    verbose_name = _("calendar day")
