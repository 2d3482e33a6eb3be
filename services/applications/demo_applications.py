"""A few applications of the demo citizen (`citizen`, 张伟) in different states, so "My
applications", drafts, tracking and withdrawal can be tried at once.

Idempotent: each demo application is identified by its service; when the citizen already has
an application for that service nothing new is made (only its documents are re-linked, since
`load_demo` replaces every demo service's materials). Statuses change only through
`lifecycle.act` (submit, withdraw); their confirmation emails are queued as usual.

Also the officers' demo caseload (`load_demo_caseload`, run from `load_demo_applications`):
guest applications in every status in several departments, so a case officer who signs in sees
a realistic queue. See the section below.
"""

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

from services.catalogue.models import Department, Material, Service

from . import access, formengine, lifecycle
from .demo_forms import (
    ID_CHEN_JIANGUO,
    ID_LI_NA,
    ID_WANG_QIANG,
    ID_ZHANG_GUILAN,
    ID_ZHOU_MIN,
    demo_answers,
    resident_id,
)
from .flow import ECERT_KEY, Flow, material_key, save_upload
from .models import Application, ApplicationEvent, Attachment, FieldKind, FormField, MaterialCheck, Status
from .uploads import CONTENT_TYPES, CheckedFile, accepted_types
from .workdays import Calendar

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

CASELOAD_MARKER = "demo-caseload+"
CASELOAD_DEPARTMENTS = ["psb", "civil", "hrss", "traffic", "hpf", "amr"]


@dataclass(frozen=True)
class DemoCitizen:
    name: str
    handle: str  # the email is demo-caseload+<handle>@example.com
    id_number: str
    phone: str
    language: str
    address: dict

    @property
    def email(self):
        return f"{CASELOAD_MARKER}{self.handle}@example.com"

    def overrides(self):
        return {
            "full_name": self.name,
            "id_number": {"type": "resident_id", "number": self.id_number},
            "phone": self.phone,
            "email": self.email,
            "address": dict(self.address),
        }


CASELOAD_CITIZENS = [
    DemoCitizen(
        "李娜",
        "li.na",
        ID_LI_NA,
        "13916285731",
        "zh-hans",
        {"district": "pujiang", "street": "浦电路 370 弄 12 号 801 室"},
    ),
    DemoCitizen(
        "王强",
        "wang.qiang",
        ID_WANG_QIANG,
        "18621457703",
        "zh-hans",
        {"district": "jiangxin", "street": "南京西路 1266 号 2305 室"},
    ),
    DemoCitizen(
        "Chen Jie",
        "chen.jie",
        resident_id("310105", datetime.date(1992, 4, 17), 31),
        "15800342619",
        "en",
        {"district": "changfeng", "street": "Loushanguan Rd 523, Apt 1604"},
    ),
    DemoCitizen(
        "刘洋",
        "liu.yang",
        resident_id("310107", datetime.date(1986, 11, 2), 15),
        "17717658824",
        "zh-hans",
        {"district": "yanglin", "street": "国权路 39 弄 3 号 502 室"},
    ),
    DemoCitizen(
        "周敏",
        "zhou.min",
        ID_ZHOU_MIN,
        "13761039452",
        "zh-hans",
        {"district": "puxin", "street": "碧波路 690 号 5 幢 1102 室"},
    ),
    DemoCitizen(
        "陈建国",
        "chen.jianguo",
        ID_CHEN_JIANGUO,
        "18817264530",
        "zh-hans",
        {"district": "jinghu", "street": "常德路 260 弄 8 号 201 室"},
    ),
    DemoCitizen(
        "Zhao Xue",
        "zhao.xue",
        resident_id("310110", datetime.date(1995, 7, 23), 26),
        "15921884076",
        "en",
        {"district": "honggang", "street": "Siping Rd 1500, Apt 702"},
    ),
    DemoCitizen(
        "黄丽华",
        "huang.lihua",
        resident_id("310113", datetime.date(1979, 2, 14), 48),
        "13524690317",
        "zh-hans",
        {"district": "minxi", "street": "七莘路 1888 弄 21 号 602 室"},
    ),
]

