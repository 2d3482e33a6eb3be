"""Reference data kept per process (services.lib.cache.kept): form definitions,
districts, the calendar. An edit in this process counts at once; an edit by another process
counts once the catalogue version is read again (CATALOGUE_VERSION_TTL)."""

import pytest

from services.applications import definitions
from services.applications.models import Application, FormField
from services.catalogue.models import CatalogueVersion
from services.lib.cache import current_version
from tests.makers import VALID_PAGE_1, make_department, make_district, make_form, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    make_district(slug="huangpu", name_en="Huangpu")
    service = make_service(slug="permit", department=make_department(slug="psb"), offers_online=True)
    make_form(service)
    return service


def test_a_definition_is_read_once_then_kept(service, django_assert_max_num_queries):
    first = definitions.for_service(service.pk)
    with django_assert_max_num_queries(0):
        assert definitions.for_service(service.pk) is first
    assert [f.key for f in first.pages[0].fields.all()][:2] == ["full_name", "id_number"]


def test_a_question_added_in_this_process_is_asked_at_once(client, service):
    app = Application.objects.create(service=service, department=service.department, language="en")
    session = client.session
    session["guest_applications"] = [str(app.public_id)]
    session.save()
    assert "Nickname" not in client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    page = service.form_pages.get(order=1)
    FormField.objects.create(page=page, key="nickname", kind="text", order=99, label_en="Nickname", label_zh="昵称")
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert "Nickname" in body and "This form has changed since you started" in body


def test_an_edit_by_another_process_counts_after_the_version_is_read_again(service, settings):
    settings.CATALOGUE_VERSION_TTL = 3600
    first = definitions.for_service(service.pk)
    current_version()
    # Another process saved a form: it bumped the version row (no signal reaches this process).
    CatalogueVersion.objects.update_or_create(pk=1, defaults={"version": current_version() + 1})
    assert definitions.for_service(service.pk) is first  # within the TTL
    settings.CATALOGUE_VERSION_TTL = 0
    assert definitions.for_service(service.pk) is not first


def test_district_choices_follow_the_district_table(client, service):
    make_district(slug="jiangxin", name_en="Jiangxin")
    names = [d.slug for d in definitions.districts()]
    assert names.count("huangpu") == 1 and "jiangxin" in names


def test_an_address_answer_still_stores_the_district_slug(service, english):
    from services.applications import formengine

    page = definitions.for_service(service.pk).pages[0]
    data = {**VALID_PAGE_1, "address__district": "huangpu", "address__street": "1 Nanjing Road"}
    form = formengine.page_form(page, {}, data=data)
    assert form.is_valid(), form.errors
    assert form.answers()["address"] == {"district": "huangpu", "street": "1 Nanjing Road"}
    bad = formengine.page_form(page, {}, data={**data, "address__district": "atlantis"})
    assert not bad.is_valid()
    assert bad.errors["address"] == ["Choose a district from the list: Home address"]
    from django.utils import translation

    with translation.override("zh-hans"):
        chinese = formengine.page_form(page, {}, data={**data, "address__district": "atlantis"})
        assert chinese.errors["address"] == ["请从列表中选择区：Home address"]


def test_a_draft_never_goes_back_to_an_older_form_this_process_still_keeps(client, service):
    """Within CATALOGUE_VERSION_TTL of an edit made by another process, this process keeps the
    old definition while a draft already carries the new one: the draft wins, nothing is lost."""
    from services.applications.models import FormPage

    old = definitions.for_service(service.pk)
    page = FormPage.objects.get(service=service, order=1)
    # The other process's edit: no signal reaches this process.
    FormField.objects.bulk_create(
        [FormField(page=page, key="nickname", kind="text", order=99, label_en="Nickname", label_zh="昵称")]
    )
    newer = definitions.Definition(service.pk).version
    app = Application.objects.create(
        service=service, department=service.department, language="en", form_version=newer, answers={"nickname": "Wei"}
    )
    session = client.session
    session["guest_applications"] = [str(app.public_id)]
    session.save()
    body = client.get(f"/en/apply/{app.public_id}/page/1/").content.decode()
    assert "Nickname" in body and 'value="Wei"' in body
    assert "This form has changed" not in body
    app.refresh_from_db()
    assert app.form_version == newer and app.answers == {"nickname": "Wei"}
    assert definitions.for_service(service.pk) is not old


def test_kept_data_read_in_a_rolled_back_transaction_is_not_kept():
    import datetime

    from django.db import transaction

    from services.applications.models import CalendarDay
    from services.applications.workdays import add_working_days

    monday = datetime.date(2026, 12, 7)
    assert add_working_days(monday, 1) == datetime.date(2026, 12, 8)
    try:
        with transaction.atomic():
            CalendarDay.objects.create(
                date=datetime.date(2026, 12, 8), kind=CalendarDay.Kind.HOLIDAY, name_zh="测试", name_en="Test"
            )
            assert add_working_days(monday, 1) == datetime.date(2026, 12, 9)
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert add_working_days(monday, 1) == datetime.date(2026, 12, 8)


def test_a_draft_on_another_form_version_reads_the_definition_once_per_request(service, monkeypatch):
    from services.lib.cache import forget_kept

    made = []
    real = definitions.Definition
    monkeypatch.setattr(definitions, "Definition", lambda service_id: made.append(service_id) or real(service_id))
    forget_kept()
    definitions.for_service(service.pk, seen_version="0123456789abcdef")  # nothing kept: read once
    assert made == [service.pk]
    definitions.for_service(service.pk, seen_version="0123456789abcdef")  # kept, but not what the draft saw
    assert made == [service.pk, service.pk]
    definitions.for_service(service.pk)
    definitions.for_service(service.pk, seen_version=definitions.for_service(service.pk).version)
    assert len(made) == 2
