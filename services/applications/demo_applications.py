"""A few applications of the demo citizen (`citizen`, 张伟) in different states, so "My
applications", drafts, tracking and withdrawal can be tried at once.

Idempotent: each demo application is identified by its service; when the citizen already has
an application for that service nothing new is made (only its documents are re-linked, since
`load_demo` replaces every demo service's materials). Statuses change only through
`lifecycle.submit` and `lifecycle.withdraw`; their confirmation emails are queued as usual.
"""

import struct
import zlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from services.catalogue.models import Service

from . import formengine, lifecycle
from .demo_forms import ID_ZHANG_GUILAN, demo_answers
from .flow import ECERT_KEY, Flow, material_key, save_upload
from .models import Application, Attachment, Status
from .uploads import accepted_types

DEMO_USERNAME = "citizen"
CITIZEN_NAME = "张伟"
CITIZEN_EMAIL = "citizen@example.com"
CITIZEN_PHONE = "13800138000"

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
    slug: str
    state: str  # "draft", "half_draft", "submitted" or "withdrawn"
    overrides: dict = field(default_factory=dict)
    applicant_name: str = CITIZEN_NAME
    helper_relation: str = ""
    note: str = ""


DEMO_APPLICATIONS = [
    # Half-filled: who is applying and the first question page; resumes on page 2.
    DemoApplication("residence-permit", "half_draft"),
    # Every question answered; the documents are still to upload.
    DemoApplication("kindergarten-enrolment", "draft"),
    DemoApplication("ssc-replacement", "submitted"),
    DemoApplication("no-criminal-record-certificate", "submitted", {"hukou_in_haipu": "yes"}),
    # Filed by 张伟 for his mother.
    DemoApplication(
        "senior-allowance",
        "submitted",
        {
            "full_name": "张桂兰",
            "id_number": ID_ZHANG_GUILAN,
            "address": {"district": "jinghu", "street": "常德路 260 弄 5 号 302 室"},
            "lives_alone": "yes",
        },
        applicant_name="张桂兰",
        helper_relation="child",
    ),
    DemoApplication(
        "driving-licence-renewal",
        "withdrawn",
        note="驾驶证有效期填错了，我会重新申请。",
    ),
]


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
            app, material_key(material), ContentFile(content, name=_file_name(material, kind)), kind, user, material
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
        contact_email=CITIZEN_EMAIL,
        contact_phone=CITIZEN_PHONE,
        on_behalf=bool(demo.helper_relation),
        helper_name=CITIZEN_NAME if demo.helper_relation else "",
        helper_relation=demo.helper_relation,
    )
    flow = Flow(app)
    answers = demo_answers(service, demo.overrides)
    app.answers = _first_page_answers(app, answers) if demo.state == "half_draft" else answers
    app.form_version = formengine.form_version(flow.pages)
    if demo.state in ("submitted", "withdrawn"):
        _provide_documents(app, citizen)
    app.save()
    if demo.state in ("submitted", "withdrawn"):
        app = lifecycle.submit(app, actor=citizen)
    if demo.state == "withdrawn":
        app = lifecycle.withdraw(app, citizen, demo.note)
    return app


def load_demo_applications(stdout=None):
    """Make the demo citizen's applications that do not exist yet. Returns counts by status of
    the demo applications, and how many were created now."""
    citizen = get_user_model().objects.filter(username=DEMO_USERNAME).first()
    counts = {"created": 0, "kept": 0, "skipped": 0}
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
