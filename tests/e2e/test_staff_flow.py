"""An application processed end to end, in two real browsers at once: a case officer in the
Django admin, and the citizen - a guest who follows the application on the public tracking page
with its reference number and tracking code, and answers the request for more information there.

officer: accept -> ask for more information (two items) -> citizen answers (text + a file) ->
officer sees the answer -> start review -> approve -> complete; after each step the citizen's
tracking page shows the new status in its timeline.

The citizen's pages pass Tab.check() (one h1, no sideways scroll at 320px, 0 axe violations at
320px and 1280px, the answer page's error state included). The officer's pages are Django admin
pages: axe runs on the whole page, which must have no violations (staff.css mends the two that
Django's stock styles had: the queue's filter links were 20px tall, and breadcrumb links were
told apart from their text by colour only), and on the regions our own templates render, reported
separately. ADMIN_AXE_REPORT is printed with -s and written beside the screenshots.
"""

import re

import pytest
from django.utils import translation

from tests.e2e.conftest import AXE_OPTIONS, NARROW, SCREENSHOTS, WIDE, Tab, describe_violations, is_policy_violation
from tests.e2e.test_apply_flow import english_sentences, submit
from tests.makers import PDF_BYTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]  # the marker restores the staff groups

SERVICE = "property-records-inquiry"
PASSWORD = "pw-123456-long"  # tests/makers.py make_staff
# Real, whole files: uploads are checked by parsing them (a PDF with pages; an image that decodes).
PDF = PDF_BYTES
ADMIN_AXE_REPORT = []  # what axe finds on the whole of each admin page, for the record
OWN_VIOLATIONS = []  # what it finds in our templates' regions, and anything unexpected: failed at the end
# Violations axe may find in Django's stock admin markup (rule id, CSS selector of where) without
# failing the test: none since staff.css mends the filter sidebar's target size and underlines the
# breadcrumb links. A finding that Django's markup makes and we cannot mend would be listed here.
STOCK_ADMIN = set()


def axe_violations(page, context=None):
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


_CLOSEST = "([target, selector]) => { const e = document.querySelector(target); return !!(e && e.closest(selector)); }"


def check_admin_page(officer, label, own):
    """Axe on an admin page: the whole page is recorded, and may have only the known stock
    violations outside `own` (CSS selectors of what our templates render), which must have none."""
    page = officer.page
    page.wait_for_load_state("load")
    assert page.locator("h1").count() <= 1, f"{label}: more than one h1"
    whole = axe_violations(page)
    found = f"{len(whole)} rule(s) violated on the whole page\n{describe_violations(whole, 4)}"
    ADMIN_AXE_REPORT.append(f"{label} ({page.url.replace(officer.base, '')}): " + (found if whole else "0 violations"))
    for violation in whole:  # outside our regions, only the known stock violations are let through
        for node in violation["nodes"]:
            target = node["target"][-1]
            known = [where for rule, where in STOCK_ADMIN if rule == violation["id"]] + own
            if not page.evaluate(_CLOSEST, [target, ", ".join(known)]):
                OWN_VIOLATIONS.append(f"{label}: {violation['id']} in Django's markup but not a known one, at {target}")
    ours = axe_violations(page, {"include": [[selector] for selector in own]})
    if ours:  # collected, so that one run reports every page of the flow
        OWN_VIOLATIONS.append(f"{label} ({', '.join(own)}):\n{describe_violations(ours, 4)}")
    assert not officer.problems, f"{label}: " + "; ".join(officer.problems)


