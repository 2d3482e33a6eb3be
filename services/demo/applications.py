"""The demo's applications (content in data/applications.yaml), made through the lifecycle.

The demo citizen's own applications (`citizen`, 张伟) in different states, so "My applications",
drafts, tracking and withdrawal can be tried at once; and the officers' demo caseload: guest
applications in every status in several departments, so a case officer who signs in sees a
realistic queue (`load_demo_caseload`, run from `load_demo_applications`).

Idempotent: a demo citizen's application is identified by its service; when the citizen already
has one for that service nothing new is made (only its documents are re-linked, since `load_demo`
replaces every demo service's materials). Statuses change only through `lifecycle.act`; its
confirmation emails are queued as usual.
"""

import ast
import datetime
import random
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from services.applications import access, formengine, lifecycle
from services.applications.flow import ECERT_KEY, Flow, material_key, save_upload
from services.applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    FieldKind,
    FormField,
    MaterialCheck,
    Status,
)
from services.applications.uploads import CONTENT_TYPES, CheckedFile, accepted_types
from services.applications.workdays import Calendar
from services.catalogue.models import Department, Material, Service

from .files import read
from .forms import demo_answers

DATA = read("applications.yaml")
CITIZEN = DATA["citizen"]
DEMO_USERNAME = CITIZEN["username"]

# Small but real files, so the documents open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A 1 x 1 white pixel.
DEMO_PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    + _png_chunk(b"IEND", b"")
)


@dataclass(frozen=True)
class DemoApplication:
    """One of the demo citizen's applications (an entry of `citizen_applications`)."""

    service: str
    state: str  # "draft", "half_draft", "submitted" or "withdrawn"
    answers: dict = field(default_factory=dict)
    applicant_name: str = CITIZEN["applicant_name"]
    helper_relation: str = ""
    note: str = ""

    @property
    def slug(self):
        return self.service


DEMO_APPLICATIONS = [DemoApplication(**entry) for entry in DATA["citizen_applications"]]


def _demo_file(material):
    kinds = accepted_types(material.accepted_file_types)
    if "pdf" in kinds:
        return "pdf", DEMO_PDF
    return "png", DEMO_PNG


def _file_name(material, kind):
    return f"{slugify(material.name_en)[:60] or 'document'}.{kind}"


def _provide_documents(app, user):
    """E-certificates where the material allows one; a small file for the other required ones."""
    flow = Flow(app)
    ecert = []
    for material in flow.materials:
        if not material.required:
            continue
        if material.e_certificate:
            ecert.append(material.pk)
            continue
        kind, content = _demo_file(material)
        save_upload(
            app,
            material_key(material),
            ContentFile(content, name=_file_name(material, kind)),
            CheckedFile(kind, content),
            user,
            material,
        )
    app.answers = {**app.answers, ECERT_KEY: ecert}


def _relink_documents(app):
    """After `load_demo` replaced the service's materials: point the demo files and
    e-certificate choices at the new material rows (matched by the file names given above)."""
    materials = list(app.service.materials.all())
    by_name = {}
    for material in materials:
        for kind in ("pdf", "png"):
            by_name[_file_name(material, kind)] = material
    for attachment in Attachment.objects.filter(
        application=app, material__isnull=True, field_key__startswith="material-"
    ):
        material = by_name.get(attachment.original_name)
        if material is not None:
            attachment.material = material
            attachment.field_key = material_key(material)
            attachment.save(update_fields=["material", "field_key"])
    current = {m.pk for m in materials}
    chosen = app.answers.get(ECERT_KEY)
    if chosen is not None and not set(chosen) <= current:
        app.answers = {**app.answers, ECERT_KEY: [m.pk for m in materials if m.required and m.e_certificate]}
        app.save(update_fields=["answers"])


def _first_page_answers(app, answers):
    pages = Flow(app).visible_pages()
    keys = {f.key for f in pages[0].fields.all()} if pages else set()
    return {k: v for k, v in answers.items() if k in keys}


