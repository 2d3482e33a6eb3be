"""A bundle ("one thing, done once") in a real browser, in both languages, as a guest: the
life-event page -> the bundle's page (what it saves) -> who is applying (empty first: the error
state) -> the shared questions (empty first) -> each service's own questions -> one documents
page -> check your answers -> declaration -> confirmation -> the bundle's tracking page with its
reference and tracking code, listing every part.

Every page visited passes Tab.check() (tests/e2e/conftest.py): one h1, stylesheets loaded, no
sideways scroll at 320px and 0 axe-core violations at 320px and 1280px. The bundle's page, the
first shared question page and the applicant's own page of the bundle are checked again in elder mode.

The bundle is the demo city's "retiring" (pension, provident fund withdrawal, senior transport
card: three departments)."""

import re

import pytest

from tests.e2e.test_apply_flow import assert_error_summary_focused, body_classes, submit, switch_elder_mode
from tests.makers import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.e2e

BUNDLE = "retiring"
EVENT = "retiring"


def fill_page(page, fields, answers, tmp_path):
    """Fill in a question page's visible questions with the demo answers, as a person would."""
    from services.applications.models import FieldKind

    for field in fields:
        value = answers.get(field.key)
        kind = field.kind
        if kind == FieldKind.FILE:
            if field.required:
                path = tmp_path / f"{field.key}.pdf"
                path.write_bytes(PDF_BYTES)
                page.locator(f"input[name={field.key}]").set_input_files(path)
            continue
        if value in (None, "", []):
            continue
        if kind in (FieldKind.CHOICE, FieldKind.YESNO):
            page.locator(f"input[name={field.key}][value={value}]").check()
        elif kind == FieldKind.MULTIPLE:
            for item in value:
                page.locator(f"input[name={field.key}][value={item}]").check()
        elif kind == FieldKind.ID_NUMBER:
            page.locator(f"select[name={field.key}__type]").select_option(value["type"])
            page.locator(f"input[name={field.key}]").fill(value["number"])
        elif kind == FieldKind.ADDRESS:
            page.locator(f"select[name={field.key}__district]").select_option(value["district"])
            page.locator(f"input[name={field.key}__street]").fill(value["street"])
        else:
            page.locator(f"[name={field.key}]").fill(str(value))


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_bundle_from_its_life_event_page_to_tracking(tab, lang, tmp_path):
    from services.applications import bundles, formengine
    from services.applications.models import Bundle, BundleSubmission, Status
    from services.catalogue.models import Service
    from services.demo.forms import demo_answers

    page = tab.page
    bundle = Bundle.objects.get(slug=BUNDLE)
    plan = bundles.plan(bundles._bundle_with_parts(bundle.pk))
    answers = {}
    for service in plan.services:
        for key, value in demo_answers(Service.objects.get(pk=service.pk)).items():
            answers.setdefault(key, value)

    def check(label):
        tab.check(f"{label} {lang}")

    # --- The life event's page links to its bundle ----------------------------------------------
    tab.goto(f"/{lang}/life-events/{EVENT}/")
    check("life event")
    link = page.locator(f'main a[href="/{lang}/bundles/{BUNDLE}/"]')
    assert link.count() == 1, "the life-event page does not link to its bundle"
    with page.expect_navigation():
        link.click()

    # --- The bundle's page: its services and what it saves, then Start --------------------------
    check("bundle page")
    for service in plan.services:
        assert page.locator(f'main a[href="{service.get_absolute_url().replace("/zh-hans/", f"/{lang}/")}"]').count()
    saved = bundles.savings(plan)
    assert page.locator("table.bundle-savings td").all_inner_texts()[:3] == [
        str(saved.questions_separately),
        str(saved.questions_together),
        str(saved.questions_saved),
    ]
    switch_elder_mode(tab, re.escape(f"/{lang}/bundles/{BUNDLE}/") + "$")
    assert "elder" in body_classes(tab)
    check("bundle page (elder mode)")
    switch_elder_mode(tab, re.escape(f"/{lang}/bundles/{BUNDLE}/") + "$")
    assert "elder" not in body_classes(tab)
    submit(tab, rf"/{lang}/apply/bundle/[0-9a-f-]{{36}}/applicant/$", "main button.start")
    base = re.search(rf"/{lang}/apply/bundle/[0-9a-f-]{{36}}/", page.url).group(0)
    sub = BundleSubmission.objects.get(public_id=base.split("/")[4])
    assert sub.is_draft and sub.applications.count() == len(plan.services)

    # --- Who is applying: empty first ---------------------------------------------------------
    check("applicant")
    submit(tab, re.escape(base) + "applicant/$")
    assert_error_summary_focused(tab, "applicant, empty")
    check("applicant, empty (error)")
    page.locator("input[name=who][value=self]").check()
    page.locator("input[name=applicant_name]").fill("陈建国" if lang == "zh-hans" else "Chen Jianguo")
    page.locator("input[name=contact_phone]").fill("139 1234 5678")
    page.locator("input[name=contact_email]").fill("chen@example.com")
    submit(tab, re.escape(base) + r"page/1/$")

    # --- The question pages: the shared ones first (empty first), then each service's own -----
    number = 0
    while "/page/" in page.url:
        number += 1
        form = page.locator("main form[method=post]")
        assert form.count() == 1
        sub.refresh_from_db()
        shared_page = number == 1
        if shared_page:
            caption = page.locator("main p.caption").inner_text()
            assert (bundle.name_en if lang == "en" else bundle.name_zh) in caption, caption
            check("shared questions")
            submit(tab, re.escape(base) + r"page/1/$")
            assert_error_summary_focused(tab, "shared questions, empty")
            check("shared questions, empty (error)")
            switch_elder_mode(tab, re.escape(base) + r"page/1/$")
            check("shared questions (elder mode)")
            switch_elder_mode(tab, re.escape(base) + r"page/1/$")
        else:
            check(f"question page {number}")
        draft = bundles.parts_of(sub, plan)
        visible = bundles.visible_pages(plan, sub, draft)[number - 1]
        fields = formengine.visible_fields(visible, bundles.answers_for(visible, sub, draft))
        fill_page(page, fields, answers, tmp_path)
        submit(tab, re.escape(base) + r"(page/\d+|documents)/$")
        assert number <= len(plan.pages), page.url
    assert number >= 2, "no service asked a question of its own"

    # --- One documents page -------------------------------------------------------------------
    assert page.url.endswith("/documents/")
    check("documents")
    for doc in plan.documents:
        if not doc.required:
            continue
        if doc.e_certificate:
            page.locator(f"#ecert-{doc.key}").check()
        else:
            path = tmp_path / f"{doc.key}.png"
            path.write_bytes(PNG_BYTES if "pdf" not in doc.accepted_file_types else PDF_BYTES)
            if "pdf" in doc.accepted_file_types:
                path = path.with_suffix(".pdf")
                path.write_bytes(PDF_BYTES)
            page.locator(f"#{doc.key}").set_input_files(path)
    submit(tab, re.escape(base) + "check/$")

    # --- Check your answers, declaration, submission ----------------------------------------------
    check("check your answers")
    assert page.locator("main .error-summary").count() == 0, page.locator("main .error-summary").inner_text()
    assert page.locator("main dd.change a").count() >= 5
    page.locator("input[name=confirm]").check()
    submit(tab, rf"/{lang}/applications/bundle/BD[0-9A-Z]+/submitted/$")
    sub.refresh_from_db()
    parts = list(sub.applications.all())
    assert not sub.is_draft and {a.status for a in parts} == {Status.SUBMITTED}
    assert len({a.department_id for a in parts}) == len(parts)
    check("confirmation")
    text = page.locator("main").inner_text()
    assert sub.reference in text and sub.tracking_code in text
    assert all(a.reference in text for a in parts)

    # --- The bundle's tracking page, in a browser without the draft's session ----------------------
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        from tests.e2e.conftest import Tab

        other = Tab(context.new_page(), tab.base)
        other.goto(f"/{lang}/track/bundle/")
        other.check(f"track a bundle {lang}")
        other.page.locator("input[name=reference]").fill(sub.reference.lower())
        other.page.locator("input[name=tracking_code]").fill(sub.tracking_code)
        with other.page.expect_navigation():
            other.page.locator("main form[method=post] button[type=submit]").click()
        other.check(f"bundle tracked {lang}")
        rows = other.page.locator("table.bundle-parts-table tbody tr")
        assert rows.count() == len(parts)
        listed = other.page.locator("table.bundle-parts-table").inner_text()
        assert all(a.reference in listed for a in parts)
    finally:
        context.close()

    # --- The applicant's own page of the bundle (this browser made it), in elder mode too ----------
    status = f"/{lang}/applications/bundle/{sub.reference}/"
    tab.goto(status)
    check("bundle status")
    assert page.locator("table.bundle-parts-table tbody tr").count() == len(parts)
    switch_elder_mode(tab, re.escape(status) + "$")
    assert "elder" in body_classes(tab)
    check("bundle status (elder mode)")
    switch_elder_mode(tab, re.escape(status) + "$")
