"""A service's satisfaction, as its guide shows it: the share of ratings of 4 or 5 (one decimal)
and the number of ratings, once there are at least MIN_RATINGS; below that the guide says there
are not enough yet.

The figures of every service are read with one grouped query and kept per process per catalogue
version (services.lib.cache.kept), as the guide itself is (catalogue.views.GUIDES_KEPT): the
guide's page costs no query more. A rating therefore shows on the guide once the catalogue next
changes or the process restarts."""

from dataclasses import dataclass

from django.db.models import Count, Q

from services.lib.cache import kept

from .models import GOOD_SCORES, Rating

MIN_RATINGS = 10


@dataclass(frozen=True)
class Satisfaction:
    count: int
    good: int

    @property
    def enough(self):
        return self.count >= MIN_RATINGS

    @property
    def percent(self):
        """The share of 4-5 in per cent, one decimal (None without ratings)."""
        return round(100 * self.good / self.count, 1) if self.count else None


def _all_services():
    rows = Rating.objects.values("service_id").annotate(
        n=Count("pk"), good=Count("pk", filter=Q(score__in=GOOD_SCORES))
    )
    return {row["service_id"]: Satisfaction(row["n"], row["good"]) for row in rows}


def satisfaction_of(service_id):
    return kept(("insights-satisfaction",), _all_services).get(service_id, Satisfaction(0, 0))
