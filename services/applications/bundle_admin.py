"""Bundles in the admin: a supervisor or a service designer defines one for a life event as an
ordered list of services offered online (they see every bundle and every service); a department
admin reads the bundles that include their services, and sees only their own services in them."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .bundles import plan, savings
from .models import Bundle, BundlePart


def designs_bundles(user):
    """Supervisors and service designers (and superusers) define bundles for every department."""
    return user.is_superuser or user.has_perm("applications.change_bundle")


class BundlePartFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            f.cleaned_data
            for f in self.forms
            if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("service")
        ]
        for data in kept:
            service = data["service"]
            if not service.offers_online:
                raise forms.ValidationError(
                    _(
                        "%(service)s is not offered online: a bundle is applied for online, "
                        "so every service in it must be."
                    )
                    % {"service": service.name}
                )
        if self.instance.published and len(kept) < 2:
            raise forms.ValidationError(_("A published bundle needs at least two services."))


class BundlePartInline(admin.TabularInline):
    model = BundlePart
    formset = BundlePartFormSet
    extra = 0
    fields = ("order", "service")
    ordering = ("order", "pk")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A plain list of the services offered online, every department's: the service admin's
        # own search would show a designer (who belongs to no department) none of them.
        if db_field.name == "service":
            from services.catalogue.models import Service

            kwargs["queryset"] = (
                Service.objects.filter(offers_online=True)
                .select_related("department")
                .order_by("department", "name_zh")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("service")
        if designs_bundles(request.user):
            return qs
        return qs.filter(service__department_id=request.user.department_id)


@admin.register(Bundle)
class BundleAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "life_event", "part_count", "published")
    list_filter = ("published", "life_event")
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("what_it_saves",)
    inlines = (BundlePartInline,)
    fieldsets = (
        (None, {"fields": ("slug", "life_event", "published")}),
        (_("Chinese"), {"fields": ("name_zh", "summary_zh")}),
        (_("English"), {"fields": ("name_en", "summary_en")}),
        (_("What it saves"), {"fields": ("what_it_saves",)}),
    )

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("life_event").annotate(part_total=Count("parts"))
        if designs_bundles(request.user):
            return qs
        if request.user.department_id is None:
            return qs.none()
        return qs.filter(parts__service__department_id=request.user.department_id).distinct()

    @admin.display(description=_("services"), ordering="part_total")
    def part_count(self, bundle):
        return bundle.part_total

    @admin.display(description=_("what applying together saves"))
    def what_it_saves(self, bundle):
        if bundle.pk is None:
            return "-"
        found = savings(plan(bundle))
        return _(
            "Questions: %(q1)d one by one, %(q2)d together. Documents: %(d1)d, %(d2)d. "
            "Visits (from the centres handling each service): %(v1)d, %(v2)d."
        ) % {
            "q1": found.questions_separately,
            "q2": found.questions_together,
            "d1": found.documents_separately,
            "d2": found.documents_together,
            "v1": found.visits_separately,
            "v2": found.visits_together,
        }
