"""Pages of a bundle ("one thing, done once"): the bundle's page, the combined form (who is
applying, the shared questions, each service's own, one documents page, one check page), the
confirmation and the one tracking page. The rules are in bundles.py; the pieces of the
single-service flow (formengine, flow.Flow, the upload checks, the templates' includes) are
reused as they are."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import access, bundles, definitions, formengine, limits
from .flow import APPLICANT, CHECK, ECERT_KEY, MATERIALS, Flow, material_key, save_upload
from .forms import TRACK_INPUT_MAX, ApplicantForm, DeclarationForm
from .models import Bundle, BundlePart
from .uploads import check_upload
from .views import _count_tracking_failure, _save_page_files, _tracking_blocked


def _bundle(slug):
    parts = BundlePart.objects.select_related("service__department").order_by("order", "pk")
    bundle = get_object_or_404(
        Bundle.objects.filter(published=True).select_related("life_event").prefetch_related(Prefetch("parts", parts)),
        slug=slug,
    )
    return bundle


def _crumbs(bundle, here=None):
    event = bundle.life_event
    crumbs = [(_("Life events"), reverse("catalogue:lifeevent-list")), (event.name, event.get_absolute_url())]
    return (
        crumbs
        # A bundle taken down has no page: its name is then not a link (confirmation, status).
        + [(bundle.name, reverse("applications:bundle", args=[bundle.slug]) if here and bundle.published else None)]
        + ([(here, None)] if here else [])
    )


@never_cache
def detail(request, slug):
    """The bundle's page: its services in order, what applying together saves, and Start."""
    bundle = _bundle(slug)
    plan = bundles.plan(bundle)
    context = {
        "bundle": bundle,
        "plan": plan,
        "savings": bundles.savings(plan),
        "open": bundles.is_open(bundle),
        "drafts": _drafts(request, bundle),
        "crumbs": _crumbs(bundle),
    }
    return render(request, "applications/bundles/detail.html", context)


def _drafts(request, bundle):
    if not request.user.is_authenticated:
        return []
    return list(bundle.submissions.filter(owner=request.user, submitted_at__isnull=True).order_by("-updated_at")[:3])


@never_cache
def start(request, slug):
    """POST starts a bundle application (one draft per service); GET shows the bundle's page."""
    if request.method != "POST":
        return redirect("applications:bundle", slug)
    bundle = _bundle(slug)
    if not bundles.is_open(bundle):
        raise Http404
    throttle = limits.draft_throttle(request)
    wait = throttle.retry_after()
    if wait:
        messages.error(request, limits.draft_refusal(wait))
        return redirect("applications:bundle", slug)
    throttle.hit()
    submission = bundles.start(bundle, request.user, translation.get_language())
    if submission.owner_id is None:
        access.remember_guest_bundle(request, submission)
    return redirect("applications:bundle-applicant", submission.public_id)


class Draft:
    """The requester's bundle draft with its plan and its parts' drafts."""

    def __init__(self, request, public_id):
        self.submission = access.bundle_for_applicant(request, public_id)
        if not self.submission.is_draft:
            raise AlreadySent(self.submission)
        self.bundle, self.plan = bundles.kept_plan(self.submission.bundle_id)
        self.parts = bundles.parts_of(self.submission, self.plan, request.user)
        self.pages = bundles.visible_pages(self.plan, self.submission, self.parts)

    def steps(self):
        steps = [APPLICANT, *range(1, len(self.pages) + 1)]
        return steps + ([MATERIALS] if self.plan.documents else []) + [CHECK]

    def url(self, step):
        args = [self.submission.public_id]
        names = {APPLICANT: "bundle-applicant", MATERIALS: "bundle-documents", CHECK: "bundle-check"}
        if step in names:
            return reverse(f"applications:{names[step]}", args=args)
        return reverse("applications:bundle-page", args=[*args, step])

    def next_url(self, step, change=False):
        steps = self.steps()
        if change or step not in steps:
            return self.url(CHECK)
        return self.url(steps[min(steps.index(step) + 1, len(steps) - 1)])

    def back_url(self, step):
        steps = self.steps()
        if step in steps and steps.index(step) > 0:
            return self.url(steps[steps.index(step) - 1])
        return reverse("applications:bundle", args=[self.bundle.slug])