def check_admin_reflow(officer, label):
    """WCAG 1.4.10 on our own admin pages: no sideways scroll at 320 CSS px (the case page and
    the correct-answer page were 391 and 409 px wide); wide tables scroll in their own box."""
    page = officer.page
    original = page.viewport_size
    try:
        page.set_viewport_size(NARROW)
        width = page.evaluate("document.documentElement.scrollWidth")
        offenders = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 0.5 && !e.closest('.table-scroll'))
                .slice(0, 8).map(e => e.outerHTML.slice(0, 160))""",
            NARROW["width"],
        )
        if width > NARROW["width"]:
            officer.screenshot(f"{label}-overflow")
        assert width <= NARROW["width"], f"{label}: sideways scroll at 320px ({width}px):\n" + "\n".join(offenders)
    finally:
        page.set_viewport_size(original)


@pytest.fixture(autouse=True)
def _fresh_reports():
    ADMIN_AXE_REPORT.clear()
    OWN_VIOLATIONS.clear()


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
def submitted(portal):
    """A guest's submitted application to the demo property register search, in Chinese."""
    from services.catalogue.models import Service
    from services.demo.forms import demo_answers
    from tests.makers import make_submitted

    service = Service.objects.get(slug=SERVICE)
    return make_submitted(service, owner=None, language="zh-hans", answers=demo_answers(service))


def status_label(status, lang):
    from services.applications.models import Status

    with translation.override(lang):
        return str(Status(status).label)


