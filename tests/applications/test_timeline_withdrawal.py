"""The timeline calls a withdrawal a withdrawal, also when it came while the department was
waiting for an answer; and the tracking page, which anyone with the reference and code can
open, shows only what an officer wrote to the applicant - never the applicant's own reason for
withdrawing, which the applicant's own page (and the officer's) still show."""

import re

import pytest

from services.applications import lifecycle
from tests.makers import make_department, make_service, make_staff, make_submitted

pytestmark = pytest.mark.django_db

REASON = "My husband Wang Lei (ID 110101198001011234) moved out"


@pytest.fixture
def withdrawn(django_user_model):
    """Withdrawn while information was requested, with a personal reason."""
    psb = make_department(slug="psb")
    service = make_service(slug="permit", name_en="Residence permit", department=psb)
    officer = make_staff("officer", "Case officer", psb)
    owner = django_user_model.objects.create_user("zhang", password="pw-123456-long", email="zhang@example.com")
    app = make_submitted(service, owner)
    app = lifecycle.act(app, "request_info", officer, items=["A copy of the tenancy agreement"], note="Please send it.")
    return lifecycle.act(app, "withdraw", owner, note=REASON)


def steps(body):
    return [
        re.sub(r"\s+", " ", s).strip()
        for s in re.findall(r"<strong>(.*?)</strong>", body.split('class="timeline"')[1].split("</ol>")[0])
    ]


@pytest.mark.parametrize(
    ("prefix", "withdrawn_word", "answered"),
    [("en", "Withdrawn", "Answer received"), ("zh-hans", "已撤回", "已收到答复")],
)
def test_a_withdrawal_while_information_was_requested_is_not_an_answer(
    client, withdrawn, prefix, withdrawn_word, answered
):
    body = client.post(
        f"/{prefix}/track/", {"reference": withdrawn.reference, "tracking_code": withdrawn.tracking_code}
    ).content.decode()
    assert steps(body)[-1] == withdrawn_word
    assert answered not in body


def test_the_tracking_page_does_not_show_the_reason_for_withdrawing(client, withdrawn):
    body = client.post(
        "/en/track/", {"reference": withdrawn.reference, "tracking_code": withdrawn.tracking_code}
    ).content.decode()
    assert "110101198001011234" not in body and "Wang Lei" not in body
    assert "Please send it." in body  # what the officer wrote to the applicant still shows


@pytest.mark.parametrize(("prefix", "label"), [("en", "Your reason for withdrawing"), ("zh-hans", "您撤回申请的理由")])
def test_the_owner_still_sees_their_reason_on_their_own_page(client, withdrawn, prefix, label):
    client.force_login(withdrawn.owner)
    body = client.get(f"/{prefix}/applications/{withdrawn.reference}/").content.decode()
    assert REASON in body and label in body
    assert steps(body)[-1] != "Answer received – Withdrawn"
