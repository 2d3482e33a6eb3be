"""The officers' back office in the Django admin: the queue of their department, the
application page with its allowed next steps, assignment, material checks, corrections,
downloads and CSV export - every personal-data view logged."""

import csv
import datetime
import time

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList, ChangeListSearchForm
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from services.accounts.models import User
from services.catalogue.forms import SearchField, searched_text
from services.lib.i18n import labelled
from services.lib.spreadsheet import safe_cell
from services.lib.validators import eleven_digits, normalise_mobile
from services.offline.models import ServiceCentre

from . import access, counter, lifecycle, postal, uploads
from .flow import Flow
from .lifecycle import DUE_SOON_WORKING_DAYS, due_soon_label
from .models import OPEN, AccessLog, Application, MaterialCheck, Status
from .workdays import add_working_days, calendar_gap_warning, today

COUNT_CAP = 10_000
_soon = {"day": None, "limit": None, "at": 0.0}


def due_soon_limit():
    """The last day that counts as "due soon" (DUE_SOON_WORKING_DAYS working days ahead),
    worked out once a minute rather than once per row of the queue."""
    now = time.monotonic()
    day = today()
    if _soon["day"] != day or now - _soon["at"] > 60:
        _soon.update(day=day, limit=add_working_days(day, DUE_SOON_WORKING_DAYS), at=now)
    return _soon["limit"]


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows: a full COUNT(*) over a million applications is what
    makes a changelist slow, and nobody pages past 200 pages."""

    @cached_property
    def count(self):
        # Without the ORDER BY the database counts on an index instead of reading rows.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()


class DueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", due_soon_label()),
            ("waiting", _("Waiting for the applicant")),
        ]

    def queryset(self, request, queryset):
        now = today()
        # `priority` equals `due_on` for every case with a deadline (and is a far-future
        # sentinel otherwise), so filtering on it uses the same index as the queue's order.
        if self.value() == "overdue":
            return queryset.filter(priority__lt=now)
        if self.value() == "soon":
            return queryset.filter(priority__gte=now, priority__lte=due_soon_limit())
        if self.value() == "waiting":
            return queryset.filter(status=Status.INFO_REQUESTED)
        return queryset


class StatusFilter(admin.SimpleListFilter):
    """Statuses a case can have in the queue (drafts never reach staff)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label in Status.choices if value != Status.DRAFT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() in Status.values else queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assigned")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("none", _("Unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset


class ServiceFilter(admin.SimpleListFilter):
    title = _("service")
    parameter_name = "service"

    def lookups(self, request, model_admin):
        from services.catalogue.models import Service

        services = Service.objects.order_by("name_zh")
        if not access.sees_every_department(request.user):
            services = services.filter(department_id=request.user.department_id)
        return [(s.pk, s.name) for s in services.only("pk", "name_zh", "name_en")]

    def queryset(self, request, queryset):
        return queryset.filter(service_id=self.value()) if (self.value() or "").isdigit() else queryset


class CentreFilter(admin.SimpleListFilter):
    """Where a counter or postal application was registered ("none": the online ones). Offers
    the centres that handle the officer's department's services (every centre for those who see
    every department)."""

    title = _("service centre")
    parameter_name = "centre"

    def lookups(self, request, model_admin):
        centres = ServiceCentre.objects.all()
        if not access.sees_every_department(request.user):
            handling = ServiceCentre.services.through.objects.filter(service__department_id=request.user.department_id)
            centres = centres.filter(pk__in=handling.values("servicecentre_id"))
        return [("none", _("None (online)"))] + [(c.pk, c.name) for c in centres.only("pk", "name_zh", "name_en")]

    def queryset(self, request, queryset):
        # Only a centre offered above counts; anything else typed into the address is ignored.
        if self.value() not in {str(value) for value, _label in self.lookup_choices}:
            return queryset
        if self.value() == "none":
            return queryset.filter(centre__isnull=True)
        return queryset.filter(centre_id=int(self.value()))


