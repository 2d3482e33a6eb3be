"""Book a counter visit in a real browser, in both languages (Chinese in elder mode): the guide's
"Book a counter visit" -> centre -> date and time (the day changed with the htmx slot picker)
-> details (a refused form first: error summary focused, what was typed kept) -> confirmation
with the reference and QR code -> the booking page -> move and cancel pages -> find page.

Every page visited passes Tab.check() (one h1, 320 px reflow, 0 axe violations at two widths).
"""

import pytest
from django.utils import timezone, translation

from tests.e2e.test_apply_flow import assert_error_summary_focused, submit, summary_links

pytestmark = pytest.mark.e2e


def bookable_service_and_centre():
    """A demo service offered at a counter and a centre that takes bookings for it, with a free
    time on at least two days."""
    from services.catalogue.models import Service
    from services.offline import slots

    for service in Service.objects.published().filter(offers_counter=True).order_by("slug"):
        for centre in service.centres.filter(bookable=True).order_by("slug"):
            if len(slots.bookable_days(centre, service)) >= 2:
                return service, centre
    raise AssertionError("the demo city has no service with a bookable centre")


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", True), ("en", False)], ids=["zh-hans-elder", "en"])
def test_a_citizen_books_moves_and_finds_a_counter_visit(tab, lang, elder):
    from services.offline.models import Booking

    service, centre = bookable_service_and_centre()
    with translation.override(lang):
        _journey(tab, tab.page, lang, elder, service, centre, Booking)


def _journey(tab, page, lang, elder, service, centre, Booking):
    _ = translation.gettext
    tab.goto(f"/{lang}/services/{service.slug}/")
    if elder:
        page.locator("#elder-toggle").click()
        tab.wait_for_path(rf"/{lang}/services/{service.slug}/$")
        assert "elder" in (page.locator("body").get_attribute("class") or "").split()

    # The guide's button leads to the booking's first step: the centres.
    submit(tab, rf"/{lang}/centres/book/{service.slug}/$", f"a[href='/{lang}/centres/book/{service.slug}/']")
    assert page.locator("h1").inner_text() == _("Choose a service centre")
    tab.check(f"booking: centres ({lang})")

    # Date and time: changing the day swaps only the times (htmx), the page stays.
    submit(tab, rf"/{lang}/centres/book/{service.slug}/{centre.slug}/$", f"a[href$='/{centre.slug}/']")
    tab.check(f"booking: date and time ({lang})")
    options = page.locator("#id_date option")
    second_day = options.nth(1).get_attribute("value")
    url_before = page.url
    with page.expect_response(lambda r: "date=" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#id_date").select_option(second_day)
    page.wait_for_selector(f"#slots input[value^='{second_day}T']")
    assert page.url == url_before
    tab.check(f"booking: times of the second day ({lang})")
    free = page.locator("#slots input[type=radio]:not([disabled])").first
    chosen = free.get_attribute("value")
    free.check()
    submit(
        tab, rf"/{lang}/centres/book/{service.slug}/{centre.slug}/details/\?", "main form button[type=submit] >> nth=-1"
    )

    # Details: a refused form first, keeping what was typed.
    assert page.locator("input[name=at]").get_attribute("value") == chosen
    page.locator("#id_name").fill("张伟" if lang == "zh-hans" else "Zhang Wei")
    page.locator("#id_phone").fill("1381234")
    submit(tab, rf"/{lang}/centres/book/{service.slug}/{centre.slug}/details/$")
    assert_error_summary_focused(tab, "booking details, wrong mobile number")
    assert [href for href, _text in summary_links(tab)] == ["#id_phone"]
    assert page.locator("#id_name").input_value() == ("张伟" if lang == "zh-hans" else "Zhang Wei")
    tab.check(f"booking: details refused ({lang})")
    page.locator("#id_phone").fill("13812345678")
    submit(tab, rf"/{lang}/centres/bookings/BK\w+/booked/$")

    booking = Booking.objects.get(phone="13812345678")
    assert booking.language == lang and booking.service == service and booking.centre == centre
    main = page.locator("main").inner_text()
    assert booking.reference in main and _("Visit booked") in main
    assert page.locator("main svg[role=img]").count() == 1  # the QR code
    tab.check(f"booking: confirmation ({lang})")

    # The booking page, the move picker and the cancel question.
    submit(tab, rf"/{lang}/centres/bookings/{booking.reference}/$", f"main a[href$='/bookings/{booking.reference}/']")
    tab.check(f"booking: the booking page ({lang})")
    submit(tab, rf"/{lang}/centres/bookings/{booking.reference}/move/$", f"main a[href$='/{booking.reference}/move/']")
    tab.check(f"booking: move ({lang})")
    target = page.locator("#slots input[type=radio]:not([disabled]):not(:checked)").first
    new_time = target.get_attribute("value")
    target.check()
    submit(tab, rf"/{lang}/centres/bookings/{booking.reference}/$", "main form button[type=submit] >> nth=-1")
    booking.refresh_from_db()
    assert timezone.localtime(booking.starts_at).strftime("%Y-%m-%dT%H:%M") == new_time
    submit(
        tab, rf"/{lang}/centres/bookings/{booking.reference}/cancel/$", f"main a[href$='/{booking.reference}/cancel/']"
    )
    tab.check(f"booking: cancel? ({lang})")

    # Another browser (no session) is asked for the mobile number: a 404 holding the find form,
    # the reference filled in (the same page as for a made-up reference).
    tab.page.context.clear_cookies()
    tab.goto(f"/{lang}/centres/bookings/{booking.reference}/", status=404)
    assert page.locator("#id_reference").input_value() == booking.reference
    tab.check(f"booking: find ({lang})")
