"""Content-Security-Policy and Permissions-Policy on every response: public pages (strict: no
inline script or style, no eval), cached catalogue pages, error pages and the admin (its own
policy, which lets Django's admin keep its inline styles)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from portal import urls as portal_urls
from tests.makers import make_service

pytestmark = pytest.mark.django_db

STRICT = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
]


def directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def assert_strict(response):
    policy = directives(response)
    for directive in STRICT:
        assert directive in policy, (directive, policy)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def assert_permissions_policy(response):
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy, policy


@pytest.fixture
def service():
    return make_service(slug="permit", name_en="Residence permit", name_zh="居住证")


@pytest.mark.parametrize(
    "url", ["/en/", "/zh-hans/", "/en/services/", "/en/services/permit/", "/en/centres/", "/en/track/", "/prefs/elder/"]
)
def test_public_pages_carry_the_strict_policy_and_the_permissions_policy(client, service, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)
    assert_permissions_policy(response)


def test_a_cached_catalogue_page_carries_the_headers_too(client, service):
    first = client.get("/en/services/permit/")
    second = client.get("/en/services/permit/")
    assert first.content == second.content  # the second came from the page cache
    assert_strict(second)
    assert_permissions_policy(second)
    fragment = client.get("/en/services/", {"q": "permit"}, headers={"HX-Request": "true"})
    fragment = client.get("/en/services/", {"q": "permit"}, headers={"HX-Request": "true"})
    assert_strict(fragment)


def test_error_pages_carry_the_headers(client):
    for response in (client.get("/en/no-such-page/"), client.get("/en/services/", {"q": "x" * 5000})):
        assert response.status_code in (404, 414)
        assert_strict(response)
        assert_permissions_policy(response)


def test_the_server_error_page_carries_the_headers(client):
    def boom(request):
        raise RuntimeError("boom")

    urls = type("urls", (), {"urlpatterns": [path("boom/", boom)] + portal_urls.urlpatterns})
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=urls):
        response = client.get("/boom/")
    assert response.status_code == 500
    assert_strict(response)
    assert_permissions_policy(response)


def test_the_admin_has_its_own_policy_allowing_only_inline_styles(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert_permissions_policy(response)
    assert_permissions_policy(admin_client.get("/admin/login/"))


def test_public_templates_have_no_inline_script_style_or_event_handler(client, service):
    import re

    for url in ["/en/", "/en/services/", "/en/services/permit/", "/en/track/", "/en/account/login/"]:
        body = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert "<style" not in body and " style=" not in body, url
        assert not re.search(r"\son[a-z]+=", body), url


def test_htmx_is_told_not_to_inject_styles_nor_to_eval(client, service):
    body = client.get("/en/").content.decode()
    assert '<meta name="htmx-config"' in body
    assert '"includeIndicatorStyles":false' in body and '"allowEval":false' in body


def test_a_permission_denied_still_carries_the_headers(client):
    def refuse(request):
        raise PermissionDenied

    urls = type("urls", (), {"urlpatterns": [path("refuse/", refuse)] + portal_urls.urlpatterns})
    with override_settings(ROOT_URLCONF=urls):
        response = client.get("/refuse/")
    assert response.status_code == 403
    assert_permissions_policy(response)
    assert_strict(response)
