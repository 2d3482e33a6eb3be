""" "One thing, done once" (issue 13, DESIGN.md journey 9): the rules of a bundle - several
services a life event needs, applied for together.

A bundle's questions are its services' own (FormField rows), never copied: a question key used
by two or more of the services (with the same kind) is a *shared* question, asked once and its
answer copied to every part that asks it; what remains of each service's form is asked after,
service by service. Each material is asked for once: materials of different services with the
same Chinese name are one document (the demo's come from one library, materials.yaml), and one
upload is stored on every part that needs it.

While the citizen fills it in, a bundle application (BundleSubmission, `submitted_at` None) has
one draft Application per part, so each part's answers, files and checks are exactly the
single-service flow's (flow.Flow): the draft is saved at every step. `submit` sends every part
through the lifecycle in ONE transaction: if any part is incomplete or the lifecycle refuses
it, nothing is submitted, no reference is given and no message goes out. Each part then sits in
its own department's queue with its own lifecycle; the bundle has its own reference (BD...,
never a valid application reference) and one tracking code, which also tracks each part, and
the applicant gets one confirmation for the whole bundle.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from services.catalogue.models import Service
from services.lib.notify import send_to_person
from services.lib.references import Scheme

from . import definitions, formengine, lifecycle
from .flow import APPLICANT, ECERT_KEY, MATERIALS, Flow, material_key
from .models import Application, Bundle, BundlePart, BundleSubmission, FieldKind, Status
from .references import make_tracking_code, normalise_tracking_code

log = logging.getLogger(__name__)

REFERENCES = Scheme("BD", 8)  # BD26K7M2X9QDS: a bundle ("BD"), 13 characters, never an HP... one
QUESTIONS_PER_PAGE = 4  # shared questions per page (GOV.UK: few questions a page)


class BundleError(Exception):
    """The bundle cannot be submitted; `message` is fit to show the citizen."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- what a bundle asks ---------------------------------------------------------------------


class FieldList(list):
    """A list that answers `.all()`, as a page's `fields` manager does for formengine."""

    def all(self):
        return self


class VirtualPage:
    """A question page of the combined form: some FormField rows of one service's page (its own
    questions), or the shared questions. Shaped like a FormPage for formengine (title, intro,
    fields.all(), and a __dict__ where formengine keeps its built form classes)."""

    def __init__(self, key, title, intro, fields, service=None):
        self.pk = key
        self.key = key
        self.title = title
        self.intro = intro
        self.fields = FieldList(fields)
        self.service = service  # None for the shared questions


@dataclass
class Document:
    """One document the bundle asks for once: the materials of the parts that need it."""

    name: str
    materials: list  # [(service_id, Material)]
    first: object = None

    @property
    def required(self):
        return any(m.required for _sid, m in self.materials)

    @property
    def e_certificate(self):
        return all(m.e_certificate for _sid, m in self.materials)

    @property
    def accepted_file_types(self):
        """The types every part accepts (the strictest), or the first material's."""
        sets = [{t.strip() for t in m.accepted_file_types.split(",") if t.strip()} for _s, m in self.materials]
        common = set.intersection(*sets) if sets else set()
        order = [t.strip() for t in self.first.accepted_file_types.split(",")]
        return ",".join(t for t in order if t in common) or self.first.accepted_file_types

    @property
    def key(self):
        return f"document-{self.first.pk}"


def document_name(material):
    """Materials of different services are one document when their Chinese names match."""
    return " ".join(material.name_zh.split()).casefold()


@dataclass
class Plan:
    """What the combined form asks, worked out from the parts' kept form definitions."""

    bundle: object
    services: list
    definitions: dict
    shared_keys: list = field(default_factory=list)
    shared_pages: list = field(default_factory=list)
    own_pages: dict = field(default_factory=dict)
    documents: list = field(default_factory=list)

    @property
    def pages(self):
        """Every question page in the order asked: the shared ones, then each service's own."""
        return self.shared_pages + [p for s in self.services for p in self.own_pages[s.pk]]

    def fields_of(self, service_id):
        return [f for p in self.definitions[service_id].pages for f in p.fields.all()]


def _fields_by_key(definition):
    return {f.key: f for p in definition.pages for f in p.fields.all()}


