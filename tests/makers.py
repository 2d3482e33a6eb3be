"""Small helpers that make catalogue records with sensible defaults for tests."""

import datetime
import itertools

from services.catalogue.models import FAQ, Department, District, LifeEvent, Material, Service
from services.offline.models import OpeningHours, ServiceCentre

_seq = itertools.count(1)


def make_district(slug=None, **kw):
    n = next(_seq)
    slug = slug or f"district-{n}"
    return District.objects.create(
        slug=slug, name_zh=kw.pop("name_zh", f"区{n}"), name_en=kw.pop("name_en", f"District {n}"), **kw
    )


def make_department(slug=None, **kw):
    n = next(_seq)
    slug = slug or f"dept-{n}"
    defaults = dict(
        code=f"D{n}",
        name_zh=f"部门{n}",
        name_en=f"Department {n}",
        phone="021-12345678",
        email=f"d{n}@example.gov.cn",
        complaint_channel_zh="拨打12345",
        complaint_channel_en="Call 12345",
    )
    defaults.update(kw)
    return Department.objects.create(slug=slug, **defaults)


def make_event(slug=None, **kw):
    n = next(_seq)
    defaults = dict(name_zh=f"事件{n}", name_en=f"Event {n}")
    defaults.update(kw)
    return LifeEvent.objects.create(slug=slug or f"event-{n}", **defaults)


def make_service(slug=None, department=None, events=(), **kw):
    n = next(_seq)
    defaults = dict(
        name_zh=f"服务{n}",
        name_en=f"Service {n}",
        summary_zh=f"服务{n}的简介",
        summary_en=f"About service {n}",
        eligibility_zh="本市居民",
        eligibility_en="Residents of the city",
        conditions_zh="条件一\n条件二",
        conditions_en="Condition one\nCondition two",
        steps_zh="提交申请\n审核\n领取结果",
        steps_en="Apply\nReview\nCollect the result",
        legal_basis_zh="《某条例》",
        legal_basis_en="Some Regulation",
        statutory_limit_days=20,
        promised_limit_days=10,
        offers_online=True,
        offers_counter=True,
    )
    defaults.update(kw)
    service = Service.objects.create(
        slug=slug or f"service-{n}", department=department or make_department(), **defaults
    )
    if events:
        service.life_events.set(events)
    return service


def make_material(service, **kw):
    defaults = dict(name_zh="居民身份证", name_en="Resident ID card", form=Material.Form.ORIGINAL)
    defaults.update(kw)
    return Material.objects.create(service=service, **defaults)


def make_faq(service, **kw):
    defaults = dict(
        question_zh="需要多久？",
        question_en="How long does it take?",
        answer_zh="十个工作日。",
        answer_en="Ten working days.",
    )
    defaults.update(kw)
    return FAQ.objects.create(service=service, **defaults)


def make_centre(slug=None, district=None, services=(), weekdays=range(5), **kw):
    n = next(_seq)
    defaults = dict(
        name_zh=f"服务中心{n}",
        name_en=f"Service Centre {n}",
        address_zh=f"中山路{n}号",
        address_en=f"{n} Zhongshan Road",
        phone="021-87654321",
    )
    defaults.update(kw)
    centre = ServiceCentre.objects.create(slug=slug or f"centre-{n}", district=district or make_district(), **defaults)
    for day in weekdays:
        OpeningHours.objects.create(centre=centre, weekday=day, opens=datetime.time(9), closes=datetime.time(17))
    if services:
        centre.services.set(services)
    return centre


