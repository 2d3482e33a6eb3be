"""What citizens searched for, counted per day with the number of results (issue 12, point 11),
so editors see the queries that found nothing and add synonyms.

Counting never slows the search page: `record()` only adds to a dictionary in this process's
memory (a few microseconds, measured in tests/catalogue/test_query_log.py); the counts are
written by a background thread once SEARCH_LOG_FLUSH_QUERIES searches have been recorded or
SEARCH_LOG_FLUSH_SECONDS have passed since the last write, with one upsert statement that adds
to the stored counts (INSERT ... ON CONFLICT DO UPDATE SET searches = searches + n, on SQLite and
PostgreSQL alike), and once more when the process exits. A crash loses at most one batch of
counts, which is acceptable for a report of what people look for.

Personal data never reaches the database: before a query is stored, `clean()` removes anything
that looks like an identity card number (18 characters ending in a digit or X, or the old 15
digits), a passport number, an email address, and every run of 6 or more digits with or without
spaces, dashes, dots or brackets between them (mobile and landline numbers, bank cards,
application references, +86 prefixes). Short numbers stay: the 12345 hotline, 96119, a year.
Queries are kept SEARCH_LOG_KEEP_DAYS days.
"""

import atexit
import datetime
import functools
import logging
import re
import threading
import time
import unicodedata
from collections import OrderedDict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language

from .models import MAX_QUERY_LENGTH, SearchQueryDay

logger = logging.getLogger(__name__)

RAW_KEPT = 300  # characters of a query kept until it is cleaned (a number cut at 100 is still seen whole)
MAX_PENDING = 20_000  # distinct queries waiting at most; more are dropped (a flood must not eat memory)
LAST_RESULTS = 5_000  # results remembered for pages served again from this process's cache
MIN_DIGITS = 6

# The local part is the ASCII run before the @: with \w it also took the Chinese words typed
# before the address ("邮箱zhang.san@qq.com 补办" was stored as "补办"). Only when no ASCII
# character comes before the @ is the local part the Chinese word there (张三@qq.com). Likewise
# the domain ends at its last ASCII label ("@qq.com续签" keeps 续签), unless it is all Chinese.
_EMAIL = re.compile(r"(?:[a-z0-9.!#$%&'*+/=?^_`{|}~\-]+|[^\x00-\x7f\s@]+)@(?:(?:[\w\-]+\.)*[a-z0-9\-]+|[\w\-.]+)")
_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9x](?![0-9a-z])")
_PASSPORT = re.compile(r"(?<![a-z0-9])[a-z]{1,2}[0-9]{7,9}(?![0-9])")
# A digit is also a Chinese numeral as people read a number out (幺三八 一二三四 五六七八, the
# capitals 壹贰叁 of bank forms); 十, 百 and 万 are not in it, so "一百二十三" is not a run.
_NUMERALS = "0-9〇零一二三四五六七八九两幺壹贰叁肆伍陆柒捌玖"
_DIGIT_RUN = re.compile(rf"[+(]*[{_NUMERALS}](?:[\s\-().]*[{_NUMERALS}])*\)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ufffd]")

_lock = threading.Lock()
_pending = {}  # (day, language, raw query) -> [searches, results or None]
_last = OrderedDict()  # (language, raw query) -> results the last time this process searched it
_state = {"count": 0, "since": time.monotonic(), "writing": False, "purged": None, "dropped": 0}
_writer = []  # tests replace the background write here
_day = [None, 0.0]  # (today, until when in time.monotonic()) - see _today()


def counts_searches(view):
    """Count the search of every results page shown (first pages only: the next page of a search
    is the same search), whether rendered or served from the page cache: put it above
    @cache_public_page. The view says how many it found with `request.search_results = n`; a
    cached page has not run the view, so its count is the one last seen in this process."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and request.GET.get("page", "1") in ("", "1"):
            record(request.GET.get("q", ""), get_language(), getattr(request, "search_results", None))
        return response

    return wrapper


def clean(query):
    """The query as it is stored: NFKC, lower case, personal data removed, one space between
    words, at most MAX_QUERY_LENGTH characters. "" when nothing is left."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    text = _CONTROL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _ID_NUMBER.sub(" ", text)
    text = _PASSPORT.sub(" ", text)
    text = _DIGIT_RUN.sub(_short_numbers_only, text)
    text = " ".join(text.split())[:MAX_QUERY_LENGTH].strip()
    # Nothing an editor could add a synonym for: punctuation, FTS syntax, or only the U+FFFD
    # that Django decodes invalid UTF-8 from a scanner into (?q=%FF%FE).
    return text if has_words(text) else ""


def has_words(text):
    """True when the text holds at least one letter or digit (of any script)."""
    return any(ch.isalnum() for ch in text)


def _short_numbers_only(match):
    digits = sum(ch.isdigit() or ch in _NUMERALS for ch in match.group())
    return " " if digits >= MIN_DIGITS else match.group()


def _language(language):
    return "en" if str(language or "").lower().startswith("en") else "zh"