def shared_keys(services, defs):
    """Keys asked by 2+ of the services with the same kind, in the order first asked. Files
    are never shared (a file belongs to one application; documents are shared by material), and
    a question shown only for some answer is shared only if that answer's question is."""
    by_service = {s.pk: _fields_by_key(defs[s.pk]) for s in services}
    order, kinds, counts = [], {}, {}
    for s in services:
        for key, f in by_service[s.pk].items():
            if f.kind == FieldKind.FILE:
                continue
            if key not in kinds:
                order.append(key)
                kinds[key] = f.kind
            counts[key] = counts.get(key, 0) + (1 if kinds[key] == f.kind else 100)
    shared = {k for k in order if 2 <= counts[k] < 100}
    changed = True
    while changed:  # drop a question whose condition is on a question that is not shared
        changed = False
        for key in list(shared):
            conditions = {by_service[s.pk][key].condition_key for s in services if key in by_service[s.pk]}
            if any(c and c not in shared for c in conditions):
                shared.discard(key)
                changed = True
    return [k for k in order if k in shared]


def plan(bundle):
    """The Plan of `bundle` (its parts read with their services, the definitions kept)."""
    services = [p.service for p in bundle.parts.all()]
    defs = {s.pk: definitions.for_service(s.pk) for s in services}
    keys = shared_keys(services, defs)
    result = Plan(bundle=bundle, services=services, definitions=defs, shared_keys=keys)
    # The shared questions, as first asked (required when any service requires an answer).
    shared = []
    for key in keys:
        versions = [_fields_by_key(defs[s.pk])[key] for s in services if key in _fields_by_key(defs[s.pk])]
        first = versions[0]
        if first.required != any(v.required for v in versions):
            first = _copy_field(first, required=True)
        shared.append(first)
    # Those the "Who is applying" page answers are hidden by formengine (GIVEN_KEY), as alone.
    asked = shared
    title = _("Questions for every service")
    for start in range(0, len(asked), QUESTIONS_PER_PAGE):
        chunk = asked[start : start + QUESTIONS_PER_PAGE]
        number = start // QUESTIONS_PER_PAGE + 1
        result.shared_pages.append(VirtualPage(f"shared-{number}", title, "", chunk))
    keyset = set(keys)
    for s in services:
        pages = []
        for page in defs[s.pk].pages:
            own = [f for f in page.fields.all() if f.key not in keyset]
            if own:
                pages.append(VirtualPage(f"own-{page.pk}", page.title, page.intro, own, service=s))
        result.own_pages[s.pk] = pages
    documents = {}
    for s in services:
        for m in defs[s.pk].materials:
            doc = documents.setdefault(document_name(m), Document(name=m.name, materials=[], first=m))
            doc.materials.append((s.pk, m))
    result.documents = list(documents.values())
    return result


def _copy_field(formfield, **changes):
    """A copy of a kept FormField with some attributes changed (kept objects are never changed)."""
    import copy

    clone = copy.copy(formfield)
    clone.__dict__.pop("_form_classes", None)
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


@dataclass
class Savings:
    """What applying together saves, counted from the services' own data: questions (keys asked
    once however many services ask them), documents (one upload per document) and counter visits
    (one visit to a centre serves the parts that centre handles: visits_together)."""

    questions_separately: int
    questions_together: int
    documents_separately: int
    documents_together: int
    visits_separately: int
    visits_together: int

    @property
    def questions_saved(self):
        return self.questions_separately - self.questions_together

    @property
    def documents_saved(self):
        return self.documents_separately - self.documents_together

    @property
    def visits_saved(self):
        return self.visits_separately - self.visits_together


def savings(the_plan):
    separately = sum(len(_fields_by_key(the_plan.definitions[s.pk])) for s in the_plan.services)
    keyset = set(the_plan.shared_keys)
    own = sum(
        len([k for k in _fields_by_key(the_plan.definitions[s.pk]) if k not in keyset]) for s in the_plan.services
    )
    visits = [s.counter_visits for s in the_plan.services]
    return Savings(
        questions_separately=separately,
        questions_together=len(keyset) + own,
        documents_separately=sum(len(the_plan.definitions[s.pk].materials) for s in the_plan.services),
        documents_together=len(the_plan.documents),
        visits_separately=sum(visits),
        visits_together=visits_together(the_plan.services),
    )