def _create(demo, service, citizen):
    app = Application.objects.create(
        service=service,
        department=service.department,
        owner=citizen,
        channel="online",
        language="zh-hans",
        applicant_name=demo.applicant_name,
        contact_email=CITIZEN["contact_email"],
        contact_phone=CITIZEN["contact_phone"],
        on_behalf=bool(demo.helper_relation),
        helper_name=CITIZEN["applicant_name"] if demo.helper_relation else "",
        helper_relation=demo.helper_relation,
    )
    flow = Flow(app)
    answers = demo_answers(service, demo.answers)
    app.answers = _first_page_answers(app, answers) if demo.state == "half_draft" else answers
    app.form_version = formengine.form_version(flow.pages)
    if demo.state in ("submitted", "withdrawn"):
        _provide_documents(app, citizen)
    app.save()
    if demo.state in ("submitted", "withdrawn"):
        app = lifecycle.act(app, "submit", citizen)
    if demo.state == "withdrawn":
        app = lifecycle.act(app, "withdraw", citizen, note=demo.note)
    return app


def load_demo_applications(stdout=None):
    """Make the demo citizen's applications that do not exist yet, and the officers' demo
    caseload. Returns counts by status of the demo citizen's applications, how many were created
    now, and the caseload's counts under "caseload"."""
    citizen = get_user_model().objects.filter(username=DEMO_USERNAME).first()
    counts = {"created": 0, "kept": 0, "skipped": 0, "caseload": load_demo_caseload(stdout)}
    if citizen is None:
        return counts
    services = {s.slug: s for s in Service.objects.filter(slug__in=[d.slug for d in DEMO_APPLICATIONS])}
    for demo in DEMO_APPLICATIONS:
        service = services.get(demo.slug)
        if service is None or not service.offers_online or not service.form_pages.exists():
            counts["skipped"] += 1
            continue
        existing = Application.objects.filter(owner=citizen, service=service).order_by("created_at").first()
        if existing is not None:
            _relink_documents(existing)
            counts["kept"] += 1
            continue
        with transaction.atomic():
            _create(demo, service, citizen)
        counts["created"] += 1
    mine = Application.objects.filter(owner=citizen, service__slug__in=services)
    for status in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN):
        counts[str(status)] = mine.filter(status=status).count()
    if stdout is not None:
        stdout.write(
            f"  demo citizen's applications: {counts['draft']} drafts, {counts['submitted']} submitted, "
            f"{counts['withdrawn']} withdrawn ({counts['created']} created now)"
        )
    return counts


# --- The officers' demo caseload ---------------------------------------------------------------
#
# Guest applications from a handful of fictional citizens in several departments, in every
# status, so an officer who signs in sees a working queue: overdue and due-soon cases, cases
# waiting for the applicant, assigned and unassigned ones, decisions and closed cases.
#
# Every status change goes through `lifecycle.act` with a clock (`now=`): each step happens on
# a working day some days back, so its timestamps, events, deadlines and the queue order are
# the lifecycle's own, counted from that day, which is what makes cases overdue. A department
# whose caseload exists (contact emails `demo-caseload+...@example.com`) is left as it is, apart
# from re-linking documents and material checks to the materials that `load_demo` has just
# replaced.

CASELOAD_DATA = DATA["caseload"]
CASELOAD_MARKER = CASELOAD_DATA["marker"]
CASELOAD_DEPARTMENTS = CASELOAD_DATA["departments"]


@dataclass(frozen=True)
class DemoCitizen:
    applicant_name: str
    handle: str  # the email is demo-caseload+<handle>@example.com
    id_number: str
    contact_phone: str
    language: str
    address: dict

    @property
    def contact_email(self):
        return f"{CASELOAD_MARKER}{self.handle}@example.com"

    def overrides(self):
        return {
            "full_name": self.applicant_name,
            "id_number": {"type": "resident_id", "number": self.id_number},
            "phone": self.contact_phone,
            "email": self.contact_email,
            "address": dict(self.address),
        }


