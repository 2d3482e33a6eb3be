"""The offline channel end to end, in two real browsers (issue 10, "Tests"): a citizen books a
counter visit at the demo clerk's centre; the clerk signs in to the admin, opens "Today at the
counter", checks the visit in, starts the application from it, fills in the service's own question
pages and the material checklist, registers it and prints the receipt; the citizen then opens the
address the receipt's QR code carries, types the tracking code printed beside it, and sees the
application submitted at a service centre counter.

Every page visited - the citizen's, the clerk's admin pages and the receipt - passes Tab.check()
(stylesheets loaded, one h1, no sideways scroll at 320 px, 0 axe violations at 320 px and 1280 px).
Run in Chinese in elder mode and in English; the clerk works in the same language, and the
receipt is in the applicant's (the booking's) language.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation

from tests.e2e.conftest import WIDE, Tab
from tests.e2e.test_apply_flow import assert_error_summary_focused, english_sentences, submit, summary_links

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]  # the marker restores the staff groups

SERVICE = "temporary-assistance"  # Civil Affairs, the clerk's department: two question pages, two materials
CENTRE = "jiangxin-admin-centre"  # the demo clerk's centre (services/demo/data/users.yaml)
CLERK, PASSWORD = "clerk", "demo-pass-2026"
COUNTER = "/admin/applications/application/counter/"
PHONE = "13955550123"  # nobody else's in the demo city: no other visit, no account
APPLICANT_ID = "310106196207040039"  # a demo person's resident ID (questions.yaml), check character right
WRONG_ID = "310106196207040038"  # one digit misread: the check character no longer matches
PEOPLE = {"zh-hans": "李秀英", "en": "Li Xiuying"}
LOCALES = {"zh-hans": "zh-CN", "en": "en-GB"}  # the clerk's browser asks for the page's language


@pytest.fixture
def clerk_tab(browser, portal, request):
    """A second browser for the clerk, at desktop width, asking for the test's language."""
    lang = request.node.callspec.params["lang"]
    context = browser.new_context(viewport=WIDE, locale=LOCALES[lang])
    context.set_default_timeout(15_000)
    try:
        yield Tab(context.new_page(), portal)
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", True), ("en", False)], ids=["zh-hans-elder", "en"])
def test_a_booked_visit_is_registered_at_the_counter_and_tracked(tab, clerk_tab, lang, elder):
    with translation.override(lang):
        _journey(tab, clerk_tab, lang, elder)


