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