def visits_together(services):
    """The fewest counter visits that serve every part needing one, from which centres handle
    which service (Service.centres, one query). One visit to a centre serves every part that
    centre handles (as many visits as the most any of them needs); a part no centre handles
    needs its own visits. Choosing the fewest centres is a set cover: the greedy choice (the
    centre serving most of the parts still unserved, then the fewest visits, then the lowest
    id) is used; for a handful of parts it finds the least, and it never claims fewer visits
    than there are centres needed."""
    needed = {s.pk: s.counter_visits for s in services if s.counter_visits}
    if not needed:
        return 0
    serves = {}  # centre id: {service ids}
    for service_id, centre_id in Service.objects.filter(pk__in=needed).values_list("pk", "centres"):
        if centre_id is not None:
            serves.setdefault(centre_id, set()).add(service_id)
    unserved, total = set(needed), 0
    while unserved:
        best = min(
            (c for c in serves if serves[c] & unserved),
            key=lambda c: (-len(serves[c] & unserved), max(needed[s] for s in serves[c] & unserved), c),
            default=None,
        )
        if best is None:  # no centre handles what is left: each part's own visits
            return total + sum(needed[s] for s in unserved)
        total += max(needed[s] for s in serves[best] & unserved)
        unserved -= serves[best]
    return total


def published_bundles():
    """Bundles citizens may apply for, with their parts' services (in order)."""
    parts = BundlePart.objects.select_related("service__department").order_by("order", "pk")
    return Bundle.objects.filter(published=True).prefetch_related(Prefetch("parts", queryset=parts))


def is_open(bundle):
    """The bundle is published and every part is a published service offered online (a bundle
    taken down, or a part taken offline, closes it: a draft started before is refused)."""
    parts = bundle.parts.all()
    return bundle.published and len(parts) >= 2 and all(p.service.published and p.service.offers_online for p in parts)


# --- the citizen's bundle application -------------------------------------------------------


def start(bundle, user, language):
    """A new bundle application: one draft per part, the profile's answers filled in."""
    the_plan = plan(bundle)
    owner = user if user.is_authenticated else None
    with transaction.atomic():
        submission = BundleSubmission.objects.create(bundle=bundle, owner=owner, language=language)
        if owner:
            submission.applicant_name = owner.get_full_name()
            submission.contact_email, submission.contact_phone = owner.email, owner.phone
            submission.save()
        for service in the_plan.services:
            _new_part(submission, service, the_plan.definitions[service.pk], user)
        submission.answers = {"shared": formengine.prefill(the_plan.shared_pages, user)}
        submission.save(update_fields=["answers", "updated_at"])
    return submission


def _new_part(submission, service, definition, user):
    """A part's draft, with the shared answers the bundle already holds for its questions (a
    part made again later must not lose what was asked once) and "Who is applying"."""
    keys = {f.key for p in definition.pages for f in p.fields.all()}
    shared = {k: v for k, v in shared_answers(submission).items() if k in keys}
    app = Application(
        service=service,
        department=service.department,
        owner=submission.owner,
        language=submission.language,
        bundle_submission=submission,
        applicant_name=submission.applicant_name,
        contact_email=submission.contact_email,
        contact_phone=submission.contact_phone,
        on_behalf=bool(submission.answers.get("_on_behalf")),
        form_version=definition.version,
        answers=formengine.prefill(definition.pages, user) | shared,
    )
    if "_on_behalf" in submission.answers:
        helper = submission.answers.get("_helper") or ["", ""]
        app.helper_name, app.helper_relation = helper
        app.answers = formengine.given_on_applicant_page(definition.pages, app.answers, app)
    app.save()
    return app


CHECKED_FIELDS = (
    "id",
    "public_id",
    "service_id",
    "bundle_submission_id",
    "status",
    "owner_id",
    "applicant_name",
    "contact_phone",
    "contact_email",
    "answers",
    "form_version",
)


def parts_of(submission, the_plan, user=None, with_files=False):
    """{service id: the part's draft}, in bundle order; a part missing (a draft deleted by the
    retention rules, or a service added to the bundle since) is made again. `with_files`: each
    part's attachments read with them (one query for all the parts)."""
    found = submission.applications.all()  # their services are the plan's (with departments)
    if with_files:
        # For the submission: what the parts' checks read (flow.Flow), with their files; the
        # lifecycle reads each part again itself.
        found = found.only(*CHECKED_FIELDS).prefetch_related("attachments")
    found = {a.service_id: a for a in found}
    parts = {}
    for service in the_plan.services:
        app = found.get(service.pk)
        if app is None and submission.is_draft:
            app = _new_part(submission, service, the_plan.definitions[service.pk], user or _Anonymous())
        if app is not None:
            app.service = service
            parts[service.pk] = app
    return parts


class _Anonymous:
    is_authenticated = False