CASELOAD_CITIZENS = [DemoCitizen(**entry) for entry in CASELOAD_DATA["citizens"]]

# The names an offset (`ago`) may use besides whole numbers: see the comment at the top of
# data/applications.yaml.
_OFFSET_FUNCTIONS = {"min": min, "max": max}
_OFFSET_NODES = (ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.UnaryOp, ast.USub, ast.Call, ast.Name, ast.Load)


def working_days_ago(offset, limit):
    """The number of working days back of a step's `ago`: a whole number, or an expression of
    `limit` (the service's promised decision time) with +, -, min() and max()."""
    if isinstance(offset, int):
        return offset
    tree = ast.parse(str(offset), mode="eval")
    for node in ast.walk(tree):
        allowed = isinstance(node, _OFFSET_NODES) or (isinstance(node, ast.Constant) and type(node.value) is int)
        if not allowed or (isinstance(node, ast.Name) and node.id not in {"limit", *_OFFSET_FUNCTIONS}):
            raise ValueError(f"applications.yaml: offset {offset!r} may use only whole numbers, limit, +, -, min, max")
    return eval(compile(tree, "applications.yaml", "eval"), {"__builtins__": {}}, {"limit": limit, **_OFFSET_FUNCTIONS})  # noqa: S307 - checked above


@dataclass(frozen=True)
class Step:
    action: str
    ago: object  # see working_days_ago
    note: str = ""  # a key of `notes`
    material: int = 0  # check: which of the service's materials (its position)
    result: str = ""  # check: a MaterialCheck.Result
    items: int = 0  # request_info: how many things are asked for


@dataclass(frozen=True)
class Case:
    case: str
    channel: str
    status: str
    steps: tuple
    extra: bool = False

    def steps_for(self, limit):
        """[(step, working days ago)] for a service whose promised decision time is `limit`.
        Later steps are never further back than earlier ones."""
        return [(step, working_days_ago(step.ago, limit)) for step in self.steps]

    @property
    def checks(self):
        return [(step.material, step.result) for step in self.steps if step.action == "check"]


CASELOAD = [
    Case(**{**entry, "steps": tuple(Step(**step) for step in entry["steps"])}) for entry in CASELOAD_DATA["cases"]
]
EXTRAS = [case.case for case in CASELOAD if case.extra]
NOTES = CASELOAD_DATA["notes"]
CHECK_NOTES = CASELOAD_DATA["check_notes"]


def _text(note, language, **values):
    """A note's text in the applicant's language, with its {placeholders} filled in."""
    text = note["note_en"] if language == "en" else note["note_zh"]
    return text.format(**values) if values else text


def _working_days_back(count):
    """[today, the working day before, the one before that, ...] (count + 1 dates): the days the
    demo cases' steps happen on. The deadlines are counted by the lifecycle, not here."""
    calendar = Calendar()
    days = [timezone.localdate()]
    day = days[0]
    while len(days) <= count:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    return days


class _Clock:
    """Times for a case's steps: on the working day asked for, at office hours (any time of day
    for an online submission), each step after the one before and none in the future."""

    def __init__(self, days, rng, now):
        self.days, self.rng, self.now = days, rng, now
        self.last = None

    def at(self, ago, action, channel):
        if action == "submit" and channel == "online":
            minutes = self.rng.randrange(7 * 60, 22 * 60)
        else:
            minutes = self.rng.randrange(9 * 60, 17 * 60)
        when = timezone.make_aware(datetime.datetime.combine(self.days[ago], datetime.time()))
        when += datetime.timedelta(minutes=minutes, seconds=self.rng.randrange(60))
        if self.last is not None and when <= self.last:
            when = self.last + datetime.timedelta(minutes=self.rng.randrange(3, 40))
        when = min(when, self.now - datetime.timedelta(minutes=1))
        if self.last is not None:
            when = max(when, self.last)
        self.last = when
        return when


