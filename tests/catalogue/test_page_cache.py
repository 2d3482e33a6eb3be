import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.catalogue.models import CatalogueVersion
from services.lib import cache as page_cache
from tests.makers import make_department, make_material, make_service

# Real commits: the catalogue version moves on commit (services/lib/cache.py), and these tests are
# about what the next request, or another process, sees once a change is committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service():
    return make_service(slug="permit", name_en="Residence permit", department=make_department(slug="psb"))


def queries(client, url, **kw):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kw)
    return response, len(ctx.captured_queries)


def test_second_anonymous_view_is_served_from_cache(client, service):
    first, n1 = queries(client, "/en/services/permit/")
    second, n2 = queries(client, "/en/services/permit/")
    assert n1 > 2 and n2 <= 1
    assert first.content == second.content


def test_editing_a_service_shows_at_once(client, service):
    client.get("/en/services/permit/")
    service.name_en = "Residence permit (new rules)"
    service.save()
    assert "Residence permit (new rules)" in client.get("/en/services/permit/").content.decode()


def test_editing_a_material_refreshes_the_guide(client, service):
    client.get("/en/services/permit/")
    make_material(service, name_en="Proof of address")
    assert "Proof of address" in client.get("/en/services/permit/").content.decode()


def test_other_processes_see_changes_once_their_memory_expires(client, service, settings):
    settings.CATALOGUE_VERSION_TTL = 0
    client.get("/en/services/permit/")
    # Another web process changed the catalogue: only the version row tells us.
    CatalogueVersion.objects.filter(pk=1).update(version=999)
    assert page_cache.current_version() == 999


def test_languages_and_elder_mode_are_cached_separately(client, service):
    assert '<html lang="en">' in client.get("/en/services/permit/").content.decode()
    assert '<html lang="zh-hans">' in client.get("/zh-hans/services/permit/").content.decode()
    client.cookies["elder"] = "1"
    assert 'class="elder"' in client.get("/en/services/permit/").content.decode()
    del client.cookies["elder"]
    assert 'class="elder"' not in client.get("/en/services/permit/").content.decode()


def test_htmx_fragment_and_full_page_are_cached_separately(client, service):
    assert "<html" in client.get("/en/services/", {"q": "permit"}).content.decode()
    fragment = client.get("/en/services/", {"q": "permit"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "<html" in client.get("/en/services/", {"q": "permit"}).content.decode()


def test_signed_in_users_are_never_served_a_cached_page(client, service, django_user_model):
    client.get("/en/services/permit/")
    user = django_user_model.objects.create_user("zhang", password="pw-123456-long", first_name="Zhang")
    client.force_login(user)
    response, n = queries(client, "/en/services/permit/")
    assert n >= 2 and "Sign out" in response.content.decode()  # their session and user; their own header


def test_responses_vary_on_htmx_and_cookies(client, service):
    response = client.get("/en/services/permit/")
    assert "HX-Request" in response["Vary"] and "Cookie" in response["Vary"]


def test_a_pending_message_is_never_hidden_by_a_cached_page(client, service):
    # A department page: a guide's content is kept apart from the page cache (catalogue.views._guide).
    client.get("/en/departments/psb/")
    client.cookies["messages"] = "pending"
    _, n = queries(client, "/en/departments/psb/")
    assert n > 1
