"""Chinese text uses full-width punctuation (，。：；（）？！、), in the catalogue, in the demo city
and on every page a citizen reads. Half-width punctuation stays right between Latin letters and
digits (2026-11-30, 09:00, 10 MB, name@example.com, %(name)s), and is wrong only next to Chinese.
"""

import ast
import html
import re
from pathlib import Path

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# The demo city: its content (YAML) and the Python of the app that loads it.
DEMO_DATA = sorted((ROOT / "services" / "demo" / "data").glob("**/*.yaml"))
DEMO_FILES = sorted((ROOT / "services" / "demo").glob("**/*.py"))

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# What ends a stretch of Chinese: a Han character, Chinese punctuation or a full-width form
# ("（69 字节）." is wrong too), or a closing quote after a Han character (English text has
# closing quotes of its own: “six months”, is fine).
CHINESE = rf"(?:[{HAN}\u3000-\u303f\uff00-\uffef]|[{HAN}][\u201d\u2019])"
HALF_WIDTH = re.compile(
    rf"{CHINESE}[ \t]*[,.:;?!)]"  # after Chinese: 居民身份证: / 原件. / 字节)
    rf"|[(][ \t]*[{HAN}]"  # an opening bracket before Chinese: (字节
    rf"|[(][^()\n]*[{HAN}][^()\n]*[)]"  # brackets around Chinese: (69 字节)
    rf"|(?<![\d.])[,:;?!)][ \t]*[{HAN}]"  # before Chinese: 10 MB, 请 / ...): 居
    rf"|(?<!^\d)(?<!^\d\d)(?<![\s\d]\d)(?<![\s\d]\d\d)[.][ \t]*[{HAN}]",  # MB. 请 (a list's "1. " is fine)
    re.M,
)
CJK_TEXT = re.compile(f"[{HAN}]")


def half_width(text):
    """The places in `text` where half-width punctuation touches Chinese, with a little context."""
    return [text[max(m.start() - 12, 0) : m.end() + 12] for m in HALF_WIDTH.finditer(text)]


# --- The checker itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong",
    [
        "居民身份证: 110105194912310021",
        "原件. 请携带",
        "contract.pdf (69 字节). 仅在需要替换时选择另一个文件。",
        "搜索全部事项.",
        "请上传(PDF 格式)",
        "10 MB, 请压缩后上传",
        "已提交?",
        "不能为空!",
        "材料;证明",
        "办件 %(ref)s: 已受理",
        "请填写“居住地址”.",
    ],
)
def test_the_checker_finds_half_width_punctuation_next_to_chinese(wrong):
    assert half_width(wrong)


@pytest.mark.parametrize(
    "right",
    [
        "居民身份证：110105194912310021",
        "contract.pdf（69 字节）。仅在需要替换时选择另一个文件。",
        "预计于 2026-11-30 前办结，办公时间 09:00-17:00。",
        "请按正确格式填写电子邮箱，例如 name@example.com",
        "网址 https://www.haipu.gov.cn/guide?id=1 或邮箱 help@haipu.gov.cn",
        "所选文件须小于%(max)s MB（该文件为%(size).1f MB）。",
        "请回答：%(label)s",
        "PDF, JPG or PNG",
        "1. 居民身份证\n2. 户口簿",
        "版本 1.2 已发布",
        "Give the date on the card, for example “valid for six months”, as written.",
    ],
)
def test_the_checker_leaves_latin_digits_and_placeholders_alone(right):
    assert half_width(right) == []


# --- (a) The catalogue and the demo data -------------------------------------------------------


def msgstrs():
    """Every msgstr of the Chinese catalogue (continuation lines joined), with its msgid."""
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        if block.lstrip().startswith("#~"):
            continue
        msgid = re.search(r'^msgid "(.*)"((?:\n".*")*)', block, re.M)
        for first, rest in re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M):
            value = first + "".join(re.findall(r'"(.*)"', rest))
            yield (msgid.group(1) + "".join(re.findall(r'"(.*)"', msgid.group(2)))) if msgid else "", value


