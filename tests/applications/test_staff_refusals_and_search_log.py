"""Issue 8, point 20: the forms of the next steps are refused when they are asked for (GET) by
someone who may not take the step - not only when sent - and every search of the queue is in
the access log, without more personal data than the auditor needs."""

from urllib.parse import unquote

import pytest

from services.applications.models import AccessLog
from tests.makers import make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

STEPS = ["accept", "refuse", "start_review", "request_info", "approve", "reject", "complete"]


@pytest.mark.parametrize("who", ["clerk", "deptadmin", "supervisor"])
@pytest.mark.parametrize("step", [*STEPS, "correct"])
def test_a_role_that_may_not_process_is_refused_the_form(client, world, who, step):
    app = make_submitted(world["permit"])
    client.force_login(world[who])
    url = f"/admin/applications/application/{app.pk}/" + ("correct/" if step == "correct" else f"act/{step}/")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/applications/application/{app.pk}/change/"
    body = client.get(response["Location"]).content.decode()
    assert "You may not process applications of this department." in body
    assert 'name="internal_note"' not in body


def test_a_step_not_possible_in_the_current_status_is_refused_at_the_form(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    response = client.get(f"/admin/applications/application/{app.pk}/act/approve/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/applications/application/{app.pk}/change/"
    assert "“Approve” is not possible while the application is “Submitted”." in response.content.decode()


def test_an_officer_still_gets_the_form_of_an_allowed_step(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    response = client.get(f"/admin/applications/application/{app.pk}/act/accept/")
    assert response.status_code == 200 and 'name="internal_note"' in response.content.decode()


def test_other_departments_still_get_not_found(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["other_officer"])
    assert client.get(f"/admin/applications/application/{app.pk}/act/accept/").status_code == 404


def search(client, q):
    return client.get("/admin/applications/application/", {"q": q})


def test_a_search_by_mobile_number_is_logged_without_the_number(client, world):
    app = make_submitted(world["permit"], applicant_name="Li Lei", contact_phone="13911112222")
    client.force_login(world["officer"])
    response = search(client, "139 1111 2222")
    assert [a.reference for a in response.context["cl"].result_list] == [app.reference]
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert entry.user == world["officer"] and entry.application == app
    assert "mobile number" in entry.detail and "139****2222" in entry.detail and "1 result" in entry.detail
    assert "13911112222" not in entry.detail


def test_a_search_by_name_is_logged_with_the_name_masked(client, world):
    make_submitted(world["permit"], applicant_name="Han Meimei")
    make_submitted(world["permit"], applicant_name="Han Meimei")
    client.force_login(world["officer"])
    search(client, "Han Meimei")
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert "name" in entry.detail and "H** M*****" in entry.detail and "2 results" in entry.detail
    assert "Meimei" not in entry.detail
    assert entry.application is None  # several matches: the detail says how many


def test_a_search_by_reference_is_logged_with_the_reference(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    search(client, app.reference.lower())
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert app.reference in entry.detail and entry.application == app


def test_a_search_that_finds_nothing_is_logged_too(client, world):
    client.force_login(world["officer"])
    search(client, "张三")
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert "张*" in entry.detail and "0 results" in entry.detail


def test_browsing_the_queue_without_a_search_is_not_logged(client, world):
    make_submitted(world["permit"])
    client.force_login(world["officer"])
    client.get("/admin/applications/application/", {"status": "submitted"})
    assert not AccessLog.objects.filter(action=AccessLog.Action.SEARCH).exists()


def test_an_export_of_a_search_logs_the_search_masked(client, world):
    make_submitted(world["permit"], contact_phone="13911112222")
    client.force_login(world["officer"])
    response = client.get("/admin/applications/application/export/", {"q": "13911112222"})
    b"".join(response.streaming_content)
    detail = unquote(AccessLog.objects.get(action=AccessLog.Action.EXPORT).detail)
    assert "13911112222" not in detail and "q=139****2222" in detail


def test_a_searched_queue_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    for _ in range(30):
        make_submitted(world["permit"], applicant_name="Li Lei")
    client.force_login(world["officer"])
    with django_assert_max_num_queries(15):
        response = search(client, "Li Lei")
    assert len(response.context["cl"].result_list) == 30


def test_the_supervisor_reads_searches_in_the_access_log(client, world):
    make_submitted(world["permit"], contact_phone="13911112222")
    client.force_login(world["officer"])
    search(client, "13911112222")
    client.force_login(world["supervisor"])
    body = client.get("/admin/applications/accesslog/", {"action": "search"}).content.decode()
    assert "139****2222" in body and "Searched the queue" in body