class AlreadySent(Exception):
    def __init__(self, submission):
        super().__init__(submission.reference)
        self.submission = submission


def bundle_page(view):
    """A page of the combined form reached after the bundle was sent: its status page."""

    def wrapper(request, public_id, *args, **kwargs):
        try:
            return view(request, public_id, *args, **kwargs)
        except AlreadySent as sent:
            messages.info(request, _("This bundle has already been submitted."))
            return redirect("applications:bundle-status", sent.submission.reference)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@never_cache
@bundle_page
def resume(request, public_id):
    draft = Draft(request, public_id)
    missing = bundles.incomplete_steps(draft.plan, draft.submission, draft.parts)
    return redirect(draft.url(missing[0][0] if missing else CHECK))


@never_cache
@bundle_page
def applicant(request, public_id):
    draft = Draft(request, public_id)
    sub = draft.submission
    own_name = request.user.get_full_name() if request.user.is_authenticated else ""
    data = request.POST if request.method == "POST" else None
    form = ApplicantForm(data, initial=bundles.applicant_initial(sub), guest=sub.owner_id is None, own_name=own_name)
    if data is not None and form.is_valid():
        bundles.store_applicant(sub, draft.parts, draft.plan, form.cleaned_data, request.user)
        return redirect(Draft(request, public_id).next_url(APPLICANT, change="change" in request.GET))
    context = {"draft": draft, "form": form, "back_url": draft.back_url(APPLICANT), "guest": sub.owner_id is None}
    return _render(request, draft, "applications/bundles/applicant.html", context, _("Who is applying"))


def _render(request, draft, template, context, here, status=None):
    context = {"bundle": draft.bundle, "sub": draft.submission, **context, "crumbs": _crumbs(draft.bundle, here)}
    form = context.get("form")
    return render(request, template, context, status=status or (400 if form is not None and form.errors else 200))


@never_cache
@bundle_page
def question_page(request, public_id, number):
    draft = Draft(request, public_id)
    if not 1 <= number <= len(draft.pages):
        raise Http404
    page = draft.pages[number - 1]
    answers = bundles.answers_for(page, draft.submission, draft.parts)
    part = draft.parts[page.service.pk] if page.service else None
    if request.method == "POST":
        if part is None:
            form, valid = bundles.check_shared_page(page, draft.plan, request.POST, answers=answers)
            file_errors = {}
        else:
            form = formengine.page_form(page, answers, data=request.POST, files=request.FILES)
            file_errors = _save_page_files(request, part, page, form)  # the single flow's checks
            valid = form.is_valid() and not file_errors
            for key, error in file_errors.items():
                form.add_error(key, error)
        if valid:
            if part is None:
                bundles.store_shared(draft.submission, draft.parts, draft.plan, page, form.answers())
            else:
                Flow(part, draft=True).store_page(page, form.answers())
            return redirect(Draft(request, public_id).next_url(number, change="change" in request.GET))
    else:
        form = formengine.page_form(page, answers)
    context = {
        "page": page,
        "number": number,
        "total": len(draft.pages),
        "form": form,
        "attachments": Flow(part).attachments_by_key() if part else {},
        "back_url": draft.back_url(number),
    }
    return _render(request, draft, "applications/bundles/page.html", context, page.title)


