"""Whole-page caching of anonymous public pages, and reference data kept per process.

A cached page is keyed by the catalogue version, the language, elder mode, whether htmx asked
for a fragment, and the path with its normalised query. Any write to a catalogue model bumps the
version row in the database; each web process re-reads that row at most every
CATALOGUE_VERSION_TTL seconds (and at once after a write it made itself), so an edit in the
admin reaches every process within that time without a shared cache server.

`kept(key, load)` keeps other slowly changing reference data in the process on the same terms
(service form definitions, districts, the working-day calendar): valid while the version row is
unchanged and no watched model was written by this process since (a local counter, bumped at
once - so this process sees its own edits immediately, even inside a transaction).
`kept(..., scopes=...)` and `KeptStore` (many small values, least recently used dropped first:
the digital-life result cards) do the same for other scopes (`version_stamp(scopes)`).

This module is the machinery only: the catalogue gives it the version rows (`use_version_model`)
and each app says which of its own models renew pages and kept data (`watch`, `watch_m2m`) in its
AppConfig.ready.

Scopes: each scope has its own row (SCOPES), so a write renews only the pages that show it. The
digital-life directories (scope "life") change every day - a nursing home's free beds - and
those routine writes must not empty the cache of every catalogue page; a page that shows both
(a directory page lists catalogue services) is keyed by both versions, and a life write that
the catalogue shows too (an entry's name, a link to a service) renews both.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

# scope -> pk of its version row; "insights": the daily figures, bumped by each roll-up (services.insights.rollup)
SCOPES = {"catalogue": 1, "life": 2, "insights": 3}
CATALOGUE = ("catalogue",)
_memo = {"local": 0}
_versions = {}  # scope -> (version, read at)
_kept = {}
_stores = []  # every KeptStore, for forget_kept()
_version_model = []  # the model holding the version rows (an integer `version`, pk per scope)
MAX_KEPT = 4096


def use_version_model(model):
    """The model whose rows hold the shared versions (the catalogue's CatalogueVersion)."""
    _version_model[:] = [model]


def current_version(scope="catalogue"):
    now = time.monotonic()
    hit = _versions.get(scope)
    if hit is None or now - hit[1] > settings.CATALOGUE_VERSION_TTL:
        row = _version_model[0].objects.filter(pk=SCOPES[scope]).values_list("version", flat=True).first()
        hit = _versions[scope] = (row or 0, now)
    return hit[0]


def bump_version(scope="catalogue", **kwargs):
    model = _version_model[0]
    updated = model.objects.filter(pk=SCOPES[scope]).update(version=F("version") + 1)
    if not updated:
        model.objects.get_or_create(pk=SCOPES[scope])
    _versions.pop(scope, None)


class _Bump:
    """The on-commit callback that bumps one scope (recognisable, so a transaction bumps it once)."""

    def __init__(self, scope):
        self.scope = scope

    def __call__(self):
        bump_version(self.scope)


def version_stamp(scopes=CATALOGUE):
    """What data kept in this process is valid for: it may be used again while the stamp is
    the same. The scopes' versions (another process's write: seen within
    CATALOGUE_VERSION_TTL), this process's own watched writes (seen at once) and whether the
    current transaction has an uncommitted one."""
    # A value read while this transaction has an uncommitted watched write is kept only for
    # as long as that write is pending: after a rollback the stamp differs, after the commit
    # the version does.
    return (
        tuple(current_version(scope) for scope in scopes),
        _memo["local"],
        tuple(_bump_pending(scope) for scope in scopes),
    )


def kept(key, load, refresh=False, scopes=CATALOGUE):
    """`load()`, computed once per process until a watched model of `scopes` changes
    (`refresh=True`: load again now, e.g. when a caller has seen newer data than is kept)."""
    stamp = version_stamp(scopes)
    hit = _kept.get(key)
    if hit is not None and hit[0] == stamp and not refresh:
        return hit[1]
    value = load()
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[key] = (stamp, value)
    return value


class KeptStore:
    """Many small values kept in this process - rendered result cards, a search's count - each
    valid while `version_stamp(scopes)` is what it was when it was set; at most `size` of
    them, the least recently used dropped first. The caller reads the stamp once per request
    (`stamp()`) and passes it to `get` and `set`."""

    def __init__(self, size, scopes=CATALOGUE):
        self.size, self.scopes = size, scopes
        self._items = OrderedDict()
        self._lock = threading.Lock()  # threaded servers (runserver, gthread) share it
        _stores.append(self)

    def stamp(self):
        return version_stamp(self.scopes)

    def get(self, stamp, key, default=None):
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != stamp:
                return default
            self._items.move_to_end(key)
            return hit[1]

    def set(self, stamp, key, value):
        with self._lock:
            self._items[key] = (stamp, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._items.clear()


def forget_kept():
    """For tests: drop everything kept in this process."""
    _kept.clear()
    _versions.clear()
    for store in _stores:
        store.clear()


def watch(*models, scopes=CATALOGUE):
    """Writes to these models count as changes of `scopes` (their pages and kept data are renewed).
    `scopes` is a tuple, or a function of the post_save/post_delete signal's keyword arguments
    returning one (e.g. fewer scopes for a save with routine `update_fields`).
    Cache invalidation is plumbing, not a business rule: signals catch every write path (admin
    forms and inlines, commands, the shell) where explicit calls would miss some."""
    for model in models:
        label = f"{model._meta.app_label}-{model.__name__}"
        receiver = _receiver(scopes)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"cat-cache-save-{label}")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"cat-cache-del-{label}")


