"""The database settings do what DESIGN.md says they do.

SQLite (the default store): WAL journal, a busy timeout, foreign keys, and IMMEDIATE transactions, so
concurrent writers wait for the lock instead of failing with "database is locked".

PostgreSQL (DATABASE_URL=postgres://...): psycopg 3 and persistent connections.

How the PostgreSQL tests decide between skip, run and fail
-----------------------------------------------------------
The suite runs twice in CI (.ci/run): once on SQLite, once with DATABASE_URL pointing at PostgreSQL.
Both passes have CI=true, so ``skip_or_fail`` alone would fail the SQLite pass for not being on
PostgreSQL. The PostgreSQL pass therefore also sets REQUIRE_POSTGRES=1, and the rule is:

* the suite is on PostgreSQL                    -> the tests run;
* not on PostgreSQL and REQUIRE_POSTGRES unset  -> skip (this pass is not the PostgreSQL pass;
                                                   CI's SQLite pass shows it as a skip, not a failure);
* not on PostgreSQL and REQUIRE_POSTGRES=1      -> ``skip_or_fail``: a failure under CI=true (the
                                                   PostgreSQL pass silently ran on SQLite), a skip
                                                   with the reason on a developer's machine.

The SQLite tests skip themselves on the PostgreSQL pass: they are about the SQLite backend and have
nothing to check there.
"""

import os
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction
from django.db.utils import load_backend

from tests.conftest import skip_or_fail

PG_REASON = "PostgreSQL not configured: set DATABASE_URL=postgres://..."


def _fresh_wrapper(settings_dict, alias="fresh"):
    """A new, independent DatabaseWrapper built from a settings dict (outside the test transaction)."""
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(dict(settings_dict), alias)


# --- SQLite ------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip(f"SQLite backend tests; this pass runs on {connection.vendor}")


@pytest.fixture
def sqlite_file_db(sqlite_only, tmp_path, django_db_blocker):
    """A connection opened exactly as the settings open one, against a file (WAL needs a file; the
    test database pytest-django creates is in memory unless SQLITE_TEST_PATH is set)."""
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "portal.sqlite3")}
    with django_db_blocker.unblock():
        wrapper = _fresh_wrapper(settings_dict)
        wrapper.ensure_connection()
        yield wrapper
        wrapper.close()


def _pragma(conn, name):
    with conn.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_sqlite_settings_ask_for_wal_busy_timeout_and_immediate(sqlite_only, settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    init = options["init_command"].replace(" ", "").lower()
    assert "journal_mode=wal" in init
    assert "busy_timeout=" in init
    assert "foreign_keys=on" in init
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


def test_sqlite_test_connection_is_configured(sqlite_only, db):
    """The connection the tests themselves use went through the same options."""
    assert connection.transaction_mode == "IMMEDIATE"
    assert _pragma(connection, "busy_timeout") >= 5000
    assert _pragma(connection, "foreign_keys") == 1
    journal = _pragma(connection, "journal_mode").lower()
    if connection.is_in_memory_db():
        # SQLite keeps an in-memory database's journal in memory whatever is asked for.
        assert journal == "memory"
    else:
        assert journal == "wal"


def test_sqlite_file_connection_uses_wal_and_busy_timeout(sqlite_file_db):
    assert _pragma(sqlite_file_db, "journal_mode").lower() == "wal"
    assert _pragma(sqlite_file_db, "busy_timeout") >= 5000
    assert _pragma(sqlite_file_db, "synchronous") == 1  # NORMAL: safe with WAL, much faster than FULL
    assert _pragma(sqlite_file_db, "foreign_keys") == 1
    assert sqlite_file_db.transaction_mode == "IMMEDIATE"


def test_sqlite_atomic_takes_the_write_lock_at_begin(sqlite_file_db):
    """IMMEDIATE: the write lock is taken when the transaction starts, before any write - so a
    read-then-write request waits at BEGIN (under the busy timeout) instead of failing on upgrade."""
    with sqlite_file_db.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    other = sqlite3.connect(sqlite_file_db.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:
        with _atomic(sqlite_file_db):
            with sqlite_file_db.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
    finally:
        other.close()


@contextmanager
def _atomic(wrapper):
    """Django's own transaction.atomic() on a wrapper built outside settings.DATABASES: it is
    registered in django.db.connections (per thread) for the duration."""
    connections[wrapper.alias] = wrapper
    try:
        with transaction.atomic(using=wrapper.alias):
            yield
    finally:
        del connections[wrapper.alias]


def test_sqlite_concurrent_read_then_write_waits_instead_of_failing(sqlite_only, tmp_path, django_db_blocker):
    """Several threads each read a counter and write it back: with IMMEDIATE + busy timeout none
    fails with "database is locked" and no increment is lost."""
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "race.sqlite3")}
    with django_db_blocker.unblock():
        _race(settings_dict)


def _race(settings_dict):
    setup = _fresh_wrapper(settings_dict, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    errors, workers, rounds = [], 4, 10

    def work(i):
        wrapper = _fresh_wrapper(settings_dict, f"w{i}")
        try:
            for _ in range(rounds):
                with _atomic(wrapper), wrapper.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    n = cursor.fetchone()[0]
                    time.sleep(0.002)  # widen the race window
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            wrapper.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    check = _fresh_wrapper(settings_dict, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == workers * rounds
    check.close()


def test_sqlite_connection_is_persistent(sqlite_file_db):
    """CONN_MAX_AGE > 0: the end of a request does not close the connection."""
    raw = sqlite_file_db.connection
    sqlite_file_db.close_if_unusable_or_obsolete()
    assert sqlite_file_db.connection is raw


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture
def postgres():
    """See the module docstring for the skip / run / fail rule."""
    if connection.vendor == "postgresql":
        return connection
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        skip_or_fail(f"{PG_REASON} (REQUIRE_POSTGRES=1 but the suite is on {connection.vendor})")
    pytest.skip(f"{PG_REASON} (this pass runs on {connection.vendor})")


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_is_really_in_use(postgres, settings):
    assert postgres.vendor == "postgresql"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    with postgres.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 150000


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_uses_psycopg3(postgres):
    import psycopg

    assert postgres.Database is psycopg
    assert int(psycopg.__version__.split(".")[0]) == 3
    postgres.ensure_connection()
    assert isinstance(postgres.connection, psycopg.Connection)


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_connections_are_persistent(postgres, settings):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert postgres.settings_dict["CONN_MAX_AGE"] > 0
    assert postgres.settings_dict["CONN_HEALTH_CHECKS"] is True
    # A fresh connection outside the test transaction survives the end-of-request check.
    wrapper = _fresh_wrapper(postgres.settings_dict)
    try:
        wrapper.ensure_connection()
        raw = wrapper.connection
        wrapper.close_if_unusable_or_obsolete()
        assert wrapper.connection is raw
        assert not raw.closed
    finally:
        wrapper.close()
