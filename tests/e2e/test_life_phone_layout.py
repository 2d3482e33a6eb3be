"""The digital-life area pages on a phone (issue 12, PAGES point 3): at 390 x 844 the search box,
the count and the first entry are on the first screen; the filters fold behind a "Filter
(n active)" disclosure like the catalogue search's (details/summary, no JavaScript needed), open
by keyboard, and on a wide screen they are in view. Every page visited passes Tab.check() (one
h1, 320 px reflow, 0 axe violations at 320 and 1280 px)."""

import pytest

from tests.e2e.conftest import Tab

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
SEGMENTS = ["health", "education", "elderly-care", "culture"]


def open_tab(browser, portal, viewport=PHONE, javascript=True, elder=False):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    if elder:
        context.add_cookies([{"name": "elder", "value": "1", "url": portal}])
    return context, Tab(context.new_page(), portal)


def first_entry_top(page):
    """Where the first entry's card begins, in CSS px from the top of the first screen."""
    return page.evaluate("document.querySelector('#results .life-item').getBoundingClientRect().top")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_first_entry_of_every_area_is_on_the_first_screen_of_a_phone(browser, portal, lang):
    context, tab = open_tab(browser, portal)
    try:
        for segment in SEGMENTS:
            tab.goto(f"/{lang}/life/{segment}/")
            page = tab.page
            assert page.evaluate("window.scrollY") == 0
            top = first_entry_top(page)
            assert top < PHONE["height"], (
                segment,
                top,
                tab.screenshot(f"life-phone-{segment}-{lang}", full_page=False),
            )
            assert page.locator("#result-count").is_visible()
            assert not page.locator("#id_district").is_visible()  # folded away
            tab.check(f"{segment} on a phone ({lang})")
    finally:
        context.close()


def test_with_filters_chosen_the_disclosure_counts_them_and_the_first_entry_stays_in_view(browser, portal):
    context, tab = open_tab(browser, portal)
    try:
        tab.goto("/en/life/culture/?district=jiangxin&open=1&access=step_free")
        page = tab.page
        assert page.locator("#filters summary").inner_text().strip() == "Filter (3 active)"
        if page.locator("#results .life-item").count():
            assert first_entry_top(page) < PHONE["height"]
        tab.goto("/zh-hans/life/health/?district=jiangxin")
        assert "筛选（已选 1 项）" in page.locator("#filters summary").inner_text()
    finally:
        context.close()


def test_the_disclosure_opens_by_keyboard_and_a_filter_updates_the_results_and_the_count(browser, portal):
    from playwright.sync_api import expect

    context, tab = open_tab(browser, portal)
    try:
        tab.goto("/en/life/elderly-care/")
        page = tab.page
        page.locator("#filters summary").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#id_district")).to_be_visible()
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            page.select_option("#id_district", "jiangxin")
        expect(page.locator("#filters summary")).to_have_text("Filter (1 active)")
        tab.check("elderly care, filter open on a phone")
    finally:
        context.close()


def test_without_javascript_the_folded_filters_still_work(browser, portal):
    context, tab = open_tab(browser, portal, javascript=False)
    try:
        tab.goto("/en/life/culture/?q=museum")
        page = tab.page
        page.locator("#filters summary").click()
        page.select_option("#id_district", "jiangxin")
        with page.expect_navigation():
            page.locator("#filters .filters button[type=submit]").click()
        assert "district=jiangxin" in page.url and "q=museum" in page.url
        assert page.locator("#q").input_value() == "museum"
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_in_view(browser, portal):
    context, tab = open_tab(browser, portal, viewport=WIDE)
    try:
        tab.goto("/en/life/health/")
        assert tab.page.locator("#id_district").is_visible()
        assert not tab.page.locator("#filters summary").is_visible()
    finally:
        context.close()


def test_in_elder_mode_the_filters_stay_folded_on_a_phone(browser, portal):
    """Elder mode's large type puts the count and the first entry below the fold of a 390 x 844
    screen whatever the filters do; they stay folded (as on the catalogue search page)."""
    context, tab = open_tab(browser, portal, elder=True)
    try:
        tab.goto("/zh-hans/life/culture/")
        page = tab.page
        assert page.locator("#filters summary").is_visible()
        assert not page.locator("#id_district").is_visible()
        tab.check("culture in elder mode on a phone")
    finally:
        context.close()