def visible(markup):
    """Text as read: tags gone, entities decoded, escaped newlines as newlines."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup.replace("\\n", "\n")))


def test_every_chinese_translation_uses_full_width_punctuation():
    wrong = [(msgid, found) for msgid, value in msgstrs() for found in half_width(visible(value))]
    assert not wrong, f"{len(wrong)} translations with half-width punctuation next to Chinese: {wrong[:10]}"


def chinese_strings(path):
    """Every string constant in a Python file that contains Chinese, with its line; docstrings
    (English for the developer, quoting Chinese as it is written) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK_TEXT.search(node.value):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):  # an f-string: judge its literal parts joined
            literal = "".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)
            if CJK_TEXT.search(literal):
                yield node.lineno, literal


def yaml_chinese_strings(text):
    """Every scalar of a YAML document that contains Chinese (keys and values, comments left
    out), with its line."""
    nodes = [yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.ScalarNode):
            if CJK_TEXT.search(node.value):
                yield node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.MappingNode):
            nodes += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            nodes += node.value


def test_the_yaml_reader_finds_chinese_strings_with_their_lines():
    text = "residence-permit:\n- title_zh: 申请人信息\n  fields:\n  - {use: address, hint_zh: 须与租赁备案一致.}\n"
    found = sorted(yaml_chinese_strings(text))
    assert found == [(2, "申请人信息"), (4, "须与租赁备案一致.")]
    assert [value for _line, value in found if half_width(value)] == ["须与租赁备案一致."]


def demo_strings():
    """(file:line, string) of every Chinese string of the demo's YAML data and its Python."""
    for path in DEMO_DATA:
        for line, value in yaml_chinese_strings(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(ROOT)}:{line}", value
    for path in DEMO_FILES:
        for line, value in chinese_strings(path):
            yield f"{path.relative_to(ROOT)}:{line}", value


def test_every_chinese_string_of_the_demo_city_uses_full_width_punctuation():
    assert DEMO_DATA, "no demo data files found"
    wrong = [f"{where}: {found!r}" for where, value in demo_strings() for found in half_width(value)]
    assert not wrong, f"{len(wrong)} demo strings with half-width punctuation next to Chinese:\n" + "\n".join(
        wrong[:20]
    )


# --- (b) The pages a citizen reads, in Chinese, with the demo city loaded ----------------------

ATTRIBUTES = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')


def page_text(body):
    """What a reader sees or hears: text outside tags, scripts and styles, plus the labels in
    attributes that a screen reader or a tooltip says."""
    body = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", "", body)
    body = re.sub(r'(?is)<nav[^>]*id="nav-sidebar".*?</nav>', "", body)  # Django's own admin menu
    body = re.sub(r"(?s)<!--.*?-->", "", body)
    said = "\n".join(ATTRIBUTES.findall(body))
    # Block tags end a line; inline tags join their text ("<a>链接</a>." reads "链接.").
    body = re.sub(
        r"(?i)</?(p|div|li|ul|ol|dt|dd|dl|h\d|tr|td|th|table|section|header|footer|nav|main|br|form"
        r"|fieldset|legend|label|option|select|button|summary|details)\b[^>]*>",
        "\n",
        body,
    )
    return html.unescape(re.sub(r"<[^>]*>", "", body) + "\n" + said)


class Pages:
    """The Chinese pages visited, and the half-width punctuation found on each."""

    def __init__(self, client):
        self.client = client
        self.wrong = {}  # what was found -> the first page it was found on
        self.seen = 0

    def read(self, response, url):
        assert response.status_code < 500, url
        if response.status_code in (301, 302, 303):
            return response
        self.seen += 1
        for found in half_width(page_text(response.content.decode())):
            self.wrong.setdefault(re.sub(r"\s+", " ", found).strip(), url)
        return response

    def get(self, url, **kw):
        return self.read(self.client.get(url, **kw), url)

    def post(self, url, data=None, **kw):
        return self.read(self.client.post(url, data or {}, **kw), url)


