"""A bad rating followed up, end to end in two real browsers (issue 13, "Tests"): a citizen
tracks their decided application with its reference and tracking code, first sends the rating
form without a score (the error summary takes the focus, the comment typed is kept), then rates
it 1 with a comment; a case officer of the department finds the follow-up in the admin queue
(overdue marks, the comment, the application linked), records the call-back, then resolves it
with what was done; the citizen tracks the application again and reads the outcome.

Every citizen page passes Tab.check() (one h1, no sideways scroll at 320 px, 0 axe violations at
320 and 1280 px), in Chinese in elder mode and in English; the officer's admin pages pass
check_admin_page (0 axe violations in our templates' regions) and have no sideways scroll.
"""

import re

import pytest
from django.utils import translation

from tests.e2e.conftest import WIDE, Tab
from tests.e2e.test_apply_flow import assert_error_summary_focused, english_sentences, submit
from tests.e2e.test_staff_flow import OWN_VIOLATIONS, PASSWORD, check_admin_page, check_admin_reflow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]  # the marker restores the staff groups

SERVICE = "property-records-inquiry"
QUEUE = "/admin/insights/followup/"


@pytest.fixture
def officer_tab(browser, portal):
    """A second browser context for the officer, at desktop width, in English."""
    context = browser.new_context(viewport=WIDE, locale="en-GB")
    context.set_default_timeout(15_000)
    try:
        yield Tab(context.new_page(), portal)
    finally:
        context.close()


@pytest.fixture
def decided(portal, request):
    """A guest's completed application (in the test's language) and an officer of its department."""
    from services.applications import lifecycle
    from services.catalogue.models import Service
    from services.demo.forms import demo_answers
    from tests.makers import make_staff, make_submitted

    lang = request.node.callspec.params["lang"]
    service = Service.objects.get(slug=SERVICE)
    officer = make_staff("officer-rate", "Case officer", service.department, first_name="Li", last_name="Officer")
    app = make_submitted(service, owner=None, language=lang, answers=demo_answers(service))
    for step in ("accept", "start_review", "approve", "complete"):
        app = lifecycle.act(app, step, officer)
    return app, officer


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", True), ("en", False)], ids=["zh-hans-elder", "en"])
def test_a_bad_rating_is_followed_up_and_the_citizen_sees_the_outcome(tab, officer_tab, decided, lang, elder):
    with translation.override(lang):
        _journey(tab, officer_tab, decided, lang, elder)


def _journey(citizen, officer, decided, lang, elder):
    from services.insights.models import FollowUp, Rating

    app, officer_user = decided
    _ = translation.gettext
    untranslated = []
    page = citizen.page

    def check(label):
        citizen.check(f"{label} ({lang})")
        if lang == "zh-hans":
            untranslated.extend(f"{label}: {text!r}" for text in english_sentences(citizen))

    def track():
        citizen.goto(f"/{lang}/track/")
        page.locator("#id_reference").fill(app.reference)
        page.locator("#id_tracking_code").fill(app.tracking_code)
        submit(citizen, rf"/{lang}/track/$")

    # --- The citizen tracks the application and finds the rating form --------------------------
    citizen.goto(f"/{lang}/track/")
    if elder:
        page.locator("#elder-toggle").click()
        citizen.wait_for_path(rf"/{lang}/track/$")
        assert "elder" in (page.locator("body").get_attribute("class") or "").split()
    track()
    assert page.locator("input[name=score]").count() == 5
    check("tracking page with the rating form")

    # Sent without a score: a specific message, focus on the summary, the comment kept.
    comment = (
        "窗口人员态度很差，材料被退回三次。" if lang == "zh-hans" else "The counter sent my papers back three times."
    )
    page.locator("#id_comment").fill(comment)
    submit(citizen, rf"/{lang}/rate/{app.reference}/$")
    assert_error_summary_focused(citizen, "rating without a score")
    assert _("Choose how satisfied you are, from 1 (very bad) to 5 (very good).") in page.locator("main").inner_text()
    assert page.locator("#id_comment").input_value() == comment
    check("rating without a score")

    page.locator("input[name=score][value='1']").check()
    submit(citizen, rf"/{lang}/rate/{app.reference}/$")
    rating = Rating.objects.get(application=app)
    assert (rating.score, rating.comment) == (1, comment)
    follow_up = rating.follow_up
    text = page.locator("main").inner_text()
    assert _("Follow-up by the department") in text and follow_up.callback_due.isoformat() in text
    check("rated 1: the follow-up is open")

    # --- The officer finds it in the department's follow-up queue ------------------------------------
    desk = officer.page
    officer.goto("/admin/login/")
    desk.locator("input[name=username]").fill(officer_user.username)
    desk.locator("input[name=password]").fill(PASSWORD)
    submit(officer, "/admin/$", "#content input[type=submit]")
    officer.goto(QUEUE)
    row = desk.locator("#result_list tbody tr", has_text=app.reference)
    assert row.count() == 1
    check_admin_page(officer, "follow-up queue", ["#result_list", "#changelist-filter"])
    submit(
        officer, re.escape(f"{QUEUE}{follow_up.pk}/change/") + "$", f"#result_list a[href$='/{follow_up.pk}/change/']"
    )
    assert comment in desk.locator("#content").inner_text()
    assert desk.locator(f"a[href='/admin/applications/application/{app.pk}/change/']").count() == 1
    check_admin_page(officer, "follow-up page", ["#content .case"])
    check_admin_reflow(officer, "follow-up page")

    # Record the call-back, then resolve it; a resolution without what was done is refused first.
    desk.locator("#id_contact-note").fill("Called the citizen at 10:15, apologised.")
    submit(
        officer, re.escape(f"{QUEUE}{follow_up.pk}/change/") + "$", "form[action$='/act/contact/'] input[type=submit]"
    )
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.CONTACTED
    submit(
        officer,
        re.escape(f"{QUEUE}{follow_up.pk}/act/resolve/") + "$",
        "form[action$='/act/resolve/'] input[type=submit]",
    )
    assert "Say what was done" in desk.locator("#content").inner_text()
    check_admin_page(officer, "follow-up: resolve without what was done", ["#content .case"])
    outcome = (
        "已对窗口人员进行培训，材料一次性告知。"
        if lang == "zh-hans"
        else "The clerk was retrained; we now list every paper at once."
    )
    desk.locator("#id_resolve-note").fill(outcome)
    submit(
        officer, re.escape(f"{QUEUE}{follow_up.pk}/change/") + "$", "form[action$='/act/resolve/'] input[type=submit]"
    )
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.RESOLVED
    check_admin_page(officer, "follow-up resolved", ["#content .case"])

    # --- The citizen tracks it again and reads the outcome --------------------------------------------
    track()
    text = page.locator("main").inner_text()
    assert outcome in text and str(FollowUp.Status.RESOLVED.label) in text
    assert page.locator("input[name=score]").count() == 0  # rated once
    check("tracking page with the outcome")

    assert not untranslated, "English left on Chinese pages:\n" + "\n".join(untranslated)
    assert not OWN_VIOLATIONS, "\n\n".join(OWN_VIOLATIONS)