def make_form(service, material=None):
    """A two-page form using every field type, with a condition on each page."""
    from services.applications.models import FormField, FormPage

    p1 = FormPage.objects.create(service=service, order=1, title_zh="申请人信息", title_en="About the applicant")
    p2 = FormPage.objects.create(service=service, order=2, title_zh="申请详情", title_en="Details")
    fields = [
        (p1, "full_name", "text", {"label_en": "Full name", "max_length": 50, "min_length": 2}),
        (p1, "id_number", "id_number", {"label_en": "ID number"}),
        (p1, "phone", "mobile", {"label_en": "Mobile"}),
        (p1, "email", "email", {"label_en": "Email", "required": False}),
        (p1, "address", "address", {"label_en": "Home address"}),
        (p1, "birth_date", "date", {"label_en": "Date of birth", "date_rule": "past"}),
        (
            p2,
            "reason",
            "choice",
            {"label_en": "Reason", "choices": "new|新办|New\nrenew|续办|Renewal\nlost|遗失补办|Lost"},
        ),
        (
            p2,
            "lost_where",
            "textarea",
            {"label_en": "Where was it lost?", "condition_key": "reason", "condition_value": "lost", "max_length": 500},
        ),
        (p2, "household", "number", {"label_en": "People in household", "min_value": 1, "max_value": 20}),
        (
            p2,
            "needs",
            "multiple",
            {
                "label_en": "Support needed",
                "required": False,
                "choices": "ramp|无障碍通道|Step-free access\nsign|手语|Sign language",
            },
        ),
        (p2, "has_car", "yesno", {"label_en": "Do you own a car?"}),
        (p2, "photo", "file", {"label_en": "Photo", "required": False, "material": material}),
    ]
    for order, (page, key, kind, extra) in enumerate(fields):
        extra.setdefault("label_zh", extra["label_en"])
        FormField.objects.create(page=page, key=key, kind=kind, order=order, **extra)
    return p1, p2


VALID_PAGE_1 = {
    "full_name": "Zhang Wei",
    "id_number__type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "138 1234 5678",
    "email": "zhang@example.com",
    "address__district": "",
    "address__street": "",
    "birth_date": "1949-12-31",
}
VALID_PAGE_2 = {"reason": "new", "household": "3", "has_car": "no"}

# Real, whole files: uploads are checked by parsing them (a PDF with pages; an image that decodes).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\nxref\n0 4\n0000000000 65535 f \n"
    b"0000000009 00000 n \n0000000053 00000 n \n0000000103 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
    b"startxref\n167\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00"
    b"\x0cIDATx\xdac\xf8\xff\xff?\x00\x05\xfe\x02\xfe3\x12\x95\x14\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_staff(username, group, department, **kw):
    from django.contrib.auth.models import Group

    from services.accounts.models import User

    user = User.objects.create_user(
        username,
        password="pw-123456-long",
        is_staff=True,
        department=department,
        email=f"{username}@example.gov.cn",
        **kw,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_staff_world(**permit):
    """Two departments (PSB, Civil Affairs) with a service each (`permit` with extra fields for
    PSB's), and staff in every role: two PSB case officers, a Civil Affairs one, a PSB clerk and
    department admin, and a supervisor of no department."""
    psb = make_department(slug="psb", name_en="Public Security Bureau")
    civil = make_department(slug="civil", name_en="Civil Affairs")
    return {
        "psb": psb,
        "civil": civil,
        "permit": make_service(slug="permit", name_en="Residence permit", department=psb, **permit),
        "marriage": make_service(slug="marriage", name_en="Marriage registration", department=civil),
        "officer": make_staff("officer", "Case officer", psb, first_name="Wang"),
        "colleague": make_staff("colleague", "Case officer", psb),
        "other_officer": make_staff("other", "Case officer", civil),
        "clerk": make_staff("clerk", "Counter clerk", psb),
        "deptadmin": make_staff("deptadmin", "Department admin", psb),
        "supervisor": make_staff("supervisor", "Supervisor", None),
    }


def make_submitted(service, owner=None, **kw):
    """A submitted online application, through the lifecycle."""
    from services.applications import lifecycle
    from services.applications.models import Application

    kw.setdefault("applicant_name", "Zhang Wei")
    kw.setdefault("contact_email", "zhang@example.com")
    kw.setdefault("contact_phone", "13800138000")
    kw.setdefault("language", "en")
    app = Application.objects.create(service=service, department=service.department, owner=owner, **kw)
    return lifecycle.act(app, "submit", owner)