def test_officer_processes_and_citizen_follows(tab, officer_tab, submitted, tmp_path):
    from services.applications.models import Status
    from tests.makers import make_staff

    lang = "zh-hans"
    app = submitted
    officer_user = make_staff("officer-e2e", "Case officer", app.department, first_name="Li", last_name="Officer")
    citizen, officer = tab, officer_tab
    base = f"/admin/applications/application/{app.pk}/"
    change_url = base + "change/"
    item_1 = "户口簿首页及本人页的扫描件"
    item_2 = "房屋买卖合同编号"
    answer_text = "1. 见附件。\n2. 合同编号 HT-2025-0412。"
    scan = tmp_path / "hukou.pdf"
    scan.write_bytes(PDF)

    untranslated = []

    def citizen_check(label):
        citizen.check(label)
        untranslated.extend(f"{label.split(',')[0]}: {text!r}" for text in english_sentences(citizen))

    def track(step):
        """The citizen looks the application up again: [timeline entries' text]."""
        citizen.goto(f"/{lang}/track/")
        citizen.page.locator("input[name=reference]").fill(app.reference)
        citizen.page.locator("input[name=tracking_code]").fill(app.tracking_code)
        submit(citizen, rf"/{lang}/track/$")
        assert citizen.page.locator(".error-summary").count() == 0, f"tracking failed after {step}"
        citizen_check(f"tracking after {step}")
        return [text.strip() for text in citizen.page.locator("main ol.timeline li").all_inner_texts()]

    def act(action, expected_status, **fields):
        """The officer takes a next step from the application page, through its confirm form."""
        page = officer.page
        link = page.locator(f'#content a.button[href="{base}act/{action}/"]')
        assert link.count() == 1, f"no '{action}' next step on the application page"
        link.click()
        officer.wait_for_path(re.escape(f"{base}act/{action}/") + "$")
        check_admin_page(officer, f"confirm form: {action}", ["#content form"])
        for name, value in fields.items():
            control = page.locator(f"#content [name={name}]")
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(value)
            else:
                control.fill(value)
        submit(officer, re.escape(change_url) + "$", "#content form input[type=submit]")
        app.refresh_from_db()
        assert app.status == expected_status, f"after {action}: {app.status}"
        messages = page.locator("ul.messagelist li")
        assert messages.count() == 1 and "error" not in (messages.first.get_attribute("class") or ""), (
            f"after {action}: {messages.all_inner_texts()}"
        )
        check_admin_page(officer, f"application page after {action}", ["#content .case"])

    # --- The citizen: submitted ----------------------------------------------------------------
    timeline = track("submission")
    assert len(timeline) == 1 and status_label(Status.SUBMITTED, lang) in timeline[-1]

    # --- The officer signs in and finds the application in the queue ----------------------------
    officer.goto("/admin/login/")
    check_admin_page(officer, "admin login", ["#content form"])
    assert officer.page.locator("h1").count() == 1, "the sign-in page has no h1"
    officer.page.locator("input[name=username]").fill(officer_user.username)
    officer.page.locator("input[name=password]").fill(PASSWORD)
    submit(officer, "/admin/$", "#content input[type=submit]")
    check_admin_page(officer, "admin index", ["#content"])

    officer.goto("/admin/applications/application/")
    assert officer.page.get_by_label("Search the queue").count() == 1, "the queue's search box has no label"
    row = officer.page.locator("#result_list tbody tr", has_text=app.reference)
    assert row.count() == 1, "the application is not in the officer's queue"
    check_admin_page(officer, "queue", [".object-tools", "#result_list"])
    row.locator("a", has_text=app.reference).click()
    officer.wait_for_path(re.escape(change_url) + "$")
    check_admin_page(officer, "application page", ["#content .case"])
    assert app.applicant_name in officer.page.locator("#content").inner_text()

    # --- Accept ----------------------------------------------------------------------------------
    act("accept", Status.ACCEPTED)
    timeline = track("accept")
    assert len(timeline) == 2 and status_label(Status.ACCEPTED, lang) in timeline[-1]

    # --- Ask for more information: two items ------------------------------------------------------
    act(
        "request_info",
        Status.INFO_REQUESTED,
        items=f"{item_1}\n{item_2}",
        note="请补充以下材料。",
        internal_note="产权信息待核实",
    )
    timeline = track("request for information")
    assert len(timeline) == 3 and status_label(Status.INFO_REQUESTED, lang) in timeline[-1]
    box = citizen.page.locator("main .info-box")
    assert box.locator("ol.info-items li").all_inner_texts() == [item_1, item_2]
    assert "产权信息待核实" not in citizen.page.locator("main").inner_text(), "an internal note reached the citizen"

    # --- The citizen answers: empty first (error state), then text and a file ---------------------
    box.locator(f'a.button[href="/{lang}/applications/{app.reference}/answer/"]').click()
    citizen.wait_for_path(re.escape(f"/{lang}/applications/{app.reference}/answer/") + "$")
    answer_page = citizen.page
    assert answer_page.locator("main ol.info-items li").all_inner_texts() == [item_1, item_2]
    assert "请补充以下材料。" in answer_page.locator("main .info-message").inner_text()
    citizen_check("answer page")
    submit(citizen, re.escape(f"/{lang}/applications/{app.reference}/answer/") + "$", "main form button[type=submit]")
    answer_page.wait_for_function("() => document.activeElement && document.activeElement.id === 'error-summary'")
    assert answer_page.locator(".error-summary a").count() == 1
    assert answer_page.locator(".error-summary a").get_attribute("href") == "#id_answer"
    citizen_check("answer page, empty (error)")
    answer_page.locator("textarea[name=answer]").fill(answer_text)
    answer_page.locator("input[type=file][name=file-1]").set_input_files(scan)
    submit(citizen, rf"/{lang}/track/$", "main form button[type=submit]")  # a guest who tracked: back to tracking
    assert answer_page.locator(".messages .message-success").count() == 1
    citizen_check("tracking after answering (message)")
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED, "the answer did not return the application to where it was"
    timeline = track("answer")
    assert len(timeline) == 4 and status_label(Status.ACCEPTED, lang) in timeline[-1]
    if "Answer received" in timeline[-1]:
        untranslated.append(f"tracking after answer: the timeline says {timeline[-1]!r}")
    assert citizen.page.locator("main .info-box").count() == 0

    # --- The officer sees the answer and the file ----------------------------------------------------
    officer.goto(change_url)
    check_admin_page(officer, "application page with the answer", ["#content .case"])
    check_admin_reflow(officer, "application page with the answer")
    history = officer.page.locator("#content table.history")
    answer_row = history.locator("tbody tr", has_text="HT-2025-0412")
    assert answer_row.count() == 1 and "HT-2025-0412" not in answer_row.locator("td.internal").inner_text()
    assert any("产权信息待核实" in text for text in history.locator("td.internal").all_inner_texts())
    requests = officer.page.locator("#content .info-request")
    assert requests.count() == 1
    assert "HT-2025-0412" in requests.first.inner_text()
    file_link = officer.page.locator("#content a", has_text="hukou.pdf")
    assert file_link.count() == 1, "the file sent with the answer is not on the application page"
    assert re.fullmatch(re.escape(base) + r"files/\d+/", file_link.get_attribute("href"))
    download = officer.page.request.get(officer.base + file_link.get_attribute("href"))
    assert download.status == 200 and download.body() == PDF
    assert download.headers["content-disposition"].startswith("attachment")

    # --- The correct-answer page fits a narrow screen too ---------------------------------------------
    officer.goto(base + "correct/")
    check_admin_page(officer, "correct an answer", ["#content form"])
    check_admin_reflow(officer, "correct an answer")
    officer.goto(change_url)

    # --- Review, approve, complete -----------------------------------------------------------------
    act("start_review", Status.IN_REVIEW)
    timeline = track("start of review")
    assert len(timeline) == 5 and status_label(Status.IN_REVIEW, lang) in timeline[-1]

    act("approve", Status.APPROVED, note="查询结果已生成。")
    timeline = track("approval")
    assert len(timeline) == 6 and status_label(Status.APPROVED, lang) in timeline[-1]
    assert "查询结果已生成。" in timeline[-1]

    act("complete", Status.COMPLETED, outcome="issued")
    timeline = track("completion")
    assert len(timeline) == 7 and status_label(Status.COMPLETED, lang) in timeline[-1]
    # The officer works in English; how the result was handed over is told in the citizen's language.
    if "Issued (sent or e-certificate)" in timeline[-1]:
        untranslated.append(f"tracking after completion: the officer's English outcome {timeline[-1]!r}")
    assert officer.page.locator("#content a.button[href*='/act/']").count() == 0, "next steps after completion"

    _write_admin_report()
    problems = []
    if OWN_VIOLATIONS:
        problems += ["axe violations in our own admin templates' markup:", *OWN_VIOLATIONS]
    if untranslated:
        problems += [
            "English on the Chinese citizen's pages (missing from locale/zh_Hans):",
            *dict.fromkeys(untranslated),
        ]
    assert not problems, "\n".join(problems)


