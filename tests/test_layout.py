"""The base layout: language switch, elder mode, landmarks, error pages, health check."""

import pytest
from django.test import override_settings

from tests.makers import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return make_service(slug="permit", name_en="Residence permit", name_zh="居住证")


def test_every_page_has_skip_link_landmarks_and_one_h1(client, service):
    for url in [
        "/en/",
        "/en/services/",
        "/en/services/permit/",
        "/en/departments/",
        "/en/life-events/",
        "/en/centres/",
        "/en/services/nope/",
    ]:
        body = client.get(url).content.decode()
        assert 'class="skip-link" href="#main"' in body, url
        assert '<main id="main"' in body and "<header" in body and "<footer" in body and "<nav" in body, url
        assert body.count("<h1") == 1, url


def test_language_switch_links_to_the_same_page_in_the_other_language(client, service):
    body = client.get("/en/services/permit/?x=1").content.decode()
    assert 'id="lang-switch" href="/zh-hans/services/permit/?x=1"' in body
    body = client.get("/zh-hans/services/permit/").content.decode()
    assert 'id="lang-switch" href="/en/services/permit/"' in body


def test_interface_text_follows_the_language(client, service):
    assert "Skip to main content" in client.get("/en/").content.decode()
    assert "跳到主要内容" in client.get("/zh-hans/").content.decode()


def test_elder_mode_is_switched_on_remembered_and_switched_off(client, service):
    response = client.post("/prefs/elder/", {"on": "1", "next": "/en/services/permit/"})
    assert response.status_code == 302 and response["Location"] == "/en/services/permit/"
    assert response.cookies["elder"].value == "1" and response.cookies["elder"]["max-age"] >= 86400 * 365
    body = client.get("/en/services/permit/").content.decode()
    assert '<body class="elder"' in body and "Standard view" in body
    client.post("/prefs/elder/", {"on": "0", "next": "/en/"})
    assert '<body class="elder"' not in client.get("/en/").content.decode()


def test_a_get_of_the_elder_switch_never_changes_the_mode(client, service):
    response = client.get("/prefs/elder/", {"on": "1", "next": "/en/services/permit/"})
    assert response.status_code == 200 and "elder" not in response.cookies
    body = response.content.decode()
    assert '<html lang="en">' in body  # the language of the page it came from
    assert "Elder mode" in body and '<form method="post" action="/prefs/elder/"' in body
    assert '<input type="hidden" name="next" value="/en/services/permit/">' in body
    assert '<body class="elder"' not in client.get("/en/").content.decode()


def test_elder_toggle_is_a_post_form_returning_to_the_current_page(client, service):
    body = client.get("/en/services/permit/?x=1").content.decode()
    form = body[body.index('<form method="post" action="/prefs/elder/"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="next" value="/en/services/permit/?x=1">' in form
    assert '<input type="hidden" name="on" value="1">' in form
    assert 'id="elder-toggle"' in form and 'type="submit"' in form
    # No CSRF token in the anonymous chrome: the page is cached and served to everyone.
    assert "csrfmiddlewaretoken" not in form
    assert 'href="/prefs/elder/' not in body


def test_the_elder_switch_works_from_a_cached_page_with_csrf_checks_on(service):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/en/services/permit/")
    response = client.post("/prefs/elder/", {"on": "1", "next": "/en/services/permit/"})
    assert response.status_code == 302 and response.cookies["elder"].value == "1"


def test_a_cross_site_post_cannot_switch_elder_mode(client):
    response = client.post("/prefs/elder/", {"on": "1"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and "elder" not in response.cookies
    response = client.post("/prefs/elder/", {"on": "1"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403 and "elder" not in response.cookies
    same = client.post("/prefs/elder/", {"on": "1"}, headers={"Origin": "http://testserver"})
    assert same.status_code == 302


def test_elder_toggle_refuses_to_redirect_offsite(client):
    response = client.post("/prefs/elder/", {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    page = client.get("/prefs/elder/", {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in page


def test_favicon_is_served_with_a_long_cache(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=604800" in response["Cache-Control"]


def test_pages_link_the_icon(client, service):
    assert '<link rel="icon" href="/static/favicon.ico"' in client.get("/en/").content.decode()


def test_404_page_is_in_the_users_language(client):
    en = client.get("/en/services/nope/")
    zh = client.get("/zh-hans/services/nope/")
    assert en.status_code == zh.status_code == 404
    assert "Page not found" in en.content.decode()
    assert "找不到" in zh.content.decode()


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_500_page_is_friendly_and_in_the_users_language(client, monkeypatch):
    from services.catalogue import views

    def boom(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(views.Service.objects, "published", boom)
    client.raise_request_exception = False
    response = client.get("/en/services/x/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "database on fire" not in body
    zh = client.get("/zh-hans/services/x/")
    assert "抱歉" in zh.content.decode()


def test_healthz_is_plain_and_uncached(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_static_files_are_local_not_from_a_cdn(client, service):
    body = client.get("/en/").content.decode()
    assert "/static/js/htmx-2.0.11.min.js" in body and "://" not in body.split("<body")[0].replace(
        "http://www.w3.org", ""
    )
