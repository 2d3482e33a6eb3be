"""What the portal keeps, and for how long (README, "Data retention"). One function removes
everything past its time: abandoned guest drafts after GUEST_RESUME_DAYS (their resume link has
expired by then, so nobody can reach them), signed-in citizens' untouched drafts after
DRAFT_RETENTION_DAYS, the files of both, expired sessions, finished background tasks after
TASK_RESULT_RETENTION_DAYS (their arguments hold ids and addresses typed on the reset page),
sign-ups and email or mobile changes whose confirmation link has expired
(services.accounts.retention), and upload files no row points at. Submitted applications are
records of the department and are never removed here.

Run daily: `manage.py purge_expired` from cron, or `manage.py purge_expired --enqueue` to let a
task worker do it. Every function takes `now`, so tests use a clock."""

import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from services.accounts.retention import purge_pending

from .models import Application, Attachment, Status

log = logging.getLogger(__name__)

# A file written in the last hour may belong to an upload whose row is not committed yet.
ORPHAN_GRACE = timedelta(hours=1)
BATCH = 500


def expired_guest_drafts(now):
    cutoff = now - timedelta(days=settings.GUEST_RESUME_DAYS)
    return Application.objects.filter(status=Status.DRAFT, owner__isnull=True, updated_at__lt=cutoff)


def expired_citizen_drafts(now):
    cutoff = now - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    return Application.objects.filter(status=Status.DRAFT, owner__isnull=False, updated_at__lt=cutoff)


def expired_bundle_drafts(now):
    """Bundle applications never submitted whose part drafts the two rules above have all
    removed, themselves untouched as long (they hold the applicant's name, contacts and the
    answers asked once)."""
    from django.db.models import Q

    from .models import BundleSubmission

    guests = Q(owner__isnull=True, updated_at__lt=now - timedelta(days=settings.GUEST_RESUME_DAYS))
    citizens = Q(owner__isnull=False, updated_at__lt=now - timedelta(days=settings.DRAFT_RETENTION_DAYS))
    return BundleSubmission.objects.filter(guests | citizens, submitted_at__isnull=True, applications__isnull=True)


def _delete_drafts(drafts, dry_run):
    """(drafts, files) removed; the files go after their rows are gone."""
    ids = list(drafts.values_list("pk", flat=True))
    files = list(Attachment.objects.filter(application_id__in=ids).exclude(file="").values_list("file", flat=True))
    if dry_run:
        return len(ids), len(files)
    storage = Attachment._meta.get_field("file").storage
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            # Still a draft and still untouched: a citizen may have come back meanwhile.
            drafts.filter(pk__in=ids[start : start + BATCH]).delete()
    kept = set(Attachment.objects.filter(file__in=files).values_list("file", flat=True))
    for name in files:
        if name not in kept:
            storage.delete(name)
    return len(ids), len(files) - len(kept)


def expired_sessions(now):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now)


def _purge_sessions(now, dry_run):
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        if not dry_run:  # other stores expire their own, or know how (clearsessions)
            from importlib import import_module

            import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        return 0
    sessions = expired_sessions(now)
    return sessions.count() if dry_run else sessions.delete()[0]


def finished_tasks(now):
    """Finished task results older than TASK_RESULT_RETENTION_DAYS, of every database backend:
    what `manage.py prune_db_task_results --min-age-days N --queue-name '*'` removes."""
    from django_tasks_db.models import DBTaskResult

    cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    return DBTaskResult.objects.finished().filter(finished_at__lte=cutoff)


def _purge_tasks(now, dry_run):
    if not any(config["BACKEND"] == "django_tasks_db.DatabaseBackend" for config in settings.TASKS.values()):
        return 0
    results = finished_tasks(now)
    return results.count() if dry_run else results.delete()[0]


def orphan_files(now):
    """Upload files under MEDIA_ROOT/applications that no attachment points at."""
    root = Path(settings.MEDIA_ROOT)
    folder = root / "applications"
    if not folder.is_dir():
        return []
    cutoff = (now - ORPHAN_GRACE).timestamp()
    candidates = []
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            if path.stat().st_mtime < cutoff:
                candidates.append(path.relative_to(root).as_posix())
    orphans = []
    for start in range(0, len(candidates), BATCH):
        chunk = candidates[start : start + BATCH]
        known = set(Attachment.objects.filter(file__in=chunk).values_list("file", flat=True))
        orphans += [name for name in chunk if name not in known]
    return orphans


def purge(now=None, dry_run=False):
    """Remove (or with dry_run, count) everything past its time; returns the counts."""
    now = now or timezone.now()
    counts = {}
    counts["guest_drafts"], guest_files = _delete_drafts(expired_guest_drafts(now), dry_run)
    counts["citizen_drafts"], citizen_files = _delete_drafts(expired_citizen_drafts(now), dry_run)
    counts["draft_files"] = guest_files + citizen_files
    bundles = expired_bundle_drafts(now)
    counts["bundle_drafts"] = (
        bundles.count() if dry_run else bundles.delete()[1].get("applications.BundleSubmission", 0)
    )
    counts["sessions"] = _purge_sessions(now, dry_run)
    counts["tasks"] = _purge_tasks(now, dry_run)
    counts.update(purge_pending(now, dry_run))
    orphans = orphan_files(now)
    if not dry_run:
        storage = Attachment._meta.get_field("file").storage
        for name in orphans:
            storage.delete(name)
    counts["orphan_files"] = len(orphans)
    log.info("purge_expired%s: %s", " (dry run)" if dry_run else "", counts)
    return counts


@task()
def purge_expired():
    """The daily purge, for a task worker (`manage.py purge_expired --enqueue`)."""
    return purge()