def shared_answers(submission):
    return dict(submission.answers.get("shared", {}))


def answers_for(page, submission, parts):
    """The answers a page's questions depend on: the shared answers, or the part's own."""
    if page.service is None:
        return shared_answers(submission)
    return parts[page.service.pk].answers


def check_shared_page(page, the_plan, data, files=None, answers=None):
    """The shared page's form, bound to `data`, and checked against every service's own rules
    for each of its questions (a question asked once must suit every service that asks it)."""
    form = formengine.page_form(page, answers or {}, data=data, files=files)
    valid = form.is_valid()
    keys = [f.key for f in page.fields.all()]
    for service in the_plan.services:
        theirs = [f for f in the_plan.fields_of(service.pk) if f.key in keys]
        if not theirs or all(t is f for t, f in zip(theirs, page.fields.all(), strict=False)):
            continue
        other = formengine.page_form(VirtualPage("check", "", "", theirs), answers or {}, data=data)
        if not other.is_valid():
            for key, errors in other.errors.items():
                if key in form.fields and key not in form.errors:
                    valid = False
                    form.add_error(key, errors[0])
    return form, valid


def store_shared(submission, parts, the_plan, page, answers):
    """Keep a shared page's answers on the bundle and copy them to every part that asks them."""
    keys = {f.key for f in page.fields.all()}
    submission.answers = {
        **submission.answers,
        "shared": {k: v for k, v in shared_answers(submission).items() if k not in keys} | answers,
    }
    submission.save(update_fields=["answers", "updated_at"])
    for service in the_plan.services:
        theirs = [f for f in the_plan.fields_of(service.pk) if f.key in keys]
        if theirs:
            flow = Flow(parts[service.pk], draft=True)
            given = {k: v for k, v in answers.items() if k in {f.key for f in theirs}}
            flow.store_page(VirtualPage("copy", "", "", theirs), given)


def store_applicant(submission, parts, the_plan, data, user):
    """ "Who is applying", once for the bundle, kept on the bundle and on every part. For someone
    else, what the signed-in helper's profile filled in is taken out again (formengine.for_whom),
    from the shared answers and from each part's."""
    guest = submission.owner_id is None
    on_behalf = data["who"] == "other"
    changed_hands = bool(submission.answers.get("_on_behalf")) != on_behalf
    helper = (data["helper_name"] or (user.get_full_name() if not guest else "")) if on_behalf else ""
    relation = data["helper_relation"] if on_behalf else ""
    submission.applicant_name = data["applicant_name"]
    submission.contact_phone = data["contact_phone"]
    submission.contact_email = data["contact_email"]
    person = _Person(on_behalf, submission.applicant_name, submission.contact_phone, submission.contact_email)
    shared = shared_answers(submission)
    if changed_hands:
        shared = formengine.for_whom(the_plan.shared_pages, shared, on_behalf, user)
    shared = formengine.given_on_applicant_page(the_plan.shared_pages, shared, person)
    submission.answers = {
        **submission.answers,
        "shared": shared,
        "_on_behalf": on_behalf,
        "_helper": [helper, relation],
    }
    submission.save()
    for app in parts.values():
        flow = Flow(app, draft=True)
        app.on_behalf, app.applicant_name = on_behalf, submission.applicant_name
        app.helper_name, app.helper_relation = helper, relation
        app.contact_phone, app.contact_email = submission.contact_phone, submission.contact_email
        if changed_hands:
            app.answers = formengine.for_whom(flow.pages, app.answers, on_behalf, user)
        app.answers = formengine.given_on_applicant_page(flow.pages, app.answers, app)
        app.save()


@dataclass
class _Person:
    on_behalf: bool
    applicant_name: str
    contact_phone: str
    contact_email: str


def applicant_initial(submission):
    helper = submission.answers.get("_helper") or ["", ""]
    on_behalf = submission.answers.get("_on_behalf", False)
    return {
        "who": "other"
        if on_behalf
        else ("self" if submission.applicant_name and "_on_behalf" in submission.answers else None),
        "applicant_name": submission.applicant_name,
        "helper_name": helper[0],
        "helper_relation": helper[1],
        "contact_phone": submission.contact_phone,
        "contact_email": submission.contact_email,
    }


def applicant_complete(submission):
    return bool(
        submission.applicant_name and submission.contact_phone and (submission.contact_email or submission.owner_id)
    )


