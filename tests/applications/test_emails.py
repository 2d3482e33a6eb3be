"""Every email the portal sends: its links come from SITE_URL alone, its subject is clean in both
languages once it is on the wire, and a request for information says what is needed and how to
answer."""

import email
import re
import subprocess
from email import policy
from html import unescape
from pathlib import Path

import pytest
from django.core import mail

from services.applications import lifecycle
from services.applications.models import Application
from tests.makers import make_department, make_service, make_staff, make_submitted

# The test's own transaction: the emails queued on commit are sent where a test reads them, by
# running those callbacks (the `sending` fixture), and each test counts them before reading them.
pytestmark = pytest.mark.django_db

SITE = "https://services.haipu.example.gov.cn"
# Long enough that a Chinese subject is folded over two header lines once encoded.
LONG_NAME_ZH = "城乡居民基本养老保险参保登记和待遇领取申请"
LONG_NAME_EN = "Urban and rural residents' basic pension insurance: registration and claiming the pension"
ITEMS_EN = ["A copy of your tenancy contract", "A photo of the back of your ID card", "Your employer's letter"]
ITEMS_ZH = ["租赁合同复印件", "身份证背面照片", "单位证明"]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending():` around a step sends the emails it queues on commit, as the commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def world(settings):
    settings.SITE_URL = SITE
    psb = make_department(slug="psb")
    service = make_service(slug="pension", name_zh=LONG_NAME_ZH, name_en=LONG_NAME_EN, department=psb)
    return {"service": service, "officer": make_staff("officer", "Case officer", psb)}


def on_the_wire(message):
    """The message as a mail client reads it after it was sent."""
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


# One of each: received, accepted, information requested, answer received (to the applicant and to
# the officer), in review, approved, the guest's resume link, the password reset.
EVERY_KIND = 9


def every_kind_of_email(client, world, citizen, language, sending):
    """Confirmation, every update, the answer received (applicant and officer), the guest's
    resume link and the password reset, in `language`; returns the emails sent."""
    mail.outbox.clear()
    officer = world["officer"]
    with sending():
        app = make_submitted(world["service"], citizen, language=language)
    Application.objects.filter(pk=app.pk).update(assignee=officer)
    steps = [
        ("accept", officer, {}),
        ("request_info", officer, {"items": ITEMS_EN, "note": "Two things are missing."}),
        ("answer_info", citizen, {"answer": "Here they are."}),
        ("start_review", officer, {}),
        ("approve", officer, {"note": "Approved."}),
    ]
    for name, actor, params in steps:
        with sending():  # each step's emails go when it commits, before the next step
            lifecycle.act(Application.objects.get(pk=app.pk), name, actor, **params)
    prefix = "zh-hans" if language == "zh-hans" else "en"
    client.post(f"/{prefix}/services/pension/apply/")
    guest = Application.objects.filter(owner=None).latest("pk")
    client.post(
        f"/{prefix}/apply/{guest.public_id}/applicant/",
        {"who": "self", "applicant_name": "Li Na", "contact_phone": "13812345678", "contact_email": "li@example.com"},
    )
    client.post(f"/{prefix}/account/password-reset/", {"email": "zhang@example.com"})
    assert len(mail.outbox) == EVERY_KIND, [m.subject for m in mail.outbox]
    return list(mail.outbox)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_email_subject_has_no_space_at_either_end(client, world, citizen, language, sending):
    sent = every_kind_of_email(client, world, citizen, language, sending)
    assert len(sent) == EVERY_KIND
    for message in sent:
        subject = on_the_wire(message)["Subject"]
        assert subject == subject.strip(), repr(subject)
        assert subject == message.subject
        assert message.subject and "\n" not in message.subject


def test_the_chinese_confirmation_subject_does_not_start_with_a_space(world, citizen, sending):
    with sending():
        app = make_submitted(world["service"], citizen, language="zh-hans")
    assert len(mail.outbox) == 1
    subject = on_the_wire(mail.outbox[-1])["Subject"]
    assert subject == f"已收到申请 {app.reference}：{LONG_NAME_ZH}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_link_in_every_email_starts_with_site_url(client, world, citizen, language, sending):
    sent = every_kind_of_email(client, world, citizen, language, sending)
    assert len(sent) == EVERY_KIND
    for message in sent:
        parts = [message.body] + [content for content, _mimetype in message.alternatives]
        for part in parts:
            links = re.findall(r"https?://[^\s\"<>]+", part)
            links = [link for link in links if "w3.org" not in link]
            assert links, message.subject
            assert all(link.startswith(SITE + "/") for link in links), (message.subject, links)
            assert "testserver" not in part and "127.0.0.1" not in part


def test_the_guest_resume_link_and_the_reset_link_work_from_site_url(client, world, citizen, sending):
    sent = every_kind_of_email(client, world, citizen, "en", sending)
    resume = next(m for m in sent if "Continue your application" in m.subject)
    reset = next(m for m in sent if "Reset your" in m.subject)
    resume_link = re.search(rf"{SITE}(/en/apply/continue/\S+/)", resume.body).group(1)
    reset_link = re.search(rf"{SITE}(/en/account/reset/\S+/)", reset.body).group(1)
    client.cookies.clear()
    assert client.get(resume_link).status_code == 302
    assert client.get(reset_link, follow=True).status_code == 200


def test_site_url_with_a_trailing_slash_makes_no_double_slash(client, world, citizen, settings, sending):
    settings.SITE_URL = SITE + "/"
    with sending():
        make_submitted(world["service"], citizen)
    assert len(mail.outbox) == 1
    assert f"{SITE}/en/track/" in mail.outbox[-1].body
    assert "//en/" not in mail.outbox[-1].body


def info_request_email(world, owner, language, items, sending):
    app = make_submitted(world["service"], owner, language=language)
    app = lifecycle.act(app, "accept", world["officer"])
    mail.outbox.clear()
    with sending():
        lifecycle.act(app, "request_info", world["officer"], items=items, note="Please send these.")
    assert len(mail.outbox) == 1
    return app, mail.outbox[0]


def test_more_information_email_lists_every_item_and_how_to_answer(world, citizen, sending):
    app, message = info_request_email(world, citizen, "en", ITEMS_EN, sending)
    html = unescape(message.alternatives[0][0])
    assert message.subject == f"Application {app.reference}: More information requested"
    for part in (message.body, html):
        for item in ITEMS_EN:
            assert item in part
        assert "Please send these." in part
        assert "Send everything listed below in one answer" in part
        assert f"{SITE}/en/account/login/?next=/en/applications/{app.reference}/answer/" in part
        assert f"{SITE}/en/track/" in part
        assert app.reference in part and app.tracking_code in part
    # each item once, numbered, in the text
    assert "1. A copy of your tenancy contract\n2. A photo of the back of your ID card\n3. Your employer's letter" in (
        message.body
    )
    assert html.count("<li>") == 3


def test_more_information_email_in_chinese(world, citizen, sending):
    app, message = info_request_email(world, citizen, "zh-hans", ITEMS_ZH, sending)
    assert message.subject == f"申请 {app.reference}：需补充材料"
    for item in ITEMS_ZH:
        assert item in message.body and item in message.alternatives[0][0]
    assert "请在一次答复中提交以下全部内容" in message.body
    assert f"{SITE}/zh-hans/account/login/?next=/zh-hans/applications/{app.reference}/answer/" in message.body
    assert f"{SITE}/zh-hans/track/" in message.body
    assert "Send everything" not in message.body


def test_more_information_email_to_a_guest_says_to_answer_from_the_tracking_page(client, world, sending):
    app, message = info_request_email(world, None, "en", ITEMS_EN, sending)
    assert "account/login" not in message.body
    assert f"{SITE}/en/track/" in message.body
    assert "Answer the request" in message.body  # the button the tracking page shows
    # ... and the tracking page does offer it to whoever has the reference and the code
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}).content
    assert b"Answer the request" in body


def test_more_information_email_sign_in_link_leads_to_the_answer_page(client, world, citizen, sending):
    app, message = info_request_email(world, citizen, "en", ITEMS_EN, sending)
    login = re.search(rf"{SITE}(/en/account/login/\?next=\S+)", message.body).group(1)
    response = client.post(login, {"username": "zhang@example.com", "password": "pw-123456-long"})
    assert response.status_code == 302 and response["Location"] == f"/en/applications/{app.reference}/answer/"
    assert client.get(response["Location"]).status_code == 200


def test_emails_use_chinese_punctuation_after_chinese_labels(world, citizen, sending):
    with sending():
        make_submitted(world["service"], citizen, language="zh-hans")
    assert len(mail.outbox) == 1
    body = mail.outbox[-1].body
    assert "申请编号：" in body and "查询码：" in body
    assert not re.search(r"[\u4e00-\u9fff][:,.;()?!]", body), body


def test_make_run_and_dev_set_site_url_from_host_and_port():
    root = Path(__file__).resolve().parents[2]
    for target in ("run", "dev"):
        plan = subprocess.run(
            ["make", "-n", "-B", target, "PORT=8100", "HOST=127.0.0.1"],  # noqa: S607
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "SITE_URL=http://127.0.0.1:8100" in plan, target
        assert "8000" not in plan, target
    plan = subprocess.run(
        ["make", "-n", "-B", "run", "SITE_URL=https://services.example.gov.cn"],  # noqa: S607
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=https://services.example.gov.cn" in plan


def test_withdrawing_while_information_is_requested_is_not_called_an_answer(world, citizen, sending):
    app, _message = info_request_email(world, citizen, "en", ITEMS_EN, sending)
    mail.outbox.clear()
    with sending():
        lifecycle.act(Application.objects.get(pk=app.pk), "withdraw", citizen)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Application {app.reference}: Withdrawn"
    assert "We have received your answer" not in message.body
    assert "is now: Withdrawn" in message.body
