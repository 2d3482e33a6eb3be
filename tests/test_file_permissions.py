"""Personal data files are their owner's only: the data folder, the SQLite database with its
-wal and -shm files, saved emails (they hold reset links) and uploads are created 0700/0600.
Run in a fresh process with its own DATA_DIR, as `make run` would start."""

import os
import stat
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent

SCRIPT = """
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection

call_command("migrate", "--noinput", verbosity=0)
with connection.cursor() as cursor:  # keep the connection open so -wal and -shm exist
    cursor.execute("SELECT count(*) FROM django_session")
    send_mail("Reset", "https://example.test/reset/secret-link/", "portal@example.gov.cn", ["a@example.com"])
    print(default_storage.save("applications/ab/file.pdf", ContentFile(b"%PDF-1.4")))
    import os, json
    data = os.environ["DATA_DIR"]
    modes = {}
    for directory, dirs, files in os.walk(data):
        for name in dirs + files:
            path = os.path.join(directory, name)
            modes[os.path.relpath(path, data)] = oct(os.stat(path).st_mode & 0o777)
    modes["."] = oct(os.stat(data).st_mode & 0o777)
    print(json.dumps(modes))
"""


def run_fresh_process(data_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "true",
        "DATA_DIR": str(data_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TASKS_BACKEND": "immediate",
    }
    for name in ("DATABASE_URL", "SQLITE_PATH", "EMAIL_FILE_PATH"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=BASE, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_database_emails_and_uploads_are_readable_by_their_owner_only(tmp_path):
    os.umask(0o022)  # whatever the shell had
    modes = run_fresh_process(tmp_path / "data")
    assert modes["."] == "0o700"
    for name in ("portal.sqlite3", "portal.sqlite3-wal", "portal.sqlite3-shm"):
        assert modes[name] == "0o600", (name, modes)
    assert modes["emails"] == "0o700" and modes["uploads"] == "0o700"
    emails = [name for name in modes if name.startswith("emails/")]
    assert emails and all(modes[name] == "0o600" for name in emails), modes
    assert modes["uploads/applications/ab/file.pdf"] == "0o600"
    assert modes["uploads/applications"] == "0o700"
    assert not [name for name, mode in modes.items() if int(mode, 8) & 0o077], modes


def test_a_data_folder_made_before_is_closed_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    modes = run_fresh_process(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700 and modes["."] == "0o700"


def test_make_creates_the_data_folder_and_key_for_its_owner_only():
    makefile = (BASE / "Makefile").read_text()
    rule = makefile[makefile.index("data/secret_key:") :].split("\n\n")[0]
    assert "mkdir -p -m 700 data" in rule and "chmod 700 data" in rule and "umask 077" in rule
