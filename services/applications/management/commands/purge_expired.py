"""Remove what the portal no longer needs to keep (README, "Data retention"), once a day.

    15 3 * * * cd /srv/portal && .venv/bin/python manage.py purge_expired

Safe to run more often, or on several machines: each run removes only what is past its time.
`--dry-run` counts and removes nothing; `--enqueue` hands the work to a task worker.
"""

from django.core.management.base import BaseCommand

from services.applications import retention

LABELS = [
    ("guest_drafts", "abandoned guest drafts"),
    ("citizen_drafts", "untouched drafts of signed-in citizens"),
    ("draft_files", "files of those drafts"),
    ("bundle_drafts", "bundle drafts whose parts are all gone"),
    ("sessions", "expired sessions"),
    ("tasks", "finished background tasks"),
    ("pending_signups", "sign-ups never confirmed"),
    ("contact_changes", "email or mobile changes never confirmed"),
    ("orphan_files", "upload files no application points at"),
]


class Command(BaseCommand):
    help = (
        "Remove abandoned guest drafts (after GUEST_RESUME_DAYS), untouched drafts of signed-in citizens "
        "(after DRAFT_RETENTION_DAYS) and their files, expired sessions, finished background tasks (after "
        "TASK_RESULT_RETENTION_DAYS), sign-ups and email or mobile changes whose link has expired (after "
        "PASSWORD_RESET_TIMEOUT) and orphan upload files. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; remove nothing.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the purge for a task worker instead of running it here."
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if enqueue and not dry_run:
            result = retention.purge_expired.enqueue()
            self.stdout.write(f"Purge queued (task {result.id}).")
            return
        counts = retention.purge(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for key, label in LABELS:
            self.stdout.write(f"{verb} {counts[key]} {label}")
