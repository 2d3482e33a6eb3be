"""Find -> read the guide, in a real browser, in both languages, with and without elder mode.

Every page visited passes Tab.check(): one h1, stylesheets loaded, no sideways scroll at 320px and
0 axe-core violations on the WCAG 2.0/2.1/2.2 A and AA rules; no page breaks its Content-Security-
Policy or Permissions-Policy (tests/e2e/conftest.py: no_policy_violations, for every browser test).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.e2e

LANGUAGES = [("zh-hans", "居住证"), ("en", "residence permit")]
OTHER = {"zh-hans": "en", "en": "zh-hans"}


def html_lang(tab):
    return tab.page.locator("html").get_attribute("lang")


def assert_elder(tab, label):
    """Elder mode is on: body.elder and base text of at least 20px."""
    page = tab.page
    classes = (page.locator("body").get_attribute("class") or "").split()
    assert "elder" in classes, f"{label}: body lacks class 'elder' ({classes})"
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 20, f"{label}: elder mode body font-size is {size}px, expected >= 20px"


def assert_not_elder(tab, label):
    classes = (tab.page.locator("body").get_attribute("class") or "").split()
    assert "elder" not in classes, f"{label}: body has class 'elder' without elder mode"


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize(("lang", "term"), LANGUAGES, ids=[lang for lang, _ in LANGUAGES])
def test_home_search_guide_journey(tab, lang, term, elder):
    page = tab.page
    mode = "elder" if elder else "standard"
    check_elder = assert_elder if elder else assert_not_elder

    # Home
    tab.goto(f"/{lang}/")
    assert html_lang(tab).lower().startswith(lang[:2])
    if elder:
        page.locator("#elder-toggle").click()
        tab.wait_for_path(rf"/{lang}/$")  # the toggle redirects back to the page it was clicked on
    check_elder(tab, "home")
    tab.check(f"home {lang} {mode}")
    tab.screenshot(f"home-{lang}-{mode}", full_page=False)

    # Search from the home page's search box (a plain GET form)
    search = page.locator("form[role=search] input[name=q]")
    assert search.get_attribute("id") == "q"
    search.fill(term)
    search.press("Enter")
    tab.wait_for_path(rf"/{lang}/services/\?.*q=")
    assert parse_qs(urlsplit(page.url).query)["q"] == [term]
    check_elder(tab, "results")
    results = page.locator("#results li.service-item a")
    assert results.count() > 0, f"no results for {term!r}"
    tab.check(f"results {lang} {mode}")
    tab.screenshot(f"results-{lang}-{mode}", full_page=False)

    # The first result's guide
    first = results.first
    name = first.inner_text().strip()
    href = first.get_attribute("href")
    assert re.fullmatch(rf"/{lang}/services/[\w-]+/", href), href
    first.click()
    tab.wait_for_path(re.escape(href) + "$")
    h1 = page.locator("h1")
    assert h1.count() == 1
    assert name in h1.inner_text(), f"guide h1 {h1.inner_text()!r} does not name the service {name!r}"
    check_elder(tab, "guide")
    tab.check(f"guide {lang} {mode}")
    tab.screenshot(f"guide-{lang}-{mode}")

    # The language switch leads to the same guide in the other language, elder mode kept.
    other = OTHER[lang]
    page.locator("a#lang-switch").click()
    tab.wait_for_path(re.escape(href.replace(f"/{lang}/", f"/{other}/", 1)) + "$")
    assert html_lang(tab).lower().startswith(other[:2])
    check_elder(tab, "guide, other language")
    tab.check(f"guide {other} {mode} (switched)")

    # Elder mode switches off again from any page.
    if elder:
        page.locator("#elder-toggle").click()
        tab.page.wait_for_load_state("load")
        assert_not_elder(tab, "after switching elder mode off")


@pytest.mark.parametrize(("lang", "term"), LANGUAGES, ids=[lang for lang, _ in LANGUAGES])
def test_live_search_updates_results_without_navigation(tab, lang, term):
    page = tab.page
    tab.goto(f"/{lang}/services/")
    box = page.locator("#q")
    assert box.get_attribute("data-hx-get"), "#q has no data-hx-get"
    assert box.get_attribute("data-hx-trigger"), "#q has no data-hx-trigger"
    page.wait_for_function("() => window.htmx !== undefined")
    # A marker that a full page load would wipe out, and a flag set when htmx swaps the results.
    page.evaluate("""() => {
        window.__noNavigation = true;
        document.body.addEventListener('htmx:afterSettle', (e) => {
            if (document.querySelector('#results')) window.__resultsSwapped = true;
        });
    }""")
    fragment_requests = []
    page.on("request", lambda req: fragment_requests.append(req.url) if req.headers.get("hx-request") else None)

    box.press_sequentially(term, delay=40)
    page.wait_for_function("() => window.__resultsSwapped === true")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__noNavigation === true"), "the page was reloaded"
    assert any("q=" in url for url in fragment_requests), f"no htmx request with the query: {fragment_requests}"
    results = page.locator("#results li.service-item a")
    assert results.count() > 0
    assert page.locator("#results").count() == 1, "the fragment was nested instead of replacing #results"
    assert page.locator("h1").count() == 1, "the whole page came back instead of the fragment"
    tab.check(f"live search {lang}")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_directory_pages_and_404(tab, lang):
    from services.catalogue.models import Department, LifeEvent
    from services.offline.models import ServiceCentre

    department = Department.objects.order_by("order", "pk").first()
    event = LifeEvent.objects.order_by("order", "pk").first()
    centre = ServiceCentre.objects.first()
    assert department and event and centre, "the demo city has no departments, life events or centres"

    pages = [
        ("departments", f"/{lang}/departments/"),
        ("department", f"/{lang}/departments/{department.slug}/"),
        ("life events", f"/{lang}/life-events/"),
        ("life event", f"/{lang}/life-events/{event.slug}/"),
        ("centres", f"/{lang}/centres/"),
        ("centre", f"/{lang}/centres/{centre.slug}/"),
    ]
    for label, path in pages:
        tab.goto(path)
        assert html_lang(tab).lower().startswith(lang[:2])
        tab.check(f"{label} {lang}")
    tab.screenshot(f"centre-{lang}")

    tab.goto(f"/{lang}/services/no-such-service/", status=404)
    assert html_lang(tab).lower().startswith(lang[:2])
    tab.check(f"404 {lang}")
    tab.screenshot(f"404-{lang}", full_page=False)


def test_static_files_are_served_to_the_browser(tab):
    """Contrast checks mean nothing without the CSS: make sure the live server really serves it."""
    tab.goto("/en/")
    hrefs = tab.page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)")
    assert any("/static/" in h and h.endswith(".css") for h in hrefs), hrefs
    for href in hrefs + tab.page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)"):
        response = tab.page.request.get(href)
        assert response.status == 200, f"{href}: HTTP {response.status}"
    # The portal's stylesheet is applied: the browser's default 8px body margin is gone and the skip
    # link sits off-screen until it is focused.
    page = tab.page
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    assert page.locator("a.skip-link").bounding_box()["x"] < 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.locator("a.skip-link").bounding_box()["x"] >= 0
