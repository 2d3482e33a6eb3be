"""Open data: the page that describes every dataset and field (/<lang>/open-data/), and the
downloads (/open-data/v1/<dataset>.csv|json, the same in every language: the files hold both
languages' columns). The datasets themselves are defined in opendata.py."""

import hashlib

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from services.lib.cache import cache_public_page
from services.lib.forms import DateInput

from . import opendata

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
DATE_MESSAGE = _("Enter the date as year-month-day, for example 2026-11-30.")


def _date_field(label, help_text):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_MESSAGE},
        widget=DateInput(),
    )


# "from" is a Python keyword, and the query parameter's name: the form is built with type().
DayRangeForm = type(
    "DayRangeForm",
    (forms.Form,),
    {
        "from": _date_field(
            _("From"), _("The first day, for example 2026-11-01. Leave empty to start at the first day.")
        ),
        "to": _date_field(_("To"), _("The last day, for example 2026-11-30. Leave empty to go up to today.")),
        "clean": lambda self: _check_order(self),
    },
)


def _check_order(form):
    data = form.cleaned_data
    if data.get("from") and data.get("to") and data["from"] > data["to"]:
        form.add_error("to", _("The last day must be the same as the first day or after it."))
    return data


def download_url(dataset, fmt, query=""):
    url = reverse("opendata:download", args=[dataset.slug, fmt])
    return f"{url}?{query}" if query else url


def _datasets():
    """Each dataset with its download addresses and facts, for the page."""
    site = settings.SITE_URL.rstrip("/")
    items = []
    for dataset in opendata.DATASETS.values():
        count, changed = dataset.facts()
        links = {fmt: download_url(dataset, fmt) for fmt in FORMATS}
        items.append(
            {"d": dataset, "count": count, "changed": changed, "links": links, "absolute": site + links["csv"]}
        )
    return items


@cache_public_page(scopes=("catalogue", "life", "insights"))
def open_data(request):
    """The open-data page. Its figures form (a plain GET to this page) goes on to the download
    when the days are right, and shows the page again with the problem and what was typed when
    they are not."""
    form, status = DayRangeForm(), 200
    if "from" in request.GET or "to" in request.GET:
        form = DayRangeForm(request.GET)
        if form.is_valid():
            fmt = request.GET.get("format") if request.GET.get("format") in FORMATS else "csv"
            query = urlencode({k: v for k, v in request.GET.items() if k in ("from", "to") and v})
            return redirect(download_url(opendata.FIGURES, fmt, query))
        status = 400
    context = {
        "datasets": _datasets(),
        "form": form,
        "types": opendata.TYPE_NAMES.items(),
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
        "version": opendata.SCHEMA_VERSION,
        "crumbs": [(_("Open data"), None)],
    }
    return render(request, "insights/opendata.html", context, status=status)


@require_safe
def download(request, slug, fmt):
    """One dataset as CSV or JSON, streamed; 304 when the client's copy (ETag) is current."""
    dataset = opendata.DATASETS.get(slug)
    if dataset is None or fmt not in FORMATS:
        raise Http404
    qs, query = None, ""
    if dataset.filters_by_day:
        form = DayRangeForm(request.GET)
        if not form.is_valid():
            return _bad_days(form, fmt)
        days = form.cleaned_data
        qs = opendata.figure_rows(days.get("from"), days.get("to"))
        query = f"{days.get('from') or ''}..{days.get('to') or ''}"
    stamp = ".".join(str(v) for v in dataset.stamp())
    digest = hashlib.sha256(f"{slug}|{dataset.version}|{fmt}|{stamp}|{query}".encode()).hexdigest()[:24]
    etag = quote_etag(digest)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        patch_cache_control(not_modified, public=True, max_age=settings.PAGE_CACHE_SECONDS)
        return not_modified
    _count, changed = dataset.facts()
    now = timezone.now()
    if fmt == "csv":
        chunks = opendata.csv_chunks(dataset, qs)
    else:
        chunks = opendata.json_chunks(dataset, qs, now=now, last_changed=changed)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    name = f"{slug}-v{dataset.version}-{timezone.localtime(now):%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'{"attachment" if fmt == "csv" else "inline"}; filename="{name}"'
    response["ETag"] = etag
    if changed:
        response["Last-Modified"] = http_date(changed.timestamp())
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    return response


def _bad_days(form, fmt):
    """400 with what is wrong, in the visitor's language (cookie or Accept-Language)."""
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    first = next(iter(errors.values()))[0]
    if fmt == "json":
        return JsonResponse({"error": first, "errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