class DocumentsForm(forms.Form):
    """The documents page's problems, for the error summary (ids `document-<pk>`)."""

    def __init__(self, documents, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        for doc in documents:
            self.fields[doc.key] = forms.FileField(required=False, label=doc.name)


@never_cache
@bundle_page
def documents(request, public_id):
    """Each document asked for once; one upload is stored on every part that needs it."""
    draft = Draft(request, public_id)
    errors = {}
    if request.method == "POST":
        for doc in draft.plan.documents:
            _take_document(request, draft, doc, errors)
        errors = {**bundles.document_problems(draft.plan, draft.parts), **errors}
        if not errors:
            return redirect(draft.next_url(MATERIALS, change="change" in request.GET))
    form = DocumentsForm(draft.plan.documents, request.POST if request.method == "POST" else None)
    if errors:
        form.is_valid()
        for key, message in errors.items():
            form.add_error(key, message)
    context = {
        "rows": bundles.document_rows(draft.plan, draft.parts),
        "errors": errors,
        "form": form,
        "accepts": {d.key: formengine.accept_attribute(d.accepted_file_types) for d in draft.plan.documents},
        "file_types": {d.key: formengine.file_types_text(d.accepted_file_types) for d in draft.plan.documents},
        "back_url": draft.back_url(MATERIALS),
        "max_mb": settings.UPLOAD_MAX_MB,
    }
    return _render(request, draft, "applications/bundles/documents.html", context, _("Documents"))


def _take_document(request, draft, doc, errors):
    """Store the e-certificate choice and the file (checked once) on each part that needs it."""
    wants_ecert = doc.e_certificate and bool(request.POST.get(f"ecert-{doc.key}"))
    for service_id, material in doc.materials:
        app = draft.parts[service_id]
        chosen = [pk for pk in app.answers.get(ECERT_KEY, []) if pk != material.pk]
        app.answers = {**app.answers, ECERT_KEY: chosen + ([material.pk] if wants_ecert else [])}
        app.save(update_fields=["answers", "updated_at"])
    uploaded = request.FILES.get(doc.key)
    if uploaded is None:
        return
    first = draft.parts[doc.materials[0][0]]
    try:
        kind = check_upload(uploaded, doc.accepted_file_types)
        limits.check_volume(request, first, material_key(doc.materials[0][1]), kind)
    except ValidationError as error:
        errors[doc.key] = f"{doc.name}{_(': ')}{error.messages[0]}"
        return
    for service_id, material in doc.materials:
        save_upload(draft.parts[service_id], material_key(material), uploaded, kind, request.user, material)
    limits.count_volume(request, kind)


def _check_page(request, draft, declaration, missing, status=200):
    summary = []
    districts = {d.slug: d for d in definitions.districts()}
    for number, page in enumerate(draft.pages, start=1):
        answers = bundles.answers_for(page, draft.submission, draft.parts)
        files = Flow(draft.parts[page.service.pk]).attachments_by_key() if page.service else {}
        rows = [
            (f, formengine.display_answer(f, answers.get(f.key), districts), files.get(f.key, []))
            for f in formengine.visible_fields(page, answers)
            if formengine.condition_met(f, answers)
        ]
        summary.append((number, page, rows))
    context = {
        "summary": summary,
        "document_rows": bundles.document_rows(draft.plan, draft.parts),
        "missing": missing,
        "declaration": declaration,
        "back_url": draft.back_url(CHECK),
        "applicant_url": draft.url(APPLICANT),
        "documents_url": draft.url(MATERIALS),
        "relation": dict(ApplicantForm.base_fields["helper_relation"].choices),
    }
    return _render(request, draft, "applications/bundles/check.html", context, _("Check your answers"), status=status)


@never_cache
@bundle_page
def check(request, public_id):
    draft = Draft(request, public_id)
    declaration = DeclarationForm(initial={"idempotency_key": draft.submission.public_id})
    return _check_page(request, draft, declaration, bundles.incomplete_steps(draft.plan, draft.submission, draft.parts))


@never_cache
def submit(request, public_id):
    """The declaration and the one submission for every part (bundles.submit: all or none). A
    repeated POST finds the bundle sent and shows its confirmation."""
    sub = access.bundle_for_applicant(request, public_id)
    if not sub.is_draft:
        return redirect("applications:bundle-confirmation", sub.reference)
    if request.method != "POST":
        return redirect("applications:bundle-check", public_id)
    form = DeclarationForm(request.POST)
    malformed = not form.is_valid() and "idempotency_key" in form.errors
    if malformed:
        # A hidden key that is not one (a tampered or truncated page) is bad input, not a
        # conflict: the form again, with this bundle's key and the ticked box kept.
        form = DeclarationForm({"idempotency_key": sub.public_id, "confirm": request.POST.get("confirm", "")})
        form.is_valid()
        form.add_error(None, _("This page could not be read. Check your answers and submit again."))
    elif form.is_valid() and form.cleaned_data["idempotency_key"] != sub.public_id:
        raise Http404
    if form.is_valid() and not malformed:
        try:  # every part is checked against its own form inside (bundles.submit)
            sub = bundles.submit(sub, request.user)
        except bundles.BundleError as error:
            form.add_error(None, error.message)
    if not form.is_valid() or sub.is_draft:
        draft = Draft(request, public_id)
        missing = bundles.incomplete_steps(draft.plan, draft.submission, draft.parts)
        bad_input = missing or malformed or "confirm" in form.errors
        return _check_page(request, draft, form, missing, status=400 if bad_input else 409)
    if sub.owner_id is None:
        access.remember_guest_bundle(request, sub)
    return redirect("applications:bundle-confirmation", sub.reference)


@never_cache
def confirmation(request, reference):
    sub = access.submitted_bundle_for_applicant(request, reference)
    context = {
        "sub": sub,
        "bundle": sub.bundle,
        "rows": bundles.part_rows(sub),
        "crumbs": _crumbs(sub.bundle, _("Submitted")),
    }
    return render(request, "applications/bundles/confirmation.html", context)


@never_cache
def status(request, reference):
    """The signed-in owner's (or the guest browser's) tracking page of a bundle."""
    sub = access.submitted_bundle_for_applicant(request, reference)
    context = {"sub": sub, "bundle": sub.bundle, "rows": bundles.part_rows(sub), "owner_view": True}
    context["crumbs"] = [(_("My applications"), reverse("applications:mine")), (sub.reference, None)]
    return render(request, "applications/bundles/status.html", context)


class BundleTrackForm(forms.Form):
    reference = forms.CharField(
        label=_("Bundle reference"),
        max_length=TRACK_INPUT_MAX,
        help_text=_("Starts with BD, for example BD26K7M2X9QDS."),
        error_messages={"required": _("Enter the bundle reference.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=TRACK_INPUT_MAX,
        error_messages={"required": _("Enter the tracking code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {k: data.get(k, "")[:TRACK_INPUT_MAX] for k in ("reference", "tracking_code")}
        super().__init__(data, **kwargs)

    def clean_reference(self):
        value = self.cleaned_data["reference"]
        if not bundles.is_valid_reference(value):
            raise ValidationError(
                _("Enter the bundle reference as shown on your confirmation: BD, two digits and 9 letters or digits.")
            )
        return bundles.normalise_reference(value)


@never_cache
def track(request):
    """Bundle reference and tracking code, no account needed; wrong guesses count towards the
    same limit as the application tracking page's."""
    form = BundleTrackForm(request.POST if request.method == "POST" else None)
    sub = None
    limited = _tracking_blocked(request)
    if request.method == "POST" and not limited and form.is_valid():
        sub = bundles.for_tracking(form.cleaned_data["reference"], form.cleaned_data["tracking_code"])
        if sub is not None:  # the code's holder speaks for the applicant: each decided part may be rated
            for part in sub.applications.only("pk", "public_id"):
                access.remember_rater(request, part)
        if sub is None:
            _count_tracking_failure(request)
            form.add_error(
                None,
                _("No bundle matches that reference and tracking code. Check both against your confirmation."),
            )
    code = 429 if limited and request.method == "POST" else (200 if sub or request.method == "GET" else 400)
    context = {
        "form": form,
        "sub": sub,
        "bundle": sub.bundle if sub else None,
        "rows": bundles.part_rows(sub) if sub else [],
        "limited": limited,
        "crumbs": [(_("Track a bundle"), None)],
    }
    return render(request, "applications/bundles/track.html", context, status=code)
