"""Deadline reminders for case officers (send_deadline_reminders) and the admin index panel."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from services.applications import lifecycle, reminders
from services.applications.models import Application, ReminderSent, Status
from services.applications.templatetags.staff_panel import staff_panel
from services.applications.workdays import add_working_days, today, working_days_between
from tests.makers import make_staff, make_submitted

pytestmark = pytest.mark.django_db

QUEUE = "/admin/applications/application/"


def due(app, on, assignee=None):
    app.due_on = on
    app.priority = on
    app.assignee = assignee
    app.save()
    return app


def overdue_day():
    return today() - datetime.timedelta(days=10)


def soon_day():
    return add_working_days(today(), 1)


def later_day():
    return add_working_days(today(), 10)


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def html_of(message):
    return next(content for content, kind in message.alternatives if kind == "text/html")


def remind(*args):
    out = io.StringIO()
    call_command("send_deadline_reminders", *args, stdout=out)
    return out.getvalue()


# --- who gets what -----------------------------------------------------------------------------


@pytest.fixture
def cases(world):
    officer, colleague = world["officer"], world["colleague"]
    return {
        "mine_overdue": due(make_submitted(world["permit"]), overdue_day(), officer),
        "mine_soon": due(make_submitted(world["permit"]), soon_day(), officer),
        "mine_later": due(make_submitted(world["permit"]), later_day(), officer),
        "unassigned_overdue": due(make_submitted(world["permit"]), overdue_day()),
        "unassigned_soon": due(make_submitted(world["permit"]), soon_day()),
        "colleagues": due(make_submitted(world["permit"]), overdue_day(), colleague),
        "other_department": due(make_submitted(world["marriage"]), overdue_day()),
    }


def test_officer_is_reminded_of_own_and_unassigned_cases_of_the_department(world, cases, settings):
    settings.LANGUAGE_CODE = "en"
    mail.outbox.clear()
    remind()
    [message] = sent_to(world["officer"])
    text, html = message.body, html_of(message)
    for key in ("mine_overdue", "mine_soon", "unassigned_overdue", "unassigned_soon"):
        assert cases[key].reference in text and cases[key].reference in html
    for key in ("mine_later", "colleagues", "other_department"):
        assert cases[key].reference not in text and cases[key].reference not in html
    assert message.subject == "Deadlines: 2 overdue, 2 due soon"
    assert text.index("Overdue (2)") < text.index(cases["mine_overdue"].reference) < text.index("Due within 2")
    assert text.index("Due within 2") < text.index(cases["mine_soon"].reference)

    n = working_days_between(overdue_day(), today())
    late = f"overdue by {n} working day{'s' if n != 1 else ''}" if n else "overdue"
    line = next(line for line in text.splitlines() if cases["mine_overdue"].reference in line)
    assert line == f"- {cases['mine_overdue'].reference} · Residence permit · {overdue_day().isoformat()} · {late}"
    line = next(line for line in text.splitlines() if cases["unassigned_soon"].reference in line)
    assert line.endswith("· due in 1 working day [unassigned]")
    url = f"{settings.SITE_URL}/admin/applications/application/{cases['mine_soon'].pk}/change/"
    assert url in text and f'href="{url}"' in html
    assert "<h2>Overdue (2)</h2>" in html and '<th scope="col"' in html

    # The colleague hears of their own case and the same unassigned ones; the other department
    # of its own unassigned case only.
    colleague = sent_to(world["colleague"])[0].body
    assert cases["colleagues"].reference in colleague and cases["unassigned_overdue"].reference in colleague
    assert cases["mine_overdue"].reference not in colleague
    other = sent_to(world["other_officer"])[0].body
    assert cases["other_department"].reference in other and cases["unassigned_overdue"].reference not in other
    # Clerks, department admins and supervisors do not process: no reminder.
    for who in ("clerk", "deptadmin", "supervisor"):
        assert not sent_to(world[who])
    row = ReminderSent.objects.get(user=world["officer"], day=today())
    assert (row.overdue, row.due_soon) == (2, 2)


def test_reminder_is_written_in_the_default_language(world, cases):
    mail.outbox.clear()
    with translation.override("en"):  # whatever language the command runs in
        remind()
    [message] = sent_to(world["officer"])
    assert cases["mine_overdue"].reference in message.body
    assert html_of(message).startswith('<!doctype html><html lang="zh-hans">')


def test_no_email_to_an_officer_with_nothing_due(world):
    due(make_submitted(world["permit"]), later_day(), world["officer"])
    mail.outbox.clear()
    out = remind()
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert out.strip() == "0 officers reminded, 0 skipped (already today), 3 with nothing due."


def test_closed_and_waiting_cases_are_not_reminded(world):
    app = due(make_submitted(world["permit"]), overdue_day(), world["officer"])
    lifecycle.act(app, "accept", world["officer"])
    app = Application.objects.get(pk=app.pk)
    lifecycle.act(app, "request_info", world["officer"], items=["Photo"])
    mail.outbox.clear()
    remind()
    assert not sent_to(world["officer"])


def test_inactive_officers_and_officers_without_an_address_are_skipped(world, cases):
    world["colleague"].is_active = False
    world["colleague"].save()
    world["officer"].email = ""
    world["officer"].save()
    mail.outbox.clear()
    out = remind()
    assert [m.to for m in mail.outbox] == [[world["other_officer"].email]]
    assert "1 officer reminded" in out and "1 without an email address" in out


def test_running_twice_a_day_sends_once(world, cases, settings):
    settings.LANGUAGE_CODE = "en"
    mail.outbox.clear()
    assert remind().strip() == "3 officers reminded, 0 skipped (already today), 0 with nothing due."
    assert len(mail.outbox) == 3
    assert remind().strip() == "0 officers reminded, 3 skipped (already today), 0 with nothing due."
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.filter(day=today()).count() == 3


def test_dry_run_prints_and_sends_nothing(world, cases, settings):
    settings.LANGUAGE_CODE = "en"
    mail.outbox.clear()
    out = remind("--dry-run")
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert f"To: {world['officer'].email}" in out and cases["mine_overdue"].reference in out
    assert out.strip().endswith("Dry run: 3 officers would be reminded, 0 skipped (already today), 0 with nothing due.")
    remind()
    assert len(mail.outbox) == 3


def test_a_run_that_loses_the_race_sends_nothing(world, cases, monkeypatch):
    """Two cron runs at once: the second finds the (user, day) row taken and queues nothing."""
    ReminderSent.objects.create(user=world["officer"], day=today())
    monkeypatch.setattr(ReminderSent.objects, "filter", lambda **kw: ReminderSent.objects.none())
    mail.outbox.clear()
    remind()
    assert not sent_to(world["officer"])
    assert sent_to(world["colleague"])  # the failed insert did not break the rest of the run
    monkeypatch.undo()
    assert ReminderSent.objects.filter(user=world["officer"]).count() == 1


def test_reminder_and_queued_email_are_one_transaction(world, cases, settings):
    """With the database queue the email is a task row written with the ReminderSent row."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LANGUAGE_CODE = "en"
    mail.outbox.clear()
    remind()
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == ReminderSent.objects.count() == 3
    job = DBTaskResult.objects.get(args_kwargs__args__0__to=world["officer"].email)
    reminders.send_reminder.call(*job.args_kwargs["args"])
    [message] = mail.outbox
    assert message.to == [world["officer"].email] and cases["mine_overdue"].reference in message.body