def _journey(citizen, clerk, lang, elder):
    from services.applications.models import Application, MaterialCheck, Status
    from services.catalogue.models import Channel
    from services.offline.models import Booking, ServiceCentre

    _ = translation.gettext
    untranslated = []

    def check(tab, label):
        tab.check(f"{label} ({lang})")
        if lang == "zh-hans":
            untranslated.extend(f"{label}: {text!r}" for text in english_sentences(tab))

    centre = ServiceCentre.objects.get(slug=CENTRE)
    page = citizen.page

    # --- The citizen books a visit from the guide --------------------------------------------------
    citizen.goto(f"/{lang}/services/{SERVICE}/")
    if elder:
        page.locator("#elder-toggle").click()
        citizen.wait_for_path(rf"/{lang}/services/{SERVICE}/$")
        assert "elder" in (page.locator("body").get_attribute("class") or "").split()
    submit(citizen, rf"/{lang}/centres/book/{SERVICE}/$", f"a[href='/{lang}/centres/book/{SERVICE}/']")
    check(citizen, "booking: centres")
    submit(citizen, rf"/{lang}/centres/book/{SERVICE}/{CENTRE}/$", f"main a[href$='/{CENTRE}/']")
    check(citizen, "booking: date and time")
    page.locator("#slots input[type=radio]:not([disabled])").first.check()
    submit(citizen, rf"/{lang}/centres/book/{SERVICE}/{CENTRE}/details/\?", "main form button[type=submit] >> nth=-1")
    check(citizen, "booking: details")
    page.locator("#id_name").fill(PEOPLE[lang])
    page.locator("#id_phone").fill(PHONE)
    submit(citizen, rf"/{lang}/centres/bookings/BK\w+/booked/$")
    check(citizen, "booking: confirmation")
    booking = Booking.objects.get(phone=PHONE)
    assert booking.centre == centre and booking.service.slug == SERVICE and booking.language == lang
    assert booking.reference in page.locator("main").inner_text()

    # The clerk's page lists today's visits, and a visit is checked in on its own day only. The
    # first free time may be on a later day (the test runs at any hour, on any day, the centre
    # closed or its last slot gone), so the visit is moved to today here - past its day's
    # checks, as the citizen would have chosen it this morning - instead of reading the clock.
    now = timezone.localtime()
    if timezone.localtime(booking.starts_at).date() != now.date():
        length = booking.ends_at - booking.starts_at
        starts_at = now.replace(second=0, microsecond=0)
        Booking.objects.filter(pk=booking.pk).update(starts_at=starts_at, ends_at=starts_at + length)

    # --- The clerk signs in and opens "Today at the counter" from the queue ------------------------------
    desk = clerk.page
    clerk.goto("/admin/login/")
    check(clerk, "admin: sign in")
    desk.locator("input[name=username]").fill(CLERK)
    desk.locator("input[name=password]").fill(PASSWORD)
    submit(clerk, "/admin/$", "#content input[type=submit]")
    clerk.goto("/admin/applications/application/")
    submit(clerk, re.escape(COUNTER) + "$", f"a[href='{COUNTER}']")
    assert desk.locator("h1").inner_text() == _("Today at the counter")  # in the clerk's language
    check(clerk, "counter: today")
    row = desk.locator("#content table tbody tr", has_text=booking.reference)
    assert row.count() == 1, "the booked visit is not on today's list"
    assert PEOPLE[lang] in row.inner_text()

    # Check in, then start the application from the visit.
    submit(clerk, re.escape(COUNTER) + "$", f"#content form[action$='/bookings/{booking.pk}/check-in/'] button")
    assert desk.locator("ul.messagelist li.success").count() == 1, desk.locator("ul.messagelist").all_inner_texts()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    row = desk.locator("#content table tbody tr", has_text=booking.reference)
    assert _("Checked in") in row.inner_text()
    check(clerk, "counter: today, checked in")
    submit(
        clerk,
        re.escape(COUNTER) + r"\d+/applicant/$",
        f"#content form[action$='/bookings/{booking.pk}/start/'] button",
    )
    app = Application.objects.get(booking=booking)
    assert app.status == Status.DRAFT and app.channel == Channel.COUNTER and app.centre == centre

    # The applicant: name, mobile number and language come from the booking.
    assert desk.locator("#id_applicant_name").input_value() == PEOPLE[lang]
    assert desk.locator("#id_contact_phone").input_value() == PHONE
    assert desk.locator(f"input[name=language][value='{lang}']").is_checked()
    check(clerk, "counter: the applicant")
    # A misread ID number first: refused with the error summary on top, nothing typed lost.
    desk.locator("input[name=id_type][value=resident_id]").check()
    desk.locator("#id_id_number").fill(WRONG_ID)
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/applicant/") + "$", "#content form button[type=submit]")
    assert_error_summary_focused(clerk, "counter: the applicant, wrong ID number")
    assert [href for href, _text in summary_links(clerk)] == ["#id_id_number"]
    assert desk.locator("#id_id_number").input_value() == WRONG_ID
    assert desk.locator("#id_applicant_name").input_value() == PEOPLE[lang]
    check(clerk, "counter: the applicant, wrong ID number")
    desk.locator("#id_id_number").fill(APPLICANT_ID)
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/page/1/") + "$", "#content form button[type=submit]")

    # The service's own question pages (the same form definition as online).
    check(clerk, "counter: question page 1")
    _fill_if_empty(desk, "input[name=full_name]", PEOPLE[lang])
    id_type = desk.locator("select[name=id_number__type]")
    if id_type.count() and id_type.input_value() == "":
        id_type.select_option("resident_id")
    _fill_if_empty(desk, "input[name=id_number]", APPLICANT_ID)
    _fill_if_empty(desk, "input[name=phone]", PHONE)
    desk.locator("select[name=address__district]").select_option(index=1)
    desk.locator("input[name=address__street]").fill("天钥桥路 58 弄 6 号 1202 室")
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/page/2/") + "$", "#content form button[type=submit]")
    check(clerk, "counter: question page 2")
    desk.locator("input[name=hardship_type][value=accident]").check()
    desk.locator("input[name=happened_on]").fill((timezone.localdate() - datetime.timedelta(days=9)).isoformat())
    desk.locator("input[name=amount_needed]").fill("8000")
    desk.locator("textarea[name=description]").fill("家中老人摔伤住院手术，自付医疗费用超过家庭三个月收入。")
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/materials/") + "$", "#content form button[type=submit]")

    # The material checklist: the first document missing at first, which stops the registration
    # (every missing document named at once, each linked to the checklist) ...
    check(clerk, "counter: documents")
    results = desk.locator("#content select[name^=result-]")
    checked = results.count()
    assert checked == app.service.materials.count() > 0
    for index in range(checked):
        results.nth(index).select_option("missing" if index == 0 else "seen_original")
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/check/") + "$", "#content form button[type=submit]")
    check(clerk, "counter: check and register, a document missing")
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/check/") + "$", "#content form button[type=submit]")
    problem = desk.locator("#content .errornote[role=alert]")
    assert problem.count() == 1, "registering with a document missing was not refused"
    assert str(MaterialCheck.Result.MISSING.label) in problem.inner_text()
    app.refresh_from_db()
    assert app.status == Status.DRAFT
    check(clerk, "counter: check and register, refused")
    # ... then brought: the clerk follows the message's link back to the checklist.
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/materials/") + "$", "#content .errornote a")
    assert results.first.input_value() == "missing"
    results.first.select_option("seen_original")
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/check/") + "$", "#content form button[type=submit]")

    # Check and register.
    check(clerk, "counter: check and register")
    assert desk.locator("#content .errornote, #content .help a").count() == 0, "something is still missing"
    submit(clerk, re.escape(f"{COUNTER}{app.pk}/registered/") + "$", "#content form button[type=submit]")
    check(clerk, "counter: registered")
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.channel == Channel.COUNTER
    assert app.centre == centre and app.registered_by.username == CLERK
    assert app.applicant_id_number == APPLICANT_ID
    assert sorted(app.material_checks.values_list("result", flat=True)) == ["seen_original"] * checked
    given = desk.locator("#content dl.facts").inner_text()
    assert app.reference in given and app.tracking_code in given

    # The receipt, printed from the registered page, in the applicant's language.
    submit(
        clerk, re.escape(f"/admin/applications/application/{app.pk}/receipt/") + "$", "#content a[href$='/receipt/']"
    )
    check(clerk, "receipt")
    assert desk.locator("html").get_attribute("lang") == lang
    codes = desk.locator("main dl.facts dd.code").all_inner_texts()
    reference, tracking_code = (code.strip() for code in codes)
    assert (reference, tracking_code) == (app.reference, app.tracking_code)
    assert desk.locator("main svg[role=img]").count() == 1, "no QR code on the receipt"
    received = desk.locator("main table tbody").inner_text()
    assert all(m.name in received for m in app.service.materials.all())
    qr_address = desk.locator("main .qr p.code").inner_text().strip()
    assert tracking_code not in qr_address, "the tracking code is in the QR code's address"

    # --- The citizen follows the receipt's QR code and types the tracking code -------------------------
    qr_path = urlsplit(qr_address)
    citizen.goto(f"{qr_path.path}?{qr_path.query}")
    assert page.locator("input[name=reference]").input_value() == reference
    check(citizen, "tracking: from the receipt's QR code")
    page.locator("input[name=tracking_code]").fill(tracking_code)
    submit(citizen, rf"/{lang}/track/")
    assert page.locator(".error-summary").count() == 0, "tracking with the receipt's codes failed"
    check(citizen, "tracking: the counter application")
    facts = page.locator("main dl.summary-list").inner_text()
    assert str(Status.SUBMITTED.label) in facts
    assert str(Channel.COUNTER.label) in facts, f"the tracking page does not say it was made at a counter: {facts!r}"
    timeline = page.locator("main ol.timeline li").all_inner_texts()
    assert len(timeline) == 1 and str(Status.SUBMITTED.label) in timeline[0]

    assert not untranslated, "English on the Chinese pages:\n" + "\n".join(dict.fromkeys(untranslated))


def _fill_if_empty(page, selector, value):
    """A question the applicant page already answered is not asked again (name, mobile) or
    comes pre-filled (identity document); anything else is typed."""
    field = page.locator(selector)
    if field.count() and field.input_value() == "":
        field.fill(value)