def record(query, language, results=None):
    """Count one search. `results`: how many services it found; None for a page served from
    this process's page cache (the count last seen here is used). Never raises."""
    try:
        if not isinstance(query, str) or not has_words(query):
            return  # nothing clean() would keep; a scanner's flood must not fill MAX_PENDING
        raw, language = query[:RAW_KEPT], _language(language)
        day = _today()
        with _lock:
            if results is not None:
                _last[(language, raw)] = results
                if len(_last) > LAST_RESULTS:
                    _last.popitem(last=False)
            else:
                results = _last.get((language, raw))
            entry = _pending.get((day, language, raw))
            if entry is None:
                if len(_pending) >= MAX_PENDING:
                    _state["dropped"] += 1
                    return
                entry = _pending[(day, language, raw)] = [0, None]
            entry[0] += 1
            if results is not None:
                entry[1] = results
            _state["count"] += 1
            due = (
                _state["count"] >= getattr(settings, "SEARCH_LOG_FLUSH_QUERIES", 200)
                or time.monotonic() - _state["since"] >= getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", 60)
            ) and not _state["writing"]
            if due:
                batch = _take()
                _state["writing"] = True
        if due:
            threading.Thread(target=_write_in_background, args=(batch,), name="search-log", daemon=True).start()
    except Exception:
        logger.exception("search log: a search could not be counted")


def _today():
    # timezone.localdate() costs about 25 µs on a busy machine (the active time zone is a
    # context-local lookup); the day is worked out at most once a second instead.
    now = time.monotonic()
    if now >= _day[1]:
        _day[:] = [timezone.localdate(), now + 1.0]
    return _day[0]


def _take():
    # Called with _lock held.
    batch = dict(_pending)
    _pending.clear()
    _state["count"], _state["since"] = 0, time.monotonic()
    return batch


def _write_in_background(batch):
    try:
        (_writer[0] if _writer else _write)(batch)
    except Exception:
        logger.exception("search log: %s counts could not be written", len(batch))
    finally:
        _state["writing"] = False
        if not _writer:
            connection.close()  # this thread's own connection


def flush():
    """Write what is waiting now (at exit, from tests and the shell). Never raises."""
    with _lock:
        batch = _take()
    if not batch:
        return
    try:
        _write(batch)
    except Exception:
        logger.exception("search log: %s counts could not be written", len(batch))


def forget():
    """For tests: drop what is waiting and what this process remembers."""
    with _lock:
        _take()
        _last.clear()
        _state["dropped"], _state["purged"] = 0, None
        _day[1] = 0.0


def _write(batch):
    merged = {}  # (day, language, cleaned) -> [searches, results or None]
    for (day, language, raw), (searches, results) in batch.items():
        query = clean(raw)
        if not query:
            continue
        entry = merged.setdefault((day, language, query), [0, None])
        entry[0] += searches
        if results is not None:
            entry[1] = results
    known = [
        (day, language, query, n, results)
        for (day, language, query), (n, results) in merged.items()
        if results is not None
    ]
    unknown = [(n, day, language, query) for (day, language, query), (n, results) in merged.items() if results is None]
    # The table name comes from the model and is quoted; every value is a parameter.
    table = connection.ops.quote_name(SearchQueryDay._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if known:
            cursor.executemany(
                f"INSERT INTO {table} (day, language, query, searches, results) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (day, language, query) DO UPDATE SET "
                f"searches = {table}.searches + EXCLUDED.searches, results = EXCLUDED.results",
                known,
            )
        if unknown:
            # A page served from the cache of a process that has forgotten its count: it adds to
            # a row already there, never makes one (it would say 0 results).
            cursor.executemany(
                f"UPDATE {table} SET searches = searches + %s WHERE day = %s AND language = %s AND query = %s",  # noqa: S608
                unknown,
            )
    _purge()


def _purge():
    """Remove days older than SEARCH_LOG_KEEP_DAYS, at most once a day per process."""
    today = timezone.localdate()
    if _state["purged"] == today:
        return
    keep = max(getattr(settings, "SEARCH_LOG_KEEP_DAYS", 90), 30)  # the report reads 30 days
    SearchQueryDay.objects.filter(day__lt=today - datetime.timedelta(days=keep)).delete()
    _state["purged"] = today


atexit.register(flush)


REPORT_ROWS = 50


def zero_result_report(days, language=None, limit=REPORT_ROWS, today=None):
    """The most searched queries that found nothing in the last `days` days (today included),
    for editors: [{"language", "query", "searches", "last"}], most searched first, at most
    `limit`. A query that found results on a later day than its last empty one (a synonym or
    keyword added since) is left out; `fixed` counts them. Two bounded queries on the
    (results, day) index."""
    from django.db.models import Max, Sum

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    rows = SearchQueryDay.objects.filter(day__gte=since, results=0)
    if language:
        rows = rows.filter(language=language)
    # A few more than shown, so the ones fixed since can be left out and the list still fills.
    candidates = [
        {"language": row["language"], "query": row["query"], "searches": row["total"], "last": row["last"]}
        for row in rows.values("language", "query")
        .annotate(total=Sum("searches"), last=Max("day"))
        .order_by("-total", "query", "language")[: limit * 2]
    ]
    found_later = {
        (row["language"], row["query"]): row["last"]
        for row in SearchQueryDay.objects.filter(
            day__gte=since, results__gt=0, query__in={row["query"] for row in candidates}
        )
        .values("language", "query")
        .annotate(last=Max("day"))
    }
    shown, fixed = [], 0
    for row in candidates:
        if not has_words(row["query"]):
            continue  # stored before clean() dropped such queries: nothing to add a synonym for
        later = found_later.get((row["language"], row["query"]))
        if later is not None and later >= row["last"]:
            fixed += 1
            continue
        if len(shown) < limit:
            shown.append(row)
    return shown, fixed


def totals(days, language=None, today=None):
    """Searches and searches that found nothing in the last `days` days."""
    from django.db.models import Q, Sum

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    rows = SearchQueryDay.objects.filter(day__gte=since)
    if language:
        rows = rows.filter(language=language)
    sums = rows.aggregate(total=Sum("searches", default=0), empty=Sum("searches", filter=Q(results=0), default=0))
    return {"searches": sums["total"], "empty": sums["empty"]}