# (zh, en) texts; the applicant's in their language, internal notes in Chinese.
T_REQUEST = (
    "为继续办理您的申请，请一次性补充以下材料：",
    "To continue with your application, please provide all of the following:",
)
T_ITEM_MATERIAL = (
    "清晰、完整的《{zh}》扫描件（四角完整、文字可辨）",
    "A clear, complete scan of the {en} (all four corners, text readable)",
)
T_ITEMS = [
    ("申请人签名的书面情况说明", "A written statement of your circumstances, signed by you"),
    (
        "现居住地址的居住证明（租赁合同或房屋产权证明）",
        "Proof of your current address (tenancy agreement or title deed)",
    ),
]
T_ANSWER = ("已按要求重新上传全部材料，请查收。", "I have uploaded everything you asked for.")
T_APPROVE = ("经审核，您的申请符合条件，予以批准。", "Your application meets the conditions and has been approved.")
T_ISSUED = (
    "已发放（邮寄或电子证照）。结果已寄出，请注意查收。",
    "Issued (sent or e-certificate). The result has been sent to you.",
)
T_COLLECTED = ("已领取。申请人已在窗口领取办理结果。", "Collected. You collected the result at the service centre.")
T_REJECT = (
    "经审核，您提交的材料不能证明您符合本事项的申请条件：“{zh}”，决定不予批准。"
    "如对本决定不服，可自收到本决定之日起 60 日内向海浦市人民政府申请行政复议，"
    "或者自收到之日起 6 个月内向江心区人民法院提起行政诉讼。",
    "We have reviewed your application: the documents you gave do not show that you meet the condition "
    "“{en}”, so the application is refused. If you disagree with this decision you may apply to the Haipu "
    "Municipal People's Government for administrative reconsideration within 60 days of receiving it, or bring "
    "an administrative lawsuit before the Jiangxin District People's Court within 6 months.",
)
T_REFUSE = (
    "您提交的身份证件已超过有效期，本次申请不予受理。请换领有效证件后重新提交申请。",
    "The identity document you submitted has expired, so we cannot accept this application. Please apply again "
    "with a valid document.",
)
T_WITHDRAW = ("申请表中的信息填写有误，撤回后重新申请。", "I made a mistake in the form and will apply again.")
T_WITHDRAW_LATE = ("情况有变，暂不需要办理了。", "My plans have changed and I no longer need this.")
CHECK_NOTES = {
    MaterialCheck.Result.SEEN_ORIGINAL: "原件已核验，与复印件一致",
    MaterialCheck.Result.COPY_OK: "扫描件清晰完整",
    MaterialCheck.Result.NOT_ACCEPTABLE: "扫描件模糊，无法辨认，需补充",
}


def _case_steps(kind, limit):
    """[(action, working days ago, extra)] of one demo case; `limit` is the service's promised
    decision time in working days. Later steps are never further back than earlier ones."""
    L = limit
    ok = MaterialCheck.Result
    if kind == "submitted_overdue":
        return [("submit", 8, None)]
    if kind == "submitted_overdue_checked":
        return [("submit", 7, None), ("assign", 6, None), ("check", 6, (0, ok.COPY_OK))]
    if kind == "submitted_new":
        return [("submit", 0, None)]
    if kind == "submitted_soon_counter":
        return [("submit", 4, None), ("check", 4, (0, ok.SEEN_ORIGINAL))]
    if kind == "submitted_soon":
        return [("submit", 3, None)]
    if kind == "accepted_overdue":
        return [("submit", L + 4, None), ("assign", L + 3, None), ("accept", L + 2, None)]
    if kind == "accepted_soon":
        return [
            ("submit", L + 1, None),
            ("check", L + 1, (0, ok.SEEN_ORIGINAL)),
            ("assign", L, None),
            ("accept", L - 1, None),
        ]
    if kind == "in_review":
        accepted = max(L - 3, 1)
        return [
            ("submit", accepted + 2, None),
            ("assign", accepted + 1, None),
            ("accept", accepted, None),
            ("start_review", accepted - 1, None),
        ]
    if kind == "info_requested":
        return [
            ("submit", 7, None),
            ("assign", 6, None),
            ("accept", 6, None),
            ("start_review", 5, None),
            ("check", 5, (0, ok.NOT_ACCEPTABLE)),
            ("request_info", 3, 2),
        ]
    if kind == "info_requested_early":
        return [("submit", 2, None), ("assign", 1, None), ("request_info", 1, 3)]
    if kind == "answered":
        accepted = max(L - 3, 5) + 2
        return [
            ("submit", accepted + 1, None),
            ("assign", accepted, None),
            ("accept", accepted, None),
            ("start_review", accepted - 1, None),
            ("request_info", 5, 1),
            ("answer_info", 2, None),
        ]
    if kind == "approved":
        accepted = 2 + min(L, 3)
        return [
            ("submit", accepted + 1, None),
            ("assign", accepted + 1, None),
            ("accept", accepted, None),
            ("start_review", accepted - 1, None),
            ("approve", 2, None),
        ]
    if kind in ("completed", "completed_counter"):
        decided, done = (8, 6) if kind == "completed" else (15, 11)
        accepted = decided + min(L, 4)
        steps = [("submit", accepted + 1, None)]
        if kind == "completed_counter":
            steps.append(("check", accepted + 1, (0, ok.SEEN_ORIGINAL)))
        return steps + [
            ("assign", accepted + 1, None),
            ("accept", accepted, None),
            ("start_review", accepted - 1, None),
            ("approve", decided, None),
            ("complete", done, T_ISSUED if kind == "completed" else T_COLLECTED),
        ]
    if kind == "rejected":
        accepted = 4 + min(L, 4)
        return [
            ("submit", accepted + 1, None),
            ("assign", accepted + 1, None),
            ("accept", accepted, None),
            ("start_review", accepted - 1, None),
            ("reject", 4, None),
        ]
    if kind == "not_accepted":
        return [("submit", 6, None), ("refuse", 5, None)]
    if kind == "withdrawn":
        return [("submit", 9, None), ("withdraw", 8, T_WITHDRAW)]
    if kind == "withdrawn_accepted":
        return [("submit", 12, None), ("assign", 11, None), ("accept", 11, None), ("withdraw", 9, T_WITHDRAW_LATE)]
    raise ValueError(kind)


