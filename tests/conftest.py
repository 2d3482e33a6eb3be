import io
import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Outside CI a missing browser or database is a skip with a reason; in CI it is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def isolated_settings(media_root):
    """What every test runs with, whatever its scope: emails and text messages kept in memory,
    uploads in the test's own folder, fast password hashing."""
    from django.conf import settings

    return {
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SMS_BACKEND": "locmem",
        "MEDIA_ROOT": media_root,
        "SECURE_SSL_REDIRECT": False,
        # Fast hashing: the real hashers cost ~0.3 s a login; what they protect is tested by Django.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # The search log writes only when a test asks (querylog.flush()), never from a thread.
        "SEARCH_LOG_FLUSH_QUERIES": 10**9,
        "SEARCH_LOG_FLUSH_SECONDS": 10**9,
        # The manifest storage needs collectstatic; tests serve the source files instead.
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


def _forget_caches():
    from django.core.cache import cache

    from services.catalogue import querylog
    from services.lib import sms
    from services.lib.cache import forget_kept
    from services.lib.shell import forget_shells

    cache.clear()
    forget_kept()
    forget_shells()
    sms.outbox.clear()
    querylog.forget()  # nothing counted in a test is written at exit


@pytest.fixture(autouse=True)
def _isolated(request, settings, tmp_path):
    for name, value in isolated_settings(tmp_path / "uploads").items():
        setattr(settings, name, value)
    if "demo_city" in request.fixturenames:
        # The demo's documents, as load_demo stored them for the module: a copy, so what one test
        # uploads or deletes is not seen by the next.
        shutil.copytree(request.getfixturevalue("demo_city"), settings.MEDIA_ROOT, dirs_exist_ok=True)
    _forget_caches()
    yield
    _forget_caches()


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city (`load_demo`) loaded once for a module whose tests only read it, inside a
    transaction rolled back at the module's end; each test's own `db` transaction nests inside it
    (a savepoint), so what a test changes is undone before the next. Not for `transaction=True`
    tests (their flush would empty the city), nor for tests that reload or change the demo
    itself: those load their own. Returns the folder holding the demo's uploaded documents."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-uploads")
    with django_db_blocker.unblock(), override_settings(**isolated_settings(media)):
        _forget_caches()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield media
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            _forget_caches()


class Clock:
    """The throttle's clock, moved by hand (no sleeps)."""

    T0 = 1_900_000_000.0

    def __init__(self, monkeypatch):
        self.now = self.T0
        import services.lib.throttle as throttle

        monkeypatch.setattr(throttle, "clock", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def english(client):
    """Messages, pages and the admin in English (the admin follows the browser's language).
    Not autouse: a module asks for it with `pytest.mark.usefixtures("english")`."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    """make_staff_world with PSB's residence permit promised in 10 working days."""
    from tests.makers import make_staff_world

    return make_staff_world(promised_limit_days=10)


def _restore_groups():
    """Transactional tests flush every table at teardown; Django recreates permissions then
    (post_migrate) but not the groups our data migrations made. Put them back the same way."""
    import importlib

    from django.apps import apps

    from services.accounts.roles import grant

    for module, name in [
        ("services.accounts.migrations.0002_staff_groups", "GROUPS"),
        ("services.applications.migrations.0002_form_permissions", "GRANTS"),
        ("services.applications.migrations.0004_staff_groups", "GRANTS"),
        ("services.applications.migrations.0012_counter_clerks_register", "GRANTS"),
        ("services.life.migrations.0002_groups", "GROUPS"),
        ("services.accounts.migrations.0008_search_editors", "GROUPS"),
        ("services.accounts.migrations.0009_service_designers", "GROUPS"),
        ("services.insights.migrations.0002_ratings_groups", "GRANTS"),
    ]:
        grant(apps, getattr(importlib.import_module(module), name))
    # The seed synonyms come from a data migration too, and the flush removed them.
    importlib.import_module("services.catalogue.migrations.0004_seed_synonyms").seed(apps, None)


@pytest.fixture(autouse=True)
def _staff_groups(request):
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db" if not _is_transactional(request) else "transactional_db")
    from django.contrib.auth.models import Group
    from django.core.cache import caches

    # Rate-limit counts (services/lib/throttle.py) live in the shared cache's table, which a
    # transactional test's flush does not empty: each test starts with none.
    caches["shared"].clear()

    if not Group.objects.exists():
        _restore_groups()


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
