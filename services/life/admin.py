"""The digital-life directories in the admin: content editors maintain all four areas and decide
on providers' changes; a provider account keeps its own organisation's entries.

Every list, form, export, history page and object lookup goes through access.py (another
organisation's entry is a 404). A provider's save goes through approvals.propose: routine fields
and opening hours are published at once, the rest waits for an editor in a change request, shown
beside the fields. Providers cannot delete entries: taking an entry off the public directory and
off the catalogue's guides is an editor's decision (a provider who closes a service says so in a
change, or asks an editor), and a deleted entry takes its change-request history with it.
"""

import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from services.catalogue.models import Service
from services.lib.i18n import labelled
from services.lib.spreadsheet import safe_cell

from . import access, approvals
from .models import (
    AREA_MODELS,
    STALE_DAYS,
    CarePlace,
    ChangeRequest,
    Entry,
    Hospital,
    Hours,
    Organisation,
    Resource,
    Specialty,
    Subject,
    Venue,
)


def stale_label():
    return ngettext("Not updated for %(days)d day", "Not updated for %(days)d days", STALE_DAYS) % {"days": STALE_DAYS}


class StaleFilter(admin.SimpleListFilter):
    title = _("last updated")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        days = {"days": STALE_DAYS}
        return [
            ("yes", gettext("More than %(days)d days ago") % days),
            ("no", gettext("Within %(days)d days") % days),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            return queryset.filter(updated_at__gte=timezone.now() - datetime.timedelta(days=STALE_DAYS))
        return queryset


class PendingFilter(admin.SimpleListFilter):
    title = _("change waiting for an editor")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        # Exists straight in the WHERE clause (not the list's "waiting" column): PostgreSQL
        # answers it as a semi/anti join instead of a subquery per row.
        waiting = Exists(ChangeRequest.objects.filter(entry=OuterRef("pk"), status=ChangeRequest.Status.PENDING))
        if self.value() == "yes":
            return queryset.filter(waiting)
        if self.value() == "no":
            return queryset.filter(~waiting)
        return queryset


class HoursInline(admin.TabularInline):
    """Opening hours (for hospitals: hours of online service). Routine: a provider's change is
    published at once."""

    model = Hours
    extra = 0
    fields = ("weekday", "opens", "closes")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Each row carries the values it was shown with: a row nobody touched in this form is
        # not written back over a change made meanwhile (by the provider, or another editor).
        keep_initial(formset.form.base_fields.values())
        return formset


# Cells of the export follow the portal's one rule against CSV injection (services/lib/spreadsheet.py:
# = + - @ tab or CR first gets a ', phone numbers stay readable).
_csv_cell = safe_cell


def _csv_value(entry, model_field):
    """An area field's value as the export writes it: choices by label, related rows by name,
    yes/no, lists joined with "; "."""
    if model_field.many_to_many:
        return "; ".join(str(o) for o in getattr(entry, model_field.name).all())
    value = getattr(entry, model_field.name)
    if value is None:
        return ""
    if model_field.choices:
        return getattr(entry, f"get_{model_field.name}_display")()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def view_on_site(request, content_type_id, object_id):
    """/admin/r/<content type>/<id>/ (the admin's "View on site"): staff only as before
    (portal/urls.py wraps it in admin_view), and a digital-life entry only for those who may
    see it in the admin - anyone else's, published or not, is a 404, like its change page."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is not None and issubclass(model, (Entry, ChangeRequest, Hours)):
        if not str(object_id).isdigit():
            raise Http404
        if issubclass(model, ChangeRequest):
            visible = access.change_requests_for(request.user)
        elif issubclass(model, Hours):
            visible = Hours.objects.filter(entry__in=access.entries_for(request.user))
        else:
            visible = access.entries_for(request.user)
        if not visible.filter(pk=int(object_id)).exists():
            raise Http404
    return shortcut(request, content_type_id, object_id)


class _Quiet:
    """A hidden "initial-" input: no aria-describedby (the field's help text belongs to the
    visible input; a hidden input may not carry aria-* attributes)."""

    def get_context(self, name, value, attrs):
        attrs = {k: v for k, v in (attrs or {}).items() if k != "aria-describedby"}
        return super().get_context(name, value, attrs)


class QuietHiddenInput(_Quiet, forms.HiddenInput):
    pass


class QuietMultipleHiddenInput(_Quiet, forms.MultipleHiddenInput):
    pass


def keep_initial(form_fields):
    """Give each field a hidden "initial-" input with the value it was shown with, so that
    form.changed_data is what this person changed, not what differs from the row now."""
    for form_field in form_fields:
        form_field.show_hidden_initial = True
        multiple = issubclass(form_field.hidden_widget, forms.MultipleHiddenInput)
        form_field.hidden_widget = QuietMultipleHiddenInput if multiple else QuietHiddenInput


class EntryFormMixin:
    """The change form of an entry: every field carries the value it was shown with (a hidden
    "initial-" input), so a save writes only what this person changed (form.changed_data) and
    never puts back a value someone else saved while the form was open. Before saving, the
    changed values are checked against the entry as it is now (someone may have changed
    another field they must fit, e.g. free beds against beds)."""

    life_pending = {}  # a provider's open change request: {field: value kept in the request}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, raw in self.life_pending.items():
            if name in self.fields:
                self.initial[name] = approvals.as_initial(model, name, raw)

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None or self._errors:
            return
        model = self._meta.model
        changed = {}
        model_fields = {f.name: f for f in model._meta.concrete_fields}
        for name in self.changed_data:
            if name in model_fields and name in self.cleaned_data:
                changed[name] = approvals.to_json(model_fields[name], self.cleaned_data[name])
        if not changed:
            return
        now = model.objects.filter(pk=self.instance.pk).first()
        if now is None:
            return
        found = approvals.problems(now, {**self.life_pending, **changed})
        if found:
            self.add_error(
                None,
                ValidationError(
                    gettext(
                        "The entry was changed after you opened it, and your values do not fit it as it is "
                        "now: %(problems)s Reload the page to see its values now; what you typed is kept below."
                    )
                    % {"problems": " ".join(found)},
                    code="changed_meanwhile",
                ),
            )


class EntryAdmin(admin.ModelAdmin):
    """What the four areas' admins share; each adds its own fieldset (`area_fields`)."""

    area_fields = ()
    area_filters = ()
    list_display = ("name_zh", "name_en", "organisation", "district", "published", "updated_at", "stale", "pending")
    list_display_links = ("name_zh", "name_en")
    list_select_related = ("organisation", "district")
    search_fields = ("name_zh", "name_en", "slug")
    ordering = ("name_zh", "pk")
    list_per_page = 50
    inlines = (HoursInline,)
    filter_horizontal = ("services", "life_events")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ("confirm_current", "export_csv")
    change_form_template = "admin/life/entry_change_form.html"
    object_history_template = "admin/life/object_history.html"

    # --- scope ---------------------------------------------------------------------------
    def get_queryset(self, request):
        waiting = ChangeRequest.objects.filter(entry=OuterRef("pk"), status=ChangeRequest.Status.PENDING)
        qs = access.entries_for(request.user, self.model).annotate(waiting=Subquery(waiting.values("pk")[:1]))
        return qs.order_by(*self.get_ordering(request))

    def get_object(self, request, object_id, from_field=None):
        # Another organisation's entry (or none) is a 404, not the admin's "may have been deleted".
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def _providers_area(self, request):
        """For a provider: whether this admin is their organisation's area (where they add
        entries; the other areas' lists are not offered on the index)."""
        organisation = request.user.organisation
        return organisation is not None and AREA_MODELS.get(organisation.area) is self.model

    def has_module_permission(self, request):
        if access.is_provider(request.user) and not self._providers_area(request):
            return False
        return super().has_module_permission(request)

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return access.is_editor(request.user) or (access.is_provider(request.user) and self._providers_area(request))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and access.is_editor(request.user)

    def get_list_filter(self, request):
        filters = ("district", "published", StaleFilter, PendingFilter, *self.area_filters)
        return ("organisation", *filters) if access.is_editor(request.user) else filters

    def get_readonly_fields(self, request, obj=None):
        if access.publishes_at_once(request.user):
            return ("updated_at", "created_at")
        return ("organisation", "published", "updated_at", "created_at")

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ("name_zh", "name_en", "slug", "organisation", "published", "summary_zh", "summary_en")}),
            (_("Contact and place"), {"fields": ("link", "phone", "district", "address_zh", "address_en")}),
            (
                pgettext_lazy("digital life", "Opening hours"),
                {"fields": ("hours_note_zh", "hours_note_en", "holiday_hours")},
            ),
            (self.model._meta.verbose_name, {"fields": self.area_fields}),
            (_("Related services and life events"), {"fields": self.related_fields()}),
            (_("Last updated"), {"fields": ("updated_at", "created_at")}),
        ]

    def related_fields(self):
        return ("services", "life_events")

    # --- columns -------------------------------------------------------------------------
    @admin.display(description=_("up to date"))
    def stale(self, obj):
        return format_html('<strong class="overdue stale">{}</strong>', stale_label()) if obj.is_stale() else "—"

    @admin.display(description=_("change waiting"))
    def pending(self, obj):
        if not obj.waiting:
            return "—"
        url = reverse("admin:life_changerequest_change", args=[obj.waiting])
        return format_html('<a href="{}">{}</a>', url, gettext("Waiting for an editor"))

    # --- the change form -----------------------------------------------------------------
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Only published services are offered (not every draft of every department).
        if db_field.related_model is Service:
            kwargs["queryset"] = Service.objects.filter(published=True).order_by("name_zh")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("form", type("EntryForm", (EntryFormMixin, self.form), {}))
        form = super().get_form(request, obj, change=change, **kwargs)
        pending = {}
        if obj is not None and not access.publishes_at_once(request.user):
            waiting = obj.change_requests.filter(status=ChangeRequest.Status.PENDING).first()
            if waiting is not None:
                pending = {n: v for n, v in waiting.changes.items() if n in form.base_fields}
            for row in approvals.diff(waiting) if waiting else []:
                if row.name in form.base_fields:
                    field = form.base_fields[row.name]
                    note = format_html(
                        '<strong class="due-soon waiting">{}</strong> {} {}',
                        gettext("Waiting for an editor: the value in the field is the one you proposed."),
                        labelled(gettext("Public now"), row.current),
                        gettext("To take this change back, put back the public value and save."),
                    )
                    field.help_text = format_html("{} {}", field.help_text, note) if field.help_text else note
        if obj is not None and "services" in form.base_fields:
            # Published services, and any the entry already links to (kept, not silently dropped).
            form.base_fields["services"].queryset = Service.objects.filter(
                Q(published=True) | Q(pk__in=obj.services.values("pk"))
            ).order_by("name_zh")
        keep_initial(form.base_fields.values())
        form.life_pending = pending
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        if request.method == "GET":
            entry = access.entry_for(request.user, object_id, self.model)
            latest = entry.change_requests.select_related("decided_by").first()
            if latest is not None and latest.status == ChangeRequest.Status.PENDING:
                extra["life_waiting"] = latest
                extra["life_diff"] = approvals.diff(latest)
            elif latest is not None and latest.status == ChangeRequest.Status.REJECTED:
                extra["life_rejected"] = latest
            extra["life_publishes_at_once"] = access.publishes_at_once(request.user)
            extra["life_stale_label"] = stale_label() if entry.is_stale() else ""
        return super().change_view(request, object_id, form_url, extra)

    def save_model(self, request, obj, form, change):
        if access.publishes_at_once(request.user) and change:
            # An editor's save publishes at once - only the fields they changed in this form, so a
            # provider's free beds or fees saved while the form was open are not put back.
            plain = [
                obj._meta.get_field(n).attname
                for n in form.changed_data
                if n in form.cleaned_data and not obj._meta.get_field(n).many_to_many
            ]
            obj.updated_at = timezone.now()
            obj.save(update_fields=[*plain, "updated_at"])
            taken_out = approvals.settle(obj, form.changed_data, request.user)
            if taken_out:
                self.message_user(
                    request,
                    gettext("Taken out of the change waiting for an editor: %(fields)s.")
                    % {"fields": approvals.listed(approvals.in_field_order(type(obj), taken_out), type(obj))},
                    messages.WARNING,
                )
        elif access.publishes_at_once(request.user):
            obj.updated_at = timezone.now()
            super().save_model(request, obj, form, change)
        elif not change:
            # A provider's new entry: theirs, and not public until an editor approves it.
            obj.organisation_id = request.user.organisation_id
            obj.published = False
            obj.updated_at = timezone.now()
            obj.save()
            request.life_new_entry = True
        else:
            # Never obj.save() here: the form's non-routine values must not reach the row.
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            request.life_proposal = approvals.propose(obj, changes, request.user)

    def save_related(self, request, form, formsets, change):
        proposal = getattr(request, "life_proposal", None)
        if proposal is None and change:
            # An editor: only the many-to-many fields changed in this form, then opening hours.
            for name in form.changed_data:
                model_field = form.instance._meta.get_field(name)
                if model_field.many_to_many and name in form.cleaned_data:
                    getattr(form.instance, name).set(form.cleaned_data[name])
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        if proposal is None:
            super().save_related(request, form, formsets, change)
            if getattr(request, "life_new_entry", False):
                approvals.request_publication(form.instance, request.user)
                self.message_user(
                    request, gettext("The new entry is not public yet: it waits for an editor's approval.")
                )
            return
        # The provider's many-to-many changes went into the proposal; opening hours are routine.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        # Say "published" only of rows actually written (a posted row of another entry is not).
        if any(fs.new_objects or fs.changed_objects or fs.deleted_objects for fs in formsets):
            proposal.extra_published.append(pgettext("digital life", "opening hours"))

    def construct_change_message(self, request, form, formsets, add=False):
        proposal = getattr(request, "life_proposal", None)
        return proposal.message() if proposal else super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        proposal = getattr(request, "life_proposal", None)
        if proposal is None:
            return super().response_change(request, obj)
        self.message_user(request, proposal.message(), messages.WARNING if proposal.pending else messages.SUCCESS)
        if "_continue" in request.POST:
            return redirect(request.path)
        return redirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"))

    # --- actions -------------------------------------------------------------------------
    @admin.action(description=_("Confirm still correct"), permissions=["change"])
    def confirm_current(self, request, queryset):
        done = approvals.confirm(queryset, request.user)
        self.message_user(
            request,
            ngettext("%(n)d entry confirmed as still correct.", "%(n)d entries confirmed as still correct.", done)
            % {"n": done},
        )

    @admin.action(description=_("Export the selected entries (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        header = ["slug", "name_zh", "name_en", "organisation", "district", "phone", "address_zh", "address_en"]
        header += ["link", "published", "updated_at", "stale"]
        area = [self.model._meta.get_field(name) for name in self.area_fields]
        header += [f.name for f in area]
        related = [f.name for f in area if f.is_relation and not f.many_to_many]
        many = [f.name for f in area if f.many_to_many]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-{stamp}.csv"'
        response.write("\ufeff")  # BOM: Excel opens UTF-8 Chinese correctly
        writer = csv.writer(response)
        writer.writerow(header)
        for e in queryset.select_related("organisation", "district", *related).prefetch_related(*many):
            row = [e.slug, e.name_zh, e.name_en, e.organisation.name_zh, e.district.name_zh if e.district else ""]
            row += [e.phone, e.address_zh, e.address_en, e.link, "yes" if e.published else "no"]
            row += [timezone.localtime(e.updated_at).strftime("%Y-%m-%d"), "yes" if e.is_stale() else "no"]
            row += [_csv_value(e, f) for f in area]
            writer.writerow([_csv_cell(v) for v in row])
        return response


@admin.register(Hospital)
class HospitalAdmin(EntryAdmin):
    area_fields = (
        "grade",
        "specialties",
        "fee_min",
        "fee_max",
        "insurance_online",
        "prescription_delivery",
        "consult_url",
        "consult_phone",
        "consult_how_zh",
        "consult_how_en",
    )
    area_filters = ("grade", "insurance_online")
    filter_horizontal = ("services", "life_events", "specialties")


@admin.register(Resource)
class ResourceAdmin(EntryAdmin):
    area_fields = ("stage", "subject", "format", "language", "free", "price", "captions", "length_minutes", "lessons")
    area_filters = ("stage", "format", "free")
    list_display = (
        "name_zh",
        "name_en",
        "organisation",
        "stage",
        "subject",
        "published",
        "updated_at",
        "stale",
        "pending",
    )
    list_select_related = ("organisation", "district", "subject")


@admin.register(CarePlace)
class CarePlaceAdmin(EntryAdmin):
    area_fields = (
        "kind",
        "fees_zh",
        "fees_en",
        "eligibility_zh",
        "eligibility_en",
        "beds",
        "free_beds",
        "meal_times_zh",
        "meal_times_en",
        "senior_meal_price",
    )
    area_filters = ("kind",)


@admin.register(Venue)
class VenueAdmin(EntryAdmin):
    area_fields = (
        "kind",
        "booking_required",
        "booking_how_zh",
        "booking_how_en",
        "booking_url",
        "virtual_tour_url",
        "ticket_price",
        "ticket_note_zh",
        "ticket_note_en",
        "step_free",
        "wheelchairs",
        "tactile_guide",
        "audio_guide",
        "sign_language",
        "accessibility_note_zh",
        "accessibility_note_en",
    )
    area_filters = ("kind", "booking_required", "step_free")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "area", "phone", "email")
    list_filter = ("area",)
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}

    def has_module_permission(self, request):
        return access.is_editor(request.user) and super().has_module_permission(request)


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "slug", "order")
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "slug", "order")
    search_fields = ("name_zh", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    """Editors: every provider's changes, each with its diff and the approve / reject steps.
    Providers: their own organisation's, read-only, with the reason of a rejection, and
    withdraw while it waits."""

    list_display = ("entry_name", "area", "organisation", "changed_fields", "status", "submitted_by", "submitted_at")
    list_filter = ("status", "entry__area")
    list_select_related = ("entry__organisation", "submitted_by")
    search_fields = ("entry__name_zh", "entry__name_en", "entry__slug")
    ordering = ("-submitted_at", "-pk")
    list_per_page = 50
    actions = None
    object_history_template = "admin/life/object_history.html"

    def get_queryset(self, request):
        return access.change_requests_for(request.user).order_by(*self.get_ordering(request))

    def get_object(self, request, object_id, from_field=None):
        # Another organisation's request (history page too) is a 404, not "may have been deleted".
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def get_list_display(self, request):
        if access.is_editor(request.user):
            return self.list_display
        return [("submitter" if n == "submitted_by" else n) for n in self.list_display]

    @admin.display(description=_("submitted by"))
    def submitter(self, obj):
        return access.person_shown(obj.submitted_by, obj.entry.organisation_id, None)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("entry"), ordering="entry__name_zh")
    def entry_name(self, obj):
        return str(obj.entry)

    @admin.display(description=_("area"), ordering="entry__area")
    def area(self, obj):
        return obj.entry.get_area_display()

    @admin.display(description=_("provider organisation"))
    def organisation(self, obj):
        return str(obj.entry.organisation)

    @admin.display(description=_("fields"))
    def changed_fields(self, obj):
        model = AREA_MODELS[obj.entry.area]
        names = [n for n in approvals.in_field_order(model, obj.changes) if approvals.editable(model, n)]
        return approvals.listed(names, model)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        # approve / reject / withdraw (approvals.STEPS); POST only
        return [
            *[
                path(f"<int:pk>/{step}/", wrap(self.step_view), {"step": step}, name=f"life_changerequest_{step}")
                for step in approvals.STEPS
            ],
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._page(request, access.change_request_for(request.user, object_id))

    def _page(self, request, change, reason_error="", reason="", status=200):
        user = request.user
        waiting = change.status == ChangeRequest.Status.PENDING
        entry_model = AREA_MODELS[change.entry.area]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Change to “%(entry)s”") % {"entry": change.entry},
            "change": change,
            "submitted_by": access.person_shown(change.submitted_by, change.entry.organisation_id, user),
            "decided_by": access.person_shown(change.decided_by, change.entry.organisation_id, user),
            "diff": approvals.diff(change),
            "changed_since": waiting and approvals.changed_since(change),
            "entry_url": reverse(f"admin:life_{entry_model._meta.model_name}_change", args=[change.entry_id]),
            "may_decide": waiting and access.may_decide(user),
            "may_withdraw": waiting and access.may_withdraw(user, change),
            "reason_error": reason_error,
            "reason": reason,
            "opts": self.model._meta,
            "steps": approvals.STEPS,
        }
        return TemplateResponse(request, "admin/life/changerequest/decide.html", context, status=status)

    def step_view(self, request, pk, step):
        change = access.change_request_for(request.user, pk)
        found = approvals.STEPS.get(step)
        if found is None:
            raise Http404
        if request.method != "POST":
            return redirect("admin:life_changerequest_change", change.pk)
        if found.by == approvals.EDITOR and not access.may_decide(request.user):
            raise PermissionDenied
        if found.by == approvals.SUBMITTER and not access.may_withdraw(request.user, change):
            raise PermissionDenied
        reason = request.POST.get("reason", "")[:2000]
        try:
            done = approvals.decide(change, step, request.user, reason=reason)
        except approvals.ApprovalError as error:
            if found.reason_required and not reason.strip():
                return self._page(request, change, reason_error=error.message, reason=reason, status=400)
            self.message_user(request, error.message, messages.ERROR)
            return redirect("admin:life_changerequest_change", change.pk)
        model = AREA_MODELS[done.entry.area]
        text = f"{done.get_status_display()}: {approvals.listed(approvals.in_field_order(model, done.changes), model)}"
        self.log_change(request, done, text)
        self.log_change(request, AREA_MODELS[done.entry.area].objects.get(pk=done.entry_id), text)
        self.message_user(request, text + ".", messages.SUCCESS)
        return redirect("admin:life_changerequest_change", change.pk)
