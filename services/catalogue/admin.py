from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import FAQ, Department, District, LifeEvent, Material, Service


class DepartmentScopedAdmin(admin.ModelAdmin):
    """Staff outside the superuser see and change only their own department's records.
    `department_path` is the lookup from the model to its department."""

    department_path = "department"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.sees_all_departments():
            return qs
        if request.user.department_id is None:
            return qs.none()
        return qs.filter(**{self.department_path: request.user.department_id})


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "slug", "order")
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "phone", "order")
    search_fields = ("code", "name_zh", "name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("code", "slug", "order")}),
        (_("Chinese"), {"fields": ("name_zh", "description_zh", "address_zh", "complaint_channel_zh")}),
        (_("English"), {"fields": ("name_en", "description_en", "address_en", "complaint_channel_en")}),
        (_("Contact"), {"fields": ("phone", "email")}),
    )


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "audience", "order")
    list_filter = ("audience",)
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class MaterialInline(admin.StackedInline):
    model = Material
    extra = 0
    fields = (
        ("name_zh", "name_en"),
        ("description_zh", "description_en"),
        ("form", "copies", "required", "e_certificate"),
        ("accepted_file_types", "order"),
    )


class FAQInline(admin.StackedInline):
    model = FAQ
    extra = 0
    fields = (("question_zh", "question_en"), ("answer_zh", "answer_en"), "order")


@admin.register(Service)
class ServiceAdmin(DepartmentScopedAdmin):
    list_display = (
        "name_zh",
        "name_en",
        "department",
        "audience",
        "offers_online",
        "offers_counter",
        "offers_post",
        "promised_limit_days",
        "published",
        "popularity",
    )
    list_filter = (
        "published",
        "audience",
        "offers_online",
        "offers_counter",
        "offers_post",
        "department",
        "life_events",
    )
    list_select_related = ("department",)
    search_fields = ("name_zh", "name_en", "slug", "code", "keywords_zh", "keywords_en")
    autocomplete_fields = ("department", "life_events")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("updated_at",)
    list_per_page = 50
    show_full_result_count = False
    inlines = (MaterialInline, FAQInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name_zh",
                    "name_en",
                    "slug",
                    "code",
                    "department",
                    "audience",
                    "life_events",
                    "published",
                    "popularity",
                )
            },
        ),
        (
            _("Summary and search"),
            {"fields": ("summary_zh", "summary_en", "keywords_zh", "keywords_en", "synonyms_zh", "synonyms_en")},
        ),
        (
            _("Channels and time limits"),
            {
                "fields": (
                    ("offers_online", "offers_counter", "offers_post"),
                    "counter_visits",
                    "statutory_limit_days",
                    "promised_limit_days",
                )
            },
        ),
        (_("Guide (Chinese)"), {"fields": ("eligibility_zh", "conditions_zh", "steps_zh", "fee_zh", "legal_basis_zh")}),
        (
            _("Guide (English)"),
            {
                "fields": ("eligibility_en", "conditions_en", "steps_en", "fee_en", "legal_basis_en"),
                "classes": ("collapse",),
            },
        ),
        (None, {"fields": ("updated_at",)}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not request.user.sees_all_departments():
            kwargs["queryset"] = Department.objects.filter(pk=request.user.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Belt and braces: a department admin can only ever save into their own department.
        if not request.user.sees_all_departments():
            obj.department_id = request.user.department_id
        super().save_model(request, obj, form, change)


@admin.register(Material)
class MaterialAdmin(DepartmentScopedAdmin):
    department_path = "service__department"
    list_display = ("name_zh", "name_en", "service", "form", "required", "e_certificate")
    list_select_related = ("service",)
    search_fields = ("name_zh", "name_en", "service__name_zh", "service__name_en")
    autocomplete_fields = ("service",)