def visible_pages(the_plan, submission, parts):
    """Question pages with something to ask given the answers so far, numbered from 1."""
    return [p for p in the_plan.pages if formengine.visible_fields(p, answers_for(p, submission, parts))]


def page_missing(page, submission, parts):
    answers = answers_for(page, submission, parts)
    if not formengine.page_is_complete(page, answers):
        return True
    if page.service is None:
        return False
    files = {a.field_key for a in parts[page.service.pk].attachments.all()}
    return any(
        f.kind == FieldKind.FILE and f.required and f.key not in files for f in formengine.visible_fields(page, answers)
    )


def document_rows(the_plan, parts):
    """[(document, [attachments], e-certificate chosen, [services])] for the documents page."""
    rows = []
    files = {sid: _attachments(app) for sid, app in parts.items()}
    for doc in the_plan.documents:
        found, ecert = [], False
        for sid, material in doc.materials:
            found = found or files.get(sid, {}).get(material_key(material), [])
            ecert = ecert or material.pk in parts[sid].answers.get(ECERT_KEY, [])
        services = [s for s in the_plan.services if any(sid == s.pk for sid, _m in doc.materials)]
        rows.append((doc, found, ecert, services))
    return rows


def _attachments(app):
    result = {}
    for attachment in app.attachments.all():
        result.setdefault(attachment.field_key, []).append(attachment)
    return result


def document_problems(the_plan, parts):
    """{document key: message} for each document some part still needs."""
    problems = {}
    for app in parts.values():
        for material in Flow(app, draft=True).material_problems():
            doc = next(d for d in the_plan.documents if any(m.pk == material.pk for _s, m in d.materials))
            problems.setdefault(doc.key, _("Upload %(material)s") % {"material": doc.name})
    return problems


def incomplete_steps(the_plan, submission, parts):
    """[(step, label)] of the combined form still needing an answer, in the order asked: step is
    "applicant", a page number or "materials"."""
    missing = []
    if not applicant_complete(submission):
        missing.append((APPLICANT, _("Who is applying")))
    for number, page in enumerate(visible_pages(the_plan, submission, parts), start=1):
        if page_missing(page, submission, parts):
            label = page.title if page.service is None else f"{page.service.name}{_(': ')}{page.title}"
            missing.append((number, label))
    if the_plan.documents and document_problems(the_plan, parts):
        missing.append((MATERIALS, _("Documents")))
    return missing


# --- submission: every part or none ---------------------------------------------------------


def submit(submission, actor, *, now=None):
    """Send every part through the lifecycle in one transaction and give the bundle its
    reference and tracking code. Raises BundleError (nothing saved) when a part is incomplete
    or the lifecycle refuses it. A second call for a submitted bundle (a double click: the
    conditional UPDATE that numbers it is also the lock) returns it as it is. `now`: a clock
    for the demo and tests (the parts' steps are then dated by it too)."""
    bundle, the_plan = kept_plan(submission.bundle_id)
    for attempt in range(5):
        try:
            numbered = _submit(submission, actor, bundle, the_plan, now)
        except IntegrityError:  # the reference drawn was taken (about one in 10^12): draw again
            if attempt == 4:
                raise
            continue
        if numbered is None:
            return BundleSubmission.objects.get(pk=submission.pk)
        for name, value in numbered.items():  # only once committed: a refused bundle stays a draft
            setattr(submission, name, value)
        return submission


def _submit(submission, actor, bundle, the_plan, now):
    with transaction.atomic():
        numbered = _number(submission, now or timezone.now())
        if numbered is None:
            return None
        # The kept bundle may predate an edit made without signals: its flag is read again here.
        if not is_open(bundle) or not Bundle.objects.filter(pk=bundle.pk, published=True).exists():
            raise BundleError(
                _("This bundle is no longer offered online: apply for each service from its guide instead.")
            )
        parts = parts_of(submission, the_plan, with_files=True)
        checked = {}  # a shared question answered once is checked once per distinct rule
        for service in the_plan.services:
            app = parts[service.pk]
            if app.status != Status.DRAFT:
                raise BundleError(_("%(service)s was already sent on its own.") % {"service": service.name})
            missing = Flow(app, draft=True).incomplete_steps(checked)
            if missing:
                raise BundleError(
                    _("%(service)s: “%(step)s” still needs an answer.")
                    % {"service": service.name, "step": missing[0][1]}
                )
        clock = {"now": now} if now else {}
        for service in the_plan.services:
            try:
                lifecycle.act(parts[service.pk], "submit", actor, **clock)
            except lifecycle.TransitionError as error:
                raise BundleError(labelled_error(service, error.message)) from error
        # One tracking code for the bundle and each part: the citizen keeps one code.
        Application.objects.filter(bundle_submission=submission).update(tracking_code=numbered["tracking_code"])
        transaction.on_commit(lambda: send_bundle_confirmation.enqueue(submission.pk), robust=True)
    return numbered


