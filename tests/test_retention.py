"""The daily purge: abandoned drafts and their files, expired sessions, old finished tasks and
orphan uploads go; everything still in its time stays. Run against a clock (`now=`)."""

import io
import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from services.applications import retention
from services.applications.models import Application, Attachment, Status
from tests.makers import PDF_BYTES, make_department, make_service, make_submitted

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def service():
    return make_service(slug="permit", offers_online=True, department=make_department(slug="psb"))


def draft(service, days_untouched, owner=None, with_file=True):
    app = Application.objects.create(service=service, department=service.department, owner=owner)
    attachment = None
    if with_file:
        attachment = Attachment(
            application=app, field_key="photo", original_name="me.pdf", content_type="application/pdf", size=9
        )
        attachment.file.save("photo.pdf", ContentFile(PDF_BYTES), save=True)
    Application.objects.filter(pk=app.pk).update(updated_at=NOW - timedelta(days=days_untouched))
    return app, attachment


def test_abandoned_guest_drafts_and_their_files_go_after_the_resume_link_expires(service, settings):
    settings.GUEST_RESUME_DAYS = 7
    old, old_file = draft(service, 8)
    fresh, fresh_file = draft(service, 6)
    path = old_file.file.path
    counts = retention.purge(now=NOW)
    assert counts["guest_drafts"] == 1 and counts["draft_files"] == 1
    assert not Application.objects.filter(pk=old.pk).exists() and not os.path.exists(path)
    assert Application.objects.filter(pk=fresh.pk).exists() and os.path.exists(fresh_file.file.path)


def test_signed_in_citizens_drafts_are_kept_until_the_draft_retention(service, settings, django_user_model):
    settings.DRAFT_RETENTION_DAYS = 90
    citizen = django_user_model.objects.create_user("li", password="pw-123456-long")
    kept, _f = draft(service, 30, owner=citizen)
    old, _f = draft(service, 91, owner=citizen)
    counts = retention.purge(now=NOW)
    assert counts["citizen_drafts"] == 1 and counts["guest_drafts"] == 0
    assert list(Application.objects.values_list("pk", flat=True)) == [kept.pk]


def test_submitted_applications_are_never_purged(service, settings):
    app = make_submitted(service)
    Application.objects.filter(pk=app.pk).update(updated_at=NOW - timedelta(days=3650))
    retention.purge(now=NOW)
    assert Application.objects.get(pk=app.pk).status == Status.SUBMITTED


def test_expired_sessions_go(db):
    Session.objects.create(session_key="old", session_data="x", expire_date=NOW - timedelta(seconds=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=NOW + timedelta(hours=1))
    assert retention.purge(now=NOW)["sessions"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def finished_task(days_ago, status="SUCCESSFUL"):
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": ["someone@example.com"], "kwargs": {}},
        task_path="services.accounts.tasks.send_reset",
        backend_name="default",
        run_after=NOW - timedelta(days=days_ago),
        finished_at=NOW - timedelta(days=days_ago),
    )


def test_finished_tasks_go_after_their_retention(db, settings):
    settings.TASK_RESULT_RETENTION_DAYS = 14
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    finished_task(15)
    finished_task(15, status="FAILED")
    recent = finished_task(2)
    assert retention.purge(now=NOW)["tasks"] == 2
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]


def test_orphan_upload_files_go_but_fresh_ones_may_still_be_arriving(service, settings):
    app, attachment = draft(service, 0)
    folder = settings.MEDIA_ROOT / "applications" / "ab"
    folder.mkdir(parents=True, exist_ok=True)
    orphan, arriving = folder / "orphan.pdf", folder / "arriving.pdf"
    orphan.write_bytes(PDF_BYTES)
    arriving.write_bytes(PDF_BYTES)
    two_hours_ago = (NOW - timedelta(hours=2)).timestamp()
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    os.utime(attachment.file.path, (two_hours_ago, two_hours_ago))
    assert retention.purge(now=NOW)["orphan_files"] == 1
    assert not orphan.exists() and arriving.exists() and os.path.exists(attachment.file.path)


def test_the_command_prints_counts_and_a_dry_run_removes_nothing(service, settings):
    settings.GUEST_RESUME_DAYS = 7
    draft(service, 30)
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "Would remove 1 abandoned guest drafts" in out.getvalue()
    assert "Would remove 1 files of those drafts" in out.getvalue()
    assert Application.objects.count() == 1 and Attachment.objects.count() == 1
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "Removed 1 abandoned guest drafts" in out.getvalue() and "Removed 0 expired sessions" in out.getvalue()
    assert Application.objects.count() == 0


def test_the_purge_runs_as_a_task_too(service, settings):
    settings.GUEST_RESUME_DAYS = 7
    draft(service, 30)
    out = io.StringIO()
    call_command("purge_expired", "--enqueue", stdout=out)  # the tests' tasks run inline
    assert "Purge queued" in out.getvalue()
    assert Application.objects.count() == 0


# --- sign-ups and contact changes waiting for their link ------------------------------------
def _pending(days_old):
    """A sign-up and a contact change waiting for confirmation, made `days_old` days ago."""
    from services.accounts.models import PendingContactChange, PendingSignup, User

    signup = PendingSignup.objects.create(
        email=f"new{days_old}@example.com", phone="13812345678", full_name="New Person", password="pbkdf2$x"
    )
    user = User.objects.create_user(f"owner{days_old}", password="pw-123456-long")
    change = PendingContactChange.objects.create(user=user, kind="email", value=f"moved{days_old}@example.com")
    when = NOW - timedelta(days=days_old)
    PendingSignup.objects.filter(pk=signup.pk).update(created=when)
    PendingContactChange.objects.filter(pk=change.pk).update(created=when)
    return signup, change


def test_sign_ups_and_contact_changes_go_when_their_link_has_expired(db, settings):
    from services.accounts.models import PendingContactChange, PendingSignup

    settings.PASSWORD_RESET_TIMEOUT = 3 * 86400
    old_signup, old_change = _pending(4)
    fresh_signup, fresh_change = _pending(2)
    counts = retention.purge(now=NOW)
    assert counts["pending_signups"] == 1 and counts["contact_changes"] == 1
    assert list(PendingSignup.objects.values_list("pk", flat=True)) == [fresh_signup.pk]
    assert list(PendingContactChange.objects.values_list("pk", flat=True)) == [fresh_change.pk]


def test_the_command_counts_sign_ups_and_contact_changes(db, settings):
    from services.accounts.models import PendingSignup

    settings.PASSWORD_RESET_TIMEOUT = 3 * 86400
    _pending(10)
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "Would remove 1 sign-ups never confirmed" in out.getvalue()
    assert "Would remove 1 email or mobile changes never confirmed" in out.getvalue()
    assert PendingSignup.objects.count() == 1
    call_command("purge_expired", stdout=io.StringIO())
    assert PendingSignup.objects.count() == 0
