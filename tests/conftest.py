import os

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Outside CI a missing browser or database is a skip with a reason; in CI it is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.SECURE_SSL_REDIRECT = False
    # Fast hashing: the real hashers cost ~0.3 s a login; what they protect is tested by Django.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The manifest storage needs collectstatic; tests serve the source files instead.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    from services.lib.cache import forget_kept
    from services.lib.shell import forget_shells

    cache.clear()
    forget_kept()
    forget_shells()
    yield
    cache.clear()
    forget_kept()


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
    ]:
        grant(apps, getattr(importlib.import_module(module), name))


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