def test_an_inline_script_in_the_admin_is_refused_and_reported(officer_tab):
    """The admin is watched like the public pages (conftest.no_policy_violations): an inline script
    there is refused by the admin's policy (inline styles only) and reported, and the watcher
    sees it. Every admin page of the flow above is checked the same way."""
    from tests.e2e.conftest import OPEN_TABS

    officer = officer_tab
    officer.goto("/admin/login/")
    assert officer.policy_violations == []
    header = officer.page.evaluate("() => fetch(location.href).then(r => r.headers.get('content-security-policy'))")
    assert "script-src 'self'" in header and "'unsafe-inline'" not in header.split("script-src")[1].split(";")[0]
    # Chromium reports the refusal on the console; wait for that message, not for a time.
    with officer.page.expect_console_message(lambda message: is_policy_violation(message.text)):
        officer.page.evaluate(
            """() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';
            document.body.append(s); }"""
        )
    assert officer.page.evaluate("() => window.ran") is None, "an inline script ran in the admin"
    assert any("inline script" in found for found in officer.policy_violations), officer.policy_violations
    assert officer in OPEN_TABS
    officer.policy_violations.clear()  # seen: the teardown check would fail this test on it


def _write_admin_report():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    text = "\n\n".join(ADMIN_AXE_REPORT)
    (SCREENSHOTS / "admin-axe-report.txt").write_text(text + "\n", encoding="utf-8")
    print("\n--- axe on the Django admin pages (whole page) ---\n" + text)
