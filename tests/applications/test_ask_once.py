"""Ask once: what "Who is applying" asks (the applicant's name, the mobile number and the email
for updates) is reused by every later question with the same profile key (`full_name`,
`phone`, `email`, ...), for guests as for signed-in citizens; the check page shows it once."""

import re

import pytest

from tests.applications import fill_all, page1, start

pytestmark = pytest.mark.django_db

APPLICANT = {"who": "self", "applicant_name": "Zhang Wei", "contact_phone": "138 1234 5678"}


def answer_applicant(client, app, lang="en", **kw):
    data = {**APPLICANT, "contact_email": "guest@example.com", **kw}
    response = client.post(f"/{lang}/apply/{app.public_id}/applicant/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def inputs(body):
    return set(re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', body)) - {"csrfmiddlewaretoken"}


def test_a_guest_is_not_asked_their_name_mobile_and_email_twice(client, service):
    app = start(client, service)
    answer_applicant(client, app)
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert not {"full_name", "phone", "email"} & inputs(body), inputs(body)
    assert {"id_number", "address__district", "birth_date"} <= inputs(body)
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Wei"
    assert app.answers["phone"] == "13812345678" and app.answers["email"] == "guest@example.com"


def test_the_check_page_shows_the_applicant_once(client, service):
    app = start(client, service)
    fill_all(client, app)
    body = client.get(f"/en/apply/{app.public_id}/check/").content.decode()
    main = body.split("<main", 1)[1]
    assert main.count("Zhang Wei") == 1 and main.count("13812345678") == 1
    titles = re.findall(r"<h2[^>]*>([^<]+)</h2>", main)
    assert len(titles) == len(set(titles)), titles
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Wei" and app.answers["phone"] == "13812345678"


def test_a_change_on_the_applicant_page_reaches_the_reused_answers(client, service):
    app = start(client, service)
    fill_all(client, app)
    answer_applicant(client, app, applicant_name="Zhang Wei Min", contact_phone="13900001111")
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Wei Min" and app.answers["phone"] == "13900001111"


def test_someone_applying_for_a_parent_is_asked_the_parents_mobile(client, service):
    """The mobile and email for updates are the helper's; the form's own `phone` is the applicant's."""
    app = start(client, service)
    answer_applicant(
        client, app, who="other", applicant_name="Zhang Lao", helper_name="Zhang Wei", helper_relation="child"
    )
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert "phone" in inputs(body) and "full_name" not in inputs(body)
    app.refresh_from_db()
    assert app.answers["full_name"] == "Zhang Lao" and "phone" not in app.answers


def test_a_signed_in_citizen_is_not_asked_twice_either(client, service, django_user_model):
    user = django_user_model.objects.create_user("wei", password="pw-123456-long", first_name="Wei", last_name="Zhang")
    client.force_login(user)
    app = start(client, service)
    answer_applicant(client, app, contact_email="")
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert not {"full_name", "phone"} & inputs(body)
    # No email on the profile nor given on the applicant page: the form's email question is asked.
    assert "email" in inputs(body)
    assert client.post(f"/en/apply/{app.public_id}/page/1/", page1(email="w@example.com")).status_code == 302
    app.refresh_from_db()
    assert app.answers["email"] == "w@example.com" and app.answers["full_name"] == "Zhang Wei"


def test_in_chinese_the_applicant_page_and_the_first_question_page_have_different_headings(client, service):
    app = start(client, service)
    applicant = client.get(f"/zh-hans/apply/{app.public_id}/applicant/").content.decode()
    answer_applicant(client, app, lang="zh-hans")
    page = client.get(f"/zh-hans/apply/{app.public_id}/page/1/").content.decode()
    h1 = re.compile(r"<h1[^>]*>\s*([^<]+?)\s*</h1>")
    assert h1.search(applicant).group(1) != h1.search(page).group(1)
