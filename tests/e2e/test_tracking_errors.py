"""The tracking page in a real browser, in both languages: a mistyped reference gets its own
message at once, as a field error linked from the error summary, with what was typed kept and
nothing counted against the address (Tab.check(): one h1, 320 px reflow, 0 axe violations)."""

import pytest
from django.utils import translation

from services.applications.models import Application, Status
from tests.e2e.test_apply_flow import assert_error_summary_focused, submit, summary_links

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_mistyped_reference_is_a_field_error_and_not_a_guess(tab, lang):
    from django.conf import settings

    from services.lib.throttle import Rule, Throttle

    app = Application.objects.exclude(status=Status.DRAFT).exclude(reference="").first()
    assert app is not None, "the demo city has submitted applications"
    last = "0" if app.reference[-1] != "0" else "1"
    mistyped = app.reference[:-1] + last  # one wrong character: the check character catches it
    with translation.override(lang):
        message = translation.gettext("This reference number is not valid: check it against your receipt.")

    page = tab.page
    tab.goto(f"/{lang}/track/")
    page.locator("input[name=reference]").fill(mistyped)
    page.locator("input[name=tracking_code]").fill(app.tracking_code)
    submit(tab, rf"/{lang}/track/$")
    assert_error_summary_focused(tab, "track, mistyped reference")
    assert summary_links(tab) == [("#id_reference", message)]
    assert page.locator("#id_reference").get_attribute("aria-invalid") == "true"
    assert message in page.locator("main form").inner_text()
    assert page.locator("input[name=reference]").input_value() == mistyped
    assert page.locator("input[name=reference]").get_attribute("maxlength") == "40"
    tab.check(f"track, mistyped reference ({lang})")

    throttle = Throttle(Rule("tracking", settings.TRACKING_ATTEMPTS_PER_HOUR, 3600), "127.0.0.1")
    assert not throttle.cache.get(throttle.key), "a mistyped reference was counted as a guess"

    page.locator("input[name=reference]").fill(app.reference)
    submit(tab, rf"/{lang}/track/$")
    assert page.locator(".error-summary").count() == 0
    assert app.reference in page.locator("main").inner_text()
    tab.check(f"track, found after correcting ({lang})")