class _ServiceForm:
    """What every case of one service shares: its questions, materials and demo answers, read
    once (the apply flow's helpers read them afresh for each application)."""

    def __init__(self, service):
        self.service = service
        self.pages = list(service.form_pages.prefetch_related("fields"))
        self.materials = list(service.materials.all())
        self.version = formengine.form_version(self.pages)
        self.answers = demo_answers(service)

    def answers_of(self, citizen):
        """The demo answers with the citizen's own name, ID, phone, email and address."""
        answers = dict(self.answers)
        answers.update({key: value for key, value in citizen.overrides().items() if key in answers})
        answers[ECERT_KEY] = [m.pk for m in self.materials if m.required and m.e_certificate]
        return answers

    def documents(self, app, uploader):
        """Unsaved attachments: a small file for each required material that is not an
        e-certificate, and for each upload question the answers make visible."""
        wanted = [(material_key(m), m) for m in self.materials if m.required and not m.e_certificate]
        for form_page in self.pages:
            for question in formengine.visible_fields(form_page, app.answers):
                if question.kind == FieldKind.FILE and formengine.condition_met(question, app.answers):
                    wanted.append((question.key, question.material))
        return [_attachment(app, key, material, uploader) for key, material in wanted]


def _attachment(app, key, material, uploader, kind=None, content=None, name=None):
    if content is None:
        kind, content = _demo_file(material) if material is not None else ("pdf", DEMO_PDF)
        name = _file_name(material, kind) if material is not None else f"document.{kind}"
    attachment = Attachment(
        application=app,
        field_key=key,
        material=material,
        original_name=name,
        content_type=CONTENT_TYPES[kind],
        size=len(content),
        uploaded_by=uploader,
    )
    attachment.file.save("upload", ContentFile(content, name=name), save=False)
    return attachment


def _info_items(materials, count, language):
    """What an officer asks for: better scans of the first materials, then general items."""
    items = [_text(NOTES["material_item"], language, name_zh=m.name_zh, name_en=m.name_en) for m in materials[:2]]
    items += [_text(item, language) for item in CASELOAD_DATA["info_items"]]
    return items[:count]


def _note(step, service, language):
    """The text of a step's note; a refusal names the first condition of the service's eligibility."""
    note = NOTES[step.note]
    if step.action != "reject":
        return _text(note, language)
    zh = (service.eligibility_zh.splitlines() or ["本事项的申请条件"])[0].strip().rstrip("。；;.")
    en = (service.eligibility_en.splitlines() or ["the conditions of this service"])[0].strip().rstrip(".;")
    return _text(note, language, condition_zh=zh, condition_en=en)


# Steps the applicant takes (no staff actor); every other step is the department's officer's.
APPLICANT_STEPS = {"submit", "answer_info", "withdraw"}


