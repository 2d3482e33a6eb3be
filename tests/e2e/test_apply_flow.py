"""Apply online, in a real browser, in both languages: guide page -> start page -> who is applying
-> question pages -> documents -> check your answers -> declaration -> confirmation, then track
the application with its reference and tracking code.

Every page visited passes Tab.check() (tests/e2e/conftest.py): one h1, stylesheets loaded, no
sideways scroll at 320px and 0 axe-core violations at 320px and 1280px - the error states too,
where the error summary must also have the focus. The first question page is checked once more
in elder mode.

The service is the demo city's "property register search" (a short two-page form with an
identity document, a conditional address question and two materials, one of them optional).
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.makers import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.e2e

SERVICE = "property-records-inquiry"
VALID_ID = "310104198803150011"  # the demo citizen's (correct check character)
WRONG_ID = "310104198803150012"  # one typo: the check character no longer matches
# Real, whole files: uploads are checked by parsing them (a PDF with pages; an image that decodes).
PDF = PDF_BYTES
PNG = PNG_BYTES
NOT_A_PDF = b"MZ\x90\x00 this is a Windows program, not a document\n"
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,]+[A-Za-z][A-Za-z'’-]*){3,}")  # four English words in a row


def english_sentences(tab):
    """English sentences in the main content of a page that should be all Chinese: text the
    Chinese catalogue (locale/zh_Hans) does not translate."""
    return ENGLISH.findall(tab.page.locator("main").inner_text())


def html_lang(tab):
    return tab.page.locator("html").get_attribute("lang")


def body_classes(tab):
    return (tab.page.locator("body").get_attribute("class") or "").split()


def in_language(lang, func, *args):
    with translation.override(lang):
        return str(func(*args))


def validation_message(lang, func, *args):
    """The message `func(*args)` raises, in `lang`: what the page must say, word for word."""
    with translation.override(lang):
        try:
            func(*args)
        except ValidationError as error:
            return error.messages[0]
    raise AssertionError(f"{func.__name__}{args} raised nothing")


def assert_error_summary_focused(tab, label):
    """GOV.UK pattern: the error summary is shown first and takes the focus on load."""
    page = tab.page
    summary = page.locator(".error-summary")
    assert summary.count() == 1, f"{label}: no error summary"
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'error-summary'")
    focused = page.evaluate("document.activeElement.className")
    assert "error-summary" in focused, f"{label}: focus is on {focused!r}, not the error summary"
    assert page.title().startswith(in_language(html_lang(tab), lambda: translation.gettext("Error:"))), (
        f"{label}: the title does not start with 'Error:' ({page.title()!r})"
    )


def summary_links(tab):
    """[(href fragment, text)] of the error summary's links."""
    links = tab.page.eval_on_selector_all(
        ".error-summary a", "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    return [tuple(link) for link in links]


def submit(tab, pattern, button="main form[method=post] button[type=submit]"):
    """Click a submit button (or a link) and wait for the page it leads to. Waiting for the URL
    alone would return at once when the form posts back to its own URL (an error state)."""
    with tab.page.expect_navigation(url=re.compile(re.escape(tab.base) + pattern)):
        tab.page.locator(button).first.click()
    tab.page.wait_for_load_state("load")


def font_size(tab):
    return tab.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def elder_cookie(tab):
    cookies = {c["name"]: c["value"] for c in tab.page.context.cookies()}
    return cookies.get("elder")


def switch_elder_mode(tab, pattern):
    """Press the elder-mode switch in the page's header: a button that POSTs (a GET to /prefs/elder/
    changes nothing), after which the same page comes back."""
    toggle = tab.page.locator("#elder-toggle")
    assert toggle.count() == 1, "no elder-mode switch on the page"
    assert toggle.evaluate("b => b.type === 'submit' && b.form.method === 'post'"), "the switch is not a POST button"
    with tab.page.expect_request(lambda r: "/prefs/elder/" in r.url) as sent:
        submit(tab, pattern, "#elder-toggle")
    assert sent.value.method == "POST"


def files(tmp_path):
    made = {}
    for name, data in [("id-card.pdf", PDF), ("authorisation.png", PNG), ("id-card-scan.pdf", NOT_A_PDF)]:
        path = tmp_path / name
        path.write_bytes(data)
        made[name] = path
    return made


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_apply_online_then_track(tab, lang, tmp_path):
    from services.applications.models import Application, Status
    from services.applications.uploads import check_upload
    from services.catalogue.models import Service
    from services.lib.validators import validate_id_document

    page = tab.page
    service = Service.objects.get(slug=SERVICE)
    id_card = service.materials.get(required=True)  # the resident ID card
    agent = service.materials.get(required=False)  # a letter of authorisation, only for an agent
    upload = files(tmp_path)
    pages_checked = []
    untranslated = []

    def check(label):
        tab.check(f"{label} {lang}")
        pages_checked.append(label)
        if lang == "zh-hans":
            untranslated.extend(f"{label.split(',')[0]}: {text!r}" for text in english_sentences(tab))

    # --- The guide page, and its "Apply online" link -------------------------------------------
    tab.goto(f"/{lang}/services/{SERVICE}/")
    assert html_lang(tab).lower().startswith(lang[:2])
    check("guide")
    start_path = f"/{lang}/services/{SERVICE}/apply/"
    apply_link = page.locator(f'.apply-box a[href="{start_path}"]')
    assert apply_link.count() == 1, "the guide has no 'Apply online' link to the start page"
    assert apply_link.inner_text().strip() == in_language(lang, translation.gettext, "Apply online")
    apply_link.click()
    tab.wait_for_path(re.escape(start_path) + "$")

    # --- Start page ----------------------------------------------------------------------------
    check("start page")
    page.locator("main button.start[type=submit]").click()
    tab.wait_for_path(rf"/{lang}/apply/[0-9a-f-]{{36}}/applicant/$")
    app_base = re.search(rf"/{lang}/apply/[0-9a-f-]{{36}}/", page.url).group(0)
    draft = Application.objects.get(public_id=app_base.split("/")[3])
    assert draft.status == Status.DRAFT and draft.language == lang
    assert page.locator(".back-link").get_attribute("href") == start_path

    # --- Who is applying: empty first, for the error state --------------------------------------
    check("applicant")
    submit(tab, re.escape(app_base) + "applicant/$")
    assert_error_summary_focused(tab, "applicant, empty")
    links = dict(summary_links(tab))
    with translation.override(lang):
        from services.applications.forms import ApplicantForm

        form = ApplicantForm({}, guest=True)
        form.is_valid()
        expected = {e for errors in form.errors.values() for e in errors}
    assert set(links.values()) == expected, f"applicant errors: {links}"
    for href in links:  # every link leads to its field
        assert page.locator(href).count() == 1, f"error summary link {href} leads nowhere"
    check("applicant, empty (error)")

    page.locator("input[name=who][value=self]").check()
    page.locator("input[name=applicant_name]").fill("张伟" if lang == "zh-hans" else "Zhang Wei")
    page.locator("input[name=contact_phone]").fill("138 0013 8000")
    page.locator("input[name=contact_email]").fill("citizen@example.com")
    submit(tab, re.escape(app_base) + "page/1/$")

    # --- Question page 1: a wrong ID number first --------------------------------------------------
    assert page.locator(".back-link").get_attribute("href") == app_base + "applicant/"
    check("question page 1")
    # Asked once (issue 8, point 4): the name and mobile given on "Who is applying" are not
    # asked again, and the two pages do not share a heading.
    assert page.locator("input[name=full_name], input[name=phone]").count() == 0, "name or mobile asked twice"
    assert page.locator("h1").inner_text().strip() != in_language(lang, translation.gettext, "Who is applying")
    # The identity document is one question: a fieldset with the question as legend, a label
    # for each of its two inputs (issue 8, point 1).
    id_fieldset = page.locator("fieldset:has(input[name=id_number])")
    assert id_fieldset.count() == 1, "the identity document question is not a fieldset"
    assert id_fieldset.locator("legend").inner_text().strip()
    for part in ("id_number__type", "id_number"):
        assert id_fieldset.locator(f'label[for="id_{part}"]').count() == 1, f"no label for {part}"
    assert page.locator("select[name=id_number__type]").input_value() == "resident_id"
    page.locator("input[name=id_number]").fill(WRONG_ID)
    submit(tab, re.escape(app_base) + "page/1/$")
    assert_error_summary_focused(tab, "question page 1, wrong ID")
    message = validation_message(lang, validate_id_document, "resident_id", WRONG_ID)
    assert summary_links(tab) == [("#id_id_number", message)], summary_links(tab)
    assert page.locator("#id_id_number_error").inner_text().strip().endswith(message)
    assert page.locator("#id_id_number").get_attribute("aria-invalid") == "true"
    # Everything typed is kept, the wrong value too, so it can be corrected rather than retyped.
    assert page.locator("input[name=id_number]").input_value() == WRONG_ID
    check("question page 1, wrong ID (error)")

    # Elder mode, switched on and off with the page's own switch (a POST button): each time the
    # same page comes back, in large text and then in standard text again.
    standard_size = font_size(tab)
    assert standard_size < 20
    switch_elder_mode(tab, re.escape(app_base) + "page/1/$")
    assert "elder" in body_classes(tab), "elder mode did not switch on"
    assert font_size(tab) >= 20, "elder mode is on, but the text is not larger"
    assert elder_cookie(tab) == "1"
    check("question page 1 (elder mode)")
    switch_elder_mode(tab, re.escape(app_base) + "page/1/$")
    assert "elder" not in body_classes(tab), "elder mode did not switch off"
    assert font_size(tab) == standard_size
    assert elder_cookie(tab) is None
    # A GET after the failed POST shows the stored answers, so the ID is typed again.

    page.locator("input[name=id_number]").fill(VALID_ID)
    submit(tab, re.escape(app_base) + "page/2/$")

    # --- Question page 2: the address question only when searching one property ----------------
    assert page.locator(".back-link").get_attribute("href") == app_base + "page/1/"
    check("question page 2")
    page.locator("input[name=scope][value=one]").check()
    purposes = page.locator("input[name=purpose]")
    assert purposes.count() >= 2
    purposes.nth(0).check()
    submit(tab, re.escape(app_base) + "page/2/$")  # the address is required once "one property" is chosen
    assert_error_summary_focused(tab, "question page 2, no address")
    # One question, one message: linked to its first input, shown once inside its fieldset
    # whose legend is the question (issue 8, point 1).
    links = summary_links(tab)
    assert [href for href, _text in links] == ["#id_property_address__district"], links
    address = page.locator("fieldset:has(select[name=property_address__district])")
    question = address.locator("legend").inner_text().strip()
    assert question and question in links[0][1], (question, links)
    assert address.locator(".error-message").count() == 1
    assert address.locator("#id_property_address_helptext").count() == 1, "the question's hint is not shown"
    assert "id_property_address_error" in (address.get_attribute("aria-describedby") or "")
    for part in ("district", "street"):
        assert address.locator(f'label[for="id_property_address__{part}"]').count() == 1
    page.locator(links[0][0]).focus()  # the link leads to the district list
    assert page.locator("input[name=scope][value=one]").is_checked(), "the choice made was lost"
    assert purposes.nth(0).is_checked(), "the choice made was lost"
    check("question page 2, no address (error)")
    district = page.locator("select[name=property_address__district] option:not([value=''])").first
    page.locator("select[name=property_address__district]").select_option(district.get_attribute("value"))
    page.locator("input[name=property_address__street]").fill("博乐路 77 弄 2 号 601 室")
    submit(tab, re.escape(app_base) + "documents/$")

    # --- Documents: a file that is not what its name says first ---------------------------------
    assert page.locator(".back-link").get_attribute("href") == app_base + "page/2/"
    check("documents")
    id_input = page.locator(f"input[type=file][name=material-{id_card.pk}]")
    agent_input = page.locator(f"input[type=file][name=material-{agent.pk}]")
    id_input.set_input_files(upload["id-card-scan.pdf"])
    submit(tab, re.escape(app_base) + "documents/$")
    assert_error_summary_focused(tab, "documents, wrong type")
    type_message = validation_message(
        lang, check_upload, SimpleUploadedFile("id-card-scan.pdf", NOT_A_PDF), id_card.accepted_file_types
    )
    expected = in_language(
        lang,
        lambda: (
            translation.pgettext("punctuation", "%(label)s: %(value)s") % {"label": id_card.name, "value": type_message}
        ),
    )
    assert summary_links(tab) == [(f"#material-{id_card.pk}", expected)], summary_links(tab)
    assert page.locator(f"#material-{id_card.pk}-error").inner_text().strip().endswith(expected)
    assert not draft.attachments.exists(), "a refused file was stored"
    check("documents, wrong type (error)")
    id_input.set_input_files(upload["id-card.pdf"])
    agent_input.set_input_files(upload["authorisation.png"])
    submit(tab, re.escape(app_base) + "check/$")
    assert sorted(draft.attachments.values_list("original_name", "content_type")) == [
        ("authorisation.png", "image/png"),
        ("id-card.pdf", "application/pdf"),
    ]

    # --- Check your answers, with Change links ---------------------------------------------------
    check("check answers")
    main = page.locator("main")
    applicant_name = "张伟" if lang == "zh-hans" else "Zhang Wei"
    for text in [
        applicant_name,
        VALID_ID,
        "13800138000",
        "citizen@example.com",
        "博乐路 77 弄 2 号 601 室",
        "id-card.pdf",
    ]:
        assert text in main.inner_text(), f"check page does not show {text!r}"
    # Given once, shown once (issue 8, point 4): no two sections with the same title.
    assert main.inner_text().count("13800138000") == 1
    titles = [t.strip() for t in main.locator("h2").all_inner_texts()]
    assert len(titles) == len(set(titles)), titles
    changes = page.locator("main dd.change a")
    assert changes.count() >= 8, f"only {changes.count()} Change links"
    for n in range(changes.count()):  # each Change link names what it changes, for screen readers
        assert changes.nth(n).locator(".visually-hidden").inner_text().strip()

    # Change the purpose: the Change link leads to its question and back to the check page.
    change = page.locator(f'main dd.change a[href="{app_base}page/2/?change=1#purpose"]')
    assert change.count() == 1, "no Change link for the purpose"
    change.click()
    tab.wait_for_path(re.escape(app_base) + r"page/2/\?change=1")
    assert purposes.nth(0).is_checked(), "the answer to change is not shown"
    purposes.nth(1).check()
    new_purpose = page.locator(f'label[for="{purposes.nth(1).get_attribute("id")}"]').inner_text().strip()
    # The browser keeps the link's #purpose through the form post and the redirect.
    submit(tab, re.escape(app_base) + "check/(#purpose)?$")
    assert new_purpose in main.inner_text(), "the changed answer is not on the check page"

    # Deleting the draft asks first, on a page of its own; "No" keeps it (issue 8, point 3).
    page.locator(f'main a[href="{app_base}delete/"]').click()
    tab.wait_for_path(re.escape(app_base) + "delete/$")
    check("delete, confirm")
    assert page.locator(f'main form[method=post][action="{app_base}delete/"] button[type=submit]').count() == 1
    page.locator(f'main a[href="{app_base}check/"]').click()
    tab.wait_for_path(re.escape(app_base) + "check/$")
    assert Application.objects.filter(pk=draft.pk).exists()

    # The declaration not ticked: an error, the answers still there.
    submit(tab, re.escape(app_base) + "submit/$")
    assert_error_summary_focused(tab, "check, no declaration")
    with translation.override(lang):
        from services.applications.forms import DeclarationForm

        declaration_error = str(DeclarationForm.base_fields["confirm"].error_messages["required"])
    assert summary_links(tab) == [("#id_confirm", declaration_error)], summary_links(tab)
    assert VALID_ID in main.inner_text()
    check("check answers, no declaration (error)")
    page.locator("input[name=confirm]").check()
    submit(tab, rf"/{lang}/applications/[A-Z0-9]+/submitted/$")

    # --- Confirmation --------------------------------------------------------------------------
    check("confirmation")
    reference = page.locator(".panel .reference").inner_text().strip()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert reference == draft.reference and len(reference) <= 16
    codes = page.locator("main .reference")
    assert codes.count() == 2
    tracking_code = codes.nth(1).inner_text().strip()
    assert tracking_code == draft.tracking_code
    assert draft.acceptance_due.strftime("%Y-%m-%d") in main.inner_text()

    # Back after submitting, or a bookmark to a page of the flow: not "Page not found" but a
    # page that says so, with the reference and the way on (issue 8, point 2).
    # (Chromium's Back to the page a POST answered asks to resend it; the pages are opened
    # directly, as a bookmark or the history list does.)
    submitted_title = in_language(lang, translation.gettext, "This application has been submitted")
    for path in ["check/", "submit/", "applicant/", "page/1/", "documents/", "delete/"]:
        tab.goto(app_base + path)
        assert page.locator("h1").inner_text().strip() == submitted_title, (path, page.url)
        assert reference in main.inner_text()
        assert page.locator(f'main a[href="/{lang}/applications/{reference}/submitted/"]').count() == 1
        assert page.locator(f'main a[href="/{lang}/applications/{reference}/"]').count() == 1
    check("submitted, back")
    tab.goto(f"/{lang}/applications/{reference}/submitted/")

    # --- Track it: empty first, then a wrong code, then both right --------------------------------
    page.locator(f'main a[href="/{lang}/track/"]').click()
    tab.wait_for_path(rf"/{lang}/track/$")
    check("track")
    submit(tab, rf"/{lang}/track/$")
    assert_error_summary_focused(tab, "track, empty")
    assert [href for href, _text in summary_links(tab)] == ["#id_reference", "#id_tracking_code"]
    check("track, empty (error)")

    page.locator("input[name=reference]").fill(reference)
    page.locator("input[name=tracking_code]").fill("WRONG123")
    submit(tab, rf"/{lang}/track/$")
    assert_error_summary_focused(tab, "track, wrong code")
    assert page.locator("input[name=reference]").input_value() == reference
    check("track, wrong code (error)")
    _forget_tracking_failures()  # the wrong code counted against this address's hourly limit

    page.locator("input[name=tracking_code]").fill(tracking_code.lower())  # typed in lower case
    submit(tab, rf"/{lang}/track/$")
    assert page.locator(".error-summary").count() == 0
    assert reference in main.inner_text()
    timeline = page.locator("main ol.timeline li")
    assert timeline.count() == 1
    assert in_language(lang, lambda: Status.SUBMITTED.label) in timeline.first.inner_text()
    assert in_language(lang, lambda: service.name) in main.inner_text()
    assert VALID_ID not in main.inner_text() and "13800138000" not in main.inner_text(), "personal data on tracking"
    check("track, found")

    assert len(pages_checked) >= 17, pages_checked
    assert not untranslated, "English on the Chinese pages (missing from locale/zh_Hans):\n" + "\n".join(
        dict.fromkeys(untranslated)
    )


def _forget_tracking_failures():
    """Wrong guesses are counted per address in the shared (database) cache, whose table
    outlives each test's data: remove the count so other tests start from zero."""
    from django.conf import settings

    from services.lib.throttle import Rule, Throttle

    throttle = Throttle(Rule("tracking", settings.TRACKING_ATTEMPTS_PER_HOUR, 3600), "127.0.0.1")
    assert throttle.cache.get(throttle.key), "the wrong tracking code was not counted"
    throttle.reset()