# (kind, channel, final status, extra): the same script in every department, with other services
# and citizens; the channel falls back to online where no service of the department offers it.
# The first department gets every case; each other one every case that is not an extra, and
# one of the extras in turn (so loading the demo stays quick).
CASELOAD = [
    ("submitted_overdue", "online", Status.SUBMITTED, False),
    ("submitted_overdue_checked", "online", Status.SUBMITTED, False),
    ("submitted_new", "online", Status.SUBMITTED, False),
    ("submitted_soon_counter", "counter", Status.SUBMITTED, False),
    ("submitted_soon", "post", Status.SUBMITTED, True),
    ("accepted_overdue", "online", Status.ACCEPTED, False),
    ("accepted_soon", "counter", Status.ACCEPTED, False),
    ("in_review", "online", Status.IN_REVIEW, False),
    ("info_requested", "online", Status.INFO_REQUESTED, False),
    ("info_requested_early", "online", Status.INFO_REQUESTED, True),
    ("answered", "online", Status.IN_REVIEW, False),
    ("approved", "online", Status.APPROVED, False),
    ("completed", "online", Status.COMPLETED, False),
    ("completed_counter", "counter", Status.COMPLETED, True),
    ("rejected", "post", Status.REJECTED, False),
    ("not_accepted", "online", Status.NOT_ACCEPTED, False),
    ("withdrawn", "online", Status.WITHDRAWN, False),
    ("withdrawn_accepted", "online", Status.WITHDRAWN, True),
]
EXTRAS = [kind for kind, _channel, _status, extra in CASELOAD if extra]


def _text(pair, language):
    return pair[1] if language == "en" else pair[0]


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
    items = [_text(T_ITEM_MATERIAL, language).format(zh=m.name_zh, en=m.name_en) for m in materials[:2]]
    items += [_text(item, language) for item in T_ITEMS]
    return items[:count]


def _rejection(service, language):
    zh = (service.eligibility_zh.splitlines() or ["本事项的申请条件"])[0].strip().rstrip("。；;.")
    en = (service.eligibility_en.splitlines() or ["the conditions of this service"])[0].strip().rstrip(".;")
    return _text(T_REJECT, language).format(zh=zh, en=en)


def _case_checks(kind):
    return [extra for action, _ago, extra in _case_steps(kind, 1) if action == "check"]


