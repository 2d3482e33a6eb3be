"""The city's performance pages (README, "How the city performs"): public, in both languages,
cached per language and elder mode and renewed by each roll-up (scope "insights").

    /<lang>/performance/                          the city
    /<lang>/performance/<department slug>/        one department
    /<lang>/performance/service/<service slug>/   one service (linked from its guide)

The numbers come from services.insights.figures (DailyFigure rows only), the charts from
services.insights.charts; each chart has the same numbers in a table beneath it.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from services.catalogue.models import Department, Service
from services.lib.cache import cache_public_page

from . import charts, figures, numbers

SCOPES = ("catalogue", "insights")


def _day_chart(figs):
    labels = [formats.date_format(d.day, pgettext("a day under a chart (date format)", "j M")) for d in figs.days]
    series = [(str(label), [d.by_channel[value] for d in figs.days]) for value, label in figs.channels]
    busiest = max(figs.days, key=lambda d: (d.total, d.day))
    desc = _busy_days(figs, busiest) if busiest.total else _("No applications in these 30 days.")
    return charts.columns(
        "per-day",
        _("Applications per day, last 30 days"),
        desc,
        labels,
        series,
        marked={len(figs.days) - 1},
        mark_label=_("Dashed: today, provisional"),
    )


def _busy_days(figs, busiest):
    return ngettext(
        "%(n)s application from %(first)s to %(last)s; the most on %(busiest)s (%(most)s). "
        "Today's column is provisional. The table below gives every day by channel.",
        "%(n)s applications from %(first)s to %(last)s; the most on %(busiest)s (%(most)s). "
        "Today's column is provisional. The table below gives every day by channel.",
        figs.totals.submitted,
    ) % {
        "n": figs.totals.submitted,
        "first": formats.date_format(figs.first),
        "last": formats.date_format(figs.today),
        "busiest": formats.date_format(busiest.day),
        "most": numbers.decimal(busiest.total),
    }


def _channel_chart(figs):
    # Whole per cents by the largest remainder, so that the channels add up to 100 (68 + 23 + 9).
    items = [(s.label, s.share or 0, f"{s.percent}%" if s.percent is not None else "–") for s in figs.shares]
    desc = pgettext("punctuation", "; ").join(
        f"{s.label}{pgettext('punctuation', ': ')}{text}" for s, (_l, _v, text) in zip(figs.shares, items, strict=True)
    )
    return charts.bars("by-channel", _("Share of applications by channel"), desc, items, maximum=1)


def _decision_chart(figs):
    totals = figs.totals
    if not totals.decided:
        return None
    average = numbers.decimal(totals.average_working_days, 1)
    promised = numbers.decimal(totals.average_promised_days, 1)
    items = [
        (_("Average working days to a decision"), totals.average_working_days, average),
        (_("Average promised limit"), totals.average_promised_days, promised),
    ]
    desc = _("Decisions took %(average)s working days on average, against a promise of %(promised)s.") % {
        "average": average,
        "promised": promised,
    }
    return charts.bars("decision-days", _("Working days to a decision against the promise"), desc, items)


def _busiest_chart(figs):
    if not figs.busiest:
        return None
    items = [(s.name, n, numbers.decimal(n)) for s, n in figs.busiest]
    desc = pgettext("punctuation", "; ").join(
        f"{name}{pgettext('punctuation', ': ')}{text}" for name, _n, text in items
    )
    return charts.bars("busiest", _("The busiest services, last 30 days"), desc, items)


def _context(figs, **extra):
    return {
        "figures": figs,
        "day_chart": _day_chart(figs),
        "channel_chart": _channel_chart(figs),
        "decision_chart": _decision_chart(figs),
        "busiest_chart": _busiest_chart(figs),
        "min_ratings": figures.MIN_RATINGS,
        "nav": "performance",
        **extra,
    }


@cache_public_page(scopes=SCOPES)
def city(request):
    figs = figures.for_city()
    context = _context(figs, departments=figures.by_department(figs), crumbs=[(_("How the city performs"), None)])
    return render(request, "insights/performance.html", context)


@cache_public_page(scopes=SCOPES)
def department(request, slug):
    dept = get_object_or_404(Department, slug=slug)
    crumbs = [(_("How the city performs"), reverse("insights:performance")), (dept.name, None)]
    figs = figures.for_department(dept)
    context = _context(figs, department=dept, services=figures.by_service(dept, figs), crumbs=crumbs)
    return render(request, "insights/performance.html", context)


@cache_public_page(scopes=SCOPES)
def service(request, slug):
    svc = get_object_or_404(Service.objects.select_related("department"), slug=slug, published=True)
    crumbs = [
        (_("How the city performs"), reverse("insights:performance")),
        (svc.department.name, reverse("insights:performance-department", args=[svc.department.slug])),
        (svc.name, None),
    ]
    context = _context(figures.for_service(svc), service=svc, crumbs=crumbs)
    return render(request, "insights/performance.html", context)
