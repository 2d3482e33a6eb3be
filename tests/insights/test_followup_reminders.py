"""The officers' morning reminder (send_deadline_reminders) lists their department's follow-ups
whose call-back or resolution is due today or overdue, beside the applications."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from services.applications.workdays import today
from services.insights import followups
from services.insights.ratings import rate
from tests.makers import make_submitted

from .conftest import at, decide

pytestmark = pytest.mark.django_db


def remind(*args):
    out = io.StringIO()
    call_command("send_deadline_reminders", *args, stdout=out)
    return out.getvalue()


def bad(world, when, service="permit", officer="officer"):
    app = decide(make_submitted(world[service]), world[officer])
    return rate(app, 1, "Rude", now=when).follow_up


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_reminder_lists_overdue_and_due_follow_ups_of_the_department(world, settings):
    settings.SITE_URL = "https://zwfw.haipu.gov.cn"
    late = bad(world, at(today() - datetime.timedelta(days=40)))  # call-back and resolution both late
    due_today = bad(world, at(today()))
    due_today.callback_due = today()
    due_today.save()
    not_yet = bad(world, at(today()))  # call-back due on the next working day
    theirs = bad(world, at(today() - datetime.timedelta(days=40)), service="marriage", officer="other_officer")
    mail.outbox.clear()
    remind()
    [message] = sent_to(world["officer"])
    body = message.body
    assert late.rating.application.reference in body and due_today.rating.application.reference in body
    assert not_yet.rating.application.reference not in body
    assert theirs.rating.application.reference not in body
    assert f"https://zwfw.haipu.gov.cn/admin/insights/followup/{late.pk}/change/" in body
    # In the portal's default language, as the rest of the reminder.
    assert "差评整改（2）" in body
    assert "整改已逾期" in body and "今天须回访" in body
    assert "另有2项到期" in message.subject


def test_a_settled_follow_up_is_not_in_the_reminder(world):
    follow_up = bad(world, at(today() - datetime.timedelta(days=40)))
    followups.act(followups.act(follow_up, "contact", world["officer"]), "resolve", world["officer"], note="Done")
    mail.outbox.clear()
    remind()
    assert not sent_to(world["officer"])


def test_an_officer_with_only_a_late_follow_up_is_reminded(world):
    bad(world, at(today() - datetime.timedelta(days=40)))
    mail.outbox.clear()
    assert "2 officers reminded" in remind()  # the officer and their colleague: it is unassigned
    assert sent_to(world["officer"]) and sent_to(world["colleague"])
