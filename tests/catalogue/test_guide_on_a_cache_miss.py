"""A guide page that misses the page cache (a new query string such as a campaign tag, the
page cache's five minutes over, more guides than it holds) is cheap (issue 12, benchmark): each
web process keeps the guide's rendered content per language and renders only the page chrome
around it. What it keeps is renewed on any catalogue edit, like the page cache."""

import re

import pytest
from django.core.cache import cache

from services.lib.cache import forget_kept
from tests.makers import make_centre, make_department, make_event, make_faq, make_material, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    dept = make_department(slug="psb", name_zh="公安局", name_en="Public Security Bureau", phone="021-22223333")
    event = make_event(slug="moving-house", name_en="Moving house", name_zh="搬家")
    service = make_service(
        slug="residence-permit",
        department=dept,
        events=[event],
        name_zh="居住证办理",
        name_en="Residence permit",
        summary_en="Get a residence permit <quickly> & simply." + " More words." * 20,
        steps_en="Fill in the form\nCollect the permit",
        offers_online=True,
        offers_counter=True,
    )
    make_material(service, name_en="Resident ID card", e_certificate=True)
    make_faq(service, question_en="Can someone apply for me?", answer_en="Yes, with a signed authorisation.")
    make_centre(slug="huangpu-centre", services=[service])
    return service


def without_query(html, query):
    # The language switch and the elder-mode form point back to the address asked for.
    return html.replace("?" + query, "").replace("?" + query.replace("&", "&amp;"), "")


def test_a_guide_asked_for_with_a_new_query_string_takes_no_query(client, service, django_assert_max_num_queries):
    assert client.get("/en/services/residence-permit/").status_code == 200
    with django_assert_max_num_queries(0):
        response = client.get("/en/services/residence-permit/?utm_source=newsletter")
    assert response.status_code == 200 and "<h1>Residence permit</h1>" in response.content.decode()


def test_the_kept_guide_is_the_same_page_as_one_rendered_afresh(client, service):
    for language in ("en", "zh-hans"):
        for elder in (False, True):
            client.cookies.clear()
            if elder:
                client.cookies["elder"] = "1"
            forget_kept()
            cache.clear()
            fresh = client.get(f"/{language}/services/residence-permit/?a=1").content.decode()
            kept = client.get(f"/{language}/services/residence-permit/?b=2").content.decode()
            assert without_query(kept, "b=2") == without_query(fresh, "a=1")
            assert ('class="elder"' in kept) is elder
            assert 'href="/en/services/residence-permit/?b=2"' in kept or language == "en"


def test_the_kept_guide_keeps_the_title_description_and_breadcrumbs(client, service):
    client.get("/en/services/residence-permit/")
    body = client.get("/en/services/residence-permit/?x=1").content.decode()
    assert "<title>Residence permit – " in body
    description = re.search(r'<meta name="description" content="([^"]*)">', body).group(1)
    assert description.startswith("Get a residence permit &lt;quickly&gt; &amp; simply.") and description.endswith("…")
    assert 'href="/en/departments/psb/"' in body and '<span aria-current="page">Residence permit</span>' in body
    assert 'aria-current="page">All services</a>' in body  # the main navigation's current section


def test_an_edit_shows_at_once_on_a_kept_guide(client, service):
    client.get("/en/services/residence-permit/?x=1")
    service.name_en = "Residence permit (new rules)"
    service.save()
    assert "<h1>Residence permit (new rules)</h1>" in client.get("/en/services/residence-permit/?x=2").content.decode()
    service.materials.update(name_en="Passport")  # a queryset update sends no signal ...
    make_material(service, name_en="Tenancy agreement")  # ... but the next save does
    body = client.get("/en/services/residence-permit/?x=3").content.decode()
    assert "Tenancy agreement" in body and "Passport" in body


def test_an_unpublished_guide_is_not_served_from_what_was_kept(client, service):
    client.get("/en/services/residence-permit/?x=1")
    service.published = False
    service.save()
    assert client.get("/en/services/residence-permit/?x=2").status_code == 404


def test_a_guide_kept_for_one_language_is_not_shown_in_the_other(client, service):
    client.get("/en/services/residence-permit/?x=1")
    body = client.get("/zh-hans/services/residence-permit/?x=1").content.decode()
    assert "<h1>居住证办理</h1>" in body and "Residence permit" not in body


def test_a_signed_in_citizen_gets_the_kept_guide_with_their_own_header(client, service, django_user_model):
    client.get("/en/services/residence-permit/")
    user = django_user_model.objects.create_user(username="li", password="pw-12345-long")
    client.force_login(user)
    body = client.get("/en/services/residence-permit/").content.decode()
    assert "<h1>Residence permit</h1>" in body and "Sign out" in body and "My applications" in body


def test_a_guide_new_to_the_process_takes_four_queries(client, service, django_assert_max_num_queries):
    # The first page after a write also reads what is kept per process (the catalogue version,
    # the life events, which services have digital-life entries, the centres' counts, the
    # districts, the services' satisfaction and the insights version it is kept by); a guide
    # after that: its service, materials, FAQs and life events.
    with django_assert_max_num_queries(11):
        assert client.get("/en/services/residence-permit/").status_code == 200
    make_service(slug="passport", name_en="Passport")
    cache.clear()
    client.get("/en/services/residence-permit/")  # the write above renewed the kept tables
    with django_assert_max_num_queries(4):
        body = client.get("/en/services/passport/").content.decode()
    assert "<h1>Passport</h1>" in body
