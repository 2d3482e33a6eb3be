"""Read aloud in elder mode (issue 11, point 7): the "Read this page" button and its script are
in every page in elder mode, hidden until static/js/readaloud.js finds the browser's own speech
synthesis; no button and no script in the standard view. The browser side (what is spoken,
pause and stop, a browser without speech) is tested in tests/e2e/test_life_pages.py."""

import re
from pathlib import Path

import pytest

from tests.makers import make_service

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parent.parent / "static" / "js" / "readaloud.js"


@pytest.fixture
def service():
    return make_service(slug="permit", name_en="Residence permit", name_zh="居住证")


def elder(client):
    client.cookies["elder"] = "1"
    return client


def read_aloud(body):
    match = re.search(r'<div class="read-aloud"[^>]*>', body)
    return match.group(0) if match else None


@pytest.mark.parametrize("url", ["/en/", "/en/services/", "/en/services/permit/", "/zh-hans/centres/"])
def test_every_page_in_elder_mode_has_the_button_hidden_until_the_script_finds_speech(client, service, url):
    body = elder(client).get(url).content.decode()
    container = read_aloud(body)
    assert container is not None, url
    assert " hidden" in container and 'data-lang="' in container
    assert '<button type="button" class="read-aloud-toggle"' in body
    assert 'src="/static/js/readaloud.js" defer' in body


def test_the_standard_view_has_no_button_and_no_script(client, service):
    for url in ["/en/", "/en/services/permit/"]:
        body = client.get(url).content.decode()
        assert read_aloud(body) is None and "readaloud.js" not in body, url


def test_the_button_and_its_states_are_in_the_page_language(client, service):
    body = elder(client).get("/zh-hans/services/permit/").content.decode()
    assert 'data-lang="zh-CN"' in read_aloud(body)
    assert "朗读本页" in body and "暂停朗读" in body and "继续朗读" in body and "停止朗读" in body
    body = elder(client).get("/en/services/permit/").content.decode()
    assert 'data-lang="en"' in read_aloud(body)
    assert "Read this page" in body and "Pause reading" in body and "Stop reading" in body


def test_the_button_sits_inside_main_and_the_status_is_a_live_region(client, service):
    body = elder(client).get("/en/services/permit/").content.decode()
    main = body[body.index('<main id="main"') : body.index("</main>")]
    assert read_aloud(main) is not None
    assert 'class="read-aloud-status visually-hidden" role="status"' in main


def test_the_script_is_our_own_file_and_reaches_no_network():
    source = SCRIPT.read_text()
    for word in ("fetch(", "XMLHttpRequest", "http://", "https://", "eval(", "new Function", "innerHTML"):
        assert word not in source, word
    assert "speechSynthesis" in source and "SpeechSynthesisUtterance" in source


# What is read and how it is cut (static/js/readaloud.js's collect and chunksOf), run under Node
# over a small stand-in for the DOM: each element has a tag, attributes and a computed display.
NODE_DOM = r"""
const inline = new Set(["A", "SPAN", "STRONG", "EM", "TIME", "ABBR", "IMG"]);
function el(tag, attrs, ...children) {
  attrs = attrs || {};
  const node = {
    nodeType: 1, tagName: tag.toUpperCase(), hidden: "hidden" in attrs,
    style: { display: attrs.display || (inline.has(tag.toUpperCase()) ? "inline" : "block"), visibility: "visible" },
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    classList: { contains: (c) => (attrs.class || "").split(" ").includes(c) },
    childNodes: children.map((c) => (typeof c === "string" ? { nodeType: 3, nodeValue: c } : c)),
  };
  node.childNodes.forEach((c, i) => { c.nextSibling = node.childNodes[i + 1] || null; });
  node.firstChild = node.childNodes[0] || null;
  Object.defineProperty(node, "textContent", {
    get: () => node.childNodes.map((c) => (c.nodeType === 3 ? c.nodeValue : c.textContent)).join(""),
  });
  return node;
}
global.window = { getComputedStyle: (e) => e.style };
global.document = { readyState: "complete", createTextNode: (t) => ({ nodeType: 3, nodeValue: t }),
  getElementById: () => null, querySelector: () => null, addEventListener: () => {} };
global.module = { exports: {} };
"""


def run_script(body):
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    program = NODE_DOM + SCRIPT.read_text() + "\nconst {collect, chunksOf} = module.exports;\n" + body
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


def test_read_aloud_skips_visually_hidden_text_filter_forms_labels_buttons_and_a_caption_repeating_the_heading():
    texts = run_script(
        r"""
const main = el("main", {},
  el("h1", {}, "Museum of the River"),
  el("form", {role: "search", method: "get"}, el("label", {}, "District"), el("button", {}, "Apply filters"),
     el("a", {href: "?"}, "Clear")),
  el("form", {method: "post"}, el("p", {}, "Tell us what you need."), el("label", {}, "Your name"),
     el("button", {}, "Send")),
  el("h2", {}, "Opening hours"),
  el("table", {},
    el("caption", {class: "visually-hidden"}, "Opening hours"),
    el("caption", {}, "Opening hours"),
    el("tr", {}, el("th", {}, "Days"), el("td", {}, "09:00–17:00"))),
  el("p", {}, "Free entry", el("span", {class: "visually-hidden"}, " (opens in a new window)")),
  el("table", {}, el("caption", {}, "Prices for groups"), el("tr", {}, el("td", {}, "10 yuan"))));
console.log(JSON.stringify(collect(main, null, "en").map((b) => b.text)));
"""
    )
    assert texts == [
        "Museum of the River",
        "Tell us what you need.",
        "Opening hours",
        "Days",
        "09:00–17:00",
        "Free entry",
        "Prices for groups",
        "10 yuan",
    ]


def test_read_aloud_cuts_a_long_row_of_items_between_items_and_reads_the_dots_as_pauses():
    subjects = [
        "Mathematics (12)",
        "Chinese (9)",
        "English (8)",
        "Physical education and health (3)",
        "Music (4)",
        "Fine arts (5)",
        "Information technology (6)",
        "Calligraphy (7)",
        "History and society (2)",
        "Science (11)",
    ]
    row = "By subject: " + " · ".join(subjects)
    chunks = run_script(f"console.log(JSON.stringify(chunksOf({row!r}, 'en')));")
    assert len(chunks) > 1 and all(len(c) <= 180 for c in chunks)
    assert "·" not in "".join(chunks) and "Mathematics (12), Chinese (9)" in chunks[0]
    for subject in subjects:
        assert any(subject in chunk for chunk in chunks), f"{subject} was cut in two: {chunks}"
    zh = run_script("console.log(JSON.stringify(chunksOf('养老院 · 江心区', 'zh-CN')));")
    assert zh == ["养老院，江心区"]
