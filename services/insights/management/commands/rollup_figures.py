"""Compute the daily figures behind the performance pages (README, "How the city performs").

    */15 * * * *  cd /srv/portal && .venv/bin/python manage.py rollup_figures

Without options: yesterday and today (today's figures are provisional until the next night).
`--day D` rolls up one day, `--from D --to D` every day between (both included), e.g. after a
calendar correction or to fill days the nightly run missed. Safe to re-run: each day's rows are
replaced in one transaction. `--enqueue` hands the work to a task worker.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from services.insights import rollup, tasks

MAX_DAYS = 366


def _date(option, value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-04.") from None


class Command(BaseCommand):
    help = (
        "Compute the daily figures of the performance pages: yesterday and today by default, one day "
        "(--day) or a range (--from, --to). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", help="One day, YYYY-MM-DD.")
        parser.add_argument("--from", dest="first", help="First day of a range, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", help="Last day of a range (included), YYYY-MM-DD.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the roll-up for a task worker.")

    def handle(self, *args, day=None, first=None, last=None, enqueue=False, **options):
        first_day, last_day = self._days(day, first, last)
        if enqueue:
            result = tasks.roll_up_figures.enqueue(first=first_day.isoformat(), last=last_day.isoformat())
            self.stdout.write(f"Roll-up of {first_day} to {last_day} queued (task {result.id}).")
            return
        today = timezone.localdate()
        for one_day, rows in rollup.roll_up_days(first_day, last_day).items():
            note = " (today: provisional)" if one_day == today else ""
            self.stdout.write(f"{one_day}: {rows} rows{note}")

    def _days(self, day, first, last):
        if day and (first or last):
            raise CommandError("Give either --day or --from/--to, not both.")
        if day:
            one = _date("--day", day)
            return one, one
        if first or last:
            if not (first and last):
                raise CommandError("--from and --to go together: give both (the same day twice for one day).")
            first_day, last_day = _date("--from", first), _date("--to", last)
            if first_day > last_day:
                raise CommandError(f"--from {first_day} is after --to {last_day}.")
            if (last_day - first_day).days >= MAX_DAYS:
                raise CommandError(f"A roll-up covers at most {MAX_DAYS} days at once; split the range.")
            return first_day, last_day
        return tasks.default_days()
