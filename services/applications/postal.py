"""Postal applications, logged by a counter clerk in the admin (ApplicationAdmin.get_urls wraps
these views in admin_site.admin_view).

The clerk chooses the service (one their centre handles and that takes post), then copies the
paper form onto one page: the applicant, the day the letter arrived, every question of the
service's form definition (formengine's page form over all its questions at once, the way
they are printed on the blank form - printform.py) and what was enclosed for each material
(MaterialCheck results). It is sent through lifecycle.act(app, "submit", clerk, now=<the day
received at the start of the office day>): reference, tracking code and deadlines are those
of every application, counted from the day the post arrived.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services.catalogue.models import Channel
from services.lib.forms import DateInput, MobileField

from . import access, definitions, formengine, lifecycle, receipts
from .models import Application, FieldKind, MaterialCheck
from .workdays import today

MAX_DAYS_BACK = 30  # post older than this is not logged here: the department decides what to do
OFFICE_DAY_STARTS = datetime.time(9, 0)  # deadlines count from the received day's opening


def check_received_on(day, now=None):
    """The day a letter arrived: not in the future, not more than MAX_DAYS_BACK days back."""
    now = now or today()
    if day > now:
        raise ValidationError(_("The date received cannot be in the future."), code="future")
    if day < now - datetime.timedelta(days=MAX_DAYS_BACK):
        raise ValidationError(
            _("The date received cannot be more than %(days)d days ago (%(date)s). Ask the department what to do.")
            % {"days": MAX_DAYS_BACK, "date": date_format(now - datetime.timedelta(days=MAX_DAYS_BACK))},
            code="too_old",
        )


def received_at(day):
    """The moment a postal application counts as submitted: the received day's office opening."""
    return timezone.make_aware(datetime.datetime.combine(day, OFFICE_DAY_STARTS))


def postal_services(centre):
    """Services a centre handles that take applications by post."""
    return access.registrable_services(centre, Channel.POST).select_related("department").order_by("name_zh")


class ServiceChoiceForm(forms.Form):
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service applied for"),
        queryset=None,
        empty_label=gettext_lazy("Choose a service"),
        error_messages={
            "required": gettext_lazy("Choose the service the letter applies for."),
            "invalid_choice": gettext_lazy("Choose one of your centre's services that take post."),
        },
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = postal_services(centre)


