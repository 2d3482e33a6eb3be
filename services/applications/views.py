from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from services.catalogue.forms import searched_text
from services.catalogue.models import Service
from services.lib.clientip import client_ip
from services.lib.i18n import labelled
from services.lib.shell import render_in_shell
from services.lib.throttle import Rule, Throttle
from services.offline import access as offline_access

from . import access, bundles, counter, formengine, lifecycle, limits, uploads
from .flow import APPLICANT, CHECK, ECERT_KEY, MATERIALS, Flow, material_key, save_upload
from .forms import TRACK_INPUT_MAX, ApplicantForm, DeclarationForm, MaterialsForm, TrackForm, WithdrawForm
from .models import Application, FieldKind, Status
from .notifications import send_resume_link
from .uploads import check_upload

RESUME_SALT = "applications.resume"


def _crumbs(app_or_service, here):
    service = getattr(app_or_service, "service", app_or_service)
    return [(service.name, service.get_absolute_url()), (here, None)]


def _online_service(slug):
    return get_object_or_404(Service.objects.published().select_related("department"), slug=slug, offers_online=True)


@never_cache
def start(request, slug):
    """The start page: what you need, how long it takes, the fee; POST starts a draft."""
    service = _online_service(slug)
    if request.method == "POST":
        return _new_draft(request, service)
    return _start_page(request, service)


def _start_page(request, service, status=200):
    drafts = Application.objects.owned_by(request.user).drafts().filter(service=service)[:3]
    return render(
        request,
        "applications/start.html",
        {
            "service": service,
            "drafts": drafts,
            # Each document with its own file types: a PDF-only one says so (no rule for all).
            "materials": [(m, formengine.file_types_text(m.accepted_file_types)) for m in service.materials.all()],
            "max_mb": settings.UPLOAD_MAX_MB,
            "crumbs": _crumbs(service, _("Apply online")),
        },
        status=status,
    )


def _new_draft(request, service):
    throttle = limits.draft_throttle(request)
    wait = throttle.retry_after()
    if wait:  # scanners once made 312 drafts in 25 minutes
        messages.error(request, limits.draft_refusal(wait))
        return _start_page(request, service, status=429)
    throttle.hit()
    user = request.user if request.user.is_authenticated else None
    app = Application.objects.create(
        service=service,
        department=service.department,
        owner=user,
        language=translation.get_language(),
    )
    flow = Flow(app)
    app.form_version = flow.definition.version
    app.answers = formengine.prefill(flow.pages, request.user)  # taken out again if for someone else
    if user:
        app.applicant_name = user.get_full_name()
        app.contact_email, app.contact_phone = user.email, user.phone
    app.save()
    if user:
        counter.draft_code_for(app)  # made now, so that listing drafts writes nothing
    else:
        access.remember_guest(request, app)
    return redirect(flow.url(APPLICANT))


class AlreadySubmitted(Exception):
    """A page of the apply flow was asked for an application that is no longer a draft."""

    def __init__(self, app):
        super().__init__(app.reference)
        self.app = app


def flow_page(view):
    """A page of the apply flow. Reached by Back or a bookmark after the application was sent,
    it says so (with the reference and where to go next) instead of "Page not found" - for the
    applicant only: the access module still gives anyone else a 404."""

    @wraps(view)
    def wrapper(request, public_id, *args, **kwargs):
        try:
            return view(request, public_id, *args, **kwargs)
        except AlreadySubmitted as done:
            return _submitted_page(request, done.app)

    return wrapper


def _submitted_page(request, app):
    posted = request.method == "POST"
    return render(
        request,
        "applications/submitted.html",
        {
            "app": app,
            "not_saved": posted,
            "withdraw_url": reverse("applications:withdraw", args=[app.reference]),
            "crumbs": _crumbs(app, _("Submitted")),
        },
        status=409 if posted else 200,
    )


