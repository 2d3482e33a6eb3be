"""The guide's "find a centre" in a real browser: the nearest centres load in place when the
reader reaches them (htmx), choosing a district replaces them without leaving the guide, and the
whole-page version (no JavaScript) passes the same checks. Both languages, one in elder mode."""

import pytest

SERVICE = "id-card-renewal"  # handled at most of the demo's centres


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", False), ("en", True)])
def test_find_a_centre_loads_in_place_on_the_guide(tab, lang, elder):
    page = tab.page
    tab.goto(f"/{lang}/services/{SERVICE}/")
    if elder:
        page.locator("#elder-toggle").click()
        page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__noNavigation = true; }")
    page.locator("#where").scroll_into_view_if_needed()
    page.wait_for_selector("#nearest-centres .centre-list li")
    assert page.locator("#nearest-centres .centre-list > li").count() == 3
    assert page.locator("#nearest-centres .hours").count() == 3
    tab.check(f"guide with nearest centres {lang}")

    page.select_option("#find-centre-district", "jinghu")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#nearest-centres h3')].every(h => /静湖|Jinghu/.test(h.textContent))"
    )
    assert page.evaluate("window.__noNavigation === true"), "choosing a district reloaded the page"
    assert page.locator("#nearest-centres").count() == 1 and page.locator("h1").count() == 1
    tab.check(f"guide, centres in a district {lang}")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_find_a_centre_works_as_a_whole_page(tab, lang):
    tab.goto(f"/{lang}/centres/find/{SERVICE}/?district=jinghu")
    assert tab.page.locator("#nearest-centres .centre-list > li").count() >= 1
    tab.check(f"find a centre page {lang}")
    tab.goto(f"/{lang}/centres/?service={SERVICE}")
    tab.check(f"centres for a service {lang}")
