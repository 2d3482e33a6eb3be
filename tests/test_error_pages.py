"""The portal's own error pages, in the visitor's language, for every error a citizen can meet:
a failed CSRF check (an expired form, cookies off), a refused permission, and an over-long
address (a long search) - never Django's or gunicorn's bare pages."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

from portal import urls as portal_urls
from tests.makers import make_service

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_a_form_sent_without_its_csrf_cookie_gets_the_portals_page_in_english(csrf_client):
    response = csrf_client.post("/en/track/", {"reference": "HP26K7M2X9QDA", "code": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "DEBUG" not in body and "CSRF verification failed" not in body
    assert '<main id="main"' in body and body.count("<h1") == 1
    assert "Your form could not be sent" in body
    assert "reload" in body.lower()
    assert "cookies" in body.lower()


def test_the_csrf_page_is_in_chinese_on_chinese_pages(csrf_client):
    response = csrf_client.post("/zh-hans/track/", {"reference": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    assert "表单未能提交" in body and "Cookie" in body


def test_an_expired_token_gets_the_portals_page_without_the_cookie_advice(csrf_client):
    csrf_client.get("/en/track/")  # sets the CSRF cookie
    response = csrf_client.post("/en/track/", {"csrfmiddlewaretoken": "x" * 64, "reference": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    assert "turn cookies on" not in body.lower()


def test_a_permission_refused_gets_the_portals_403_page(client):
    def refuse(request):
        raise PermissionDenied

    urls = type("urls", (), {"urlpatterns": portal_urls.urlpatterns + [path("en/refuse/", refuse)]})
    with override_settings(ROOT_URLCONF=urls):
        response = client.get("/en/refuse/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot see this page" in body and '<main id="main"' in body


def test_a_very_long_search_gets_the_portals_414_page_asking_to_shorten_it(client):
    response = client.get("/en/services/", {"q": "permit " * 1000})
    assert response.status_code == 414
    body = response.content.decode()
    assert "shorten your search" in body.lower()
    assert body.count("<h1") == 1 and '<main id="main"' in body
    # the address is not echoed back, not even in the switches; only the search box holds the
    # first MAX_QUERY_LENGTH characters of the search
    assert "permit+permit" not in body and "permit%20permit" not in body
    box = re.search(r'<input type="search" id="q" name="q" value="([^"]*)"', body)
    assert len(box.group(1)) <= 100
    assert "permit permit" not in body.replace(box.group(0), "")


def test_the_414_page_is_in_chinese_too(client):
    response = client.get("/zh-hans/services/", {"q": "居住证" * 1000})
    assert response.status_code == 414
    assert "缩短" in response.content.decode()


def test_an_overlong_address_without_a_query_gets_the_414_page(client):
    response = client.get("/en/" + "a" * 5000 + "/")
    assert response.status_code == 414


def test_a_search_longer_than_the_box_allows_is_shortened_and_says_so(client):
    make_service(slug="permit", name_en="Residence permit", name_zh="居住证")
    response = client.get("/en/services/", {"q": "permit" + " x" * 200})
    assert response.status_code == 200
    body = response.content.decode()
    assert "only the first 100 characters were used" in body.lower()
    fragment = client.get("/en/services/", {"q": "permit" + " x" * 200}, headers={"HX-Request": "true"})
    assert "only the first 100 characters were used" in fragment.content.decode().lower()


def test_the_search_boxes_have_a_maxlength(client):
    make_service(slug="permit")
    for url in ("/en/", "/en/services/"):
        body = client.get(url).content.decode()
        assert re.search(r'<input type="search" id="q" name="q"[^>]*maxlength="100"', body), url


def test_make_run_lets_long_searches_reach_django():
    makefile = (ROOT / "Makefile").read_text()
    assert "--limit-request-line 8190" in makefile
    # gunicorn accepts it (0-8190 in gunicorn 27).
    result = subprocess.run(
        [str(ROOT / ".venv/bin/gunicorn"), "--limit-request-line", "8190", "--check-config", "portal.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_the_elder_mode_page_explains_and_shows_a_post_form(client):
    response = client.get("/prefs/elder/", {"next": "/en/services/"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<form method="post" action="/prefs/elder/"' in body
    assert "elder" not in response.cookies
    assert body.count("<h1") == 1