def test_no_applicant_data_in_the_email(world):
    for n in range(3):
        app = make_submitted(
            world["permit"],
            applicant_name=f"Ouyang Xiaoming{n}",
            contact_phone=f"1390000000{n}",
            contact_email=f"ouyang{n}@example.com",
        )
        due(app, overdue_day(), world["officer"] if n else None)
    mail.outbox.clear()
    remind()
    [message] = sent_to(world["officer"])
    everything = message.subject + message.body + html_of(message)
    assert "Ouyang" not in everything and "1390000000" not in everything and "example.com" not in everything


def test_long_lists_are_capped_with_a_link_to_the_queue(world, monkeypatch, settings):
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(reminders, "CAP", 3)
    refs = [due(make_submitted(world["permit"]), overdue_day(), world["officer"]).reference for _ in range(5)]
    mail.outbox.clear()
    remind()
    [message] = sent_to(world["officer"])
    assert message.subject.startswith("Deadlines: 5 overdue")
    assert sum(ref in message.body for ref in refs) == 3
    assert f"2 more in the queue: {settings.SITE_URL}{QUEUE}?due=overdue" in message.body


def _many_cases(world, per_officer):
    officers = [world["officer"], world["colleague"], world["other_officer"]]
    for officer in officers:
        service = world["permit"] if officer.department_id == world["psb"].pk else world["marriage"]
        for n in range(per_officer):
            on = overdue_day() if n % 2 else soon_day()
            due(make_submitted(service), on, officer if n % 4 else None)
    return officers


def test_reminder_queries_do_not_grow_with_the_cases(world, django_assert_max_num_queries):
    _many_cases(world, 2)
    with CaptureQueriesContext(connection) as few:
        remind()
    ReminderSent.objects.all().delete()
    Application.objects.all().delete()
    officers = _many_cases(world, 20)
    mail.outbox.clear()
    with django_assert_max_num_queries(16) as many:
        remind()
    assert len(mail.outbox) == len(officers) == 3
    assert len(many) == len(few)  # per officer: savepoint, insert, release; nothing per case


# --- the admin index panel -----------------------------------------------------------------------


