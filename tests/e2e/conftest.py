"""Real-browser harness: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server, with axe-core (axe-playwright-python) checking every page visited.

Outside CI a missing /usr/bin/chromium skips these tests with the reason; under CI=true it fails
them (tests/conftest.py: skip_or_fail). Playwright's own browser download is never used: the browser is Debian's.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import skip_or_fail

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NARROW = {"width": 320, "height": 800}  # WCAG 1.4.10 reflow: no sideways scroll at 320 CSS px
WIDE = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    # target-size (WCAG 2.2 SC 2.5.8, AA) is off by default in axe-core; WCAG 2.2 AA includes it.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp/e2e-screenshots"))  # noqa: S108


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an asyncio event loop in this thread, and Django refuses database
    access from a thread with a running loop unless told that this is deliberate. Set for these
    tests only: left in os.environ it would reach other tests' subprocesses (and `check --deploy`
    rightly refuses it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(allow_orm_beside_playwright):
    """Debian's Chromium, for the tests of this package only (its event loop stops with them)."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail("Chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="package")
def browser_settings():
    """Settings the live server must have from the moment it starts: its middleware reads them once.
    Package-scoped, so the tests outside tests/e2e run with the settings they expect.

    * No HTTPS redirect: the live server speaks plain http (tests run with DEBUG off, where
      SECURE_SSL_REDIRECT defaults to on).
    * Plain static storage: DEBUG off means whitenoise's manifest storage, which needs
      collectstatic; the live server serves /static/ straight from the finders
      (StaticFilesHandler), so the templates must link the unhashed names.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(scope="package")
def live_server(browser_settings, live_server):
    """pytest-django's (session-scoped) live server, started only after browser_settings are in
    force. Only these tests use a live server, so it is these settings it starts with."""
    return live_server


@pytest.fixture
def portal(live_server):
    """The live server's base URL, with the demo city loaded into its (transactional) database."""
    call_command("load_demo", verbosity=0)
    return live_server.url


OPEN_TABS = []  # every Tab of the running test, for no_policy_violations


def is_policy_violation(text):
    """A console message by which Chromium reports a refusal under the page's Content-Security-
    Policy (older versions: "Refused to apply inline style ..."; newer ones: "Executing inline
    script violates the following Content Security Policy directive ...") or a Permissions-Policy
    problem (an unknown feature, a use of a denied one)."""
    return text.startswith("Refused to") or "Content Security Policy" in text or "Permissions-Policy" in text


class Tab:
    """A browser page plus the checks every page visited must pass."""

    def __init__(self, page, base_url):
        self.page = page
        self.base = base_url
        self.problems = []  # failed static/htmx responses, JavaScript errors, policy violations
        self.policy_violations = []
        page.on("pageerror", lambda exc: self.problems.append(f"JavaScript error: {exc}"))
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        OPEN_TABS.append(self)

    def _on_console(self, message):
        if is_policy_violation(message.text):
            found = f"{self.page.url}: {message.text}"
            self.policy_violations.append(found)
            self.problems.append(f"policy violation: {found}")

    def _on_response(self, response):
        if response.url.startswith(self.base) and "/static/" in response.url and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def goto(self, path, status=200):
        response = self.page.goto(self.base + path)
        assert response is not None, path
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        return response

    def wait_for_path(self, pattern):
        self.page.wait_for_url(re.compile(re.escape(self.base) + pattern))

    def check(self, label):
        """Run on every page: stylesheets loaded, exactly one h1, no sideways scroll at 320px,
        0 axe violations at 320px and at desktop width, no JavaScript or static-file errors."""
        page = self.page
        page.wait_for_load_state("load")
        sheets = page.evaluate(
            """() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => ({
                href: l.href, media: l.media,
                rules: l.sheet ? l.sheet.cssRules.length : -1}))"""
        )
        assert sheets, f"{label}: no stylesheet linked"
        for sheet in sheets:
            assert sheet["rules"] > 0, f"{label}: stylesheet not loaded or empty: {sheet}"
        assert page.locator("h1").count() == 1, f"{label}: expected exactly one h1"

        original = page.viewport_size
        try:
            page.set_viewport_size(NARROW)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                offenders = page.evaluate(
                    """(limit) => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                        .slice(0, 8).map(e => e.outerHTML.slice(0, 160))""",
                    NARROW["width"],
                )
                self.screenshot(f"{label}-overflow")
                pytest.fail(
                    f"{label}: sideways scroll at 320px (scrollWidth {width}). Wider elements:\n" + "\n".join(offenders)
                )
            assert_no_axe_violations(page, f"{label} @320px")
            page.set_viewport_size(WIDE)
            assert_no_axe_violations(page, f"{label} @1280px")
        finally:
            page.set_viewport_size(original)
        assert not self.problems, f"{label}: " + "; ".join(self.problems)

    def screenshot(self, name, full_page=True):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", name) + ".png")
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def assert_no_axe_violations(page, label):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    if results.violations_count:
        heading = f"{label} ({page.url}): {results.violations_count} axe violation(s)"
        pytest.fail(heading + "\n" + describe_violations(results.response["violations"]), pytrace=False)


def describe_violations(violations, nodes=6):
    """Axe's violations as readable lines: rule, impact, help link, and where (up to `nodes`)."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:nodes]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > nodes:
            lines.append(f"    ... and {len(violation['nodes']) - nodes} more")
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def no_policy_violations():
    """No page any browser test visits - public pages, htmx fragments, the officers' admin pages -
    breaks its Content-Security-Policy or Permissions-Policy. Tab.check() (and the admin checks)
    fail at the page; this catches the pages visited in between, in every tab of the test."""
    OPEN_TABS.clear()
    yield
    seen = [found for tab in OPEN_TABS for found in tab.policy_violations]
    OPEN_TABS.clear()
    assert not seen, "policy violations:\n" + "\n".join(seen)


@pytest.fixture
def tab(browser, portal):
    context = browser.new_context(viewport=NARROW, java_script_enabled=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield Tab(page, portal)
    finally:
        context.close()
