"""Officers process applications in the admin: the lifecycle by role, scoping, the queue,
export, audit and deadlines."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications import lifecycle
from services.applications.lifecycle import TransitionError
from services.applications.models import AccessLog, Application, ApplicationEvent, Attachment, CalendarDay, Status
from services.applications.workdays import add_working_days, today
from tests.makers import PDF_BYTES, make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# --- the lifecycle by role ---------------------------------------------------------------------


def test_officer_takes_an_application_from_submission_to_completion(world):
    app = make_submitted(world["permit"])
    officer = world["officer"]
    app = lifecycle.act(app, "accept", officer)
    assert app.status == Status.ACCEPTED and app.accepted_at
    assert app.decision_due == add_working_days(today(), 10) == app.due_on
    app = lifecycle.act(app, "start_review", officer)
    app = lifecycle.act(app, "approve", officer, note="Approved.")
    assert app.status == Status.APPROVED and app.decided_at and app.due_on is None
    app = lifecycle.act(app, "complete", officer, note="Collected at the counter")
    assert app.status == Status.COMPLETED and app.closed_at
    assert [e.to_status for e in app.events.all()] == ["submitted", "accepted", "in_review", "approved", "completed"]
    assert all(e.actor == officer for e in app.events.all()[1:])


@pytest.mark.parametrize(
    ("status_path", "action"),
    [
        ([], "start_review"),
        ([], "approve"),
        ([], "reject"),
        ([], "complete"),
        (["accept"], "accept"),
        (["accept"], "refuse"),
        (["accept"], "approve"),
        (["accept"], "complete"),
        (["accept", "start_review"], "accept"),
        (["accept", "start_review"], "complete"),
        (["refuse"], "accept"),
        (["accept", "start_review", "reject"], "approve"),
    ],
)
def test_transitions_not_allowed_from_the_current_status_are_refused(world, status_path, action):
    app = make_submitted(world["permit"])
    for step in status_path:
        app = lifecycle.act(app, step, world["officer"], note="reason")
    with pytest.raises(TransitionError, match="not possible"):
        lifecycle.act(app, action, world["officer"], note="reason")
    app.refresh_from_db()
    assert app.events.count() == 1 + len(status_path)


@pytest.mark.parametrize("who", ["other_officer", "clerk", "deptadmin", "supervisor"])
def test_only_officers_of_the_department_may_process(world, who):
    app = make_submitted(world["permit"])
    with pytest.raises(TransitionError, match="may not process"):
        lifecycle.act(app, "accept", world[who])
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_refusal_and_rejection_need_a_reason(world):
    app = make_submitted(world["permit"])
    with pytest.raises(TransitionError, match="reason"):
        lifecycle.act(app, "refuse", world["officer"], note="  ")
    app = lifecycle.act(app, "refuse", world["officer"], note="Not our department: apply to Civil Affairs.")
    assert app.status == Status.NOT_ACCEPTED and app.closed_at


def test_applicant_cannot_use_staff_transitions(world, django_user_model):
    citizen = django_user_model.objects.create_user("c", password="pw-123456-long")
    app = make_submitted(world["permit"], owner=citizen)
    with pytest.raises(TransitionError):
        lifecycle.act(app, "accept", citizen)


def test_withdrawal_after_a_decision_is_refused(world, django_user_model):
    citizen = django_user_model.objects.create_user("c", password="pw-123456-long")
    app = make_submitted(world["permit"], owner=citizen)
    for step in ("accept", "start_review", "approve"):
        app = lifecycle.act(app, step, world["officer"])
    with pytest.raises(TransitionError, match="no longer be withdrawn"):
        lifecycle.act(app, "withdraw", citizen)


def test_a_stale_page_cannot_overwrite_a_newer_change(world):
    app = make_submitted(world["permit"])
    seen = app.version
    lifecycle.act(app, "accept", world["colleague"], expected_version=seen)
    with pytest.raises(TransitionError, match="Someone else changed this application"):
        lifecycle.act(app, "refuse", world["officer"], note="x", expected_version=seen)
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED and app.events.count() == 2


# --- information requests and deadlines ----------------------------------------------------------


def test_request_for_information_lists_everything_and_pauses_the_clock(world):
    app = lifecycle.act(make_submitted(world["permit"]), "accept", world["officer"])
    due = app.decision_due
    app = lifecycle.act(
        app, "request_info", world["officer"], items=["Tenancy agreement, signed", "", "Photo"], note="Please send:"
    )
    assert app.status == Status.INFO_REQUESTED and app.due_on is None and app.resume_status == "accepted"
    assert app.info_requests.get().items == ["Tenancy agreement, signed", "Photo"]
    event = app.events.last()
    assert "1. Tenancy agreement, signed" in event.note and "2. Photo" in event.note
    app = lifecycle.act(app, "answer_info", None, answer="Attached")
    assert app.status == Status.ACCEPTED and app.decision_due == due


def test_request_needs_at_least_one_item(world):
    app = make_submitted(world["permit"])
    with pytest.raises(TransitionError, match="at least one"):
        lifecycle.act(app, "request_info", world["officer"], items=["", " "])


def test_waiting_across_a_holiday_moves_the_deadline_by_the_working_days_waited(world):
    # Accepted on Monday 2026-09-28; National Day week off; a staff-entered holiday on 2026-10-12.
    CalendarDay.objects.create(date=datetime.date(2026, 10, 12), kind="holiday", name_en="Typhoon day")
    app = make_submitted(world["permit"])
    app = lifecycle.act(app, "accept", world["officer"])
    app.decision_due = add_working_days(datetime.date(2026, 9, 28), 10)
    app.save()
    app = lifecycle.act(app, "request_info", world["officer"], items=["Photo"])
    # Waiting from Tuesday 2026-09-29 until Wednesday 2026-10-14.
    app.paused_at = datetime.datetime(2026, 9, 29, 10, tzinfo=datetime.UTC)
    app.save()
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 10, 14, 10, tzinfo=datetime.UTC)):
        app = lifecycle.act(app, "answer_info", None, answer="here")
    # Working days waited: 9-30, 10-8, 10-9, 10-10 (make-up Saturday), 10-13, 10-14 = 6;
    # 10-1 to 10-7 are National Day and 10-12 the staff-entered holiday.
    assert app.decision_due == add_working_days(add_working_days(datetime.date(2026, 9, 28), 10), 6)


# --- emails --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_citizen_visible_step_emails_the_applicant(world, django_capture_on_commit_callbacks):
    officer = world["officer"]
    with django_capture_on_commit_callbacks(execute=True):  # the emails go once each step commits
        app = make_submitted(world["permit"])
        app = lifecycle.act(app, "accept", officer, note="Accepted, thank you.")
        app = lifecycle.act(app, "request_info", officer, items=["Photo"])
        app = lifecycle.act(app, "answer_info", None, answer="Sent")
        app = lifecycle.act(app, "start_review", officer)
        app = lifecycle.act(app, "reject", officer, note="Not eligible. You may appeal within 60 days.")
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 6
    for status in ["received", "Accepted", "More information requested", "In review", "Rejected"]:
        assert any(status in s for s in subjects), status
    assert "You may appeal within 60 days." in mail.outbox[-1].body


def test_internal_notes_never_reach_the_applicant(world, client):
    app = make_submitted(world["permit"])
    lifecycle.act(app, "accept", world["officer"], note="Welcome", internal_note="Applicant seemed confused")
    body = client.post("/en/track/", {"reference": app.reference, "tracking_code": app.tracking_code}).content.decode()
    assert "Welcome" in body and "confused" not in body


# --- the admin: scoping, queue, page, actions -----------------------------------------------------


def test_officer_queue_shows_only_own_department(client, world):
    mine = make_submitted(world["permit"], applicant_name="Mine")
    theirs = make_submitted(world["marriage"], applicant_name="Theirs")
    client.force_login(world["officer"])
    body = client.get("/admin/applications/application/").content.decode()
    assert mine.reference in body and theirs.reference not in body
    assert client.get(f"/admin/applications/application/{theirs.pk}/change/").status_code == 404
    response = client.get("/admin/applications/application/", {"q": theirs.reference})
    assert list(response.context["cl"].result_list) == []


def test_search_by_reference_phone_and_name(client, world):
    a = make_submitted(world["permit"], applicant_name="Li Lei", contact_phone="13911112222")
    b = make_submitted(world["permit"], applicant_name="Han Meimei")
    client.force_login(world["officer"])

    def found(q):
        response = client.get("/admin/applications/application/", {"q": q})
        return {r.reference for r in response.context["cl"].result_list}

    assert found(a.reference.lower()) == {a.reference}
    assert found("139 1111 2222") == {a.reference}
    assert found("Han Meimei") == {b.reference}


def test_queue_orders_overdue_first_and_filters(client, world):
    overdue = make_submitted(world["permit"])
    overdue.due_on = overdue.priority = today() - datetime.timedelta(days=3)
    overdue.save()
    soon = make_submitted(world["permit"])
    later = make_submitted(world["permit"])
    later.due_on = later.priority = today() + datetime.timedelta(days=30)
    later.save()
    waiting = lifecycle.act(make_submitted(world["permit"]), "request_info", world["officer"], items=["x"])
    lifecycle.assign(soon, world["officer"], world["officer"])
    client.force_login(world["officer"])

    def refs(**params):
        response = client.get("/admin/applications/application/", params)
        return [r.reference for r in response.context["cl"].result_list]

    assert refs()[:3] == [overdue.reference, soon.reference, later.reference]
    assert refs()[-1] == waiting.reference
    assert refs(due="overdue") == [overdue.reference]
    assert later.reference not in refs(due="soon")
    assert refs(due="waiting") == [waiting.reference]
    assert refs(assigned="me") == [soon.reference]
    assert soon.reference not in refs(assigned="none")
    body = client.get("/admin/applications/application/").content.decode()
    assert "Overdue" in body


def test_queue_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for _ in range(60):
        make_submitted(world["permit"])
    client.force_login(world["officer"])
    with django_assert_max_num_queries(14):
        response = client.get("/admin/applications/application/", {"status": "submitted"})
    assert len(response.context["cl"].result_list) == 50


def test_application_page_shows_answers_materials_timeline_and_allowed_steps(client, world):
    app = make_submitted(world["permit"], answers={"x": "y"})
    client.force_login(world["officer"])
    body = client.get(f"/admin/applications/application/{app.pk}/change/").content.decode()
    assert "Zhang Wei" in body and "13800138000" in body
    assert f"/admin/applications/application/{app.pk}/act/accept/" in body
    assert "/act/approve/" not in body
    assert AccessLog.objects.filter(user=world["officer"], application=app, action="view").count() == 1


def test_transition_from_the_admin_with_notes(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    url = f"/admin/applications/application/{app.pk}/act/accept/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "Accepted", "internal_note": "ok", "version": app.version})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED
    assert LogEntry.objects.filter(object_id=str(app.pk)).exists()
    # The same form again, now stale: a clear message, nothing written.
    response = client.post(url, {"note": "Accepted", "version": app.version - 1}, follow=True)
    assert "Someone else changed this application" in response.content.decode()
    assert app.events.count() == 2


def test_request_info_from_the_admin(client, world):
    app = lifecycle.act(make_submitted(world["permit"]), "accept", world["officer"])
    client.force_login(world["officer"])
    client.post(
        f"/admin/applications/application/{app.pk}/act/request_info/",
        {"items": "Photo\nTenancy agreement", "note": "Please send", "version": app.version},
    )
    app.refresh_from_db()
    assert app.status == Status.INFO_REQUESTED and app.info_requests.get().items == ["Photo", "Tenancy agreement"]


def test_other_department_cannot_act_or_download(client, world):
    app = make_submitted(world["permit"])
    att = Attachment(
        application=app, field_key="x", original_name="id.pdf", content_type="application/pdf", size=len(PDF_BYTES)
    )
    att.file.save("x", SimpleUploadedFile("id.pdf", PDF_BYTES), save=True)
    client.force_login(world["other_officer"])
    base = f"/admin/applications/application/{app.pk}"
    assert client.post(f"{base}/act/accept/", {"version": app.version}).status_code == 404
    assert client.get(f"{base}/files/{att.pk}/").status_code == 404
    assert client.post(f"{base}/assign/", {"assignee": "me"}).status_code == 404
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.assignee is None
    client.force_login(world["officer"])
    response = client.get(f"{base}/files/{att.pk}/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert AccessLog.objects.filter(action="download", user=world["officer"]).count() == 1


def test_supervisor_sees_all_departments_read_only(client, world):
    a = make_submitted(world["permit"])
    b = make_submitted(world["marriage"])
    client.force_login(world["supervisor"])
    body = client.get("/admin/applications/application/").content.decode()
    assert a.reference in body and b.reference in body
    page = client.get(f"/admin/applications/application/{a.pk}/change/").content.decode()
    assert "/act/accept/" not in page and "another department" in page
    assert (
        client.post(
            f"/admin/applications/application/{a.pk}/act/accept/", {"version": a.version}, follow=True
        ).status_code
        == 200
    )
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED
    assert client.get("/admin/applications/accesslog/").status_code == 200


def test_officers_cannot_read_the_access_log(client, world):
    client.force_login(world["officer"])
    assert client.get("/admin/applications/accesslog/").status_code == 403


def test_assignment_to_a_colleague_and_not_to_other_departments(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    client.post(f"/admin/applications/application/{app.pk}/assign/", {"assignee": world["colleague"].pk})
    app.refresh_from_db()
    assert app.assignee == world["colleague"]
    client.post(f"/admin/applications/application/{app.pk}/assign/", {"assignee": world["other_officer"].pk})
    app.refresh_from_db()
    assert app.assignee == world["colleague"]


def test_bulk_assign_to_me_and_bulk_accept(client, world):
    apps = [make_submitted(world["permit"]) for _ in range(3)]
    theirs = make_submitted(world["marriage"])
    client.force_login(world["officer"])
    ids = [a.pk for a in apps] + [theirs.pk]
    client.post("/admin/applications/application/", {"action": "assign_to_me", "_selected_action": ids})
    client.post("/admin/applications/application/", {"action": "bulk_accept", "_selected_action": ids})
    for a in apps:
        a.refresh_from_db()
        assert a.assignee == world["officer"] and a.status == Status.ACCEPTED
    theirs.refresh_from_db()
    assert theirs.status == Status.SUBMITTED and theirs.assignee is None


def test_clerk_cannot_run_bulk_accept(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    client.post("/admin/applications/application/", {"action": "bulk_accept", "_selected_action": [app.pk]})
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_clerk_records_material_checks(client, world):
    from tests.makers import make_material

    material = make_material(world["permit"], name_en="ID card")
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    client.post(
        f"/admin/applications/application/{app.pk}/check/",
        {"material": material.pk, "result": "seen_original", "note": "ok"},
    )
    check = app.material_checks.get()
    assert check.result == "seen_original" and check.checked_by == world["clerk"]
    assert app.events.filter(kind="material_check").exists()


def test_corrections_are_recorded_not_silent(client, world):
    from services.applications.models import FormField, FormPage

    page = FormPage.objects.create(service=world["permit"], title_zh="页", title_en="Page")
    FormField.objects.create(page=page, key="employer", kind="text", label_zh="单位", label_en="Employer")
    app = make_submitted(world["permit"], answers={"employer": "Acme"})
    client.force_login(world["officer"])
    response = client.post(
        f"/admin/applications/application/{app.pk}/correct/",
        {"key": "employer", "value": "ACME Ltd", "reason": "Typo confirmed by phone"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.answers["employer"] == "ACME Ltd"
    event = app.events.get(kind=ApplicationEvent.Kind.CORRECTION)
    assert "Acme" in event.internal_note and "Typo confirmed" in event.internal_note and not event.visible_to_citizen


def test_csv_export_is_scoped_streamed_and_logged(client, world):
    mine = make_submitted(world["permit"], applicant_name="=cmd|' /C calc'!A0")
    theirs = make_submitted(world["marriage"])
    client.force_login(world["officer"])
    response = client.get("/admin/applications/application/export/", {"status": "submitted"})
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert mine.reference in body and theirs.reference not in body
    assert "'=cmd" in body  # formula injection neutralised
    assert AccessLog.objects.filter(action="export", user=world["officer"]).exists()


def test_clerk_cannot_export(client, world):
    client.force_login(world["clerk"])
    assert client.get("/admin/applications/application/export/").status_code == 404


def test_access_log_list_query_count_is_bounded(client, world, django_assert_max_num_queries):
    app = make_submitted(world["permit"])
    for _ in range(40):
        AccessLog.objects.create(user=world["officer"], action="view", application=app)
    client.force_login(world["supervisor"])
    with django_assert_max_num_queries(12):
        response = client.get("/admin/applications/accesslog/")
    assert response.status_code == 200 and app.reference in response.content.decode()


def test_form_pages_admin_is_scoped_and_bounded(client, world, django_assert_max_num_queries):
    from services.applications.models import FormPage

    for i in range(20):
        FormPage.objects.create(service=world["permit"], order=i, title_zh="页", title_en=f"Mine {i}")
        FormPage.objects.create(service=world["marriage"], order=i, title_zh="页", title_en=f"Theirs {i}")
    client.force_login(world["deptadmin"])
    with django_assert_max_num_queries(12):
        response = client.get("/admin/applications/formpage/")
    body = response.content.decode()
    assert "Mine 3" in body and "Theirs 3" not in body


def test_a_department_admin_defines_a_question_in_the_admin_and_citizens_are_asked_it(client, world):
    """No code: a form page with one question, added in the admin, is the next applicant's page 1."""
    from services.applications.models import FormPage

    permit = world["permit"]
    permit.offers_online = True
    permit.save()
    client.force_login(world["deptadmin"])
    response = client.post(
        "/admin/applications/formpage/add/",
        {
            "service": permit.pk,
            "order": 1,
            "title_zh": "车辆信息",
            "title_en": "Your vehicle",
            "intro_zh": "",
            "intro_en": "",
            "fields-TOTAL_FORMS": "1",
            "fields-INITIAL_FORMS": "0",
            "fields-MIN_NUM_FORMS": "0",
            "fields-MAX_NUM_FORMS": "1000",
            "fields-0-key": "plate",
            "fields-0-kind": "text",
            "fields-0-required": "on",
            "fields-0-order": "1",
            "fields-0-label_zh": "车牌号码",
            "fields-0-label_en": "Number plate",
            "fields-0-hint_en": "As on the registration certificate",
            "fields-0-max_length": "10",
            "fields-0-date_rule": "any",
            "fields-0-max_file_mb": "10",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    page = FormPage.objects.get(service=permit)
    assert [f.key for f in page.fields.all()] == ["plate"]

    client.logout()
    client.post("/en/services/permit/apply/")
    app = Application.objects.get(service=permit, status=Status.DRAFT)
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert "<h1>Your vehicle</h1>" in body and "Number plate" in body and "As on the registration certificate" in body
    too_long = client.post(f"/en/apply/{app.public_id}/page/1/", {"plate": "沪A" + "1" * 20})
    assert too_long.status_code == 200 and "There is a problem" in too_long.content.decode()
    assert "plate" not in Application.objects.get(pk=app.pk).answers
