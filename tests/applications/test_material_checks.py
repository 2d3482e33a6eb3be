"""Material checks and the other choices on the officer's pages start empty: nothing is recorded
that the officer or clerk did not choose, and a form sent without a choice is refused with a
message that names what to choose, keeping what was typed (issue 8, point 9)."""

import re

import pytest

from services.applications import lifecycle
from services.applications.models import MaterialCheck, Status
from tests.makers import make_material, make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def case_page(client, app):
    return client.get(f"/admin/applications/application/{app.pk}/change/").content.decode()


def selected_options(body, select_id):
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', body, re.S)
    assert select, f"no select #{select_id}"
    return re.findall(r'<option value="([^"]*)"[^>]*\sselected', select.group(1))


def test_a_material_check_starts_empty_even_for_an_optional_material(client, world):
    optional = make_material(world["permit"], name_en="Marriage certificate", required=False)
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    body = case_page(client, app)
    assert selected_options(body, f"result-{optional.pk}") == [""]
    assert "Choose a result" in body


def test_a_recorded_check_shows_its_own_result(client, world):
    material = make_material(world["permit"], name_en="ID card")
    app = make_submitted(world["permit"])
    lifecycle.check_material(app, world["clerk"], material, MaterialCheck.Result.COPY_OK)
    client.force_login(world["clerk"])
    assert selected_options(case_page(client, app), f"result-{material.pk}") == ["copy_ok"]


def test_a_check_without_a_chosen_result_is_refused_and_the_note_is_kept(client, world):
    material = make_material(world["permit"], name_en="ID card")
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    response = client.post(
        f"/admin/applications/application/{app.pk}/check/",
        {"material": material.pk, "result": "", "note": "Seen at counter 3"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert not MaterialCheck.objects.exists()
    assert not app.events.filter(kind="material_check").exists()
    assert "Choose the result of the check of “ID card”." in body
    assert 'value="Seen at counter 3"' in body  # nothing typed is lost
    assert f'aria-describedby="result-{material.pk}-error"' in body


def test_a_check_of_a_material_of_another_service_is_refused(client, world):
    foreign = make_material(world["marriage"], name_en="Household register")
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    response = client.post(
        f"/admin/applications/application/{app.pk}/check/", {"material": foreign.pk, "result": "seen_original"}
    )
    assert response.status_code == 302
    assert not MaterialCheck.objects.exists()


def test_a_chosen_result_is_recorded(client, world):
    material = make_material(world["permit"], name_en="ID card")
    app = make_submitted(world["permit"])
    client.force_login(world["clerk"])
    response = client.post(
        f"/admin/applications/application/{app.pk}/check/",
        {"material": material.pk, "result": "missing", "note": "Not brought"},
    )
    assert response.status_code == 302
    check = MaterialCheck.objects.get()
    assert (check.result, check.note, check.checked_by) == ("missing", "Not brought", world["clerk"])


def test_how_the_result_was_handed_over_must_be_chosen(client, world):
    app = make_submitted(world["permit"])
    for step in ("accept", "start_review", "approve"):
        app = lifecycle.act(app, step, world["officer"])
    client.force_login(world["officer"])
    url = f"/admin/applications/application/{app.pk}/act/complete/"
    assert selected_options(client.get(url).content.decode(), "id_outcome") == [""]
    response = client.post(url, {"note": "At counter 2", "version": app.version})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose how the result was handed over." in body and "At counter 2" in body
    app.refresh_from_db()
    assert app.status == Status.APPROVED
    response = client.post(url, {"note": "", "outcome": "collected", "version": app.version})
    app.refresh_from_db()
    assert response.status_code == 302 and app.status == Status.COMPLETED
    assert app.events.last().note == "Collected in person."


def test_the_answer_to_correct_must_be_chosen(client, world):
    from services.applications.models import FormField, FormPage

    page = FormPage.objects.create(service=world["permit"], title_zh="页", title_en="Page")
    FormField.objects.create(page=page, key="employer", kind="text", label_zh="单位", label_en="Employer")
    app = make_submitted(world["permit"], answers={"employer": "Acme"})
    client.force_login(world["officer"])
    url = f"/admin/applications/application/{app.pk}/correct/"
    assert selected_options(client.get(url).content.decode(), "id_key") == [""]
    response = client.post(url, {"key": "", "value": "ACME Ltd", "reason": "Typo"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose the answer to correct." in body and 'value="ACME Ltd"' in body
    app.refresh_from_db()
    assert app.answers == {"employer": "Acme"}


def test_an_unassigned_case_shows_nobody_as_its_assignee(client, world):
    app = make_submitted(world["permit"])
    client.force_login(world["officer"])
    assert selected_options(case_page(client, app), "assignee") == [""]
    lifecycle.assign(app, world["officer"], world["colleague"])
    assert selected_options(case_page(client, app), "assignee") == [str(world["colleague"].pk)]
