from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import querylog, synonyms
from .models import FAQ, Department, District, LifeEvent, Material, SearchQueryDay, Service, Synonym


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


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ("language", "phrase", "official")

    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if not phrase or not synonyms.normalise(phrase):
            raise forms.ValidationError(_("Enter the word or phrase people type."))
        return phrase

    def clean_official(self):
        official = " ".join(self.cleaned_data["official"].split())
        if not official:
            raise forms.ValidationError(_("Enter the official term the catalogue uses."))
        return official

    def clean(self):
        data = super().clean()
        language, phrase, official = data.get("language"), data.get("phrase"), data.get("official")
        if phrase and language:
            if language == Synonym.Language.EN and not synonyms.is_latin(phrase):
                self.add_error(
                    "phrase", _("An English phrase is written in Latin letters. Choose Chinese as the language.")
                )
            if language == Synonym.Language.ZH and synonyms.is_latin(phrase):
                self.add_error("phrase", _("A Chinese phrase has Chinese characters. Choose English as the language."))
        if phrase and official and synonyms.normalise(phrase) == synonyms.normalise(official):
            self.add_error("official", _("The official term is the same as the phrase: the pair would change nothing."))
        elif official and not _in_catalogue(official):
            self.add_error(
                "official",
                _(
                    "No published service has “%(term)s” in its name, keywords, synonyms or summary, so this "
                    "pair would find nothing. Use a term from a service's name or keywords."
                )
                % {"term": official},
            )
        return data


def _in_catalogue(term):
    found = Q()
    for field in ("name", "keywords", "synonyms", "summary"):
        for language in ("zh", "en"):
            found |= Q(**{f"{field}_{language}__icontains": term})
    return Service.objects.published().filter(found).exists()


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Content editors keep the list; a change takes effect on the next search (synonyms.py)."""

    form = SynonymForm
    list_display = ("phrase", "official", "language", "created_at")
    list_filter = ("language",)
    search_fields = ("phrase", "official")
    list_per_page = 100
    show_full_result_count = False

    def get_changeform_initial_data(self, request):
        # "Add a synonym" from the report: the query and its language filled in (?phrase=&language=).
        initial = super().get_changeform_initial_data(request)
        initial["phrase"] = str(initial.get("phrase", ""))[: Synonym._meta.get_field("phrase").max_length]
        if initial.get("language") not in Synonym.Language.values:
            initial.pop("language", None)
        return initial


@admin.register(SearchQueryDay)
class SearchQueryDayAdmin(admin.ModelAdmin):
    """The report of what citizens could not find replaces the list of rows: the most searched
    queries that found nothing in the last 7 and 30 days, each with "Add a synonym"."""

    PERIODS = (7, 30)

    def has_add_permission(self, request):
        return False  # counted by the search page, never typed in

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("forget/", self.admin_site.admin_view(self.forget_view), name="catalogue_searchqueryday_forget"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language")
        if language not in Synonym.Language.values:
            language = None
        periods = []
        for days in self.PERIODS:
            rows, fixed = querylog.zero_result_report(days, language=language)
            periods.append({"days": days, "rows": rows, "fixed": fixed, "totals": querylog.totals(days, language)})
        may_add = request.user.has_perm("catalogue.add_synonym")
        add_url = reverse("admin:catalogue_synonym_add")
        for period in periods:
            for row in period["rows"]:
                row["add_url"] = f"{add_url}?{urlencode({'phrase': row['query'], 'language': row['language']})}"
                row["search_url"] = f"{_search_path(row['language'])}?{urlencode({'q': row['query']})}"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("What citizens could not find"),
            "periods": periods,
            "language": language,
            "languages": Synonym.Language.choices,
            "may_add": may_add,
            "may_forget": self.has_delete_permission(request),
            "limit": querylog.REPORT_ROWS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/catalogue/searchqueryday/report.html", context)

    @method_decorator(require_POST)
    def forget_view(self, request):
        """Remove every count of one query (a name or other personal detail typed into the box
        that the scrubbing could not recognise)."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        language, query = request.POST.get("language", ""), request.POST.get("query", "")
        with transaction.atomic():
            deleted, _counts = SearchQueryDay.objects.filter(language=language, query=query).delete()
        if deleted:
            self.message_user(request, _("The query “%(query)s” was removed from the counts.") % {"query": query})
        else:
            self.message_user(request, _("That query was no longer in the counts."), messages.WARNING)
        return redirect("admin:catalogue_searchqueryday_changelist")


def _search_path(language):
    with translation.override("en" if language == "en" else "zh-hans"):
        return reverse("catalogue:service-list")
