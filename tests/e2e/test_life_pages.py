"""Digital life (issue 11) in a real browser, and read aloud in elder mode (point 7).

Read aloud: the browser's speech synthesis is replaced, before any script of the page runs, by a
stub that records each utterance (text, language, voice) and ends it at once (or holds it, to
test pause and stop). With it the button appears in elder mode, reads <main> in the page's
language, pauses, continues and stops; without speech synthesis (deleted before the page loads)
or without voices the button stays hidden and the page is otherwise the same.

Every page visited passes Tab.check(): one h1, no sideways scroll at 320px, 0 axe violations at
320px and 1280px, no JavaScript, static-file or policy errors.
"""

import re

import pytest

GUIDE = "id-card-renewal"  # a demo guide with centres, materials and FAQ: a long page to read

STUB_SPEECH = """
(() => {
  const spoken = [];
  let current = null;
  const listeners = [];
  window.__speech = { spoken, cancels: 0, hold: false,
    voices: [
      { name: "Stub English", lang: "en-GB", default: true, localService: true, voiceURI: "en" },
      { name: "Stub Cantonese", lang: "zh-HK", default: false, localService: true, voiceURI: "yue" },
      { name: "Stub Mandarin", lang: "zh_CN", default: false, localService: true, voiceURI: "zh" },
    ],
    addVoices(voices) { this.voices = voices; listeners.forEach((f) => f(new Event("voiceschanged"))); },
  };
  class StubUtterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onend = null; this.onerror = null; }
  }
  const synth = {
    get speaking() { return current !== null; },
    paused: false,
    pending: false,
    getVoices() { return window.__speech.voices; },
    speak(u) {
      spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
      current = u;
      if (!window.__speech.hold) {
        setTimeout(() => { if (current === u) { current = null; if (u.onend) u.onend({}); } }, 0);
      }
    },
    cancel() {
      window.__speech.cancels += 1;
      const u = current;
      current = null;
      if (u && u.onerror) setTimeout(() => u.onerror({ error: "interrupted" }), 0);
    },
    pause() {},
    resume() {},
    addEventListener(type, f) { if (type === "voiceschanged") listeners.push(f); },
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", {
    value: StubUtterance, configurable: true, writable: true,
  });
})();
"""

NO_VOICES_YET = "window.__speech.voices = [];"

NO_SPEECH = """
(() => {
  delete window.speechSynthesis;
  delete Window.prototype.speechSynthesis;
  delete window.SpeechSynthesisUtterance;
})();
"""

LABELS = {
    "en": {"read": "Read this page", "pause": "Pause reading", "resume": "Continue reading", "stop": "Stop reading"},
    "zh-hans": {"read": "朗读本页", "pause": "暂停朗读", "resume": "继续朗读", "stop": "停止朗读"},
}
SPEECH = {"en": ("en", "Stub English"), "zh-hans": ("zh-CN", "Stub Mandarin")}

# The text a listener should hear: <main> as shown, without the read-aloud controls, navigation,
# search and filter forms, labels, buttons, form controls, decoration (aria-hidden), text for
# screen readers only (.visually-hidden) and a table caption that repeats the heading before it (run after reading:
# it removes them from the page).
SHOWN_TEXT = """() => {
  const main = document.querySelector('main');
  const chrome = '.read-aloud, nav, select, textarea, input, script, label, button, .visually-hidden, '
    + '[aria-hidden=true], '
    + 'form[role=search], form[method=get], form[method=GET], form:not([method])';
  main.querySelectorAll(chrome).forEach((e) => e.remove());
  let heading = '';
  const squeezed = (t) => t.replace(/\\s+/g, ' ').trim();
  main.querySelectorAll('h1, h2, h3, h4, h5, h6, caption').forEach((e) => {
    if (e.tagName !== 'CAPTION') heading = squeezed(e.textContent);
    else if (squeezed(e.textContent) === heading) e.remove();
  });
  return main.innerText;
}"""


def squeeze(text):
    """Text without spaces and without the pauses: a "·" between items is spoken as a comma."""
    return re.sub(r"[\s·,，]+", "", text)


def read_page_aloud(page):
    """Click "Read this page", wait for the end, and return what was said as one text."""
    page.locator(".read-aloud-toggle").click()
    page.wait_for_function("() => window.__speech.spoken.length > 0")
    page.wait_for_function("() => document.querySelector('.read-aloud-stop').hidden")
    return " ".join(u["text"] for u in spoken(page))


