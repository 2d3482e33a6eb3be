"""The counter: a clerk of a service centre registers applications with the applicant in front
of them, in the admin (ApplicationAdmin.get_urls wraps these views in admin_site.admin_view).

- "Today at the counter": the centre's bookings of the day, with check-in and "did not come"
  (services.offline.bookings), a walk-in start, and an online draft opened by its draft code
  plus the citizen's mobile number (never by the code alone; wrong pairs count towards the
  shared throttle).
- The application is filled in with the SAME form definition as online: the question pages are
  formengine's page forms and the Flow's pages; the answers are stored by Flow.store_page; the
  documents are not uploaded but checked against the originals (lifecycle.check_material).
- It is sent through lifecycle.act(app, "submit", clerk): the lifecycle checks the clerk may
  submit for the applicant (access.may_submit_for), records the clerk and joins the applicant's
  verified account (access.matching_account). Reference, tracking code, deadlines and the
  applicant's email or text message are those of every application.

Every lookup goes through access.py: another centre's booking or application is a 404.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from services.catalogue.models import Channel
from services.lib.forms import MobileField
from services.lib.throttle import Rule, Throttle, minutes
from services.lib.validators import ID_DOCUMENT_TYPES, mobile_or_none, validate_id_document
from services.offline.models import Booking

from . import access, formengine, lifecycle
from .flow import Flow
from .models import Application, FieldKind, MaterialCheck, Status
from .references import ALPHABET, SUBSTITUTIONS, check_character, squeeze

# --- draft codes ------------------------------------------------------------------------------
# Eight characters of Crockford's base-32 alphabet (no I, L, O or U), the last a check
# character: read aloud at a counter without mix-ups, and a typing mistake is caught before
# anything is looked up. Shown as two groups of four (K7M2-X9QD).
DRAFT_CODE_RANDOM = 7
DRAFT_CODE_LENGTH = DRAFT_CODE_RANDOM + 1


def _new_draft_code():
    body = "".join(secrets.choice(ALPHABET) for _ in range(DRAFT_CODE_RANDOM))
    return body + check_character(body)


def normalise_draft_code(text):
    """The code as typed (any case, spaces, dashes, O for 0, I/L for 1), or "" when it cannot
    be a draft code."""
    value = squeeze(text, limit=40).translate(SUBSTITUTIONS)
    if len(value) != DRAFT_CODE_LENGTH or any(c not in ALPHABET for c in value):
        return ""
    return value if check_character(value[:-1]) == value[-1] else ""


def show_draft_code(code):
    return f"{code[:4]}-{code[4:]}" if code else ""


def draft_code_for(app):
    """A signed-in citizen's online draft's code, made the first time it is shown. Guests'
    drafts have none (a guest continues from the emailed link)."""
    if app.draft_code or app.owner_id is None or app.status != Status.DRAFT:
        return app.draft_code
    for _attempt in range(5):
        code = _new_draft_code()
        try:
            with transaction.atomic():
                Application.objects.filter(pk=app.pk, draft_code__isnull=True).update(draft_code=code)
        except IntegrityError:  # another draft holds it: draw again
            continue
        app.draft_code = Application.objects.filter(pk=app.pk).values_list("draft_code", flat=True).first()
        return app.draft_code
    return None


def give_draft_codes(drafts):
    """draft_code_for on each draft of a list (My applications); most already have one."""
    for app in drafts:
        draft_code_for(app)
    return drafts


def draft_code_throttle(request):
    """Wrong code-and-mobile pairs a clerk's account may send in an hour."""
    return Throttle(Rule("draft-code", settings.DRAFT_CODE_ATTEMPTS_PER_HOUR, 3600), request.user.pk)


# --- forms ---------------------------------------------------------------------------------------


class WalkInForm(forms.Form):
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"),
        queryset=None,
        empty_label=gettext_lazy("Choose a service"),
        error_messages={
            "required": gettext_lazy("Choose the service the applicant is applying for."),
            "invalid_choice": gettext_lazy("Choose one of the services your centre handles."),
        },
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = access.registrable_services(centre, Channel.COUNTER).order_by("name_zh")
        self.fields["service"].widget.attrs["id"] = "id_service"


class DraftCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Draft code"),
        max_length=40,
        help_text=gettext_lazy("8 characters, shown on the citizen's draft, for example K7M2-X9QD."),
        error_messages={"required": gettext_lazy("Enter the draft code the citizen gives you.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    phone = MobileField(
        label=gettext_lazy("The citizen's mobile number"),
        error_messages={
            "required": gettext_lazy("Enter the citizen's mobile number: a draft code alone opens nothing.")
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def clean_code(self):
        code = normalise_draft_code(self.cleaned_data["code"])
        if not code:
            raise ValidationError(
                _("A draft code has 8 letters and digits, for example K7M2-X9QD. Check it with the citizen."),
                code="malformed",
            )
        return code


class CounterApplicantForm(forms.Form):
    """The applicant at the counter: as on their identity document, which the clerk sees."""

    applicant_name = forms.CharField(
        label=gettext_lazy("Applicant's full name"),
        max_length=100,
        help_text=gettext_lazy("As on their identity document."),
        error_messages={"required": gettext_lazy("Enter the applicant's full name.")},
    )
    id_type = forms.ChoiceField(
        label=gettext_lazy("Type of identity document"),
        choices=ID_DOCUMENT_TYPES,
        # Radio buttons: a required select would open on its first real choice (not valid HTML,
        # and a clerk might leave it unread).
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose the type of identity document from the list.")},
    )
    id_number = forms.CharField(
        label=gettext_lazy("Identity document number"),
        max_length=30,
        help_text=gettext_lazy("Read from the original document."),
        error_messages={"required": gettext_lazy("Enter the number of the applicant's identity document.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact_phone = MobileField(
        label=gettext_lazy("Mobile number for updates"),
        help_text=gettext_lazy("For example 13812345678. Updates go by text message when there is no email."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Enter a mobile number so the department can reach the applicant.")},
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Email address for updates"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": gettext_lazy("Enter an email address like name@example.com.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of messages to the applicant"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose Chinese or English.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("id_type") and data.get("id_number"):
            try:
                data["id_number"] = validate_id_document(data["id_type"], data["id_number"])
            except ValidationError as error:
                self.add_error("id_number", error)
        return data


# --- helpers -----------------------------------------------------------------------------------


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, "opts": Application._meta, **extra}


def _page(request, template, context, status=200):
    return TemplateResponse(request, f"admin/counter/{template}", context, status=status)


def _centre_or_404(request):
    """The clerk's centre; 404 for staff who work at no counter."""
    centre = access.counter_centre(request.user)
    if centre is None:
        raise Http404
    return centre


def _today_url():
    return reverse("admin:applications_application_counter")


def _step_url(app, step):
    if step == "applicant":
        return reverse("admin:applications_application_counter_applicant", args=[app.pk])
    if step == "materials":
        return reverse("admin:applications_application_counter_materials", args=[app.pk])
    if step == "check":
        return reverse("admin:applications_application_counter_check", args=[app.pk])
    return reverse("admin:applications_application_counter_page", args=[app.pk, step])


def _steps(flow):
    return ["applicant", *range(1, len(flow.visible_pages()) + 1), "materials", "check"]


def _next_url(flow, step):
    steps = _steps(flow)
    return _step_url(flow.app, steps[min(steps.index(step) + 1, len(steps) - 1)])


def _flow(request, app):
    """The draft's Flow, through the apply flow's own loader (a changed form keeps the answers
    that still apply and says so)."""
    from .views import AlreadySubmitted, _flow_for

    try:
        return _flow_for(request, app.public_id, app)[1]
    except AlreadySubmitted as done:
        raise Http404 from done


def _draft(request, pk):
    app = access.counter_draft_for_clerk(request, pk)
    return app, _flow(request, app)


# --- today at the counter ----------------------------------------------------------------------


COMING_SHOWN = 100  # visits still to come listed on the counter page, soonest first


def today(request, walk_in=None, code_form=None, status=200):
    centre = _centre_or_404(request)
    day = timezone.localdate()
    bookings = (
        access.centre_bookings_for(request.user)
        .filter(centre=centre, starts_at__date=day)
        .select_related("service", "application")
        .order_by("starts_at", "pk")
    )
    # The visits still to come (the booking window is at most 90 days), so the clerk can answer
    # "am I booked?" at the counter or on the phone; shown only, acted on the day itself.
    coming = list(
        access.centre_bookings_for(request.user)
        .filter(centre=centre, status=Booking.Status.BOOKED, starts_at__date__gt=day)
        .select_related("service")
        .order_by("starts_at", "pk")[: COMING_SHOWN + 1]
    )
    drafts = access.counter_drafts_for(request.user).select_related("service").order_by("-updated_at")[:20]
    context = _context(
        request,
        _("Today at the counter"),
        centre=centre,
        day=day,
        bookings=bookings,
        coming=coming[:COMING_SHOWN],
        more_coming=len(coming) > COMING_SHOWN,
        drafts=drafts,
        walk_in=walk_in or WalkInForm(centre=centre),
        code_form=code_form or DraftCodeForm(),
    )
    return _page(request, "today.html", context, status)


@require_POST
def check_in(request, booking_id):
    return _booking_step(request, booking_id, "check_in", _("Checked in: %(name)s."))


@require_POST
def no_show(request, booking_id):
    return _booking_step(request, booking_id, "no_show", _("Marked as not come: %(name)s."))


def _booking_step(request, booking_id, step, done):
    from services.offline import bookings

    booking = access.booking_for_clerk(request, booking_id)
    try:
        getattr(bookings, step)(booking, request.user)
    except bookings.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"name": booking.name})
    return redirect(_today_url())


@require_POST
def start_from_booking(request, booking_id):
    """An application for the booked visit: service, name, mobile and email from the booking.
    A visit still booked is checked in on the way; one that has its application opens it.

    A double click (or two clerks at once) sends this twice: the booking row is locked while
    its application is looked for and made, so the second request waits and then opens the
    application the first one made (a booking has at most one: Application.booking is unique)."""
    from services.offline import bookings

    booking = access.booking_for_clerk(request, booking_id)
    if not access.may_register(request.user, booking.centre, booking.service):
        messages.error(request, _refusal(booking.centre, booking.service))
        return redirect(_today_url())
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("centre", "service").get(pk=booking.pk)
        existing = Application.objects.filter(booking=booking).first()
        if existing is not None:
            return redirect(_open_url(existing))
        if booking.status == bookings.Status.BOOKED:
            try:
                bookings.check_in(booking, request.user)
            except bookings.BookingError as error:
                messages.error(request, error.message)
                return redirect(_today_url())
        elif booking.status != bookings.Status.CHECKED_IN:
            messages.error(request, _("This visit was cancelled or marked as not come: start a walk-in instead."))
            return redirect(_today_url())
        try:
            with transaction.atomic():
                app = _new_draft(
                    request,
                    booking.service,
                    booking.centre,
                    booking=booking,
                    applicant_name=booking.name,
                    contact_phone=booking.phone,
                    contact_email=booking.email,
                    language=booking.language,
                )
        except IntegrityError:
            # Only where the database cannot lock the row: the other request made it meanwhile.
            existing = Application.objects.filter(booking=booking).first()
            if existing is None:
                raise
            return redirect(_open_url(existing))
    return redirect(_step_url(app, "applicant"))


@require_POST
def start_walk_in(request):
    centre = _centre_or_404(request)
    form = WalkInForm(request.POST, centre=centre)
    if not form.is_valid():
        return today(request, walk_in=form, status=400)
    service = form.cleaned_data["service"]
    if not access.may_register(request.user, centre, service):
        raise Http404
    app = _new_draft(request, service, centre, language=settings.LANGUAGE_CODE)
    return redirect(_step_url(app, "applicant"))


def _new_draft(request, service, centre, **fields):
    app = Application.objects.create(
        service=service, department=service.department, channel=Channel.COUNTER, centre=centre, **fields
    )
    app.form_version = Flow(app).definition.version
    app.save(update_fields=["form_version", "updated_at"])
    return app


def _open_url(app):
    if app.status == Status.DRAFT:
        return _step_url(app, "check")
    return reverse("admin:applications_application_counter_done", args=[app.pk])


@require_POST
def open_draft(request):
    """A citizen's online draft, by its draft code AND their mobile number: both must belong to
    the same draft. A wrong pair is "not found" (the same for a code that exists and one that
    does not) and counts towards the clerk's hourly limit."""
    centre = _centre_or_404(request)
    form = DraftCodeForm(request.POST)
    throttle = draft_code_throttle(request)
    wait = throttle.retry_after()
    if wait:
        form.is_valid()
        form.add_error(None, _limited(wait))
        return today(request, code_form=form, status=429)
    if not form.is_valid():
        return today(request, code_form=form, status=400)
    app = _draft_by_code(form.cleaned_data["code"], form.cleaned_data["phone"])
    if app is None:
        throttle.hit()
        form.add_error(
            "code",
            _("No draft matches this draft code and mobile number. Check both with the citizen."),
        )
        return today(request, code_form=form, status=404)
    if not access.may_register(request.user, centre, app.service):
        form.add_error("code", _refusal(centre, app.service, online_draft=True))
        return today(request, code_form=form, status=400)
    Application.objects.filter(pk=app.pk).update(centre=centre)
    messages.success(
        request,
        _("Draft opened: %(service)s for %(name)s.") % {"service": app.service.name, "name": app.applicant_name or "—"},
    )
    return redirect(_step_url(app, "applicant"))


def _refusal(centre, service, online_draft=False):
    """Why a clerk of `centre` may not register `service` there (access.may_register said no)."""
    if not service.published:
        message = _("“%(service)s” is not open for applications at the moment: it cannot be registered.")
    elif not service.offers_counter:
        message = _("“%(service)s” is not applied for at a service centre counter: it cannot be registered here.")
    elif online_draft:
        message = _(
            "Your centre does not handle “%(service)s”: the citizen can finish it online or at a centre that does."
        )
    else:
        return _("Your centre does not handle this service: the application cannot be made here.")
    return message % {"service": service.name}


def submit_online(app, applicant):
    """The applicant sends their draft themselves (views.submit), through the lifecycle. A draft
    a clerk opened by its draft code keeps the clerk's centre while it may still be finished
    there (access.counter_drafts_for, may_check_materials); sent online after all, it was not
    registered at that centre, so the centre goes in the same transaction - or that centre's
    clerks would see an online application in their queue, and it would count as theirs."""
    with transaction.atomic():
        Application.objects.filter(pk=app.pk, status=Status.DRAFT, channel=Channel.ONLINE, centre__isnull=False).update(
            centre=None
        )
        return lifecycle.act(app, "submit", applicant)


def _draft_by_code(code, phone):
    app = (
        Application.objects.select_related("service", "owner")
        .filter(draft_code=code, status=Status.DRAFT, owner__isnull=False)
        .first()
    )
    phone = mobile_or_none(phone)
    if app is None or not phone or phone not in {app.contact_phone, app.owner.phone}:
        return None
    return app


def _limited(wait):
    count = minutes(wait)
    return ngettext(
        "Too many draft codes that matched nothing were tried from this account in the last hour. "
        "Try again in %(minutes)d minute.",
        "Too many draft codes that matched nothing were tried from this account in the last hour. "
        "Try again in %(minutes)d minutes.",
        count,
    ) % {"minutes": count}


# --- filling in the application -----------------------------------------------------------------


def applicant(request, pk):
    app, flow = _draft(request, pk)
    answered_id = app.answers.get("id_number") if isinstance(app.answers.get("id_number"), dict) else {}
    initial = {
        "applicant_name": app.applicant_name,
        "contact_phone": app.contact_phone,
        "contact_email": app.contact_email,
        "id_type": answered_id.get("type", "resident_id"),
        "id_number": app.applicant_id_number or answered_id.get("number", ""),
        "language": app.language,
    }
    form = CounterApplicantForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        app.applicant_name, app.contact_phone = data["applicant_name"], data["contact_phone"]
        app.contact_email, app.language = data["contact_email"], data["language"]
        app.applicant_id_number = data["id_number"]
        answers = formengine.given_on_applicant_page(flow.pages, app.answers, app)
        if _asks(flow, "id_number", FieldKind.ID_NUMBER) and not answers.get("id_number"):
            answers["id_number"] = {"type": data["id_type"], "number": data["id_number"]}
        app.answers = answers
        app.save()
        return redirect(_next_url(flow, "applicant"))
    return _form_page(request, app, flow, "applicant", _("The applicant"), form)


def _asks(flow, key, kind):
    return any(f.key == key and f.kind == kind for p in flow.pages for f in p.fields.all())


def question_page(request, pk, number):
    """A question page of the service's form, as the applicant would answer it online. Upload
    questions are left out: at the counter the clerk checks the original documents instead."""
    app, flow = _draft(request, pk)
    page = flow.page(number)
    if page is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = formengine.page_form(page, app.answers, data=data)
    for field in formengine.visible_fields(page, app.answers):
        if field.kind == FieldKind.FILE:
            form.fields.pop(field.key, None)
    if data is not None and form.is_valid():
        flow.store_page(page, form.answers())
        return redirect(_next_url(flow, number))
    title = _("Question page %(number)d of %(total)d: %(title)s") % {
        "number": number,
        "total": len(flow.visible_pages()),
        "title": page.title,
    }
    return _form_page(request, app, flow, number, title, form, page=page)


def _form_page(request, app, flow, step, title, form, page=None):
    context = _context(request, title, app=app, form=form, page=page, back_url=_back_url(flow, step))
    return _page(request, "form.html", context, status=400 if form.errors else 200)


def _back_url(flow, step):
    steps = _steps(flow)
    index = steps.index(step) if step in steps else 0
    return _step_url(flow.app, steps[index - 1]) if index > 0 else _today_url()


# The results that let an application go on; "missing" and "not acceptable" stop it at the
# counter, with every such document named at once (the "tell once" rule).
ACCEPTED_RESULTS = {
    MaterialCheck.Result.SEEN_ORIGINAL,
    MaterialCheck.Result.COPY_OK,
    MaterialCheck.Result.E_CERTIFICATE,
}


def material_problems(app, flow):
    """{material: message} for every required material without a check that lets it go on."""
    checks = {c.material_id: c for c in app.material_checks.all()}
    problems = {}
    for material in flow.materials:
        check = checks.get(material.pk)
        if check is None and material.required:
            problems[material] = _("Record the check of “%(material)s”.") % {"material": material.name}
        elif check is not None and material.required and check.result not in ACCEPTED_RESULTS:
            problems[material] = _(
                "“%(material)s”: %(result)s. The applicant must bring it before it can be registered."
            ) % {
                "material": material.name,
                "result": check.get_result_display(),
            }
    return problems


class ChecklistForm(forms.Form):
    """One result and note per material of the service, all recorded in one go."""

    def __init__(self, *args, materials, checks, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = materials
        for material in materials:
            check = checks.get(material.pk)
            self.fields[f"result-{material.pk}"] = forms.ChoiceField(
                label=material.name,
                required=False,
                choices=[("", _("Not checked yet"))] + list(MaterialCheck.Result.choices),
                initial=check.result if check else "",
                help_text=_("Required") if material.required else _("Optional"),
            )
            self.fields[f"note-{material.pk}"] = forms.CharField(
                label=_("Note on “%(material)s”") % {"material": material.name},
                required=False,
                max_length=300,
                initial=check.note if check else "",
            )

    def rows(self):
        return [(m, self[f"result-{m.pk}"], self[f"note-{m.pk}"]) for m in self.materials]


def materials(request, pk):
    """The material checklist: each document the service asks for, checked against what the
    applicant brought (lifecycle.check_material records each check and its event)."""
    app, flow = _draft(request, pk)
    checks = {c.material_id: c for c in app.material_checks.all()}
    form = ChecklistForm(request.POST or None, materials=flow.materials, checks=checks)
    if request.method == "POST" and form.is_valid():
        try:
            _record_checks(request, app, flow, form, checks)
        except lifecycle.TransitionError as error:
            form.add_error(None, error.message)
        else:
            return redirect(_next_url(flow, "materials"))
    context = _context(
        request, _("Documents seen at the counter"), app=app, form=form, back_url=_back_url(flow, "materials")
    )
    return _page(request, "materials.html", context, status=400 if form.errors else 200)


def _record_checks(request, app, flow, form, checks):
    for material in flow.materials:
        result = form.cleaned_data[f"result-{material.pk}"]
        note = form.cleaned_data[f"note-{material.pk}"].strip()
        old = checks.get(material.pk)
        if not result or (old and old.result == result and old.note == note):
            continue  # nothing chosen, or nothing changed: no new event
        lifecycle.check_material(app, request.user, material, result, note)


def check(request, pk):
    """Everything at once before it is sent: the answers, the documents checked, what is still
    missing; the clerk submits for the applicant here."""
    app, flow = _draft(request, pk)
    missing = _missing(app, flow)
    if request.method == "POST":
        if not missing:
            return _submit(request, app)
        status = 400
    else:
        status = 200
    checks = {c.material_id: c for c in app.material_checks.select_related("checked_by")}
    context = _context(
        request,
        _("Check and register: %(service)s") % {"service": app.service.name},
        app=app,
        summary=flow.summary(),
        applicant_url=_step_url(app, "applicant"),
        materials_url=_step_url(app, "materials"),
        material_rows=[(m, checks.get(m.pk)) for m in flow.materials],
        missing=missing,
        tried=request.method == "POST",
        back_url=_back_url(flow, "check"),
        page_urls={n: _step_url(app, n) for n in range(1, len(flow.visible_pages()) + 1)},
    )
    return _page(request, "check.html", context, status)


def _missing(app, flow):
    """[(url, message)] of everything still needed, in the order of the steps."""
    missing = []
    if not (app.applicant_name and app.contact_phone and app.applicant_id_number):
        missing.append(
            (_step_url(app, "applicant"), _("Enter the applicant's name, identity document and mobile number."))
        )
    for number, page in enumerate(flow.visible_pages(), start=1):
        if not _page_complete(page, app.answers):
            missing.append((_step_url(app, number), _("Answer the questions of “%(page)s”.") % {"page": page.title}))
    for message in material_problems(app, flow).values():
        missing.append((_step_url(app, "materials"), message))
    return missing


def _page_complete(page, answers):
    """The page's answers pass its current rules (upload questions are not among them: a file
    is never required by the page form, and the counter checks the documents instead)."""
    return formengine.page_is_complete(page, answers)


def _submit(request, app):
    if not access.may_register(request.user, app.centre, app.service):
        messages.error(request, _refusal(app.centre, app.service))  # changed in the catalogue meanwhile
        return redirect(_step_url(app, "check"))
    Application.objects.filter(pk=app.pk).update(channel=Channel.COUNTER)  # an online draft finished here too
    app.channel = Channel.COUNTER
    try:
        app = lifecycle.act(app, "submit", request.user)
    except lifecycle.TransitionError as error:
        messages.error(request, error.message)
        return redirect(_step_url(app, "check"))
    admin.site._registry[Application].log_change(request, app, _("Registered at the counter"))
    return redirect("admin:applications_application_counter_done", app.pk)


def done(request, pk):
    """Registered: the reference and tracking code to give the applicant, the expected dates,
    and the receipt to print."""
    app = access.application_for_staff(request, pk)
    if app.registered_by_id is None:
        raise Http404
    context = _context(
        request,
        _("Registered: %(reference)s") % {"reference": app.reference},
        app=app,
        receipt_url=_receipt_url(app),
    )
    return _page(request, "done.html", context)


def _receipt_url(app):
    """The printable receipt (receipts.py), when that page exists."""
    for name in ("admin:applications_application_receipt", "admin:applications_application_counter_receipt"):
        try:
            return reverse(name, args=[app.pk])
        except NoReverseMatch:
            continue
    return ""
