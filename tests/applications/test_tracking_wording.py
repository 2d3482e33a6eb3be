"""The tracking and detail pages say what each date is: a status and a date never share a label
("已提交 / 已提交 2026-11-30")."""

import re

import pytest
from django.utils import timezone

from services.applications import lifecycle
from tests.makers import make_department, make_service, make_staff, make_submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    psb = make_department(slug="psb")
    return {
        "service": make_service(slug="permit", name_en="Residence permit", name_zh="居住证", department=psb),
        "officer": make_staff("officer", "Case officer", psb),
    }


def summary_rows(body):
    """(label, value) of each row of the page's summary lists, tags stripped."""
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", body, re.S)
    return [(re.sub(r"<[^>]+>", "", dt).strip(), re.sub(r"<[^>]+>", "", dd).strip()) for dt, dd in rows]


def labels_differ_from_values(rows):
    values = {value for _label, value in rows}
    return [label for label, _value in rows if label in values]


@pytest.mark.parametrize(
    ("prefix", "status", "date_label"),
    [("zh-hans", "已提交", "提交日期"), ("en", "Submitted", "Submitted on")],
)
def test_tracking_page_says_what_the_date_is(client, world, citizen, prefix, status, date_label):
    app = make_submitted(world["service"], citizen)
    body = client.post(f"/{prefix}/track/", {"reference": app.reference, "tracking_code": app.tracking_code})
    rows = summary_rows(body.content.decode())
    today = timezone.localdate().isoformat()
    assert (date_label, today) in rows
    assert any(value == status for _label, value in rows)
    assert not labels_differ_from_values(rows)


@pytest.mark.parametrize("prefix", ["zh-hans", "en"])
def test_detail_page_labels_are_not_status_words(client, world, citizen, prefix):
    app = make_submitted(world["service"], citizen)
    officer = world["officer"]
    app = lifecycle.act(app, "accept", officer)
    app = lifecycle.act(app, "request_info", officer, items=["Photo"])
    lifecycle.act(app, "answer_info", citizen, answer="Here it is")
    client.force_login(citizen)
    body = client.get(f"/{prefix}/applications/{app.reference}/").content.decode()
    rows = summary_rows(body)
    labels = [label for label, _value in rows]
    assert ("提交日期" if prefix == "zh-hans" else "Submitted on") in labels
    assert ("答复时间" if prefix == "zh-hans" else "Answered on") in labels
    assert not labels_differ_from_values(rows)


def test_my_applications_date_column_is_not_a_status_word(client, world, citizen):
    make_submitted(world["service"], citizen)
    client.force_login(citizen)
    body = client.get("/zh-hans/applications/").content.decode()
    headers = re.findall(r'<th scope="col">(.*?)</th>', body)
    assert "提交日期" in headers and "已提交" not in headers


def test_a_submitted_applications_flow_page_says_when_it_was_submitted(client, world, citizen):
    app = make_submitted(world["service"], citizen)
    client.force_login(citizen)
    body = client.get(f"/zh-hans/apply/{app.public_id}/check/").content.decode()
    rows = summary_rows(body)
    assert "提交时间" in [label for label, _value in rows]
    assert not labels_differ_from_values(rows)


def test_the_officers_case_page_says_when_it_was_submitted(client, world, citizen):
    app = make_submitted(world["service"], citizen)
    client.force_login(world["officer"])
    body = client.get(f"/admin/applications/application/{app.pk}/change/", headers={"accept-language": "zh-hans"})
    text = re.sub(r"<[^>]+>", "", body.content.decode())
    assert "提交时间" in text
    assert not re.search(r"已提交\s*·.*·\s*已提交", text)


def test_the_decision_date_is_promised_only_while_the_decision_clock_runs(client, world, citizen):
    app = make_submitted(world["service"], citizen)
    officer = world["officer"]

    def tracked():
        data = {"reference": app.reference, "tracking_code": app.tracking_code}
        return client.post("/en/track/", data).content.decode()

    assert "A decision is expected by" not in tracked()  # not accepted yet
    app = lifecycle.act(app, "accept", officer)
    assert f"A decision is expected by {app.decision_due.isoformat()}" in tracked()
    app = lifecycle.act(app, "start_review", officer)
    assert "A decision is expected by" in tracked()
    app = lifecycle.act(app, "request_info", officer, items=["Photo"])
    assert "A decision is expected by" not in tracked()  # the clock waits for the applicant