@pytest.fixture
def queue(world):
    """psb: 2 submitted (1 overdue, assigned to the officer), 1 accepted (due soon), 1 in review,
    1 waiting for the applicant, 1 approved, 1 completed; civil: 1 submitted overdue. Intake
    today: psb 6 online + 1 counter; 1 by post yesterday."""
    officer = world["officer"]
    make = lambda **kw: make_submitted(world["permit"], **kw)  # noqa: E731
    submitted = due(make(), overdue_day(), officer)
    make()
    accepted = lifecycle.act(make(channel="counter"), "accept", officer)
    due(accepted, soon_day())
    lifecycle.act(lifecycle.act(make(), "accept", officer), "start_review", officer)
    lifecycle.act(lifecycle.act(make(), "accept", officer), "request_info", officer, items=["Photo"])
    approved = lifecycle.act(
        lifecycle.act(lifecycle.act(make(), "accept", officer), "start_review", officer), "approve", officer
    )
    lifecycle.act(
        lifecycle.act(
            lifecycle.act(lifecycle.act(make(), "accept", officer), "start_review", officer), "approve", officer
        ),
        "complete",
        officer,
    )
    old = make(channel="post")
    Application.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=1))
    lifecycle.act(old, "refuse", officer, note="Wrong office")
    due(make_submitted(world["marriage"]), overdue_day())
    return {"submitted": submitted, "accepted": accepted, "approved": approved}


def counts(panel):
    return {row["label"]: row["count"] for row in panel["statuses"]}


def test_panel_counts_for_an_officer(world, queue):
    with translation.override("en"):
        panel = staff_panel(world["officer"])
    assert panel["scope"] == "Public Security Bureau"
    assert counts(panel) == {
        "Submitted": 2,
        "Accepted": 1,
        "In review": 1,
        "More information requested": 1,
        "Approved": 1,
    }
    assert panel["open_total"] == 6
    assert (panel["overdue"]["count"], panel["due_soon"]["count"], panel["mine"]["count"]) == (1, 1, 1)
    assert {row["label"]: row["count"] for row in panel["intake"]} == {
        "Online": 6,
        "At a service centre": 1,
        "By post": 0,
    }
    assert panel["intake_total"] == 7


def test_panel_on_the_admin_index_links_to_the_queue(client, world, queue):
    client.force_login(world["officer"])
    body = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-labelledby="staff-panel-heading"' in body
    assert f'<a href="{QUEUE}?status=submitted">2</a>' in body
    assert f'<a href="{QUEUE}?status=info_requested">1</a>' in body
    assert f'<a href="{QUEUE}?due=overdue">1</a>' in body
    assert f'<a href="{QUEUE}?due=soon">1</a>' in body
    mine = f"{QUEUE}?assigned=me&amp;status__in=submitted%2Caccepted%2Cin_review%2Cinfo_requested%2Capproved"
    assert f'<a href="{mine}">1</a>' in body
    assert "<caption>" in body and 'id="content-main"' in body  # the app list is still there

    # Each link opens the queue filtered as the number says.
    listing = client.get(mine.replace("&amp;", "&")).content.decode()
    assert queue["submitted"].reference in listing and queue["accepted"].reference not in listing
    listing = client.get(f"{QUEUE}?due=soon").content.decode()
    assert queue["accepted"].reference in listing and queue["submitted"].reference not in listing


def test_supervisor_sees_every_department_without_assigned_to_me(client, world, queue):
    with translation.override("en"):
        panel = staff_panel(world["supervisor"])
    assert panel["scope"] == "All departments"
    assert counts(panel)["Submitted"] == 3 and panel["overdue"]["count"] == 2
    assert panel["mine"] is None
    client.force_login(world["supervisor"])
    body = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<a href="{QUEUE}?status=submitted">3</a>' in body and "assigned=me" not in body


@pytest.mark.parametrize("who", ["clerk", "deptadmin"])
def test_staff_who_view_but_do_not_process_see_their_department(world, queue, who):
    panel = staff_panel(world[who])
    assert counts(panel)[Status.SUBMITTED.label] == 2 and panel["overdue"]["count"] == 1
    assert panel["mine"] is None


def test_other_department_sees_only_its_own(world, queue):
    panel = staff_panel(world["other_officer"])
    assert panel["open_total"] == 1 and panel["overdue"]["count"] == 1 and panel["intake_total"] == 1


def test_no_panel_without_the_view_permission(client, world, queue):
    nobody = make_staff("nobody", None, world["psb"])
    assert staff_panel(nobody) is None
    client.force_login(nobody)
    body = client.get("/admin/").content.decode()
    assert "staff-panel-heading" not in body


def test_superuser_sees_everything_and_their_own(world, queue, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw-123456-long")
    panel = staff_panel(root)
    assert panel["open_total"] == 7 and panel["mine"]["count"] == 0


def test_admin_index_queries_do_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world["officer"])
    make_submitted(world["permit"])
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for n in range(30):
        app = make_submitted(world["permit"] if n % 3 else world["marriage"], channel="counter" if n % 2 else "online")
        due(app, overdue_day() if n % 2 else soon_day(), world["officer"] if n % 5 == 0 else None)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/admin/")
    assert response.status_code == 200
