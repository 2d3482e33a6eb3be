"""Settings read from the environment: production refuses to start without a secret key and
passes Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "SITE_URL"}}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", DEBUG="false", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key = tmp_path / "key"
    key.write_text("x" * 60)
    result = manage("check", DEBUG="false", SECRET_KEY_FILE=str(key), DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_deployment_checklist_is_clean_under_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k3y-" + "a1B2c3D4e5" * 6,
        SITE_URL="https://services.example.gov.cn",  # unset, check --deploy warns (tests/test_site_url_check.py)
        ALLOWED_HOSTS="services.example.gov.cn",
        TRUSTED_PROXY_COUNT="1",  # unsaid, check --deploy warns (portal.W005)
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_runs_without_a_secret_key(tmp_path):
    result = manage("check", DEBUG="true", DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