def in_elder_mode(tab):
    tab.page.context.add_cookies([{"name": "elder", "value": "1", "url": tab.base}])


def spoken(page):
    return page.evaluate("() => window.__speech.spoken")


def read_aloud_visible(page):
    return page.locator(".read-aloud").is_visible()


def open_guide(tab, lang):
    """The guide in elder mode, with its nearest centres loaded (htmx) so the page holds still."""
    page = tab.page
    tab.goto(f"/{lang}/services/{GUIDE}/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("#where").scroll_into_view_if_needed()
    page.wait_for_selector("#nearest-centres .centre-list li")
    page.evaluate("() => window.scrollTo(0, 0)")
    return page


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_read_aloud_reads_the_main_content_in_the_page_language(tab, lang):
    page = tab.page
    page.add_init_script(STUB_SPEECH)
    in_elder_mode(tab)
    open_guide(tab, lang)
    toggle = page.locator(".read-aloud-toggle")
    assert read_aloud_visible(page) and toggle.inner_text() == LABELS[lang]["read"]
    assert not page.locator(".read-aloud-stop").is_visible()
    tab.check(f"guide in elder mode with read aloud ({lang})")

    toggle.click()
    page.wait_for_function("() => document.querySelector('.read-aloud-status').textContent.length > 0")
    page.wait_for_function("() => document.querySelector('.read-aloud-toggle').textContent !== ''")
    page.wait_for_function(
        "(label) => document.querySelector('.read-aloud-toggle').textContent === label", arg=LABELS[lang]["read"]
    )
    said = spoken(page)
    assert len(said) > 5, said
    language, voice = SPEECH[lang]
    assert {(u["lang"], u["voice"]) for u in said} == {(language, voice)}
    assert all(len(u["text"]) <= 180 for u in said), "a chunk longer than Chrome speaks in one go"
    opening = " ".join(u["text"] for u in said[:3])  # the guide's department label comes before its h1
    assert page.locator("h1").inner_text().strip() in opening, "reading does not start at the top of <main>"
    status = page.locator(".read-aloud-status").inner_text()
    assert status == {"en": "Finished reading the page.", "zh-hans": "本页已朗读完毕。"}[lang]
    text = " ".join(u["text"] for u in said)
    assert LABELS[lang]["read"] not in text and LABELS[lang]["stop"] not in text
    assert squeeze(text) == squeeze(page.evaluate(SHOWN_TEXT))


def test_read_aloud_pauses_continues_and_stops(tab):
    page = tab.page
    page.add_init_script(STUB_SPEECH)
    in_elder_mode(tab)
    open_guide(tab, "en")
    page.evaluate("() => { window.__speech.hold = true; }")  # each utterance speaks until cancelled
    toggle, stop, status = (
        page.locator(".read-aloud-toggle"),
        page.locator(".read-aloud-stop"),
        page.locator(".read-aloud-status"),
    )

    toggle.click()
    assert toggle.inner_text() == "Pause reading" and stop.is_visible()
    assert status.inner_text() == "Reading the page aloud."
    first = spoken(page)
    assert len(first) == 1 and first[0]["lang"] == "en"
    tab.check("guide while reading aloud")

    toggle.click()  # pause
    assert toggle.inner_text() == "Continue reading" and status.inner_text() == "Reading paused."
    assert page.evaluate("() => window.__speech.cancels") >= 1
    page.wait_for_timeout(50)  # the cancelled utterance's error event must not move reading on
    assert len(spoken(page)) == 1

    toggle.click()  # continue: the interrupted chunk again
    assert toggle.inner_text() == "Pause reading"
    again = spoken(page)
    assert len(again) == 2 and again[1]["text"] == first[0]["text"]

    stop.click()
    assert status.inner_text() == "Reading stopped." and toggle.inner_text() == "Read this page"
    assert not stop.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('read-aloud-toggle')")
    page.wait_for_timeout(50)
    assert len(spoken(page)) == 2, "something was spoken after Stop"


def test_read_aloud_waits_for_voices_and_stays_hidden_without_any(tab):
    page = tab.page
    page.add_init_script(STUB_SPEECH + NO_VOICES_YET)
    in_elder_mode(tab)
    tab.goto(f"/zh-hans/services/{GUIDE}/")
    assert page.locator(".read-aloud").count() == 1 and not read_aloud_visible(page)
    page.evaluate("() => window.__speech.addVoices([{ name: 'Late Mandarin', lang: 'zh-CN', default: true }])")
    page.wait_for_selector(".read-aloud-toggle", state="visible")
    page.locator(".read-aloud-toggle").click()
    page.wait_for_function("() => window.__speech.spoken.length > 3")
    assert spoken(page)[0]["voice"] == "Late Mandarin"


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_without_speech_synthesis_the_button_stays_hidden_and_the_page_is_the_same(tab, browser, lang):
    page = tab.page
    page.add_init_script(NO_SPEECH)
    in_elder_mode(tab)
    open_guide(tab, lang)
    assert page.evaluate("() => 'speechSynthesis' in window") is False
    assert page.locator(".read-aloud").count() == 1 and not read_aloud_visible(page)
    assert not page.locator(".read-aloud-toggle").is_visible()
    tab.check(f"guide in elder mode without speech synthesis ({lang})")
    without = page.evaluate("() => document.body.innerText")

    other = browser.new_context(viewport=page.viewport_size)
    try:
        other.add_cookies([{"name": "elder", "value": "1", "url": tab.base}])
        with_speech = other.new_page()
        with_speech.add_init_script(STUB_SPEECH)
        with_speech.goto(f"{tab.base}/{lang}/services/{GUIDE}/")
        with_speech.wait_for_function("() => window.htmx !== undefined")
        with_speech.locator("#where").scroll_into_view_if_needed()
        with_speech.wait_for_selector("#nearest-centres .centre-list li")
        assert with_speech.locator(".read-aloud").is_visible()
        with_speech.evaluate("() => document.querySelector('.read-aloud').remove()")
        assert with_speech.evaluate("() => document.body.innerText") == without
    finally:
        other.close()


def test_the_standard_view_has_no_read_aloud(tab):
    page = tab.page
    page.add_init_script(STUB_SPEECH)
    tab.goto(f"/en/services/{GUIDE}/")
    assert page.locator(".read-aloud").count() == 0
    assert page.evaluate("() => [...document.scripts].some((s) => s.src.includes('readaloud'))") is False


# --- the digital-life pages ------------------------------------------------------------------

AREA_PATHS = {"health": "health", "education": "education", "elderly": "elderly-care", "culture": "culture"}
WORD = {"en": "Quillwort", "zh-hans": "灯笼"}  # in every test entry's names, and in no demo entry


def make_life_entries():
    """Per area: a published entry in Jiangxin open 24 hours (for education a live class with
    class times round the clock; the one the filters find) and one in Jinghu that the district
    filter leaves out; both carry WORD in their names."""
    from services.catalogue.models import District
    from tests.life.conftest import (
        make_care_place,
        make_hospital,
        make_resource,
        make_specialty,
        make_subject,
        make_venue,
    )

    jiangxin, jinghu = District.objects.get(slug="jiangxin"), District.objects.get(slug="jinghu")
    specialty = make_specialty(slug="e2e-lantern-specialty", name_zh="灯笼科", name_en="Lantern care")
    subject = make_subject(slug="e2e-lantern-subject", name_zh="灯笼学", name_en="Lantern studies")
    found, other = {}, {}
    for key, district in (("found", jiangxin), ("other", jinghu)):
        names = {
            "name_zh": f"灯笼{'甲' if key == 'found' else '乙'}",
            "name_en": f"Quillwort {'Alpha' if key == 'found' else 'Beta'}",
            "summary_zh": "用于浏览器测试的条目。",
            "summary_en": "An entry for the browser tests.",
            "address_zh": "江心路1号",
            "address_en": "1 Jiangxin Road",
        }
        target = found if key == "found" else other
        hours = ["daily 00:00-00:00"] if key == "found" else []
        target["health"] = make_hospital(
            slug=f"e2e-hospital-{key}",
            specialties=[specialty],
            hours=hours,
            district=district,
            insurance_online=True,
            fee_min=10,
            fee_max=30,
            **names,
        )
        target["education"] = make_resource(  # a live class: its page shows its class times
            slug=f"e2e-resource-{key}", subject=subject, captions=True, format="live", hours=hours, **names
        )
        target["elderly"] = make_care_place(
            slug=f"e2e-care-{key}", hours=hours, district=district, kind="nursing_home", beds=120, free_beds=7, **names
        )
        target["culture"] = make_venue(
            slug=f"e2e-venue-{key}",
            hours=hours,
            district=district,
            step_free=True,
            audio_guide=True,
            booking_required=True,
            ticket_price=0,
            **names,
        )
    return found, other


def result_names(page):
    return page.locator("#results .life-item h2").all_inner_texts()


def name_of(entry, lang):
    return entry.name_zh if lang == "zh-hans" else entry.name_en


@pytest.mark.parametrize(("lang", "elder"), [("zh-hans", False), ("en", False), ("zh-hans", True), ("en", True)])
def test_the_life_pages_search_filter_and_show_entries(tab, lang, elder):
    page = tab.page
    found, other = make_life_entries()
    mode = f"{lang}{' elder' if elder else ''}"
    if elder:
        page.add_init_script(STUB_SPEECH)
        in_elder_mode(tab)

    tab.goto(f"/{lang}/life/")
    if elder:
        assert read_aloud_visible(page)
    tab.check(f"digital life landing ({mode})")
    assert page.locator(".life-areas a").count() == 4

    for area, segment in AREA_PATHS.items():
        mine, theirs = name_of(found[area], lang), name_of(other[area], lang)
        page.locator(f".life-areas a[href$='/life/{segment}/']").click()
        tab.wait_for_path(f"/{lang}/life/{segment}/$")
        tab.check(f"{area} page ({mode})")

        # htmx live results: typing a word replaces #results in place and keeps the address.
        page.evaluate("() => { window.__noNavigation = true; }")
        page.fill("#q", WORD[lang])
        page.wait_for_function(
            "(names) => names.every((n) => document.querySelector('#results').innerText.includes(n))",
            arg=[mine, theirs],
        )
        assert page.evaluate("window.__noNavigation === true"), "the live search reloaded the page"
        tab.wait_for_path(f"/{lang}/life/{segment}/\\?.*q=")
        page.locator("#filters summary").click()  # the filters fold on a narrow screen
        if area != "education":
            page.select_option("#id_district", "jiangxin")
            page.wait_for_function("(n) => !document.querySelector('#results').innerText.includes(n)", arg=theirs)
            assert result_names(page) == [mine]
            assert page.evaluate("window.__noNavigation === true")
        tab.check(f"{area} page, live results ({mode})")

        # The plain form: the same filters as a GET submission (what works without JavaScript).
        filters = {
            "health": lambda: page.check("#id_insurance"),
            "education": lambda: page.check("#id_captions"),
            "elderly": lambda: page.select_option("#id_kind", "nursing_home"),
            "culture": lambda: page.check("#access-audio_guide"),
        }
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            filters[area]()  # htmx updates the results at once; then the form is sent as a whole page
        with page.expect_response(lambda r: r.request.resource_type == "document"):
            page.locator("#filters .filters button[type=submit]").click()
        assert re.search(r"q=", page.url)
        page.wait_for_load_state("load")
        names = result_names(page)
        assert mine in names and (area == "education" or theirs not in names), names
        tab.check(f"{area} page, filtered by the form ({mode})")
        if elder:
            # Read aloud skips the filter form (labels, options, buttons): the results come next.
            said = read_page_aloud(page)
            button = page.locator("#filters .filters button[type=submit]").text_content().strip()
            assert button not in said and mine in said
            assert {u["lang"] for u in spoken(page)} == {SPEECH[lang][0]}
            assert all(len(u["text"]) <= 180 for u in spoken(page))
            assert squeeze(said) == squeeze(page.evaluate(SHOWN_TEXT))
            page.reload()

        if area in ("health", "elderly", "culture"):
            tab.goto(f"/{lang}/life/{segment}/?q={WORD[lang]}&open=1")
            assert result_names(page) == [mine], "open now: only the entry open 24 hours"

        page.locator("#results .life-item h2 a", has_text=mine).click()
        tab.wait_for_path(f"/{lang}/life/{segment}/e2e-")
        assert page.locator("h1").inner_text().strip() == mine
        assert page.locator("#hours-h").count() == 1  # the live class's class times too
        tab.check(f"{area} entry ({mode})")
        if elder:
            said = read_page_aloud(page)
            assert mine in said and {u["lang"] for u in spoken(page)} == {SPEECH[lang][0]}
            hours_heading = page.locator("#hours-h")
            if hours_heading.count():  # said once: no hidden caption, no column header repeating it
                assert said.count(hours_heading.inner_text().strip()) == 1, said
            assert squeeze(said) == squeeze(page.evaluate(SHOWN_TEXT))
        tab.goto(f"/{lang}/life/")


def test_an_entry_of_another_area_or_unpublished_is_not_found(tab):
    found, _ = make_life_entries()
    tab.goto(f"/en/life/culture/{found['health'].slug}/", status=404)
    found["culture"].published = False
    found["culture"].save()
    tab.goto(f"/en/life/culture/{found['culture'].slug}/", status=404)
    tab.check("digital life entry not found")
