"""Email each case officer their overdue and due-soon cases, once a day.

Safe to run as often as you like (for example every 15 minutes from cron): an officer reminded
today is skipped, and one with nothing overdue or due within 2 working days gets nothing.
"""

from django.core.management.base import BaseCommand

from services.applications.reminders import run


class Command(BaseCommand):
    help = (
        "Email each case officer a digest of their overdue and due-soon cases and the unassigned ones of "
        "their department; at most once a day per officer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the emails that would be sent; send and record nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        result = run(dry_run=dry_run, out=self.stdout if dry_run else None)
        self.stdout.write(result.summary(dry_run=dry_run))