def labelled_error(service, message):
    return f"{service.name}{_(': ')}{message}"


def _number(sub, now):
    """Give the draft its reference, tracking code and time by one conditional UPDATE, the first
    statement of the submission's transaction; the values given, or None when it was submitted
    meanwhile."""
    values = {
        "reference": REFERENCES.make(timezone.localtime(now)),
        "tracking_code": make_tracking_code(),
        "submitted_at": now,
    }
    done = BundleSubmission.objects.filter(pk=sub.pk, submitted_at__isnull=True).update(**values, updated_at=now)
    return values if done else None


def kept_plan(bundle_id):
    """(the bundle with its parts and their services, its Plan), kept per process like the form
    definitions: bundles, their parts, services and forms are watched, so an edit renews it."""
    from services.lib.cache import kept

    def load():
        bundle = _bundle_with_parts(bundle_id)
        return bundle, plan(bundle)

    return kept(("bundle-plan", bundle_id), load)


def _bundle_with_parts(bundle_id):
    parts = BundlePart.objects.select_related("service__department").order_by("order", "pk")
    return Bundle.objects.prefetch_related(Prefetch("parts", queryset=parts)).get(pk=bundle_id)


# --- tracking ---------------------------------------------------------------------------------


def normalise_reference(text):
    return REFERENCES.normalise(text)


def is_valid_reference(text):
    return REFERENCES.is_valid(text)


def parts_queryset():
    return Application.objects.select_related("service", "department").order_by("pk")


def for_tracking(reference, tracking_code):
    """The submitted bundle with this reference and tracking code, or None."""
    import hmac

    sub = (
        BundleSubmission.objects.select_related("bundle")
        .filter(reference=normalise_reference(reference), submitted_at__isnull=False)
        .first()
    )
    code = normalise_tracking_code(tracking_code)
    if sub is None or not hmac.compare_digest(sub.tracking_code.encode(), code.encode()):
        return None
    return sub


def part_rows(submission):
    """[(application, expected date, expected date's meaning)] for each part, in bundle order."""
    order = {p.service_id: p.order for p in submission.bundle.parts.all()}
    apps = sorted(
        submission.applications.select_related("service", "department", "rating"),
        key=lambda a: (order.get(a.service_id, 999), a.pk),
    )
    rows = []
    for app in apps:
        if app.status == Status.SUBMITTED:
            rows.append((app, app.acceptance_due, _("Acceptance decision expected by")))
        elif app.decision_clock_running or app.status == Status.INFO_REQUESTED:
            rows.append((app, app.decision_due, _("Decision expected by")))
        else:
            rows.append((app, None, ""))
    return rows


# --- the one confirmation ---------------------------------------------------------------------


@task()
def send_bundle_confirmation(submission_id):
    """One email (or, without an address, one text message) for the whole bundle: its
    reference, the tracking code, and each part's reference and expected date."""
    sub = BundleSubmission.objects.select_related("bundle").filter(pk=submission_id).first()
    if sub is None or sub.is_draft:
        return "missing"
    parts = list(sub.applications.select_related("service", "department").order_by("pk"))
    context = {"submission": sub, "bundle": sub.bundle, "parts": parts, "count": len(parts)}
    return send_to_person(
        email=sub.contact_email,
        phone=sub.contact_phone,
        language=sub.language or settings.LANGUAGE_CODE,
        context=context,
        subject="applications/bundles/email/submitted_subject.txt",
        text="applications/bundles/email/submitted.txt",
        sms="applications/bundles/sms/submitted.txt",
        drop=("site_host",),
    )


def for_owner(user, limit=20):
    """The signed-in citizen's bundle applications, newest first, each with its parts (for "My
    applications": two queries however many)."""
    if not user.is_authenticated:
        return []
    parts = Application.objects.select_related("service", "rating").order_by("pk")  # the rating: no query a part
    return list(
        BundleSubmission.objects.filter(owner=user)
        .select_related("bundle")
        .prefetch_related(Prefetch("applications", queryset=parts))
        .order_by("-updated_at")[:limit]
    )