class _Caseload:
    """The demo caseload of one department."""

    def __init__(self, department, index, officer, checker):
        self.department, self.index = department, index
        self.officer, self.checker = officer, checker
        self.services = list(
            Service.objects.filter(department=department, offers_online=True, form_pages__isnull=False)
            .distinct()
            .order_by("code")
        )

    def plan(self):
        """[(kind, channel, final status, service, citizen)], the same on every run."""
        offers = {"online": "offers_online", "counter": "offers_counter", "post": "offers_post"}
        result = []
        for n, (kind, channel, status, extra) in enumerate(CASELOAD):
            if extra and self.index and kind != EXTRAS[(self.index - 1) % len(EXTRAS)]:
                continue
            candidates = [s for s in self.services if getattr(s, offers[channel])]
            if not candidates:
                channel, candidates = "online", self.services
            service = candidates[(n + self.index) % len(candidates)]
            citizen = CASELOAD_CITIZENS[(n * 3 + self.index * 5) % len(CASELOAD_CITIZENS)]
            result.append((kind, channel, status, service, citizen))
        return result

    def days_back_needed(self):
        return max(
            ago
            for kind, _channel, _status, service, _citizen in self.plan()
            for _action, ago, _extra in _case_steps(kind, service.promised_limit_days)
        )

    # --- making it ------------------------------------------------------------------------
    def create(self, days, now):
        """Every case of the plan, each step through the lifecycle at its time on the clock."""
        rng = random.Random(f"demo-caseload-{self.department.slug}")
        forms = {service.pk: _ServiceForm(service) for service in self.services}
        made, attachments = [], []
        for kind, channel, status, service, citizen in self.plan():
            form = forms[service.pk]
            app, timeline, files = self._create_one(kind, channel, form, citizen, _Clock(days, rng, now))
            assert app.status == status, (kind, app.status)
            made.append((app, timeline))
            attachments += files
        Attachment.objects.bulk_create(attachments)
        _date_records(made, attachments)
        return [app for app, _timeline in made]

    def _create_one(self, kind, channel, form, citizen, clock):
        service, lang = form.service, citizen.language
        app = Application(
            service=service,
            department=service.department,
            channel=channel,
            language=lang,
            applicant_name=citizen.name,
            contact_email=citizen.email,
            contact_phone=citizen.phone,
            answers=form.answers_of(citizen),
            form_version=form.version,
        )
        app.save()
        # Online the applicant uploads the documents; at the counter or by post staff scan them.
        files = form.documents(app, self.checker if channel != "online" else None)
        materials, timeline = form.materials, []
        for action, ago, extra in _case_steps(kind, service.promised_limit_days):
            if action == "check" and extra[0] >= len(materials):
                continue
            now = clock.at(ago, action, channel)
            timeline.append((action, now))
            if action == "submit":
                app = lifecycle.act(app, "submit", None, now=now)
            elif action == "assign":
                app = lifecycle.assign(app, self.officer, self.officer)
            elif action == "check":
                number, result = extra
                lifecycle.check_material(app, self.checker, materials[number], result, CHECK_NOTES[result])
            elif action in ("accept", "start_review"):
                app = lifecycle.act(app, action, self.officer, now=now)
            elif action == "request_info":
                items = _info_items(materials, extra, lang)
                app = lifecycle.act(app, action, self.officer, now=now, note=_text(T_REQUEST, lang), items=items)
            elif action == "answer_info":
                request = app.info_requests.get(answered_at__isnull=True)
                for n, _item in enumerate(request.items, start=1):
                    file = _attachment(app, request.file_key(n), None, None, "pdf", DEMO_PDF, f"item-{n}.pdf")
                    file.uploaded = now
                    files.append(file)
                app = lifecycle.act(app, action, None, now=now, answer=_text(T_ANSWER, lang))
            elif action == "approve":
                app = lifecycle.act(app, action, self.officer, now=now, note=_text(T_APPROVE, lang))
            elif action == "complete":
                app = lifecycle.act(app, action, self.officer, now=now, note=_text(extra, lang))
            elif action == "reject":
                app = lifecycle.act(app, action, self.officer, now=now, note=_rejection(service, lang))
            elif action == "refuse":
                app = lifecycle.act(app, action, self.officer, now=now, note=_text(T_REFUSE, lang))
            elif action == "withdraw":
                app = lifecycle.act(app, action, None, now=now, note=_text(extra, lang))
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
        for app, (kind, _channel, _status, service, _citizen) in zip(apps, plan, strict=True):
            if app.pk in checked or app.service_id != service.pk:
                continue
            current = materials.get(app.service_id, [])
            for (number, result), event in zip(_case_checks(kind), events.get(app.pk, []), strict=False):
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
        caseload = _Caseload(department, index, officer, clerks.get(department.pk, officer))
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
