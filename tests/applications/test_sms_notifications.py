"""An applicant with a mobile number and no email address gets every notification an emailed
applicant gets, by one text message per event, in the application's language, queued as a task
after the commit; an applicant with an email address gets the email and no text message."""

import pytest
from django.core import mail

from services.applications import lifecycle
from services.applications.models import Application
from services.lib import sms
from tests.makers import make_submitted

pytestmark = pytest.mark.django_db

SITE = "https://zwfw.haipu.gov.cn"
ITEMS_ZH = ["近三个月的租赁合同复印件（须由房东签字并加盖公章）", "身份证背面照片", "单位在职证明"]
ITEMS_EN = ["A copy of your tenancy contract signed by the landlord", "A photo of the back of your ID card"]


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending():` around a step sends what it queues on commit, as the commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submitted_by_phone(service, language="zh-hans", **kw):
    kw.setdefault("contact_email", "")
    kw.setdefault("contact_phone", "139 1234 5678")
    return make_submitted(service, None, language=language, **kw)


def step(app, name, actor, sending, **params):
    """Take a lifecycle step, commit it, and return the text messages it sent."""
    before = len(sms.outbox)
    with sending():
        lifecycle.act(Application.objects.get(pk=app.pk), name, actor, **params)
    return sms.outbox[before:]


def test_the_confirmation_goes_by_text_message_when_there_is_no_email(service, sending):
    with sending():
        app = submitted_by_phone(service)
    [(number, text)] = sms.outbox
    assert number == "13912345678"
    assert text.startswith("海浦市一网通办：已收到您的申请")
    assert app.reference in text and app.tracking_code in text
    assert "zwfw.haipu.gov.cn" in text
    assert not mail.outbox


def test_the_confirmation_is_in_english_for_an_english_application(service, sending):
    with sending():
        app = submitted_by_phone(service, language="en")
    [(_number, text)] = sms.outbox
    assert text.startswith("Haipu City Services: we have received application")
    assert app.reference in text and app.tracking_code in text
    assert sms.is_gsm(text)  # one SMS of 160 characters, not 70


def test_an_applicant_with_an_email_gets_the_email_and_no_text_message(service, sending):
    with sending():
        make_submitted(service, None, contact_email="zhang@example.com", contact_phone="13800138000")
    assert len(mail.outbox) == 1
    assert not sms.outbox


def test_nothing_is_sent_before_the_commit(service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        submitted_by_phone(service)
        assert not sms.outbox
    assert not sms.outbox  # rolled back: never sent
    for callback in callbacks:
        callback()
    assert len(sms.outbox) == 1


def test_the_text_message_is_sent_by_a_task_queued_on_commit(service, sending, settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with sending():
        submitted_by_phone(service)
    assert not sms.outbox  # queued, not sent by the request
    [result] = default_task_backend.results
    assert result.task.name == "send_event_email"
    result.task.call(*result.args, **result.kwargs)  # what the worker does
    assert len(sms.outbox) == 1


def test_every_step_sends_exactly_one_text_message_in_the_applications_language(service, officer, sending):
    with sending():
        app = submitted_by_phone(service)
    assert len(sms.outbox) == 1
    [(_, accepted)] = step(app, "accept", officer, sending)
    assert "已受理" in accepted and app.reference in accepted
    [(_, asked)] = step(app, "request_info", officer, sending, items=ITEMS_ZH)
    [(_, answered)] = step(app, "answer_info", None, sending, answer="已上传。")
    assert "已收到您对申请" in answered
    [(_, review)] = step(app, "start_review", officer, sending)
    [(_, approved)] = step(app, "approve", officer, sending, note="材料齐全。")
    [(_, completed)] = step(app, "complete", officer, sending)
    assert "已办结" in completed
    assert len(sms.outbox) == 7 and not mail.outbox
    assert all(number == "13912345678" for number, _ in sms.outbox)
    assert all(text.startswith("海浦市一网通办：") and sms.fits_one_message(text) for _, text in sms.outbox)


def test_a_refusal_and_a_rejection_carry_the_reason_as_far_as_it_fits(service, officer, sending):
    with sending():
        refused = submitted_by_phone(service)
        rejected = submitted_by_phone(service)
    [(_, text)] = step(refused, "refuse", officer, sending, note="不属于本部门受理范围。")
    assert "不予受理" in text and "不属于本部门受理范围" in text
    step(rejected, "accept", officer, sending)
    step(rejected, "start_review", officer, sending)
    reason = "申请人不符合居住证办理条件：在本市连续居住未满半年，且无合法稳定就业或就读证明，请补齐后重新申请。"
    [(_, text)] = step(rejected, "reject", officer, sending, note=reason)
    assert "不予批准" in text or "驳回" in text
    assert "申请人不符合" in text and text.count("…") == 1  # cut, with an ellipsis, to one SMS
    assert sms.fits_one_message(text)


def test_a_request_for_information_says_what_is_needed_and_where_to_answer(service, officer, sending):
    with sending():
        app = submitted_by_phone(service)
    [(_, text)] = step(app, "request_info", officer, sending, items=ITEMS_ZH)
    assert app.reference in text
    assert "需补充3项" in text
    assert "近三个月的租赁合同" in text  # the first item, cut to fit
    assert "zwfw.haipu.gov.cn" in text and "答复" in text
    assert sms.fits_one_message(text)


def test_a_request_for_information_in_english(service, officer, sending):
    with sending():
        app = submitted_by_phone(service, language="en")
    [(_, text)] = step(app, "request_info", officer, sending, items=ITEMS_EN)
    assert "needs 2 more items" in text
    assert "A copy of your tenancy contract" in text
    assert "Answer at zwfw.haipu.gov.cn" in text
    assert sms.is_gsm(text) and sms.fits_one_message(text)


def test_an_english_message_leaves_out_what_an_officer_wrote_in_chinese_rather_than_send_two(service, officer, sending):
    with sending():
        app = submitted_by_phone(service, language="en")
    [(_, text)] = step(app, "request_info", officer, sending, items=ITEMS_ZH)
    assert "needs 3 more items" in text
    assert sms.is_gsm(text)  # 160 characters, not 70 for one Chinese character


def test_an_applicant_with_neither_email_nor_mobile_number_gets_nothing_and_nothing_fails(service, sending):
    with sending():
        app = submitted_by_phone(service, contact_phone="")
    assert Application.objects.get(pk=app.pk).status == "submitted"
    assert not sms.outbox and not mail.outbox


def test_a_number_that_is_not_a_mainland_mobile_is_not_texted(service, sending):
    with sending():
        submitted_by_phone(service, contact_phone="021-6321 0000")
    assert not sms.outbox


def test_a_guest_draft_started_without_email_gets_no_resume_text(client, service, sending):
    """A guest must give an email address for the resume link (the applicant page asks for one);
    a signed resume link is too long for one SMS, so it is never sent by text message."""
    client.post("/en/services/permit/apply/")
    guest = Application.objects.filter(owner=None).latest("pk")
    with sending():
        client.post(
            f"/en/apply/{guest.public_id}/applicant/",
            {"who": "self", "applicant_name": "Li Na", "contact_phone": "13812345678", "contact_email": ""},
        )
    assert not sms.outbox


# --- Pages that said "email" to someone who has none -------------------------------------------


def test_the_confirmation_page_says_the_codes_went_by_text_message_to_the_masked_number(
    client, service, django_user_model, sending
):
    user = django_user_model.objects.create_user("wang", password="pw-123456-long", phone="13912345678")
    client.force_login(user)
    with sending():
        app = make_submitted(service, user, contact_email="", contact_phone="13912345678")
    body = client.get(f"/en/applications/{app.reference}/submitted/").content.decode()
    assert "We have sent them by text message to 139****5678." in body
    assert "13912345678" not in body
    body = client.get(f"/zh-hans/applications/{app.reference}/submitted/").content.decode()
    assert "已通过短信发送到139****5678。" in body


def test_a_tracking_code_that_does_not_match_points_to_the_text_message_too(client, service):
    app = submitted_by_phone(service)
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": "ABCD2345"}).content.decode()
    assert "confirmation email, text message or counter receipt" in body