@pytest.fixture
def demo(demo_city, db):
    """The demo city, loaded once for this module (see tests/conftest.py)."""
    return demo_city


def first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def pdf_of(size):
    from tests.makers import PDF_BYTES

    return SimpleUploadedFile("contract.pdf", PDF_BYTES + b"%" * max(size - len(PDF_BYTES), 0), "application/pdf")


def moved(response):
    context = response.context or {}
    assert response.status_code == 302, (context.get("form") and context["form"].errors, context.get("errors"))
    return response["Location"]


def apply_as_guest(pages, service):
    """The apply flow in Chinese with mistakes on the way: empty pages, a file that is too big."""
    from services.applications.flow import Flow, material_key
    from services.applications.models import Application, FieldKind
    from services.applications.uploads import accepted_types
    from services.demo.forms import demo_answers
    from tests.applications.test_demo_forms import page_data
    from tests.makers import PNG_BYTES

    pages.get(f"/zh-hans/services/{service.slug}/apply/")
    location = moved(pages.post(f"/zh-hans/services/{service.slug}/apply/"))
    app = Application.objects.latest("pk")
    pages.get(location)
    pages.post(location, {"who": "self", "contact_phone": "138"})  # the error state
    applicant = {
        "who": "self",
        "applicant_name": "张伟",
        "contact_phone": "13800138000",
        "contact_email": "zw@example.com",
    }
    location = moved(pages.post(location, applicant))
    answers = demo_answers(service)
    while "/page/" in location:
        app.refresh_from_db()
        page = Flow(app).page(int(location.rstrip("/").rsplit("/", 1)[1]))
        pages.get(location)
        pages.post(location, {})  # every question unanswered
        data = page_data(page, answers)
        for field in page.fields.all():
            if field.kind == FieldKind.FILE:
                data[field.key] = pdf_of(200)
        location = moved(pages.post(location, data))
    documents = f"/zh-hans/apply/{app.public_id}/documents/"
    materials = list(service.materials.all())
    pages.get(documents)
    pages.post(documents, {material_key(materials[0]): pdf_of(1024 * 1024 + 1)})  # too big
    pages.post(documents, {material_key(materials[0]): SimpleUploadedFile("x.pdf", b"MZ" + b"0" * 80)})  # not a PDF
    uploads = {}
    for material in materials:
        if "pdf" in accepted_types(material.accepted_file_types):
            uploads[material_key(material)] = pdf_of(69)
        else:
            uploads[material_key(material)] = SimpleUploadedFile("photo.png", PNG_BYTES, "image/png")
    moved(pages.post(documents, uploads))
    pages.get(f"{documents}?change=1")  # the files uploaded, with their sizes
    check = f"/zh-hans/apply/{app.public_id}/check/"
    pages.get(check)
    pages.post(f"/zh-hans/apply/{app.public_id}/submit/", {"idempotency_key": str(app.public_id)})  # no tick
    moved(
        pages.post(f"/zh-hans/apply/{app.public_id}/submit/", {"idempotency_key": str(app.public_id), "confirm": "on"})
    )
    app.refresh_from_db()
    pages.get(f"/zh-hans/applications/{app.reference}/submitted/")
    return app


