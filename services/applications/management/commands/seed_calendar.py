"""Fill the CalendarDay table from the chinese-calendar package.

Only the exceptions to the Monday-to-Friday week are stored: public holidays that fall on a
weekday and make-up working days that fall on a weekend. Running it again changes nothing
(rows are matched by date). For a year the package does not know, it only says so: staff must
enter the State Council's calendar for that year in the admin.
"""

import datetime

import chinese_calendar
from django.core.management.base import BaseCommand
from django.db import transaction

from services.applications.models import CalendarDay
from services.applications.workdays import WEEKEND, package_knows, today

# chinese-calendar's English holiday names -> the official Chinese names.
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def exceptions_for_year(year):
    """[(date, kind, name_zh, name_en)] for the year, from the package (which must know it)."""
    result = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        weekend = day.weekday() in WEEKEND
        holiday, name_en = chinese_calendar.get_holiday_detail(day)
        kind = None
        if holiday and not weekend:
            kind = CalendarDay.Kind.HOLIDAY
        elif weekend and chinese_calendar.is_workday(day):
            kind = CalendarDay.Kind.WORKDAY
        if kind:
            name_en = name_en or ""
            result.append((day, kind, CHINESE_NAMES.get(name_en, name_en), name_en))
        day += datetime.timedelta(days=1)
    return result


class Command(BaseCommand):
    help = (
        "Fill the working-day calendar (CalendarDay) with the public holidays on weekdays and the "
        "make-up working days on weekends, from the chinese-calendar package. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            metavar="YEAR",
            help="Years to fill (default: the current year and the next).",
        )

    def handle(self, *args, years=None, **options):
        if not years:
            this_year = today().year
            years = [this_year, this_year + 1]
        for year in sorted(set(years)):
            if not package_knows(year):
                self.stdout.write(
                    self.style.WARNING(
                        f"{year}: chinese-calendar {chinese_calendar.__version__} has no calendar for {year}. "
                        f"Staff must enter the State Council's holidays and make-up working days for {year} "
                        "in the admin (Calendar days); until then only weekends count as days off. "
                        "Nothing was changed for this year."
                    )
                )
                continue
            created, updated, unchanged = self.seed_year(year)
            self.stdout.write(
                self.style.SUCCESS(f"{year}: {created} created, {updated} updated, {unchanged} unchanged.")
            )

    @transaction.atomic
    def seed_year(self, year):
        existing = {
            row.date: row
            for row in CalendarDay.objects.filter(
                date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31)
            )
        }
        created = updated = unchanged = 0
        for day, kind, name_zh, name_en in exceptions_for_year(year):
            row = existing.get(day)
            values = {"kind": kind, "name_zh": name_zh, "name_en": name_en}
            if row is None:
                CalendarDay.objects.create(date=day, **values)
                created += 1
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                row.save()  # not a bulk update: the save renews the calendar every process keeps
                updated += 1
            else:
                unchanged += 1
        return created, updated, unchanged
