"""The start page says each document's own file types (no general "PDF, JPG or PNG" that a
PDF-only document contradicts), and every list of drafts - "My applications" and the start page -
offers to delete each one through the confirmation page, whose "No" leads back where it came from."""

import re

import pytest

from services.applications.models import Application, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client, django_user_model):
    user = django_user_model.objects.create_user("c", email="c@example.com", password="pw-123456-long")
    client.force_login(user)
    return user


def material_items(body):
    """{document name: its list item's text} on the start page."""
    section = body.split("What you need", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    return {re.split(r" –| \(|<", item, maxsplit=1)[0].strip(): re.sub(r"<[^>]+>", " ", item) for item in items}


def test_the_start_page_says_each_documents_file_types(client, service):
    body = client.get("/en/services/permit/apply/").content.decode()
    assert "Files must be PDF, JPG or PNG" not in body
    items = material_items(body)
    assert "File types: PDF" in items["Tenancy agreement"] and "JPG" not in items["Tenancy agreement"]
    assert "File types: PDF, JPG or PNG" in items["Resident ID card"]
    assert "at most 10 MB" in body


def test_the_start_page_says_the_file_types_in_chinese(client, service):
    body = client.get("/zh-hans/services/permit/apply/").content.decode()
    assert "文件类型：PDF" in body
    assert "Files must be" not in body and "File types" not in body


def drafts_of(user, service, count):
    return [
        Application.objects.create(service=service, department=service.department, owner=user, language="en")
        for _ in range(count)
    ]


def test_my_applications_offers_to_delete_each_draft(client, citizen, service):
    drafts = drafts_of(citizen, service, 2)
    body = client.get("/en/applications/").content.decode()
    for draft in drafts:
        link = re.search(rf'<a href="/en/apply/{draft.public_id}/delete/\?from=mine"[^>]*>(.*?)</a>', body, re.S)
        assert link, f"no Delete link for draft {draft.public_id}"
        # Read out of context ("Delete", "Delete"...), each link says which draft it deletes.
        assert "Delete" in link.group(1) and "Residence permit" in link.group(1)
        assert 'class="visually-hidden"' in link.group(1)


def test_the_confirmation_from_my_applications_leads_back_there(client, citizen, service):
    draft, other = drafts_of(citizen, service, 2)
    page = client.get(f"/en/apply/{draft.public_id}/delete/?from=mine")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'href="/en/applications/"' in body and "No, keep it and go back" in body
    assert f'action="/en/apply/{draft.public_id}/delete/?from=mine"' in body
    assert Application.objects.filter(pk=draft.pk).exists(), "a GET deleted the draft"
    response = client.post(f"/en/apply/{draft.public_id}/delete/?from=mine", follow=True)
    assert response.redirect_chain[-1][0] == "/en/applications/"
    body = response.content.decode()
    assert "Your draft application for Residence permit has been deleted" in body
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert Application.objects.filter(pk=other.pk, status=Status.DRAFT).exists()
    assert f"/en/apply/{other.public_id}/delete/" in body and f"/en/apply/{draft.public_id}/" not in body


def test_the_start_page_offers_to_delete_each_draft_and_leads_back_there(client, citizen, service):
    (draft,) = drafts_of(citizen, service, 1)
    body = client.get("/en/services/permit/apply/").content.decode()
    assert f'href="/en/apply/{draft.public_id}/delete/?from=start"' in body
    confirm = client.get(f"/en/apply/{draft.public_id}/delete/?from=start").content.decode()
    assert 'href="/en/services/permit/apply/"' in confirm
    response = client.post(f"/en/apply/{draft.public_id}/delete/?from=start")
    assert response.status_code == 302 and response["Location"] == "/en/services/permit/apply/"


def test_without_a_known_origin_the_confirmation_leads_back_to_the_check_page(client, citizen, service):
    (draft,) = drafts_of(citizen, service, 1)
    for origin in ["", "?from=https://evil.example", "?from=x" * 500]:
        body = client.get(f"/en/apply/{draft.public_id}/delete/{origin}").content.decode()
        assert f'href="/en/apply/{draft.public_id}/check/"' in body, origin
        assert not re.search(r'(href|action)="https?://evil', body)
        assert f'action="/en/apply/{draft.public_id}/delete/"' in body


def test_the_delete_links_in_chinese(client, citizen, service):
    (draft,) = drafts_of(citizen, service, 1)
    mine = client.get("/zh-hans/applications/").content.decode()
    assert re.search(
        rf'href="/zh-hans/apply/{draft.public_id}/delete/\?from=mine">删除<span[^>]*>[^<]*“居住证”草稿', mine
    )
    start_page = client.get("/zh-hans/services/permit/apply/").content.decode()
    assert re.search(
        rf'href="/zh-hans/apply/{draft.public_id}/delete/\?from=start">删除<span[^>]*>[^<]*保存的草稿', start_page
    )