def _flow_for(request, public_id, app=None):
    """The requester's draft and its flow; a draft whose form changed keeps matching answers.
    `app`, when given, is the application already looked up through the access module. Raises
    AlreadySubmitted for the applicant's own application once it is no longer a draft."""
    app = app if app is not None else access.application_for_applicant(request, public_id)
    if app.status != Status.DRAFT:
        raise AlreadySubmitted(app)
    if app.bundle_submission_id:
        raise Http404  # a part of a bundle draft is filled in and sent by the bundle's pages
    flow = Flow(app, draft=True)
    current = flow.definition.version
    if app.form_version != current:
        app.answers = formengine.keep_matching_answers(flow.pages, app.answers) | {
            key: app.answers[key] for key in (ECERT_KEY, formengine.GIVEN_KEY) if key in app.answers
        }
        app.form_version = current
        app.save(update_fields=["answers", "form_version", "updated_at"])
        messages.warning(
            request,
            _(
                "This form has changed since you started. Your answers are kept where they "
                "still apply; please answer the new questions."
            ),
        )
    return app, flow


@never_cache
@flow_page
def resume(request, public_id):
    _app, flow = _flow_for(request, public_id)
    return redirect(flow.resume_url())


@never_cache
@flow_page
def applicant(request, public_id):
    app, flow = _flow_for(request, public_id)
    guest = app.owner_id is None
    initial = {
        "who": "other" if app.on_behalf else ("self" if app.applicant_name else None),
        "applicant_name": app.applicant_name,
        "helper_name": app.helper_name,
        "helper_relation": app.helper_relation,
        "contact_phone": app.contact_phone,
        "contact_email": app.contact_email,
    }
    own_name = request.user.get_full_name() if request.user.is_authenticated else ""
    form = ApplicantForm(
        request.POST if request.method == "POST" else None, initial=initial, guest=guest, own_name=own_name
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first_email = guest and not app.contact_email and data["contact_email"]
        was_on_behalf = app.on_behalf
        app.on_behalf = data["who"] == "other"
        app.applicant_name = data["applicant_name"]
        app.helper_name = (
            (data["helper_name"] or (request.user.get_full_name() if not guest else "")) if app.on_behalf else ""
        )
        app.helper_relation = data["helper_relation"] if app.on_behalf else ""
        app.contact_phone, app.contact_email = data["contact_phone"], data["contact_email"] or app.contact_email
        if app.on_behalf != was_on_behalf:  # only a switch: a saved page must not refill what was cleared
            app.answers = formengine.for_whom(flow.pages, app.answers, app.on_behalf, request.user)
        app.answers = formengine.given_on_applicant_page(flow.pages, app.answers, app)  # asked once
        app.save()
        if first_email:
            _email_resume_link(request, app)
        return redirect(flow.next_url(APPLICANT, change="change" in request.GET))
    return render(
        request,
        "applications/applicant.html",
        {
            "app": app,
            "form": form,
            "back_url": flow.back_url(APPLICANT),
            "guest": guest,
            "crumbs": _crumbs(app, _("Who is applying")),
        },
    )


def _email_resume_link(request, app):
    token = signing.dumps(str(app.public_id), salt=RESUME_SALT)
    # A path: the email makes it a link on SITE_URL, not on whatever host this request used.
    send_resume_link.enqueue(app.pk, reverse("applications:resume-link", args=[token]))


@never_cache
def resume_link(request, token):
    """The emailed link that lets a guest continue a draft; it expires."""
    max_age = settings.GUEST_RESUME_DAYS * 86400
    try:
        public_id = signing.loads(token, salt=RESUME_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return render(request, "applications/resume_expired.html", {"days": settings.GUEST_RESUME_DAYS}, status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    app = access.guest_application_for_resume_link(request, public_id)
    return redirect("applications:resume", app.public_id)


@never_cache
@flow_page
def question_page(request, public_id, number):
    app, flow = _flow_for(request, public_id)
    page = flow.page(number)
    if page is None:
        raise Http404
    if request.method == "POST":
        form = formengine.page_form(page, app.answers, data=request.POST, files=request.FILES)
        file_errors = _save_page_files(request, app, page, form)
        if form.is_valid() and not file_errors:
            flow.store_page(page, form.answers())
            return redirect(flow.next_url(number, change="change" in request.GET))
        for key, error in file_errors.items():
            form.add_error(key, error)
    else:
        form = formengine.page_form(page, app.answers)
    return render(
        request,
        "applications/page.html",
        {
            "app": app,
            "page": page,
            "number": number,
            "form": form,
            "back_url": flow.back_url(number),
            "total": len(flow.visible_pages()),
            "attachments": flow.attachments_by_key(),
            "crumbs": _crumbs(app, page.title),
        },
    )


def _save_page_files(request, app, page, form):
    """Check and store the files of a page's upload questions; {key: message} for problems."""
    errors = {}
    existing = {a.field_key for a in app.attachments.all()}
    for field in formengine.visible_fields(page, app.answers):
        if field.kind != FieldKind.FILE:
            continue
        uploaded = request.FILES.get(field.key)
        if uploaded is None:
            if (
                field.required
                and field.key not in existing
                and formengine.condition_met(field, app.answers | dict(request.POST.items()))
            ):
                errors[field.key] = _("Select a file for: %(label)s") % {"label": field.label}
            continue
        spec = field.accepted_file_types or (field.material.accepted_file_types if field.material else "")
        try:
            kind = check_upload(uploaded, spec, field.max_file_mb)
            limits.check_volume(request, app, field.key, kind)
        except ValidationError as error:
            errors[field.key] = error.messages[0]
            continue
        save_upload(app, field.key, uploaded, kind, request.user, field.material)
        limits.count_volume(request, kind)
    return errors


@never_cache
@flow_page
def materials(request, public_id):
    """One upload per material; every missing or invalid file is reported at once."""
    app, flow = _flow_for(request, public_id)
    errors = {}
    if request.method == "POST":
        ecert = [m.pk for m in flow.materials if m.e_certificate and request.POST.get(f"ecert-{m.pk}")]
        for material in flow.materials:
            uploaded = request.FILES.get(material_key(material))
            if uploaded is None:
                continue
            try:
                kind = check_upload(uploaded, material.accepted_file_types)
                limits.check_volume(request, app, material_key(material), kind)
            except ValidationError as error:
                errors[material.pk] = labelled(material.name, error.messages[0])
                continue
            save_upload(app, material_key(material), uploaded, kind, request.user, material)
            limits.count_volume(request, kind)
        app.answers = {**app.answers, ECERT_KEY: ecert}
        app.save(update_fields=["answers", "updated_at"])
        for material, message in flow.material_problems().items():
            errors.setdefault(material.pk, message)
        if not errors:
            return redirect(flow.next_url(MATERIALS, change="change" in request.GET))
    return render(
        request,
        "applications/materials.html",
        {
            "app": app,
            "rows": flow.material_rows(),
            "errors": errors,
            "form": _materials_form(request, flow, errors),
            "accepts": {m.pk: formengine.accept_attribute(m.accepted_file_types) for m in flow.materials},
            "file_types": {m.pk: formengine.file_types_text(m.accepted_file_types) for m in flow.materials},
            "back_url": flow.back_url(MATERIALS),
            "max_mb": settings.UPLOAD_MAX_MB,
            "crumbs": _crumbs(app, _("Documents")),
        },
        status=400 if errors else 200,
    )


def _materials_form(request, flow, errors):
    """The documents page's problems as a form, for the error summary every page shares."""
    form = MaterialsForm(flow.materials, request.POST if request.method == "POST" else None)
    if errors:
        form.is_valid()
        for material in flow.materials:
            if material.pk in errors:
                form.add_error(material_key(material), errors[material.pk])
    return form


def _check_page(request, app, flow, declaration, missing, status=200):
    """The "check your answers" page: shown by `check`, and again by `submit` when the
    declaration is not ticked or something is still missing."""
    return render(
        request,
        "applications/check.html",
        {
            "app": app,
            "flow": flow,
            "summary": flow.summary(),
            "material_rows": flow.material_rows(),
            "missing": missing,
            "back_url": flow.back_url(CHECK),
            "applicant_url": flow.url(APPLICANT),
            "materials_url": flow.url(MATERIALS),
            "crumbs": _crumbs(app, _("Check your answers")),
            "declaration": declaration,
            "draft_code": counter.draft_code_for(app),  # signed-in citizens' drafts only
        },
        status=status,
    )


@never_cache
@flow_page
def check(request, public_id):
    app, flow = _flow_for(request, public_id)
    declaration = DeclarationForm(initial={"idempotency_key": app.public_id})
    return _check_page(request, app, flow, declaration, flow.incomplete_steps())


@never_cache
@flow_page
def submit(request, public_id):
    """The declaration and the final submission. A repeated POST (double click, refresh, resend)
    finds the application already submitted and shows the same confirmation. Reached by GET
    (Back, a bookmark): the check page, or the page saying it was submitted."""
    if request.method != "POST":
        app, flow = _flow_for(request, public_id)
        return redirect(flow.url(CHECK))
    app = access.application_for_applicant(request, public_id, with_service=False)
    form = DeclarationForm(request.POST)
    if form.is_valid() and form.cleaned_data["idempotency_key"] != app.public_id:
        raise Http404  # a tampered hidden field never reaches another application
    if app.status != Status.DRAFT:
        return redirect("applications:confirmation", app.reference)
    app, flow = _flow_for(request, public_id, app)
    missing = flow.incomplete_steps()
    if not form.is_valid() or missing:
        return _check_page(request, app, flow, form, missing, status=400)
    app = counter.submit_online(app, request.user)  # lifecycle.act(app, "submit", ...), not at a centre
    if app.owner_id is None:
        access.remember_guest(request, app)
    return redirect("applications:confirmation", app.reference)


@never_cache
def confirmation(request, reference):
    app = access.submitted_for_applicant(request, reference)
    return render(request, "applications/confirmation.html", {"app": app, "crumbs": _crumbs(app, _("Submitted"))})


@never_cache
def detail(request, reference):
    app = access.submitted_for_applicant(request, reference)
    flow = Flow(app)
    events = app.events.filter(visible_to_citizen=True)
    return render(
        request,
        "applications/detail.html",
        {
            "app": app,
            "events": events,
            "summary": flow.summary(),
            "material_rows": flow.material_rows(),
            "crumbs": [(_("My applications"), reverse("applications:mine")), (app.reference, None)],
        },
    )


@never_cache
def withdraw(request, reference):
    app = access.submitted_for_applicant(request, reference)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.act(app, "withdraw", request.user, note=form.cleaned_data["reason"])
        except lifecycle.TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application has been withdrawn."))
        return redirect("applications:detail", app.reference)
    if not app.can_withdraw:
        messages.error(request, _("This application can no longer be withdrawn: a decision has been made."))
        return redirect("applications:detail", app.reference)
    return render(
        request, "applications/withdraw.html", {"app": app, "form": form, "crumbs": _crumbs(app, _("Withdraw"))}
    )


@never_cache
@flow_page
def discard(request, public_id):
    """Deleting a draft asks first: GET says what will go (answers, files), only POST deletes."""
    app, flow = _flow_for(request, public_id)
    files = list(app.attachments.all())
    answered = len([key for key, value in app.answers.items() if not key.startswith("_") and value not in ("", [])])
    # Asked from a list of drafts (?from=mine, ?from=start), "No" and the deletion lead back there.
    origin = request.GET.get("from")
    back = {
        "mine": reverse("applications:mine"),
        "start": reverse("applications:start", args=[app.service.slug]),
    }.get(origin)
    if request.method != "POST":
        context = {
            "app": app,
            "answers": answered,
            "files": files,
            "origin": origin if back else "",
            "back_url": back or reverse("applications:check", args=[app.public_id]),
            "crumbs": _crumbs(app, _("Delete this draft")),
        }
        return render(request, "applications/delete.html", context)
    for attachment in files:
        attachment.file.delete(save=False)
    app.delete()
    messages.success(request, _deleted_message(app.service.name, answered, len(files)))
    if back and (origin == "start" or request.user.is_authenticated):
        return redirect(back)
    return redirect("applications:mine" if request.user.is_authenticated else "catalogue:home")


def _deleted_message(service, answers, files):
    answers_text = ngettext("%(count)d answer", "%(count)d answers", answers) % {"count": answers}
    files_text = ngettext("%(count)d uploaded file", "%(count)d uploaded files", files) % {"count": files}
    return _("Your draft application for %(service)s has been deleted, with %(answers)s and %(files)s.") % {
        "service": service,
        "answers": answers_text,
        "files": files_text,
    }


@never_cache
def attachment(request, public_id, attachment_id):
    item = access.attachment_for_applicant(request, public_id, attachment_id)
    return uploads.serve(item)  # under its checked type and material, never the uploader's name


@never_cache
@login_required
def mine(request):
    """Every application of the signed-in citizen, whatever the channel, and their drafts."""
    apps = (
        Application.objects.owned_by(request.user)
        .select_related("service", "rating")  # the rating column: no query per row
        .only(
            "public_id",
            "reference",
            "status",
            "channel",
            "created_at",
            "updated_at",
            "submitted_at",
            "acceptance_due",
            "decision_due",
            "service__slug",
            "service__name_zh",
            "service__name_en",
            "applicant_name",
            "on_behalf",
            "owner",
            "draft_code",
            "rating__score",
        )
        .order_by("-updated_at")
    )
    # A bundle's parts are listed together under their bundle (bundles.for_owner), not one by one.
    apps = apps.filter(bundle_submission__isnull=True)
    page = Paginator(apps.exclude(status=Status.DRAFT), 20).get_page(request.GET.get("page"))
    drafts = counter.give_draft_codes(list(apps.filter(status=Status.DRAFT)[:20]))  # to finish at a counter
    return render(
        request,
        "applications/mine.html",
        {
            "page": page,
            "drafts": drafts,
            # Counter visits booked with this account: the coming ones, then the last few past.
            "visits": offline_access.visits_of(request.user),
            "bundles": bundles.for_owner(request.user),
            "crumbs": [(_("My applications"), None)],
        },
    )


@never_cache
def track(request):
    """Reference and tracking code, no account needed. Wrong guesses are limited per address."""
    # A receipt's QR code opens this page with the reference filled in (?ref=); the tracking code
    # is typed, never carried in an address (see receipts.py).
    reference = searched_text(request.GET.get("ref"), TRACK_INPUT_MAX)  # no control character
    form = TrackForm(request.POST if request.method == "POST" else None, initial={"reference": reference})
    app = None
    may_answer = False
    rate_code = ""
    limited = _tracking_blocked(request)
    if request.method == "POST" and not limited and form.is_valid():
        app = access.application_for_tracking(form.cleaned_data["reference"], form.cleaned_data["tracking_code"])
        if app is None:
            _count_tracking_failure(request)
            form.add_error(
                None,
                _(
                    "No application matches that reference number and tracking code. Check both "
                    "against your confirmation email, text message or counter receipt."
                ),
            )
        elif app.status == Status.INFO_REQUESTED:
            access.remember_tracked(request, app)  # this browser may now answer it, nothing more
            may_answer = access.may_answer(request, app)
        elif app.status in access.RATEABLE:
            # The code's holder is the applicant: the rating form carries the code (the lookup
            # itself writes no session; insights.views.rate checks the code again).
            rate_code = form.cleaned_data["tracking_code"]
    status = 429 if limited and request.method == "POST" else (200 if app or request.method == "GET" else 400)
    title = _("Track an application")
    return render_in_shell(
        request,
        "applications/_track.html",
        {
            "form": form,
            "app": app,
            "events": access.tracking_events(app) if app else [],
            "limited": limited,
            "may_answer": may_answer,
            "rate_code": rate_code,
        },
        title=f"{_('Error:')} {title}" if form.errors or (limited and request.method == "POST") else title,
        crumbs=[(title, None)],
        status=status,
    )


def _tracking_throttle(request):
    """TRACKING_ATTEMPTS_PER_HOUR wrong guesses from one address, then an hour's refusal."""
    return Throttle(Rule("tracking", settings.TRACKING_ATTEMPTS_PER_HOUR, 3600), client_ip(request))


def _tracking_blocked(request):
    return _tracking_throttle(request).retry_after() > 0


def _count_tracking_failure(request):
    _tracking_throttle(request).hit()