def watch_m2m(*throughs, scopes=CATALOGUE):
    """Changes to these many-to-many relations (their `through` models) count as well."""
    for through in throughs:
        m2m_changed.connect(
            _receiver(scopes), sender=through, weak=False, dispatch_uid=f"cat-cache-m2m-{through.__name__}"
        )


def _receiver(scopes):
    def receiver(**kwargs):
        _on_change(scopes(**kwargs) if callable(scopes) else scopes, raw=kwargs.get("raw"))

    return receiver


def _on_change(scopes, raw=False):
    _memo["local"] += 1
    if raw:
        return
    for scope in scopes:
        _versions.pop(scope, None)
        # One bump per scope per transaction, however many rows it writes.
        if not _bump_pending(scope):
            transaction.on_commit(_Bump(scope))


def _bump_pending(scope):
    """Whether the current transaction has written to `scope` (its bump waits for the commit)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        isinstance(func, _Bump) and func.scope == scope for _, func, _ in connection.run_on_commit
    )


def _key(request, scopes):
    params = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    digest = hashlib.sha256(f"{request.path}?{params}".encode()).hexdigest()[:32]
    mode = "elder" if request.elder_mode else "std"
    fragment = "hx" if getattr(request, "htmx", False) else "full"
    versions = ".".join(str(current_version(scope)) for scope in scopes)
    return f"page:{versions}:{get_language()}:{mode}:{fragment}:{digest}"


def cache_public_page(view=None, *, scopes=CATALOGUE):
    """Serve GET requests of anonymous visitors from the cache. Signed-in users always get a
    fresh page (it shows their name and carries their CSRF token). `@cache_public_page` keys
    pages by the catalogue's version; `@cache_public_page(scopes=("catalogue", "life"))` by each
    scope's the page shows."""
    if view is None:
        return functools.partial(cache_public_page, scopes=scopes)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # A pending flash message ("You have signed out") must be rendered, not a cached page.
        if request.method != "GET" or request.user.is_authenticated or "messages" in request.COOKIES:
            return view(request, *args, **kwargs)
        key = _key(request, scopes)
        hit = cache.get(key)
        if hit is not None:
            response = HttpResponse(hit[1], content_type=hit[0], status=hit[2])
        else:
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 404) and not response.cookies and not response.streaming:
                cache.set(
                    key, (response["Content-Type"], response.content, response.status_code), settings.PAGE_CACHE_SECONDS
                )
        patch_vary_headers(response, ("HX-Request", "Cookie"))
        return response

    return wrapper
