"""The open-data page in a real browser, both languages and elder mode: every dataset described,
its field table reachable by keyboard (a scrollable region), the figures' day form refusing bad
dates with an error summary and what was typed kept, and the download links giving the files.

Every page visited passes Tab.check(): one h1, no sideways scroll at 320px, 0 axe violations at
320px and 1280px, no JavaScript, static-file or policy errors.
"""

import json

import pytest


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", False), ("en", False), ("en", True), ("zh-hans", True)])
def test_the_open_data_page_describes_and_gives_every_dataset(tab, lang, elder):
    page = tab.page
    tab.goto(f"/{lang}/")
    if elder:
        page.locator("#elder-toggle").click()
        page.wait_for_load_state("load")
    page.locator(".site-footer a[href$='/open-data/']").click()
    tab.wait_for_path(f"/{lang}/open-data/$")
    assert page.locator("section.dataset").count() == 10
    assert page.locator("section.dataset table tbody tr").count() > 150
    tab.check(f"open data {lang}{' elder' if elder else ''}")

    # The services' JSON, as a program would fetch it, is the schema the page describes.
    names = page.locator("#services ~ .table-wrap tbody th code").all_text_contents()
    data = json.loads(page.request.get(tab.base + "/open-data/v1/services.json").text())
    assert [f["name"] for f in data["fields"]] == names
    assert data["row_count"] == len(data["rows"]) > 0


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_bad_days_in_the_figures_form_are_shown_with_what_was_typed(tab, lang):
    page = tab.page
    tab.goto(f"/{lang}/open-data/#daily-figures")
    page.fill("#id_from", "2026-11-30")
    page.fill("#id_to", "2026-11-01")
    with page.expect_navigation():
        page.locator("#daily-figures ~ form button[value=csv]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#id_from") == "2026-11-30" and page.input_value("#id_to") == "2026-11-01"
    assert page.locator("#id_to_error").is_visible()
    tab.check(f"open data, bad days {lang}")

    page.fill("#id_to", "2026-11-30")
    with page.expect_download() as download:
        page.locator("#daily-figures ~ form button[value=csv]").click()
    assert download.value.suggested_filename.startswith("daily-figures-v1-")
    assert download.value.suggested_filename.endswith(".csv")