class _Caseload:
    """The demo caseload of one department."""

    def __init__(self, department, index, officer, checker, registrar=None):
        self.department, self.index = department, index
        self.officer, self.checker = officer, checker
        # The counter clerk who registers the counter and postal cases, at their centre.
        self.registrar = registrar
        self.services = list(
            Service.objects.filter(department=department, offers_online=True, form_pages__isnull=False)
            .distinct()
            .order_by("code")
        )
        self.at_centre = (
            set(registrar.centre.services.filter(department=department).values_list("pk", flat=True))
            if registrar
            else None
        )

    def plan(self):
        """[(case, channel, service, citizen)], the same on every run."""
        offers = {"online": "offers_online", "counter": "offers_counter", "post": "offers_post"}
        result = []
        for n, case in enumerate(CASELOAD):
            if case.extra and self.index and case.case != EXTRAS[(self.index - 1) % len(EXTRAS)]:
                continue
            channel = case.channel
            candidates = [s for s in self.services if getattr(s, offers[channel])]
            if channel != "online" and self.at_centre is not None:
                # Registered by the clerk: a service their centre handles (access.may_register).
                candidates = [s for s in candidates if s.pk in self.at_centre]
            if not candidates:
                channel, candidates = "online", self.services
            service = candidates[(n + self.index) % len(candidates)]
            citizen = CASELOAD_CITIZENS[(n * 3 + self.index * 5) % len(CASELOAD_CITIZENS)]
            result.append((case, channel, service, citizen))
        return result

    def days_back_needed(self):
        return max(
            ago
            for case, _channel, service, _citizen in self.plan()
            for _step, ago in case.steps_for(service.promised_limit_days)
        )

    # --- making it ------------------------------------------------------------------------
    def create(self, days, now):
        """Every case of the plan, each step through the lifecycle at its time on the clock."""
        rng = random.Random(f"demo-caseload-{self.department.slug}")
        forms = {service.pk: _ServiceForm(service) for service in self.services}
        made, attachments = [], []
        for case, channel, service, citizen in self.plan():
            form = forms[service.pk]
            app, timeline, files = self._create_one(case, channel, form, citizen, _Clock(days, rng, now))
            assert app.status == case.status, (case.case, app.status)
            made.append((app, timeline))
            attachments += files
        Attachment.objects.bulk_create(attachments)
        _date_records(made, attachments)
        return [app for app, _timeline in made]

    def _create_one(self, case, channel, form, citizen, clock):
        service, lang = form.service, citizen.language
        # At the counter or by post: registered at the clerk's centre, the ID card seen there.
        registrar = self.registrar if channel != "online" else None
        app = Application(
            service=service,
            department=service.department,
            channel=channel,
            language=lang,
            applicant_name=citizen.applicant_name,
            contact_email=citizen.contact_email,
            contact_phone=citizen.contact_phone,
            answers=form.answers_of(citizen),
            form_version=form.version,
            centre=registrar.centre if registrar else None,
            registered_by=registrar,
            applicant_id_number=citizen.id_number if registrar else "",
        )
        app.save()
        checker = registrar or self.checker
        # Online the applicant uploads the documents; at the counter or by post staff scan them.
        files = form.documents(app, checker if channel != "online" else None)
        materials, timeline = form.materials, []
        for step, ago in case.steps_for(service.promised_limit_days):
            if step.action == "check" and step.material >= len(materials):
                continue
            now = clock.at(ago, step.action, channel)
            timeline.append((step.action, now))
            if step.action == "assign":
                app = lifecycle.assign(app, self.officer, self.officer)
                continue
            if step.action == "check":
                material = materials[step.material]
                lifecycle.check_material(app, checker, material, step.result, CHECK_NOTES[step.result])
                continue
            params = {}
            if step.action == "request_info":
                params["items"] = _info_items(materials, step.items, lang)
            if step.action == "answer_info":
                request = app.info_requests.get(answered_at__isnull=True)
                for n, _item in enumerate(request.items, start=1):
                    file = _attachment(app, request.file_key(n), None, None, "pdf", DEMO_PDF, f"item-{n}.pdf")
                    file.uploaded = now
                    files.append(file)
                params["answer"] = _text(NOTES[step.note], lang)
            elif step.note:
                params["note"] = _note(step, service, lang)
            actor = None if step.action in APPLICANT_STEPS else self.officer
            if step.action == "submit" and registrar:
                # The clerk submits for the applicant (the lifecycle records it); a letter counts
                # from the day it arrived, as postal.py registers it.
                actor = registrar
                if channel == "post":
                    app.received_on = timezone.localdate(now)
                    app.save(update_fields=["received_on"])
            app = lifecycle.act(app, step.action, actor, now=now, **params)
        return app, timeline, files

    # --- keeping it -----------------------------------------------------------------------
    def refresh(self, apps):
        """After `load_demo` replaced the materials: point the documents, e-certificate choices
        and material checks of the existing cases at the new material rows. Adds no events."""
        materials = {}
        for material in Material.objects.filter(service__in=self.services).order_by("order", "pk"):
            materials.setdefault(material.service_id, []).append(material)
        questions = {
            (f.page.service_id, f.key): f.material_id
            for f in FormField.objects.filter(page__service__in=self.services, kind=FieldKind.FILE).select_related(
                "page"
            )
        }
        by_pk = {app.pk: app for app in apps}
        stale = list(
            Attachment.objects.filter(application__in=apps, material__isnull=True).exclude(
                field_key__startswith="info-"
            )
        )
        for attachment in stale:
            service_id = by_pk[attachment.application_id].service_id
            by_name = {_file_name(m, kind): m for m in materials.get(service_id, []) for kind in ("pdf", "png")}
            if attachment.field_key.startswith("material-"):
                material = by_name.get(attachment.original_name)
                attachment.material_id = material.pk if material else None
                attachment.field_key = material_key(material) if material else attachment.field_key
            else:
                attachment.material_id = questions.get((service_id, attachment.field_key))
        Attachment.objects.bulk_update([a for a in stale if a.material_id], ["material", "field_key"])
        changed = []
        for app in apps:
            current = materials.get(app.service_id, [])
            chosen = app.answers.get(ECERT_KEY)
            if chosen is not None and not set(chosen) <= {m.pk for m in current}:
                app.answers = {**app.answers, ECERT_KEY: [m.pk for m in current if m.required and m.e_certificate]}
                changed.append(app)
        Application.objects.bulk_update(changed, ["answers"])
        self._restore_checks(apps, materials)

    def _restore_checks(self, apps, materials):
        """Material checks went with the replaced materials; their events are still there."""
        plan = self.plan()
        if len(plan) != len(apps):
            return
        checked = set(MaterialCheck.objects.filter(application__in=apps).values_list("application_id", flat=True))
        events = {}
        for event in ApplicationEvent.objects.filter(
            application__in=apps, kind=ApplicationEvent.Kind.MATERIAL_CHECK
        ).order_by("at", "pk"):
            events.setdefault(event.application_id, []).append(event)
        restored = []
        for app, (case, _channel, service, _citizen) in zip(apps, plan, strict=True):
            if app.pk in checked or app.service_id != service.pk:
                continue
            current = materials.get(app.service_id, [])
            for (number, result), event in zip(case.checks, events.get(app.pk, []), strict=False):
                if number < len(current):
                    restored.append(
                        MaterialCheck(
                            application=app,
                            material=current[number],
                            result=result,
                            note=CHECK_NOTES[result],
                            checked_by_id=event.actor_id,
                            checked_at=event.at,
                        )
                    )
        times = [check.checked_at for check in restored]
        MaterialCheck.objects.bulk_create(restored)  # sets checked_at to now (auto_now)
        for check, when in zip(restored, times, strict=True):
            check.checked_at = when
        MaterialCheck.objects.bulk_update(restored, ["checked_at"])


