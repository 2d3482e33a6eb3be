"""A service's satisfaction, as its guide shows it: the share of ratings of 4 or 5 (one decimal,
rounded half up) and the number of ratings over the performance pages' window (the last
WINDOW_DAYS days, today included), once there are at least MIN_RATINGS; below that the guide
says there are not enough yet.

The figures come from the DailyFigure rows (services.insights.rollup), as the performance
page's do, so the guide and /performance/service/<slug>/ give the same share of the same
ratings. The figures of every service are read with one grouped query and kept per process per
catalogue and insights version and day (services.lib.cache.kept): the guide's page costs no
query more, each roll-up (which bumps the insights version) renews them in every process within
CATALOGUE_VERSION_TTL, and a rating shows on the guide from the next roll-up of its day."""

from dataclasses import dataclass

from django.db.models import Sum

from services.lib.cache import kept

from . import numbers
from .figures import MIN_RATINGS, window
from .models import DailyFigure

SCOPES = ("catalogue", "insights")


@dataclass(frozen=True)
class Satisfaction:
    count: int
    good: int

    @property
    def enough(self):
        return self.count >= MIN_RATINGS

    @property
    def percent(self):
        """The share of 4-5 in per cent, one decimal rounded half up (None without ratings)."""
        return numbers.rounded(100 * self.good / self.count, 1) if self.count else None

    @property
    def percent_text(self):
        return numbers.percent(self.good, self.count, 1)


def _all_services(first, today):
    rows = (
        DailyFigure.objects.filter(day__gte=first, day__lte=today)
        .values("service_id")
        .annotate(n=Sum("ratings", default=0), good=Sum("ratings_good", default=0))
        .order_by()
    )
    return {row["service_id"]: Satisfaction(row["n"], row["good"]) for row in rows}


def satisfaction_of(service_id, today=None):
    first, today = window(today)
    table = kept(("insights-satisfaction", today), lambda: _all_services(first, today), scopes=SCOPES)
    return table.get(service_id, Satisfaction(0, 0))
