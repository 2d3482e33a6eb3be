"""The search results page in a real browser (issue 12, points 7 to 9): on a phone (390 x 844)
the count and the first result are on the first screen, the filters fold behind a "Filter"
disclosure that works by keyboard, with and without JavaScript, and on a wide screen the filters
are in view. Every page visited passes Tab.check() (one h1, 320 px reflow, 0 axe violations at
320 and 1280 px), in both languages and in elder mode."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import Tab

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


def open_tab(browser, portal, viewport=PHONE, javascript=True, elder=False):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    if elder:
        context.add_cookies([{"name": "elder", "value": "1", "url": portal}])
    return context, Tab(context.new_page(), portal)


def first_result_bottom(page):
    """Where the first result's title ends, in CSS px from the top of the first screen."""
    return page.evaluate("document.querySelector('#results .service-item a').getBoundingClientRect().bottom")


@pytest.mark.parametrize(("lang", "term"), [("zh-hans", "身份证"), ("en", "passport")])
def test_the_first_result_is_on_the_first_screen_of_a_phone(browser, portal, lang, term):
    context, tab = open_tab(browser, portal)
    try:
        tab.goto(f"/{lang}/services/?q={term}")
        page = tab.page
        assert page.evaluate("window.scrollY") == 0
        assert first_result_bottom(page) <= PHONE["height"], tab.screenshot(f"search-phone-{lang}", full_page=False)
        assert page.locator("#result-count").is_visible()
        assert not page.locator("#id_department").is_visible()  # folded away
        tab.check(f"search results {lang}")
    finally:
        context.close()


def test_with_filters_chosen_the_first_result_stays_on_the_first_screen(browser, portal):
    context, tab = open_tab(browser, portal)
    try:
        tab.goto("/en/services/?q=passport&department=psb")
        assert "Filter (1 active)" in tab.page.locator("summary").inner_text()
        assert first_result_bottom(tab.page) <= PHONE["height"]
    finally:
        context.close()


def test_the_filter_disclosure_works_by_keyboard_with_live_results(browser, portal):
    from playwright.sync_api import expect

    context, tab = open_tab(browser, portal)
    page = tab.page
    try:
        tab.goto("/en/services/?q=passport")
        page.locator("#q").focus()
        page.keyboard.press("Tab")  # the Search button
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert page.locator("details.filter-panel").get_attribute("open") is not None
        assert page.locator("#id_event").is_visible()
        page.keyboard.press("Tab")  # life event
        page.keyboard.press("Tab")  # department
        assert page.evaluate("document.activeElement.id") == "id_department"
        page.select_option("#id_department", "psb")  # what a keyboard's arrow keys do, as a change
        expect(page.locator("#filter-label")).to_contain_text("Filter (1 active)")  # out of band
        pushed = parse_qs(urlsplit(page.url).query)  # the address follows (hx-push-url)
        assert pushed["q"] == ["passport"] and pushed["department"] == ["psb"]
        assert page.locator("#q").input_value() == "passport"
        assert page.locator("details.filter-panel").get_attribute("open") is not None  # stays open
        tab.check("search with live filters")
    finally:
        context.close()


def test_the_filters_work_without_javascript_and_keep_the_query(browser, portal):
    context, tab = open_tab(browser, portal, javascript=False)
    page = tab.page
    try:
        tab.goto("/zh-hans/services/?q=护照")
        page.locator("summary").focus()
        page.keyboard.press("Enter")
        page.select_option("#id_channel", "counter")
        page.get_by_role("button", name="筛选").click()
        tab.wait_for_path(r"/zh-hans/services/\?.*channel=counter")
        assert page.locator("#q").input_value() == "护照"
        assert "（已选 1 项）" in page.locator("summary").inner_text()
        assert page.locator("details.filter-panel").get_attribute("open") is None  # results first again
        page.get_by_role("link", name=re.compile("^去掉“")).click()
        tab.wait_for_path(r"/zh-hans/services/\?q=")
        assert page.locator("#q").input_value() == "护照"
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_in_view(browser, portal):
    context, tab = open_tab(browser, portal, viewport=WIDE)
    try:
        tab.goto("/en/services/?q=passport")
        page = tab.page
        assert page.locator("details.filter-panel").get_attribute("open") is None
        assert page.locator("#id_department").is_visible()
        assert not page.locator("summary").is_visible()
        page.locator("#q").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # past the Search button, straight into the filters
        assert page.evaluate("document.activeElement.id") == "id_event"
        assert first_result_bottom(page) <= WIDE["height"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_elder_mode_search_and_zero_result_pages(browser, portal, lang):
    context, tab = open_tab(browser, portal, elder=True)
    page = tab.page
    try:
        tab.goto(f"/{lang}/services/?q={'社保卡' if lang == 'zh-hans' else 'pension'}")
        assert "elder" in page.locator("body").get_attribute("class")
        assert page.locator("#result-count").is_visible()
        tab.check(f"elder search {lang}")
        page.set_viewport_size(WIDE)
        assert page.locator("summary").is_visible()  # elder mode keeps the disclosure: results first
        tab.goto(f"/{lang}/services/?q=qqxqzz&department=psb")
        tab.check(f"elder zero results {lang}")
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "query"), [("zh-hans", "博物馆"), ("en", "qqxqzz wwxwvv"), ("zh-hans", "江心区")])
def test_result_groups_and_the_zero_result_page_pass_the_checks(browser, portal, lang, query):
    context, tab = open_tab(browser, portal)
    try:
        tab.goto(f"/{lang}/services/?q={query}")
        tab.check(f"search {lang} {query}")
    finally:
        context.close()