def _date_records(made, attachments):
    """The records that `lifecycle.assign` and `lifecycle.check_material` write take no clock
    (they change no status, deadline or timestamp of the application): their events and checks
    get the times of their steps here, the documents the time they were handed in, and each
    case its start (a few minutes before submitting) and last change. Status changes, deadlines
    and information requests are the lifecycle's own, written at the clock's times by `act`."""
    ids = [app.pk for app, _timeline in made]
    events, checks = {}, {}
    for event in (
        ApplicationEvent.objects.filter(application_id__in=ids)
        .exclude(kind=ApplicationEvent.Kind.STATUS)
        .order_by("pk")
    ):
        events.setdefault(event.application_id, []).append(event)
    for check in MaterialCheck.objects.filter(application_id__in=ids).order_by("pk"):
        checks.setdefault(check.application_id, []).append(check)
    apps, all_events, all_checks = [], [], []
    for app, timeline in made:
        staff_steps = [when for action, when in timeline if action in ("assign", "check")]
        for event, when in zip(events.get(app.pk, []), staff_steps, strict=True):
            event.at = when
            all_events.append(event)
        check_times = [when for action, when in timeline if action == "check"]
        for check, when in zip(checks.get(app.pk, []), check_times, strict=True):
            check.checked_at = when
            all_checks.append(check)
        first = timeline[0][1]
        app.created_at, app.updated_at = first - datetime.timedelta(minutes=12), timeline[-1][1]
        apps.append(app)
    started = {app.pk: app.created_at for app in apps}
    for attachment in attachments:  # before submitting, or when answering a request
        handed_in = getattr(attachment, "uploaded", None)
        attachment.created_at = handed_in or started[attachment.application_id] + datetime.timedelta(minutes=7)
    ApplicationEvent.objects.bulk_update(all_events, ["at"], batch_size=500)
    Application.objects.bulk_update(apps, ["created_at", "updated_at"], batch_size=200)
    Attachment.objects.bulk_update(attachments, ["created_at"], batch_size=500)
    MaterialCheck.objects.bulk_update(all_checks, ["checked_at"])


