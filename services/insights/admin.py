"""The back office of ratings: the follow-up queue of a department (officers see only their
department's, like the application queue; supervisors read every department's), a follow-up's
page with the citizen's rating and comment, the application linked, its steps so far and the
steps the officer may take now; the ratings list; and the counter page where a clerk records a
rating given at the counter for a counter or postal application of their centre."""

from django import forms
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from services.applications import access as app_access
from services.applications.models import AccessLog, Application, Status
from services.applications.references import normalise_reference
from services.applications.staff_admin import AssigneeFilter
from services.applications.workdays import calendar_gap_warning

from . import access, followups, ratings
from .forms import RatingForm
from .models import FollowUp, Rating

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A queue's count stops at COUNT_CAP (the application queue's reason: no full COUNT(*))."""

    @cached_property
    def count(self):
        return self.object_list.order_by()[: COUNT_CAP + 1].count()


class LateFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("callback", _("Call-back overdue")),
            ("resolution", _("Resolution overdue")),
            ("today", _("Due today or overdue")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        if value == "overdue":
            return followups.overdue(today, queryset)
        if value == "callback":
            return queryset.filter(status=FollowUp.Status.OPEN, callback_due__lt=today)
        if value == "resolution":
            return queryset.filter(status__in=followups.OPEN_STATUSES, resolution_due__lt=today)
        if value == "today":
            return followups.due_or_overdue(today, queryset)
        return queryset


class FollowUpStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Open or contacted")), *FollowUp.Status.choices]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(status__in=followups.OPEN_STATUSES)
        if self.value() in FollowUp.Status.values:
            return queryset.filter(status=self.value())
        return queryset


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=followups.OUTCOME_MAX,
    )
    internal_note = forms.CharField(
        label=_("Internal note (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("application_reference", "service_name", "score", "status", "callback", "resolution", "assignee")
    list_filter = (FollowUpStatusFilter, LateFilter, AssigneeFilter)
    list_select_related = ("rating__application", "rating__service", "assignee")
    search_fields = ("rating__application__reference",)
    search_help_text = _("A reference number.")
    ordering = ("resolution_due", "id")
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedPaginator

    def get_queryset(self, request):
        return access.follow_ups_for(request.user)

    def changelist_view(self, request, extra_context=None):
        # A due date in a year the working-day calendar does not know (2027 before staff enter
        # it) was counted with weekends only: say so where the dates are read. One query.
        if request.method == "GET":
            due = access.follow_ups_for(request.user).filter(status__in=followups.OPEN_STATUSES)
            latest = due.aggregate(callback=Max("callback_due"), resolution=Max("resolution_due"))
            warning = calendar_gap_warning(latest.values())
            if warning:
                self.message_user(request, warning, messages.WARNING)
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(rating__application__reference=normalise_reference(term)), False

    @admin.display(description=_("application"), ordering="rating__application__reference")
    def application_reference(self, obj):
        return obj.rating.application.reference

    @admin.display(description=_("service"))
    def service_name(self, obj):
        return obj.rating.service.name

    @admin.display(description=_("rating"), ordering="rating__score")
    def score(self, obj):
        return f"{obj.rating.score} – {obj.rating.get_score_display()}"

    @admin.display(description=_("call-back due"), ordering="callback_due")
    def callback(self, obj):
        day = obj.callback_due.isoformat()
        if followups.lateness(obj) == "callback":
            return format_html('<strong class="overdue">{}<br>{}</strong>', day, gettext("Overdue"))
        return day if obj.status == FollowUp.Status.OPEN else format_html('<span class="done">{}</span>', day)

    @admin.display(description=_("resolution due"), ordering="resolution_due")
    def resolution(self, obj):
        day = obj.resolution_due.isoformat()
        if obj.status in followups.OPEN_STATUSES and obj.resolution_due < timezone.localdate():
            return format_html('<strong class="overdue">{}<br>{}</strong>', day, gettext("Overdue"))
        return day

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # steps go through followups.act, on the follow-up's own page

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/act/<str:step>/", wrap(self.step_view), name="insights_followup_act"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404
        return self._page(request, access.follow_up_for_staff(request, int(object_id)))

    def _page(self, request, follow_up, form=None, step=None, status=200):
        follow_up = FollowUp.objects.select_related("rating__application__service", "assignee").get(pk=follow_up.pk)
        app = follow_up.rating.application
        # The page shows the applicant's name and contact details (to call back): logged like
        # every view of an application's personal data.
        AccessLog.objects.create(user=request.user, action=AccessLog.Action.VIEW, application=app)
        steps = followups.allowed_steps(request.user, follow_up)
        forms_by_step = [
            (
                s,
                form
                if step == s.name and form is not None
                else StepForm(initial={"version": follow_up.version}, prefix=s.name),
            )
            for s in steps
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Follow-up of %(ref)s") % {"ref": app.reference},
            "opts": self.model._meta,
            "follow_up": follow_up,
            "rating": follow_up.rating,
            "app": app,
            "may_see_application": app_access.staff_queryset(request.user).filter(pk=app.pk).exists(),
            "events": follow_up.events.select_related("actor"),
            "steps": forms_by_step,
            "lateness": followups.lateness(follow_up),
        }
        return TemplateResponse(request, "admin/insights/followup/page.html", context, status=status)

    def step_view(self, request, pk, step):
        follow_up = access.follow_up_for_staff(request, pk)
        if step not in followups.STEPS or request.method != "POST":
            raise Http404
        form = StepForm(request.POST, prefix=step)
        if not form.is_valid():
            return self._page(request, follow_up, form, step, status=400)
        data = form.cleaned_data
        try:
            done = followups.act(
                follow_up,
                step,
                request.user,
                note=data["note"],
                internal_note=data["internal_note"],
                expected_version=data["version"],
            )
        except followups.FollowUpError as error:
            form.add_error(
                "note" if followups.STEPS[step].note_required and not data["note"].strip() else None, error.message
            )
            return self._page(request, follow_up, form, step, status=400)
        self.log_change(request, done, str(followups.STEPS[step].label))
        self.message_user(request, gettext("Done: %(action)s.") % {"action": followups.STEPS[step].label})
        return redirect("admin:insights_followup_change", done.pk)


class CounterLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=40,
        help_text=_("On the applicant's receipt, for example HP26K7M2X9QDS."),
        error_messages={"required": _("Enter the application's reference number.")},
    )


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("application_reference", "service_name", "score", "source", "created_at", "has_comment")
    list_filter = ("score", "source")
    list_select_related = ("application", "service")
    ordering = ("-created_at", "-id")
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedPaginator
    search_fields = ("application__reference",)
    search_help_text = _("A reference number.")

    def get_queryset(self, request):
        return access.ratings_for(request.user)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(application__reference=normalise_reference(term)), False

    @admin.display(description=_("application"), ordering="application__reference")
    def application_reference(self, obj):
        return obj.application.reference

    @admin.display(description=_("service"))
    def service_name(self, obj):
        return obj.service.name

    @admin.display(description=_("comment"), boolean=True)
    def has_comment(self, obj):
        return bool(obj.comment)

    def has_add_permission(self, request):
        return False  # a clerk records one on the counter page, never a bare form

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("counter/", wrap(self.counter_view), name="insights_rating_counter"),
            path("counter/<str:reference>/", wrap(self.counter_rate_view), name="insights_rating_counter_rate"),
            *super().get_urls(),
        ]

    def _counter_page(self, request, template, status=200, **extra):
        if not app_access.registers_applications(request.user):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Record a rating given at the counter"),
            "opts": self.model._meta,
            **extra,
        }
        return TemplateResponse(request, f"admin/insights/rating/{template}", context, status=status)

    def counter_view(self, request):
        """Find the application by its reference: a counter or postal one of the clerk's centre."""
        form = CounterLookupForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            app = _counter_application(request, form.cleaned_data["reference"])
            if app is None:
                form.add_error(
                    "reference",
                    _("No counter or postal application of your centre has this reference number."),
                )
            else:
                return redirect("admin:insights_rating_counter_rate", app.reference)
        return self._counter_page(request, "counter.html", status=400 if form.errors else 200, form=form)

    def counter_rate_view(self, request, reference):
        app = _counter_application(request, reference)
        if app is None:
            raise Http404
        form = RatingForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                rating = ratings.rate(
                    app,
                    form.cleaned_data["score"],
                    form.cleaned_data["comment"],
                    actor=request.user,
                    source=Rating.Source.COUNTER,
                )
            except ratings.RatingError as error:
                form.add_error(None, error.message)
            else:
                self.log_addition(request, rating, gettext("Recorded at the counter"))
                self.message_user(
                    request, gettext("Rating recorded for %(ref)s.") % {"ref": app.reference}, messages.SUCCESS
                )
                return redirect("admin:insights_rating_counter")
        return self._counter_page(
            request,
            "counter_rate.html",
            status=400 if form.errors else 200,
            app=app,
            form=form,
            may_rate=app.status in app_access.RATEABLE and not app_access.has_rating(app),
        )


def _counter_application(request, reference):
    """A counter or postal application of the clerk's centre by its reference, or None."""
    app = (
        Application.objects.select_related("service", "centre")
        .exclude(status=Status.DRAFT)
        .filter(reference=normalise_reference(reference))
        .first()
    )
    if app is None or not app_access.may_record_rating(request.user, app):
        return None
    return app
