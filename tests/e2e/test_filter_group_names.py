"""The filter group has an accessible name at every width (issue 12, point 7; a reviewer's finding).

The filters of the search page and of the digital-life area pages sit in a <details> disclosure,
which the accessibility tree shows as a group named by its <summary>. On a wide screen portal.css
hides the summary (the filters are always in view), and the group lost its name: a screen reader
announced an unnamed group around the selects. The names are read from Chromium's own
accessibility tree (the DevTools protocol), not computed by the test."""

import pytest

from tests.e2e.conftest import Tab

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


def filter_group(page):
    """(role, name) of the filter disclosure as Chromium's accessibility tree has it."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": 0})
        found = cdp.send(
            "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "details.filter-panel"}
        )
        (node, *_rest) = cdp.send(
            "Accessibility.getPartialAXTree", {"nodeId": found["nodeId"], "fetchRelatives": False}
        )["nodes"]
        return node["role"]["value"], node.get("name", {}).get("value", "")
    finally:
        cdp.detach()


def names_at_both_widths(browser, portal, pages):
    seen = []
    for viewport in (WIDE, PHONE):
        context = browser.new_context(viewport=viewport)
        try:
            tab = Tab(context.new_page(), portal)
            for path, _name in pages:
                tab.goto(path)
                summary_shown = tab.page.locator("details.filter-panel > summary").is_visible()
                assert summary_shown == (viewport is PHONE), path  # hidden on the wide screen
                seen.append((viewport["width"], path, *filter_group(tab.page)))
                if viewport is WIDE:
                    tab.check(path)  # aria-labelledby on <details> passes axe too
        finally:
            context.close()
    return seen


def expected(pages):
    return [(width, path, "group", name) for width in (1280, 390) for path, name in pages]


def test_the_search_page_filter_group_is_named_on_a_wide_screen_and_on_a_phone(browser, portal):
    pages = [
        ("/en/services/?q=passport", "Filter"),
        ("/en/services/?q=passport&department=psb", "Filter (1 active)"),
        ("/zh-hans/services/?q=身份证", "筛选"),
    ]
    assert names_at_both_widths(browser, portal, pages) == expected(pages)


def test_the_life_area_filter_group_is_named_on_a_wide_screen_and_on_a_phone(browser, portal):
    pages = [("/en/life/health/", "Filter"), ("/zh-hans/life/culture/", "筛选")]
    assert names_at_both_widths(browser, portal, pages) == expected(pages)