class PostalApplicantForm(forms.Form):
    """The applicant and the letter, as on the paper form and the envelope."""

    received_on = forms.DateField(
        label=gettext_lazy("Date received"),
        input_formats=formengine.DATE_INPUT_FORMATS,
        widget=DateInput(),
        help_text=gettext_lazy("The day the letter arrived (post mark or in-tray stamp). Deadlines count from it."),
        error_messages={
            "required": gettext_lazy("Enter the date the letter was received."),
            "invalid": gettext_lazy("Enter a real date, for example 2026-03-31."),
        },
        validators=[check_received_on],
    )
    applicant_name = forms.CharField(
        label=gettext_lazy("Applicant's full name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter the applicant's full name.")},
    )
    contact_phone = MobileField(
        label=gettext_lazy("Mobile number for updates"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Enter a mobile number so the department can reach the applicant.")},
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Email address for updates"),
        max_length=254,
        required=False,
        error_messages={"invalid": gettext_lazy("Enter an email address like name@example.com.")},
    )
    postal_address = forms.CharField(
        label=gettext_lazy("Postal address for the reply"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The receipt and any letter go here."),
        error_messages={"required": gettext_lazy("Enter the address to send the receipt to.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of messages to the applicant"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": gettext_lazy("Choose Chinese or English.")},
    )


class EnclosedForm(forms.Form):
    """What the envelope held, one result a material (missing is a result too)."""

    def __init__(self, *args, materials, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = materials
        for material in materials:
            self.fields[f"result-{material.pk}"] = forms.ChoiceField(
                label=material.name,
                choices=[("", _("Choose what was enclosed"))] + list(MaterialCheck.Result.choices),
                error_messages={
                    "required": _("Record what was enclosed for “%(material)s”.") % {"material": material.name}
                },
            )
            self.fields[f"note-{material.pk}"] = forms.CharField(
                label=_("Note on “%(material)s”") % {"material": material.name}, required=False, max_length=300
            )

    def rows(self):
        return [(m, self[f"result-{m.pk}"], self[f"note-{m.pk}"]) for m in self.materials]

    def checks(self):
        return [
            (m, self.cleaned_data[f"result-{m.pk}"], self.cleaned_data[f"note-{m.pk}"].strip()) for m in self.materials
        ]


class _AllQuestions:
    """The whole form definition as one page for formengine.page_form: a letter answers every
    question at once, and a question's condition is then checked like one on the same page."""

    def __init__(self, pages):
        self._fields = [f for p in pages for f in p.fields.all() if f.kind != FieldKind.FILE]
        self.fields = self

    def all(self):
        return self._fields


def _given(pages, data):
    """The answers "About the applicant" gives (name, mobile, email), as the online flow's
    "Who is applying" does: those questions are not asked again."""
    stand_in = Application(
        applicant_name=data.get("applicant_name") or "-",
        contact_phone=data.get("contact_phone") or "-",
        contact_email=data.get("contact_email") or "",
    )
    return formengine.given_on_applicant_page(pages, {}, stand_in)


def _centre_or_404(request):
    centre = access.counter_centre(request.user)
    if centre is None:
        raise Http404
    return centre


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, "opts": Application._meta, **extra}


def choose_service(request):
    """Step 1: which service the letter applies for."""
    centre = _centre_or_404(request)
    form = ServiceChoiceForm(request.GET if "service" in request.GET else None, centre=centre)
    if form.is_bound and form.is_valid():
        return redirect("admin:applications_application_postal_register", form.cleaned_data["service"].pk)
    context = _context(request, _("Log a postal application"), form=form, centre=centre)
    return TemplateResponse(request, "admin/postal/choose.html", context, status=400 if form.errors else 200)


def register(request, service_id):
    """Step 2: the letter copied in, then registered (or every problem listed, nothing lost)."""
    centre = _centre_or_404(request)
    service = postal_services(centre).filter(pk=service_id).first()
    if service is None or not access.may_register(request.user, centre, service, Channel.POST):
        raise Http404  # another centre's service, or one that does not take post
    definition = definitions.for_service(service.pk)
    data = request.POST if request.method == "POST" else None
    applicant = PostalApplicantForm(data, prefix="letter", initial={"language": request.LANGUAGE_CODE})
    applicant_ok = applicant.is_valid() if data is not None else False
    given = _given(definition.pages, applicant.cleaned_data if applicant_ok else {})
    questions = formengine.page_form(_AllQuestions(definition.pages), given, data=data)
    enclosed = EnclosedForm(data, prefix="enclosed", materials=definition.materials)
    if data is not None and applicant_ok and questions.is_valid() and enclosed.is_valid():
        answers = formengine.prune_hidden_answers(definition.pages, {**given, **questions.answers()})
        try:
            app = log_postal_application(
                service=service,
                centre=centre,
                clerk=request.user,
                applicant=applicant.cleaned_data,
                answers=answers,
                form_version=definition.version,
                checks=enclosed.checks(),
            )
        except lifecycle.TransitionError as error:
            messages.error(request, error.message)
        except AlreadyLogged as logged:
            messages.warning(
                request,
                _("This letter was registered a moment ago as %(reference)s: it was not registered twice.")
                % {"reference": logged.application.reference},
            )
            return redirect("admin:applications_application_change", logged.application.pk)
        else:
            admin.site._registry[Application].log_change(request, app, _("Registered a postal application"))
            messages.success(
                request,
                _("Registered %(reference)s. Print the receipt and post it to the applicant.")
                % {"reference": app.reference},
            )
            return redirect("admin:applications_application_change", app.pk)
    forms_ = [applicant, questions, enclosed]
    context = _context(
        request,
        _("Log a postal application: %(service)s") % {"service": service.name},
        service=service,
        centre=centre,
        applicant=applicant,
        questions=questions,
        enclosed=enclosed,
        errors=[e for f in forms_ if f.is_bound for e in _error_links(f)],
        print_url=reverse("applications:print-form", args=[service.slug]),
    )
    return TemplateResponse(request, "admin/postal/register.html", context, status=400 if data else 200)


def _error_links(form):
    """[(id to link to, message)] of a bound form, in field order."""
    links = [("", e) for e in form.non_field_errors()]
    for field in form:
        links += [(field.id_for_label or f"{field.auto_id}_0", e) for e in field.errors]
    return links


class AlreadyLogged(Exception):
    """The same letter was registered by the same clerk a moment ago (a double click)."""

    def __init__(self, application):
        super().__init__(application.reference)
        self.application = application


SAME_LETTER_WITHIN = datetime.timedelta(minutes=10)


def log_postal_application(*, service, centre, clerk, applicant, answers, form_version, checks):
    """Create and submit the application as received on `applicant["received_on"]`, and record
    what was enclosed; all or nothing. AlreadyLogged when this clerk registered the same letter
    (service, applicant, mobile, day received) in the last minutes: a double click on
    "Register" sends it twice, and the clerk's row is locked so that two at once are taken in
    turn and the second finds the first."""
    from services.accounts.models import User

    id_numbers = [v["number"] for v in answers.values() if isinstance(v, dict) and v.get("number")]
    with transaction.atomic():
        list(User.objects.select_for_update().filter(pk=clerk.pk).values_list("pk", flat=True))
        same = Application.objects.filter(
            service=service,
            centre=centre,
            channel=Channel.POST,
            registered_by=clerk,
            received_on=applicant["received_on"],
            applicant_name=applicant["applicant_name"],
            contact_phone=applicant["contact_phone"],
            created_at__gte=timezone.now() - SAME_LETTER_WITHIN,
        ).first()
        if same is not None:
            raise AlreadyLogged(same)
        app = Application.objects.create(
            service=service,
            department=service.department,
            channel=Channel.POST,
            centre=centre,
            registered_by=clerk,
            received_on=applicant["received_on"],
            applicant_name=applicant["applicant_name"],
            contact_phone=applicant["contact_phone"],
            contact_email=applicant["contact_email"],
            language=applicant["language"],
            answers={**answers, "postal_address": applicant["postal_address"]},
            form_version=form_version,
            applicant_id_number=id_numbers[0] if id_numbers else "",
        )
        app = lifecycle.act(app, "submit", clerk, now=received_at(applicant["received_on"]))
        for material, result, note in checks:
            lifecycle.check_material(app, clerk, material, result, note)
    return app


def urls(wrap):
    """The postal pages and the receipt, under the applications' admin URL."""
    return [
        path("postal/", wrap(choose_service), name="applications_application_postal"),
        path("postal/<int:service_id>/", wrap(register), name="applications_application_postal_register"),
        path("<int:pk>/receipt/", wrap(receipts.receipt), name="applications_application_receipt"),
    ]