def received_on(day):
    """The applications received on `day`: submitted that day in the portal's time zone (a postal
    one is submitted as of the day its letter arrived - postal.py - so it counts on that day).
    The queue's "received today" filter and the admin panel's intake count the same way."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return Q(submitted_at__gte=start, submitted_at__lt=start + datetime.timedelta(days=1))


class ReceivedFilter(admin.SimpleListFilter):
    title = _("received")
    parameter_name = "received"

    def lookups(self, request, model_admin):
        return [("today", _("Today"))]

    def queryset(self, request, queryset):
        return queryset.filter(received_on(today())) if self.value() == "today" else queryset


class QueueSearchForm(ChangeListSearchForm):
    """The queue's search read as the public boxes read theirs: control characters as spaces
    (Django's own form refuses a NUL and drops the search), at most MAX_QUERY_LENGTH characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {SEARCH_VAR: SearchField()}


class QueueChangeList(ChangeList):
    search_form_class = QueueSearchForm

    def get_results(self, request):
        super().get_results(request)
        self.capped = self.result_count > COUNT_CAP


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the tracking page and sent by email."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only."),
    )
    items = forms.CharField(
        label=_("Everything the applicant must provide, one item a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell once: list every missing item now."),
    )
    # No default: the officer says how the result went out (a preselected "Issued" would be
    # recorded for results that were collected).
    outcome = forms.ChoiceField(
        label=_("How the result was handed over"),
        required=False,
        choices=[
            ("", _("Choose how")),
            ("issued", _("Issued (sent, or as an e-certificate).")),
            ("collected", _("Collected in person.")),
        ],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        data = super().clean()
        transition = lifecycle.TRANSITIONS.get(self.action)
        if transition and transition.note_required and not (data.get("note") or "").strip():
            self.add_error("note", _("Give the applicant the reason."))
        if self.action == "complete" and not data.get("outcome"):
            self.add_error("outcome", _("Choose how the result was handed over."))
        if self.action == "request_info" and not (data.get("items") or "").strip():
            self.add_error("items", _("List at least one thing the applicant must provide."))
        return data


class CorrectionForm(forms.Form):
    key = forms.ChoiceField(
        label=_("Answer to correct"), error_messages={"required": _("Choose the answer to correct.")}
    )
    value = forms.CharField(label=_("Corrected answer"), max_length=500)
    reason = forms.CharField(label=_("Why"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


def _masked(term):
    """A search term as the access log keeps it: enough for an auditor to tell whose record was
    looked for (with the application, when one matched), not the whole name or number."""
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in term.split())


def _search_kind(term):
    """(what was searched for, how the access log shows it) for the queue's search box."""
    from .references import normalise_reference

    reference = normalise_reference(term)
    mobile = eleven_digits(term)
    if reference.startswith("HP") and len(reference) >= 12:
        return "reference", reference
    if mobile:
        return "mobile", f"{mobile[:3]}****{mobile[-4:]}"
    return "name", _masked(term)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "service_name",
        "applicant_name",
        "channel",
        "centre_name",
        "status",
        "due",
        "assignee",
    )
    list_filter = (StatusFilter, DueFilter, AssigneeFilter, ServiceFilter, "channel", CentreFilter, ReceivedFilter)
    list_select_related = ("service", "assignee", "centre")
    search_fields = ("reference",)  # see get_search_results: exact, indexed lookups only
    search_help_text = _("A reference number, a mobile number, or the applicant's full name.")
    ordering = ("priority", "id")
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedPaginator
    actions = ("assign_to_me", "bulk_accept")

    # --- the queue -----------------------------------------------------------------------
    def get_queryset(self, request):
        return access.staff_queryset(request.user)

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_search_results(self, request, queryset, search_term):
        from .references import normalise_reference

        term = search_term.strip()
        if not term:
            return queryset, False
        kind, shown = _search_kind(term)
        request.queue_search = (kind, shown)  # logged by changelist_view, with the number found
        if kind == "reference":
            return queryset.filter(reference=normalise_reference(term)), False
        if kind == "mobile":
            return queryset.filter(contact_phone=normalise_mobile(term)), False
        return queryset.filter(applicant_name=term), False

    def _log_search(self, request, changelist):
        kind, shown = request.queue_search
        found = changelist.result_count
        labels = {"reference": _("reference number"), "mobile": _("mobile number"), "name": _("applicant's name")}
        detail = ngettext("%(kind)s %(term)s: %(n)d result", "%(kind)s %(term)s: %(n)d results", found) % {
            "kind": labels[kind],
            "term": shown,
            "n": found,
        }
        AccessLog.objects.create(
            user=request.user,
            action=AccessLog.Action.SEARCH,
            application=changelist.result_list[0] if found == 1 else None,
            detail=detail[:300],
        )

    @admin.display(description=_("service"), ordering="service__name_zh")
    def service_name(self, obj):
        return obj.service.name

    @admin.display(description=_("service centre"), ordering="centre__name_zh")
    def centre_name(self, obj):
        return obj.centre.name if obj.centre_id else "—"

    @admin.display(description=_("due"), ordering="priority")
    def due(self, obj):
        if not obj.due_on:
            return "—"
        day = obj.due_on.isoformat()
        if obj.due_on < today():
            return format_html('<strong class="overdue">{}<br>{}</strong>', day, gettext("Overdue"))
        if obj.due_on <= due_soon_limit():
            return format_html('<span class="due-soon">{}<br>{}</span>', day, gettext("Due soon"))
        return day

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- bulk actions ------------------------------------------------------------------
    @admin.action(description=_("Assign to me"), permissions=["process"])
    def assign_to_me(self, request, queryset):
        done = 0
        for app in queryset:
            try:
                lifecycle.assign(app, request.user, request.user)
                done += 1
            except lifecycle.TransitionError as error:
                self.message_user(request, labelled(app.reference, error.message), messages.WARNING)
        self.message_user(request, gettext("%(n)d applications assigned to you.") % {"n": done})

    @admin.action(description=_("Accept the selected applications"), permissions=["process"])
    def bulk_accept(self, request, queryset):
        done = 0
        for app in queryset:
            try:
                lifecycle.act(app, "accept", request.user)
                self.log_change(request, app, gettext("Accepted"))
                done += 1
            except lifecycle.TransitionError as error:
                self.message_user(request, labelled(app.reference, error.message), messages.WARNING)
        self.message_user(request, gettext("%(n)d applications accepted.") % {"n": done})

    def has_process_permission(self, request):
        return access.processes_applications(request.user)

    # --- the application page ----------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="applications_application_export"),
            path("<int:pk>/act/<str:action>/", wrap(self.transition_view), name="applications_application_act"),
            path("<int:pk>/assign/", wrap(self.assign_view), name="applications_application_assign"),
            path("<int:pk>/check/", wrap(self.check_view), name="applications_application_check"),
            path("<int:pk>/correct/", wrap(self.correct_view), name="applications_application_correct"),
            path("<int:pk>/files/<int:attachment_id>/", wrap(self.download_view), name="applications_application_file"),
            *postal.urls(wrap),  # postal applications and the receipt (postal.py, receipts.py)
            *counter_urls(wrap),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404
        app = access.application_for_staff(request, int(object_id))
        return self._case_page(request, app)

    def _case_page(self, request, app, check_error=None):
        """The application page; `check_error` (material id, message, note typed) re-shows a
        material check that was sent without a result, with what was typed."""
        AccessLog.objects.create(user=request.user, action=AccessLog.Action.VIEW, application=app)
        flow = Flow(app)
        checks = {c.material_id: c for c in app.material_checks.select_related("checked_by")}
        colleagues = User.objects.filter(department_id=app.department_id, is_staff=True, is_active=True)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{app.reference} – {app.service.name}",
            "app": app,
            "opts": self.model._meta,
            "summary": flow.summary(),
            "material_rows": [(m, files, ecert, checks.get(m.pk)) for m, files, ecert in flow.material_rows()],
            "other_files": [a for a in app.attachments.all() if a.field_key.startswith("info-")],
            "events": app.events.select_related("actor", "info_request"),
            "info_requests": app.info_requests.all(),
            "actions": lifecycle.allowed_actions(request.user, app),
            "may_process": access.may_process(request.user, app),
            "may_check": access.may_check_materials(request.user, app),
            "check_results": MaterialCheck.Result.choices,
            "colleagues": colleagues.only("pk", "username", "first_name", "last_name"),
            "overdue": app.due_on is not None and app.due_on < today(),
            "check_error": check_error,
        }
        status = 400 if check_error else 200
        return TemplateResponse(request, "admin/applications/application/process.html", context, status=status)

    def _back(self, app):
        return redirect("admin:applications_application_change", app.pk)

    def _refuse(self, request, app, message):
        """A step this user may not take is refused before its form is shown, not only when sent."""
        self.message_user(request, message, messages.ERROR)
        return self._back(app)

    def transition_view(self, request, pk, action):
        app = access.application_for_staff(request, pk)
        transition = lifecycle.TRANSITIONS.get(action)
        if transition is None or transition.by != lifecycle.STAFF:
            raise Http404
        try:
            # A sent form is checked in full by the lifecycle (a stale version is told as such);
            # its form is not shown to someone who may not take the step now.
            if request.method != "POST" or not access.may_process(request.user, app):
                lifecycle.check_allowed(app, action, request.user)
        except lifecycle.TransitionError as error:
            return self._refuse(request, app, error.message)
        form = TransitionForm(
            request.POST if request.method == "POST" else None, initial={"version": app.version}, action=action
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                self._run(request, app, action, data)
            except lifecycle.TransitionError as error:
                self.message_user(request, error.message, messages.ERROR)
                return self._back(app)
            self.log_change(request, app, str(transition.label))
            self.message_user(request, gettext("Done: %(action)s.") % {"action": transition.label})
            return self._back(app)
        context = {
            **self.admin_site.each_context(request),
            "title": transition.label,
            "app": app,
            "form": form,
            "transition": transition,
            "opts": self.model._meta,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/applications/application/transition.html", context, status=status)

    def _run(self, request, app, action, data):
        args = {"note": data["note"], "internal_note": data["internal_note"], "expected_version": data["version"]}
        if action == "request_info":
            args["items"] = data["items"].splitlines()
        if action == "complete" and data.get("outcome"):
            # The note is read by the applicant: write the outcome in their language.
            with translation.override(app.language or settings.LANGUAGE_CODE):
                outcome = str(dict(TransitionForm.base_fields["outcome"].choices)[data["outcome"]])
            args["note"] = f"{outcome} {args['note']}".strip()
        return lifecycle.act(app, action, request.user, **args)

    def assign_view(self, request, pk):
        app = access.application_for_staff(request, pk)
        if request.method != "POST":
            return self._back(app)
        choice = request.POST.get("assignee", "")
        assignee = (
            request.user if choice == "me" else User.objects.filter(pk=choice).first() if choice.isdigit() else None
        )
        try:
            lifecycle.assign(app, request.user, assignee)
            self.log_change(request, app, gettext("Assigned"))
            self.message_user(request, gettext("Assignment saved."))
        except lifecycle.TransitionError as error:
            self.message_user(request, error.message, messages.ERROR)
        return self._back(app)

    def check_view(self, request, pk):
        app = access.application_for_staff(request, pk)
        if request.method != "POST":
            return self._back(app)
        if not access.may_check_materials(request.user, app):
            return self._refuse(request, app, gettext("You may not check materials of this department."))
        material_id = request.POST.get("material", "")
        material = app.service.materials.filter(pk=material_id).first() if material_id.isdigit() else None
        if material is None:
            return self._refuse(request, app, gettext("That material is not one of this service's."))
        result = request.POST.get("result", "")
        note = request.POST.get("note", "")[:300]
        if result not in MaterialCheck.Result.values:
            # No default result: a check is recorded only when someone chose what they saw.
            message = gettext("Choose the result of the check of “%(material)s”.") % {"material": material.name}
            return self._case_page(
                request, app, check_error={"material": material.pk, "message": message, "note": note}
            )
        try:
            lifecycle.check_material(app, request.user, material, result, note)
            self.log_change(request, app, gettext("Material checked"))
        except lifecycle.TransitionError as error:
            self.message_user(request, error.message, messages.ERROR)
        return self._back(app)

    def correct_view(self, request, pk):
        app = access.application_for_staff(request, pk)
        if not access.may_process(request.user, app):
            return self._refuse(request, app, gettext("You may not process applications of this department."))
        keys = [("", gettext("Choose an answer"))]
        keys += [(f.key, f"{f.label} ({f.key})") for p in Flow(app).pages for f in p.fields.all()]
        form = CorrectionForm(request.POST if request.method == "POST" else None)
        form.fields["key"].choices = keys
        if request.method == "POST" and form.is_valid():
            try:
                lifecycle.correct_answer(
                    app, request.user, form.cleaned_data["key"], form.cleaned_data["value"], form.cleaned_data["reason"]
                )
                self.log_change(request, app, gettext("Answer corrected"))
                self.message_user(request, gettext("The correction is recorded."))
                return self._back(app)
            except lifecycle.TransitionError as error:
                form.add_error(None, error.message)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Correct an answer"),
            "app": app,
            "form": form,
            "opts": self.model._meta,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/applications/application/correct.html", context, status=status)

    def download_view(self, request, pk, attachment_id):
        item = access.attachment_for_staff(request, pk, attachment_id)
        AccessLog.objects.create(
            user=request.user,
            action=AccessLog.Action.DOWNLOAD,
            application_id=pk,
            detail=f"{item.download_name} ({item.original_name})"[:300],
        )
        return uploads.serve(item)  # checked type, our own name, attachment, nosniff

    # --- export ------------------------------------------------------------------------
    def export_view(self, request):
        """The filtered queue as CSV, streamed in chunks so a million rows never sit in memory."""
        if not access.may_export(request.user):
            raise Http404
        changelist = self.get_changelist_instance(request)
        qs = changelist.get_queryset(request).values_list(
            "reference",
            "service__name_zh",
            "service__name_en",
            "applicant_name",
            "channel",
            "status",
            "submitted_at",
            "due_on",
            "assignee__username",
            "centre__name_zh",
            "centre__name_en",
        )
        params = request.GET.copy()
        if searched_text(params.get("q")):  # the search as the access log keeps it (see _search_kind)
            params["q"] = _search_kind(searched_text(params["q"]))[1]
        AccessLog.objects.create(user=request.user, action=AccessLog.Action.EXPORT, detail=params.urlencode()[:300])
        header = [
            "reference",
            "service_zh",
            "service_en",
            "applicant",
            "channel",
            "status",
            "submitted",
            "due",
            "assignee",
            "centre_zh",
            "centre_en",
        ]

        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo())

        def rows():
            yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens UTF-8 Chinese correctly
            for row in qs.iterator(chunk_size=2000):
                yield writer.writerow([_csv_value(v) for v in row])

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
        return response

    def changelist_view(self, request, extra_context=None):
        extra = {"export_url": reverse("admin:applications_application_export") + "?" + request.GET.urlencode()}
        if access.counter_centre(request.user):  # a clerk's way to their counter pages
            extra["counter_url"] = reverse("admin:applications_application_counter")
        if request.method == "GET":
            # A deadline in a year the working-day calendar does not know was counted with
            # weekends only (workdays.calendar_gap_warning). One query.
            due = self.get_queryset(request).filter(status__in=OPEN)
            latest = due.aggregate(acceptance=Max("acceptance_due"), decision=Max("decision_due"))
            warning = calendar_gap_warning(latest.values())
            if warning:
                self.message_user(request, warning, messages.WARNING)
        response = super().changelist_view(request, {**(extra_context or {}), **extra})
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and getattr(request, "queue_search", None):
            self._log_search(request, changelist)  # who searched for whom, and when
        return response


def counter_urls(wrap):
    """The counter's pages (counter.py), under the applications' admin URL."""
    name = "applications_application_counter"
    return [
        path("counter/", wrap(counter.today), name=name),
        path("counter/walk-in/", wrap(counter.start_walk_in), name=f"{name}_walk_in"),
        path("counter/draft/", wrap(counter.open_draft), name=f"{name}_draft"),
        path("counter/bookings/<int:booking_id>/check-in/", wrap(counter.check_in), name=f"{name}_check_in"),
        path("counter/bookings/<int:booking_id>/no-show/", wrap(counter.no_show), name=f"{name}_no_show"),
        path("counter/bookings/<int:booking_id>/start/", wrap(counter.start_from_booking), name=f"{name}_start"),
        path("counter/<int:pk>/applicant/", wrap(counter.applicant), name=f"{name}_applicant"),
        path("counter/<int:pk>/page/<int:number>/", wrap(counter.question_page), name=f"{name}_page"),
        path("counter/<int:pk>/materials/", wrap(counter.materials), name=f"{name}_materials"),
        path("counter/<int:pk>/check/", wrap(counter.check), name=f"{name}_check"),
        path("counter/<int:pk>/registered/", wrap(counter.done), name=f"{name}_done"),
    ]


def _csv_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    # Never let a cell start a spreadsheet formula (CSV injection): the portal's one rule.
    return safe_cell(value)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Who viewed, downloaded or exported personal data. Supervisors only; never edited."""

    list_display = ("at", "user", "action", "application", "detail")
    list_filter = ("action",)
    list_select_related = ("user", "application")
    search_fields = ("=application__reference", "=user__username")
    date_hierarchy = "at"
    show_full_result_count = False
    paginator = CappedPaginator

    def has_module_permission(self, request):
        return access.may_read_access_log(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
