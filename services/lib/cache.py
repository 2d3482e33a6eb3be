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

This module is the machinery only: the catalogue gives it the version row (`use_version_model`)
and each app says which of its own models renew pages and kept data (`watch`, `watch_m2m`) in its
AppConfig.ready.
"""

import functools
import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

_memo = {"version": None, "read_at": 0.0, "local": 0}
_kept = {}
_version_model = []  # the model holding the version row (pk=1, an integer `version`)
MAX_KEPT = 4096


def use_version_model(model):
    """The model whose row pk=1 holds the shared version (the catalogue's CatalogueVersion)."""
    _version_model[:] = [model]


def current_version():
    now = time.monotonic()
    if _memo["version"] is None or now - _memo["read_at"] > settings.CATALOGUE_VERSION_TTL:
        row = _version_model[0].objects.filter(pk=1).values_list("version", flat=True).first()
        _memo.update(version=row or 0, read_at=now)
    return _memo["version"]


def bump_version(**kwargs):
    model = _version_model[0]
    updated = model.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        model.objects.get_or_create(pk=1)
    _memo["version"] = None


def kept(key, load, refresh=False):
    """`load()`, computed once per process until the catalogue or a watched model changes
    (`refresh=True`: load again now, e.g. when a caller has seen newer data than is kept)."""
    # A value read while this transaction has an uncommitted watched write is kept only for
    # as long as that write is pending: after a rollback the stamp differs, after the commit
    # the version does.
    stamp = (current_version(), _memo["local"], _bump_pending())
    hit = _kept.get(key)
    if hit is not None and hit[0] == stamp and not refresh:
        return hit[1]
    value = load()
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[key] = (stamp, value)
    return value


def forget_kept():
    """For tests: drop everything kept in this process."""
    _kept.clear()
    _memo["version"] = None


def watch(*models):
    """Writes to these models count as catalogue changes (pages and kept data are renewed).
    Cache invalidation is plumbing, not a business rule: signals catch every write path (admin
    forms and inlines, commands, the shell) where explicit calls would miss some."""
    for model in models:
        label = f"{model._meta.app_label}-{model.__name__}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"cat-cache-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"cat-cache-del-{label}")


def watch_m2m(*throughs):
    """Changes to these many-to-many relations (their `through` models) count as well."""
    for through in throughs:
        m2m_changed.connect(_on_change, sender=through, dispatch_uid=f"cat-cache-m2m-{through.__name__}")


def _on_change(**kwargs):
    _memo["local"] += 1
    if kwargs.get("raw"):
        return
    _memo["version"] = None
    # One bump per transaction, however many rows it writes.
    if _bump_pending():
        return
    transaction.on_commit(bump_version)


def _bump_pending():
    """Whether the current transaction has written a watched model (its bump waits for the commit)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(func is bump_version for _, func, _ in connection.run_on_commit)


def _key(request):
    params = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    digest = hashlib.sha256(f"{request.path}?{params}".encode()).hexdigest()[:32]
    mode = "elder" if request.elder_mode else "std"
    fragment = "hx" if getattr(request, "htmx", False) else "full"
    return f"page:{current_version()}:{get_language()}:{mode}:{fragment}:{digest}"


def cache_public_page(view):
    """Serve GET requests of anonymous visitors from the cache. Signed-in users always get a
    fresh page (it shows their name and carries their CSRF token)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # A pending flash message ("You have signed out") must be rendered, not a cached page.
        if request.method != "GET" or request.user.is_authenticated or "messages" in request.COOKIES:
            return view(request, *args, **kwargs)
        key = _key(request)
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
