"""Drafts: saved at every step, resumed where they stopped, safe when the form changed, and a
guest's emailed link that expires."""

import re
import time

import pytest
from django.core import mail, signing

from services.applications.models import Application, FormField
from services.applications.views import RESUME_SALT
from tests.makers import VALID_PAGE_1, VALID_PAGE_2, make_department, make_district, make_form, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    make_district(slug="huangpu", name_en="Huangpu")
    service = make_service(
        slug="permit", name_en="Residence permit", department=make_department(slug="psb"), offers_online=True
    )
    make_form(service)
    return service


@pytest.fixture
def citizen(django_user_model):
    from services.catalogue.models import District

    return django_user_model.objects.create_user(
        "zhang",
        password="pw-123456-long",
        email="zhang@example.com",
        first_name="Wei",
        last_name="Zhang",
        phone="13800138000",
        id_number="11010519491231002X",
        address_district=District.objects.get(slug="huangpu"),
        address_street="1 Nanjing Road",
    )


def page1(**kw):
    return {**VALID_PAGE_1, "address__district": "huangpu", "address__street": "1 Nanjing Road", **kw}


def applicant(client, app, **kw):
    data = {
        "who": "self",
        "applicant_name": "Zhang Wei",
        "contact_phone": "13800138000",
        "contact_email": "zhang@example.com",
        **kw,
    }
    return client.post(f"/en/apply/{app.public_id}/applicant/", data)


def test_profile_prefills_applicant_and_matching_questions(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    assert app.applicant_name == "Wei Zhang" and app.contact_phone == "13800138000"
    assert app.answers["id_number"] == {"type": "resident_id", "number": "11010519491231002X"}
    assert app.answers["address"] == {"district": "huangpu", "street": "1 Nanjing Road"}
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert 'value="11010519491231002X"' in body and 'value="1 Nanjing Road"' in body


def test_signed_in_draft_is_saved_at_every_step_and_listed(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    applicant(client, app, applicant_name="Zhang Wei Jr")  # asked once: reused for full_name
    client.post(f"/en/apply/{app.public_id}/page/1/", page1())
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Wei Jr" and app.owner == citizen
    body = client.get("/en/applications/").content.decode()
    assert "Your drafts" in body and f"/en/apply/{app.public_id}/" in body


def test_resume_lands_on_the_first_unanswered_page(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    # The profile already says who is applying and how to reach them.
    assert client.get(f"/en/apply/{app.public_id}/")["Location"] == f"/en/apply/{app.public_id}/page/1/"
    client.post(f"/en/apply/{app.public_id}/applicant/", {"who": "self", "applicant_name": "", "contact_phone": ""})
    app.refresh_from_db()
    assert app.applicant_name == "Wei Zhang"  # an invalid step saves nothing
    applicant(client, app)
    assert client.get(f"/en/apply/{app.public_id}/")["Location"] == f"/en/apply/{app.public_id}/page/1/"
    client.post(f"/en/apply/{app.public_id}/page/1/", page1())
    assert client.get(f"/en/apply/{app.public_id}/")["Location"] == f"/en/apply/{app.public_id}/page/2/"
    client.post(f"/en/apply/{app.public_id}/page/2/", VALID_PAGE_2)
    assert client.get(f"/en/apply/{app.public_id}/")["Location"] == f"/en/apply/{app.public_id}/check/"


def test_draft_of_a_changed_form_keeps_matching_answers_and_asks_the_rest(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    applicant(client, app)
    client.post(f"/en/apply/{app.public_id}/page/1/", page1())
    client.post(f"/en/apply/{app.public_id}/page/2/", VALID_PAGE_2)
    # The department changes the form: a question renamed (new key) and a new required one.
    FormField.objects.filter(key="household").update(key="household_size")
    FormField.objects.create(
        page=service.form_pages.get(order=1),
        key="employer",
        kind="text",
        label_zh="工作单位",
        label_en="Employer",
        order=99,
    )
    response = client.get(f"/en/apply/{app.public_id}/", follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/apply/{app.public_id}/page/1/"
    assert "This form has changed since you started." in body
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Wei" and app.answers["reason"] == "new"
    assert "household" not in app.answers


def test_a_type_change_drops_the_old_answer(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    client.post(f"/en/apply/{app.public_id}/page/2/", {**VALID_PAGE_2, "needs": ["ramp"]})
    needs = FormField.objects.get(key="needs")
    needs.kind = "text"
    needs.save()  # as the admin does: the kept definition is renewed
    client.get(f"/en/apply/{app.public_id}/page/2/")
    app.refresh_from_db()
    assert "needs" not in app.answers and app.answers["reason"] == "new"


def test_guest_gets_an_emailed_link_that_resumes_in_another_browser(
    client, service, django_capture_on_commit_callbacks
):
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        applicant(client, app, contact_email="guest@example.com")
    resume_mails = [m for m in mail.outbox if "Continue your application" in m.subject]
    assert len(resume_mails) == 1 and resume_mails[0].to == ["guest@example.com"]
    assert resume_mails[0].alternatives
    link = re.search(r"http://\S+/apply/continue/\S+/", resume_mails[0].body).group(0)
    client.cookies.clear()
    assert client.get(f"/en/apply/{app.public_id}/applicant/").status_code == 404
    response = client.get("/" + link.split("/", 3)[3])  # the path after SITE_URL
    assert response.status_code == 302
    assert client.get(f"/en/apply/{app.public_id}/applicant/").status_code == 200


def test_guest_resume_link_expires(client, service, settings, monkeypatch):
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    days = settings.GUEST_RESUME_DAYS
    # The link as it was sent a second more than GUEST_RESUME_DAYS ago (a clock, not a sleep).
    sent = time.time() - days * 86400 - 1
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: sent)
        token = signing.dumps(str(app.public_id), salt=RESUME_SALT)
    client.cookies.clear()
    response = client.get(f"/en/apply/continue/{token}/")
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_forged_resume_link_is_404(client, service):
    assert client.get("/en/apply/continue/not-a-real-token/").status_code == 404


def test_resume_link_never_opens_an_account_holders_draft(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    client.logout()
    token = signing.dumps(str(app.public_id), salt=RESUME_SALT)
    assert client.get(f"/en/apply/continue/{token}/").status_code == 404


def test_start_page_offers_to_continue_an_existing_draft(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    body = client.get("/en/services/permit/apply/").content.decode()
    assert "You have a draft of this application" in body and "Start a new application" in body


def test_deleting_a_draft(client, service, citizen):
    client.force_login(citizen)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    response = client.post(f"/en/apply/{app.public_id}/delete/")
    assert response.status_code == 302 and not Application.objects.exists()
