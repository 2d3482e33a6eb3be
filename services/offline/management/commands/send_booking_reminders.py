"""Remind each citizen of their booked visit the day before, by email or SMS.

Safe to run as often as you like (for example every 15 minutes from cron): a booking reminded
once is skipped (Booking.reminded_at); moving a visit clears the mark so the new time is
reminded. Visits booked today for tomorrow are not reminded (their confirmation is fresh).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from services.offline.notifications import due_reminders, send_reminders


class Command(BaseCommand):
    help = "Remind citizens of tomorrow's booked counter visits (email, or SMS without an address); once per booking."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the bookings that would be reminded; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due = list(due_reminders().select_related("centre"))
            for booking in due:
                self.stdout.write(
                    f"{booking.reference} {timezone.localtime(booking.starts_at):%Y-%m-%d %H:%M} {booking.centre}"
                )
            self.stdout.write(f"{len(due)} reminder(s) would be sent.")
            return
        self.stdout.write(f"{send_reminders()} reminder(s) queued.")
