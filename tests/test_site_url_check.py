"""`check --deploy` warns when SITE_URL, the address every email links to, is not the portal's
public address: unset with DEBUG off (every email would say http://127.0.0.1:8000), not an
absolute http(s) address, plain http while the portal redirects to https, or on a host that
ALLOWED_HOSTS refuses. `make run` sets it, so its deployment check stays clean."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core import checks
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": False,
    "SITE_URL_SET": True,
    "SITE_URL": "https://services.example.gov.cn",
    "ALLOWED_HOSTS": ["services.example.gov.cn"],
    "SECURE_SSL_REDIRECT": True,
    "TRUSTED_PROXY_COUNT_SET": True,
}
LONG_KEY = "k3y-" + "a1B2c3D4e5" * 6


def site_url_problems(**settings):
    with override_settings(**{**PRODUCTION, **settings}):
        found = checks.run_checks(tags=["portal"], include_deployment_checks=True)
    return [(problem.id, problem.msg) for problem in found]


def ids(problems):
    return [problem_id for problem_id, _msg in problems]


def test_a_production_site_url_passes():
    assert site_url_problems() == []


def test_an_unset_site_url_is_warned_about_when_debug_is_off():
    problems = site_url_problems(SITE_URL_SET=False, SITE_URL="http://127.0.0.1:8000")
    assert ids(problems) == ["portal.W001"]
    assert "http://127.0.0.1:8000" in problems[0][1]


def test_an_unset_site_url_is_fine_with_debug_on():
    assert site_url_problems(DEBUG=True, SITE_URL_SET=False, SITE_URL="http://127.0.0.1:8000") == []


def test_a_site_url_that_is_not_an_address_is_warned_about():
    for wrong in ["services.example.gov.cn", "ftp://services.example.gov.cn", "https://", "https://x.gov.cn/?a=1"]:
        assert "portal.W002" in ids(site_url_problems(SITE_URL=wrong)), wrong


def test_a_plain_http_site_url_is_warned_about_while_https_is_enforced():
    problems = site_url_problems(SITE_URL="http://services.example.gov.cn")
    assert ids(problems) == ["portal.W003"]
    assert site_url_problems(SITE_URL="http://services.example.gov.cn", SECURE_SSL_REDIRECT=False) == []


def test_a_site_url_on_a_host_that_allowed_hosts_refuses_is_warned_about():
    problems = site_url_problems(SITE_URL="https://portal.example.gov.cn")
    assert ids(problems) == ["portal.W004"]
    assert "portal.example.gov.cn" in problems[0][1]
    assert site_url_problems(ALLOWED_HOSTS=[".example.gov.cn"], SITE_URL="https://portal.example.gov.cn") == []
    assert site_url_problems(SITE_URL="https://services.example.gov.cn:8443") == []  # ports are not hosts


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "SITE_URL"}}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_warns_about_an_unset_site_url(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECRET_KEY=LONG_KEY, DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "portal.W001" in result.stderr + result.stdout


def test_check_deploy_is_clean_with_the_production_settings_of_the_readme(tmp_path):
    production = {
        "DEBUG": "false",
        "SECRET_KEY": LONG_KEY,
        "SITE_URL": "https://services.example.gov.cn",
        "ALLOWED_HOSTS": "services.example.gov.cn",
        "DATA_DIR": str(tmp_path),
    }
    for proxy in [{"TRUSTED_PROXY_COUNT": "1"}, {"BEHIND_PROXY": "true"}]:
        result = manage("check", "--deploy", "--fail-level", "WARNING", **production, **proxy)
        assert result.returncode == 0, (proxy, result.stdout + result.stderr)
        assert "no issues" in result.stdout


def test_check_deploy_says_nothing_of_site_url_under_the_settings_of_make_run(tmp_path):
    """`make run` serves with DEBUG off on plain http: its SITE_URL is set from HOST and PORT."""
    plan = subprocess.run(
        ["make", "-n", "-B", "run", "PORT=8100"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    command = next(line for line in plan.splitlines() if "manage.py migrate" in line)
    env = dict(re.findall(r"(?:^|\s)([A-Z_]+)=(\S+)", command.split("manage.py")[0]))
    assert env["SITE_URL"] == "http://127.0.0.1:8100" and env["DEBUG"] == "false"
    key = tmp_path / "key"
    key.write_text(LONG_KEY)
    env.update(SECRET_KEY_FILE=str(key), DATA_DIR=str(tmp_path))
    result = manage("check", "--deploy", **env)
    assert result.returncode == 0, result.stderr
    # It runs on plain http on purpose, which Django's own checklist notes (security.W004, W008,
    # W012, W016); nothing is said about SITE_URL.
    assert "portal." not in result.stdout + result.stderr, result.stdout + result.stderr


def test_an_unsaid_proxy_count_is_warned_about_when_redirecting_to_https():
    assert ids(site_url_problems(TRUSTED_PROXY_COUNT_SET=False)) == ["portal.W005"]


def test_an_unsaid_proxy_count_is_fine_without_the_https_redirect_or_in_debug():
    assert site_url_problems(TRUSTED_PROXY_COUNT_SET=False, SECURE_SSL_REDIRECT=False) == []
    assert site_url_problems(TRUSTED_PROXY_COUNT_SET=False, DEBUG=True) == []