def test_the_main_chinese_pages_use_full_width_punctuation(client, demo, settings):
    from django.contrib.auth import get_user_model

    from services.applications.models import Application, Status
    from services.catalogue.models import Department, LifeEvent, Service
    from services.offline.models import ServiceCentre

    settings.UPLOAD_MAX_MB = 1
    pages = Pages(client)
    service = Service.objects.get(slug="residence-permit")
    for url in [
        "/zh-hans/",
        "/zh-hans/services/",
        "/zh-hans/services/?q=居住证",
        "/zh-hans/services/?q=没有这种事项",  # no results
        f"/zh-hans/services/{service.slug}/",
        "/zh-hans/departments/",
        f"/zh-hans/departments/{first(Department).slug}/",
        "/zh-hans/life-events/",
        f"/zh-hans/life-events/{first(LifeEvent).slug}/",
        "/zh-hans/centres/",
        f"/zh-hans/centres/{first(ServiceCentre).slug}/",
        "/zh-hans/track/",
        "/zh-hans/account/login/",
        "/zh-hans/account/signup/",
        "/zh-hans/account/password-reset/",
        "/zh-hans/services/no-such-service/",  # the 404 page
    ]:
        pages.get(url)
    for channel in ("counter", "post", "online"):
        pages.get(f"/zh-hans/services/{service.slug}/how-to-apply/{channel}/")
    pages.post("/zh-hans/account/login/", {"username": "nobody", "password": "wrong"})
    pages.post("/zh-hans/track/", {"reference": "HP26K7M2X9QDA", "tracking_code": "ABCD1234"})

    app = apply_as_guest(pages, service)
    pages.post("/zh-hans/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    # Tracking an application in every state the demo city has (requests for information too).
    for status in Status.values:
        other = first(Application, status=status, language="zh-hans") or first(Application, status=status)
        if other and other.reference:
            pages.post("/zh-hans/track/", {"reference": other.reference, "tracking_code": other.tracking_code})

    client.force_login(get_user_model().objects.get(username="citizen"))
    pages.get("/zh-hans/applications/")
    pages.get("/zh-hans/account/profile/")
    for mine in Application.objects.filter(owner__username="citizen").exclude(reference=""):
        pages.get(f"/zh-hans/applications/{mine.reference}/")
    assert pages.seen >= 40
    wrong = [f"{url}: {found!r}" for found, url in pages.wrong.items()]
    assert not wrong, f"{len(wrong)} texts with half-width punctuation next to Chinese:\n" + "\n".join(wrong)


def test_the_officers_chinese_pages_use_full_width_punctuation(client, demo):
    """The case pages in the admin, for an officer whose language is Chinese: materials with
    their checks, files with their sizes, requests for information with their answers."""
    from django.contrib.auth import get_user_model

    from services.applications.models import Application

    client.force_login(get_user_model().objects.get(username="officer-psb"))
    client.cookies["django_language"] = "zh-hans"
    pages = Pages(client)
    pages.get("/admin/")
    pages.get("/admin/applications/application/")
    cases = Application.objects.filter(department__slug="psb").exclude(reference="").order_by("pk")
    for app in cases:
        pages.get(f"/admin/applications/application/{app.pk}/change/")
    assert pages.seen >= 10
    wrong = [f"{url}: {found!r}" for found, url in pages.wrong.items()]
    assert not wrong, f"{len(wrong)} texts with half-width punctuation next to Chinese:\n" + "\n".join(wrong)


def test_the_chinese_emails_use_full_width_punctuation(client, demo, settings, django_capture_on_commit_callbacks):
    """The guest's resume link, the confirmation and the status updates of a Chinese application."""
    from django.contrib.auth import get_user_model
    from django.core import mail

    from services.applications import lifecycle
    from services.applications.models import Application
    from services.catalogue.models import Service

    settings.UPLOAD_MAX_MB = 1
    officer = get_user_model().objects.get(username="officer-psb")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        app = apply_as_guest(Pages(client), Service.objects.get(slug="residence-permit"))
    for step in (
        lambda app: lifecycle.act(app, "accept", officer),
        lambda app: lifecycle.act(
            app, "request_info", officer, items=["租赁合同复印件", "身份证背面照片"], note="请一次补齐。"
        ),
        lambda app: lifecycle.act(app, "withdraw", None, note="情况有变，暂不需要办理了。"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            app = step(Application.objects.get(pk=app.pk))
    assert len(mail.outbox) >= 4 and all("海浦" in m.body or "申请" in m.body for m in mail.outbox)
    wrong = [
        (message.subject, found)
        for message in mail.outbox
        for text in [message.subject, message.body, *(visible(body) for body, _type in message.alternatives)]
        for found in half_width(page_text(text) if "<" in text else text)
    ]
    assert not wrong, wrong