def load_demo_caseload(stdout=None):
    """Make the demo caseload of each department in CASELOAD_DEPARTMENTS that has none yet;
    keep the existing ones (re-linked to the current materials). Returns counts: cases created
    now, cases kept, departments skipped, and every demo case by status."""
    User = get_user_model()
    departments = {d.slug: d for d in Department.objects.filter(slug__in=CASELOAD_DEPARTMENTS)}
    officers = {
        u.username: u
        for u in User.objects.filter(
            username__in=[f"officer-{slug}" for slug in departments], is_active=True, is_staff=True
        )
    }
    clerks = {}
    for clerk in User.objects.filter(groups__name="Counter clerk", is_active=True, is_staff=True).order_by("pk"):
        clerks.setdefault(clerk.department_id, clerk)
    # The clerk who registers every department's counter and postal cases at their centre.
    registrar = (
        User.objects.filter(groups__name="Counter clerk", is_active=True, is_staff=True, centre__isnull=False)
        .select_related("centre")
        .order_by("pk")
        .first()
    )
    existing = {}
    for app in Application.objects.filter(contact_email__startswith=CASELOAD_MARKER).order_by("pk"):
        existing.setdefault(app.department_id, []).append(app)
    counts = Counter(created=0, kept=0, skipped=0)
    todo = []
    for index, slug in enumerate(CASELOAD_DEPARTMENTS):
        department, officer = departments.get(slug), officers.get(f"officer-{slug}")
        if department is None or officer is None or not access.processes_applications(officer):
            counts["skipped"] += 1
            continue
        caseload = _Caseload(department, index, officer, clerks.get(department.pk, officer), registrar)
        if department.pk in existing:
            caseload.refresh(existing[department.pk])
            counts["kept"] += len(existing[department.pk])
        elif not caseload.services:
            counts["skipped"] += 1
        else:
            todo.append(caseload)
    if todo:
        now = timezone.now()
        days = _working_days_back(max(caseload.days_back_needed() for caseload in todo))
        for caseload in todo:
            with transaction.atomic():
                counts["created"] += len(caseload.create(days, now))
    statuses = Application.objects.filter(contact_email__startswith=CASELOAD_MARKER).values_list("status", flat=True)
    counts.update(str(status) for status in statuses)
    if stdout is not None:
        stdout.write(
            f"  officers' demo caseload: {sum(counts[s] for s in Status.values)} applications in "
            f"{len(CASELOAD_DEPARTMENTS) - counts['skipped']} departments ({counts['created']} created now)"
        )
    return dict(counts)
