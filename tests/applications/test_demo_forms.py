"""The demo forms (one for every demo service offered online), the demo citizen's applications
and the officers' demo caseload."""

import io
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from services.applications import formengine, lifecycle
from services.applications.flow import ECERT_KEY, Flow, material_key
from services.applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    FieldKind,
    FormField,
    FormPage,
    InfoRequest,
    MaterialCheck,
    Status,
)
from services.applications.references import is_valid_reference
from services.applications.uploads import accepted_types
from services.applications.workdays import add_working_days, today
from services.catalogue.models import Service
from services.demo.applications import CASELOAD, CASELOAD_DEPARTMENTS, CASELOAD_MARKER, DEMO_APPLICATIONS
from services.demo.catalogue import demo_services
from services.demo.forms import demo_answers, demo_form_definitions
from services.lib.validators import validate_mainland_mobile
from tests.makers import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.django_db

ONLINE_SLUGS = sorted(s["slug"] for s in demo_services() if s["offers_online"])
# Full runs through the apply flow: many pages, three-page forms, conditions on earlier pages
# (a whole page shown or skipped), on multiple choices and on compound fields, and uploads.
RUN_THROUGH = {
    "residence-permit": {},
    "newborn-registration": {},
    "startup-subsidy": {},
    "startup-subsidy#no-loan": {"wants_loan": "no"},
    "company-registration": {},
    "company-change-registration": {},
    "residence-permit-endorsement": {},
    "hpf-withdrawal-purchase": {},
    "tenancy-registration": {},
    "no-criminal-record-certificate": {},
    "iit-annual-reconciliation": {"new_evidence": "yes"},
    "road-transport-permit": {},
}


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def demo(demo_city, db):
    """The demo city, loaded once for this module (see tests/conftest.py)."""
    return demo_city


@pytest.fixture
def citizen(demo):
    return get_user_model().objects.get(username="citizen")


def online_services():
    return Service.objects.filter(slug__in=ONLINE_SLUGS, offers_online=True).prefetch_related("form_pages__fields")


def fields_of(service):
    return [f for p in service.form_pages.all() for f in p.fields.all()]


def as_querydict(data):
    qd = QueryDict(mutable=True)
    for key, value in data.items():
        qd.setlist(key, value if isinstance(value, list) else [value])
    return qd


def page_data(page, answers):
    """A question page's POST data, from stored-shape answers."""
    return formengine.answers_as_data(formengine.visible_fields(page, answers), answers)


def upload_for(material):
    if material is not None and "pdf" not in accepted_types(material.accepted_file_types):
        return SimpleUploadedFile("photo.png", PNG_BYTES, "image/png")
    return SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")


# --- The definitions ---------------------------------------------------------------------------


def test_every_demo_service_offered_online_has_a_sensible_bilingual_form(demo):
    services = list(online_services())
    assert len(services) == len(ONLINE_SLUGS) >= 40
    assert set(demo_form_definitions()) == set(ONLINE_SLUGS)
    for service in services:
        pages = list(service.form_pages.all())
        fields = fields_of(service)
        assert 1 <= len(pages) <= 3, service.slug
        assert 3 <= len(fields) <= 10, (service.slug, len(fields))
        assert [p.order for p in pages] == list(range(1, len(pages) + 1)), service.slug
        for page in pages:
            assert page.title_zh and page.title_en and page.fields.all(), (service.slug, page.order)
        for field in fields:
            assert field.label_zh and field.label_en, (service.slug, field.key)
            assert bool(field.hint_zh) == bool(field.hint_en), (service.slug, field.key)
            if field.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE):
                lines = [line.split("|") for line in field.choices.splitlines()]
                assert len(lines) >= 2 and all(len(parts) == 3 and all(parts) for parts in lines), field.key
            if field.min_length and field.max_length:
                assert field.min_length <= field.max_length, (service.slug, field.key)
            if field.min_value is not None and field.max_value is not None:
                assert field.min_value <= field.max_value, (service.slug, field.key)


def test_every_field_type_is_used_and_the_profile_keys_are_asked(demo):
    fields = FormField.objects.filter(page__service__slug__in=ONLINE_SLUGS)
    used = Counter(fields.values_list("kind", flat=True))
    assert set(used) == set(FieldKind.values), set(FieldKind.values) - set(used)
    keys = set(fields.values_list("key", flat=True))
    assert {"full_name", "id_number", "phone", "email", "address"} <= keys
    # A question using a profile key asks for what the profile holds.
    expected = {"id_number": FieldKind.ID_NUMBER, "phone": FieldKind.MOBILE, "email": FieldKind.EMAIL}
    expected |= {"address": FieldKind.ADDRESS, "full_name": FieldKind.TEXT}
    for key, kind in expected.items():
        assert set(fields.filter(key=key).values_list("kind", flat=True)) == {kind}, key


def test_keys_are_unique_slugs_within_each_service(demo):
    for service in online_services():
        keys = [f.key for f in fields_of(service)]
        duplicates = [k for k, n in Counter(keys).items() if n > 1]
        assert not duplicates, (service.slug, duplicates)
        assert all(k.replace("_", "").replace("-", "").isalnum() and k.isascii() for k in keys), service.slug


def test_conditional_questions_depend_on_an_earlier_question_of_the_same_service(demo):
    conditional = 0
    for service in online_services():
        asked = {}  # key -> field, in the order the questions are asked
        for page in service.form_pages.all():
            for field in page.fields.all():
                if field.condition_key:
                    conditional += 1
                    trigger = asked.get(field.condition_key)
                    assert trigger is not None, (service.slug, field.key, "condition on a later or unknown question")
                    assert trigger.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE, FieldKind.YESNO), field.key
                    values = ["yes", "no"] if trigger.kind == FieldKind.YESNO else [k for k, _ in trigger.options()]
                    assert field.condition_value in values, (service.slug, field.key, field.condition_value)
                    if trigger.page_id == page.pk:
                        # Shown from the start (no JavaScript needed): the form engine says when to
                        # answer ("Answer only if …"); the hint itself must not say it again.
                        assert formengine.condition_hint(field, list(page.fields.all())), field.key
                        assert not field.hint_en.startswith("Only") and not field.hint_zh.startswith("仅"), field.key
                asked[field.key] = field
    assert conditional >= 3


def test_file_questions_are_tied_to_a_material_of_their_own_service(demo):
    files = FormField.objects.filter(page__service__slug__in=ONLINE_SLUGS, kind=FieldKind.FILE)
    assert files.count() >= 2
    for field in files.select_related("page__service", "material"):
        assert field.material is not None, field.key
        assert field.material.service_id == field.page.service_id, field.key


def test_the_demo_answers_pass_every_demo_form(demo):
    """Validated page by page through the form engine, as the apply flow does on submit."""
    for service in online_services():
        answers = demo_answers(service)
        assert answers, service.slug
        for page in service.form_pages.all():
            if not formengine.visible_fields(page, answers):
                continue
            form = formengine.page_form(page, answers, data=as_querydict(page_data(page, answers)))
            assert form.is_valid(), (service.slug, page.order, form.errors.as_data())
            assert formengine.page_is_complete(page, answers), (service.slug, page.order)
            for key, value in form.answers().items():
                assert answers[key] == value, (service.slug, key, value)


def test_loading_the_demo_again_keeps_the_forms_and_their_versions(demo):
    def snapshot():
        fields = FormField.objects.filter(page__service__slug__in=ONLINE_SLUGS)
        pages = FormPage.objects.filter(service__slug__in=ONLINE_SLUGS)
        versions = {
            s.slug: formengine.form_version(list(s.form_pages.prefetch_related("fields"))) for s in online_services()
        }
        return (
            sorted(fields.values_list("pk", "page_id", "key", "order")),
            sorted(pages.values_list("pk", "service_id", "order")),
            versions,
            Application.objects.count(),
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before
    # load_demo replaces the materials: the upload questions follow the new rows.
    for field in FormField.objects.filter(kind=FieldKind.FILE, page__service__slug__in=ONLINE_SLUGS):
        assert field.material is not None and field.material.service_id == field.page.service_id


def test_a_changed_definition_is_put_back_without_renumbering_the_rest(demo):
    service = Service.objects.get(slug="residence-permit")
    employer = FormField.objects.get(page__service=service, key="employer")
    kept = set(FormField.objects.filter(page__service=service).values_list("pk", flat=True))
    FormField.objects.filter(pk=employer.pk).update(label_en="Changed in the admin", required=False)
    extra = FormField.objects.create(
        page=employer.page, key="pet", kind=FieldKind.TEXT, label_zh="宠物", label_en="Pet"
    )
    FormPage.objects.create(service=service, order=9, title_zh="多余", title_en="Extra")
    load_demo()
    employer.refresh_from_db()
    assert employer.label_en == "Employer's name" and employer.required
    assert not FormField.objects.filter(pk=extra.pk).exists()
    assert set(FormField.objects.filter(page__service=service).values_list("pk", flat=True)) == kept
    assert service.form_pages.count() == 2


# --- The demo citizen's applications --------------------------------------------------------


def test_the_demo_citizen_has_drafts_submitted_and_withdrawn_applications(citizen):
    apps = {a.service.slug: a for a in Application.objects.filter(owner=citizen).select_related("service")}
    assert set(apps) == {d.slug for d in DEMO_APPLICATIONS}
    statuses = Counter(a.status for a in apps.values())
    assert statuses == {Status.DRAFT: 2, Status.SUBMITTED: 3, Status.WITHDRAWN: 1}
    for app in apps.values():
        assert app.channel == "online" and app.language == "zh-hans"
        assert app.contact_email == "citizen@example.com" and app.contact_phone == "13800138000"
        assert app.department == app.service.department
        assert app.form_version == formengine.form_version(Flow(app).pages)
        if app.status == Status.DRAFT:
            assert app.reference is None and not app.events.exists()
            continue
        assert is_valid_reference(app.reference) and len(app.tracking_code) == 8 and app.acceptance_due
        assert Flow(app).incomplete_steps() == [], app.service.slug
    withdrawn = next(a for a in apps.values() if a.status == Status.WITHDRAWN)
    assert [e.to_status for e in withdrawn.events.all()] == [Status.SUBMITTED, Status.WITHDRAWN]
    assert withdrawn.events.last().note and withdrawn.closed_at
    helped = [a for a in apps.values() if a.on_behalf]
    assert len(helped) == 1 and helped[0].status == Status.SUBMITTED
    assert helped[0].helper_relation == "child" and helped[0].helper_name == "张伟"
    assert helped[0].applicant_name == "张桂兰" != citizen.get_full_name()
    assert helped[0].answers["id_number"]["number"] == "11010519491231002X"


def test_the_demo_drafts_resume_where_the_citizen_left_off(citizen, client):
    client.force_login(citizen)
    half = Application.objects.get(owner=citizen, service__slug="residence-permit")
    response = client.get(f"/en/apply/{half.public_id}/")
    assert response["Location"] == f"/en/apply/{half.public_id}/page/2/"
    ready = Application.objects.get(owner=citizen, service__slug="kindergarten-enrolment")
    response = client.get(f"/en/apply/{ready.public_id}/")
    assert response["Location"] == f"/en/apply/{ready.public_id}/documents/"
    body = client.get("/en/applications/").content.decode()
    for app in Application.objects.filter(owner=citizen).exclude(status=Status.DRAFT):
        assert app.reference in body
        assert client.get(f"/en/applications/{app.reference}/").status_code == 200


def test_loading_the_demo_again_adds_no_applications_and_keeps_their_documents(citizen):
    before = sorted(Application.objects.filter(owner=citizen).values_list("pk", "status", "reference"))
    load_demo()
    assert sorted(Application.objects.filter(owner=citizen).values_list("pk", "status", "reference")) == before
    for app in Application.objects.filter(owner=citizen).exclude(status=Status.DRAFT):
        flow = Flow(app)
        assert flow.material_problems() == {}, app.service.slug
        ecert = set(app.answers[ECERT_KEY])
        assert ecert <= {m.pk for m in flow.materials}
        for attachment in app.attachments.all():
            assert attachment.material and attachment.field_key == material_key(attachment.material)


# --- Through the web ---------------------------------------------------------------------------


def test_every_demo_form_renders_from_the_start_page_to_each_question_page(citizen, client):
    client.force_login(citizen)
    for service in online_services():
        base = f"/en/services/{service.slug}/apply/"
        assert client.get(base).status_code == 200, service.slug
        response = client.post(base)
        app = Application.objects.filter(owner=citizen, service=service).latest("pk")
        assert response["Location"] == f"/en/apply/{app.public_id}/applicant/", service.slug
        assert client.get(response["Location"]).status_code == 200
        # As started (profile answers only), then with every answer given, which shows the
        # pages and questions that depend on earlier answers.
        for answers in (app.answers, demo_answers(service)):
            app.answers = answers
            app.save(update_fields=["answers"])
            for number in range(1, len(Flow(app).visible_pages()) + 1):
                response = client.get(f"/en/apply/{app.public_id}/page/{number}/")
                assert response.status_code == 200, (service.slug, number)
                assert "Save and continue" in response.content.decode()


def run_through(client, citizen, service, overrides):
    """Apply online through every step with the demo answers; the submitted application."""
    answers = demo_answers(service, overrides)
    response = client.post(f"/en/services/{service.slug}/apply/")
    app = Application.objects.filter(owner=citizen, service=service).latest("pk")
    applicant = {"who": "self", "applicant_name": "张伟", "contact_phone": "13800138000", "contact_email": ""}
    response = client.post(response["Location"], applicant)
    assert response.status_code == 302
    location, asked = response["Location"], 0
    while "/page/" in location:
        asked += 1
        assert asked <= 3, location
        number = int(location.rstrip("/").rsplit("/", 1)[1])
        app.refresh_from_db()
        page = Flow(app).page(number)
        assert client.get(location).status_code == 200
        data = page_data(page, answers)
        for field in formengine.visible_fields(page, answers):
            if field.kind == FieldKind.FILE and formengine.condition_met(field, answers):
                data[field.key] = upload_for(field.material)
        response = client.post(location, data)
        assert response.status_code == 302, (service.slug, number, response.context["form"].errors)
        location = response["Location"]
    if location.endswith("/documents/"):
        data = {}
        for material in service.materials.filter(required=True):
            if material.e_certificate:
                data[f"ecert-{material.pk}"] = "1"
            else:
                data[material_key(material)] = upload_for(material)
        response = client.post(location, data)
        assert response.status_code == 302, (service.slug, response.context["errors"])
        location = response["Location"]
    assert location == f"/en/apply/{app.public_id}/check/", service.slug
    check = client.get(location)
    assert check.status_code == 200 and not check.context["missing"], (service.slug, check.context["missing"])
    response = client.post(f"/en/apply/{app.public_id}/submit/", {"idempotency_key": app.public_id, "confirm": "on"})
    app.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/en/applications/{app.reference}/submitted/"
    # Name, mobile and email given on "Who is applying" are not asked again (issue 8, point 4).
    given = app.answers.get(formengine.GIVEN_KEY, [])
    stored = {k: v for k, v in app.answers.items() if k not in (ECERT_KEY, formengine.GIVEN_KEY, *given)}
    assert stored == {k: v for k, v in answers.items() if k not in given}, service.slug
    return app


def test_a_full_valid_run_through_demo_forms_submits(citizen, client):
    client.force_login(citizen)
    for name, overrides in RUN_THROUGH.items():
        service = Service.objects.get(slug=name.split("#")[0])
        app = run_through(client, citizen, service, overrides)
        assert app.status == Status.SUBMITTED and is_valid_reference(app.reference), name
        uploads = {a.field_key for a in app.attachments.all()}
        for field in fields_of(service):
            if field.kind == FieldKind.FILE:
                assert (field.key in uploads) == formengine.condition_met(field, app.answers), (name, field.key)
    # The page that depends on an earlier answer was asked only when it applied.
    loans = Application.objects.filter(owner=citizen, service__slug="startup-subsidy").exclude(status=Status.DRAFT)
    assert sorted("loan_amount" in a.answers for a in loans) == [False, True]


# --- The officers' demo caseload --------------------------------------------------------------

PROCESSED = set(Status.values) - {Status.DRAFT}


def caseload():
    return Application.objects.filter(contact_email__startswith=CASELOAD_MARKER)


def test_each_caseload_department_has_cases_in_every_status(demo):
    by_department = defaultdict(list)
    for app in caseload().select_related("department", "service", "assignee"):
        by_department[app.department.slug].append(app)
    assert set(by_department) == set(CASELOAD_DEPARTMENTS) and len(by_department) >= 6 and "psb" in by_department
    assert len(by_department["psb"]) == len(CASELOAD)
    for slug, apps in by_department.items():
        assert 10 <= len(apps) <= 20, slug
        assert {a.status for a in apps} == PROCESSED, slug
        assert {a.assignee.username for a in apps if a.assignee} == {f"officer-{slug}"}, slug
        assert any(a.assignee is None for a in apps), slug
        channels = Counter(a.channel for a in apps)
        assert channels["online"] > len(apps) / 2, (slug, channels)
        assert len({a.service_id for a in apps}) >= 3, slug
        for app in apps:
            assert app.owner is None and app.service.department_id == app.department_id
            assert is_valid_reference(app.reference) and len(app.tracking_code) == 8
    apps = list(caseload())
    assert Counter(a.channel for a in apps).keys() == {"online", "counter", "post"}
    assert {a.language for a in apps} == {"zh-hans", "en"}
    assert {"李娜", "王强", "Chen Jie"} <= {a.applicant_name for a in apps}
    for app in apps:
        assert validate_mainland_mobile(app.contact_phone) == app.contact_phone
        assert app.contact_email.endswith("@example.com")
    assert MaterialCheck.objects.filter(application__in=caseload()).count() >= len(CASELOAD_DEPARTMENTS)


def test_the_caseload_answers_pass_the_forms_and_the_documents_are_complete(demo):
    for app in caseload().select_related("service"):
        flow = Flow(app)
        assert app.form_version == formengine.form_version(flow.pages)
        assert flow.incomplete_steps() == [], (app.service.slug, app.reference)
        for page in flow.pages:
            if not formengine.visible_fields(page, app.answers):
                continue
            form = formengine.page_form(page, app.answers, data=as_querydict(page_data(page, app.answers)))
            assert form.is_valid(), (app.service.slug, page.order, form.errors.as_data())
        if "full_name" in app.answers:
            assert app.answers["full_name"] == app.applicant_name


def test_every_status_change_of_the_caseload_is_a_recorded_event_in_the_past(demo):
    now, answered = timezone.now(), 0
    for app in caseload().select_related("service").prefetch_related("events", "info_requests"):
        events = list(app.events.all())
        changes = [e for e in events if e.kind == ApplicationEvent.Kind.STATUS]
        assert (changes[0].from_status, changes[0].to_status) == (Status.DRAFT, Status.SUBMITTED)
        for before, after in zip(changes, changes[1:], strict=False):
            assert after.from_status == before.to_status, app.reference
        assert changes[-1].to_status == app.status
        assert all(e.visible_to_citizen for e in changes)
        times = [e.at for e in events]
        assert times == sorted(times) and times[-1] <= now, app.reference
        assert app.created_at < app.submitted_at == changes[0].at
        assert app.acceptance_due >= add_working_days(app.submitted_at, lifecycle.ACCEPTANCE_WORKING_DAYS)
        accepted = [e.at for e in changes if e.to_status == Status.ACCEPTED]
        if accepted:
            assert app.accepted_at == accepted[0]
            assert app.decision_due >= add_working_days(app.accepted_at, app.service.promised_limit_days)
        assert app.priority == lifecycle.queue_priority(app)
        if app.status == Status.SUBMITTED:
            assert app.due_on == app.acceptance_due
        elif app.status in (Status.ACCEPTED, Status.IN_REVIEW):
            assert app.due_on == app.decision_due
        else:
            assert app.due_on is None
        requests = list(app.info_requests.all())
        if app.status == Status.INFO_REQUESTED:
            assert app.paused_at and app.resume_status and requests[0].answered_at is None
            assert 1 <= len(requests[0].items) <= 3
            assert all(item in changes[-1].note for item in requests[0].items)
        for request in requests:
            if request.answered_at:
                answered += 1
                assert request.requested_at < request.answered_at <= now and request.answer
                back = next(e for e in changes if e.from_status == Status.INFO_REQUESTED)
                assert back.to_status == app.status == Status.IN_REVIEW
        if app.status in (Status.REJECTED, Status.NOT_ACCEPTED, Status.COMPLETED, Status.WITHDRAWN):
            assert app.closed_at == changes[-1].at and changes[-1].note
        if app.status == Status.REJECTED:
            note = changes[-1].note
            assert ("行政复议" in note and "行政诉讼" in note) or ("reconsideration" in note and "lawsuit" in note)
            assert app.decided_at == changes[-1].at
    assert answered >= len(CASELOAD_DEPARTMENTS)


def test_an_officer_signing_in_sees_a_working_queue(demo, client):
    officer = get_user_model().objects.get(username="officer-psb")
    client.force_login(officer)
    queue = "/admin/applications/application/"

    def listed(**params):
        response = client.get(queue, params)
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    everything = listed()
    assert {a.department.slug for a in everything} == {"psb"}
    assert len({a.status for a in everything}) >= 6
    now = today()
    overdue = listed(due="overdue")
    assert overdue and all(a.due_on < now for a in overdue)
    assert {a.status for a in overdue} >= {Status.SUBMITTED, Status.ACCEPTED}
    assert everything[: len(overdue)] == overdue  # overdue first
    soon = listed(due="soon")
    assert soon and all(now <= a.due_on <= add_working_days(now, 2) for a in soon)
    assert listed(due="waiting") and listed(assigned="me") and listed(assigned="none")
    body = client.get(queue).content.decode()
    assert 'class="overdue"' in body and 'class="due-soon"' in body
    assert {a.applicant_name for a in listed(q="李娜")} == {"李娜"}
    assert {a.contact_phone for a in listed(q="139 1628 5731")} == {"13916285731"}
    # The case pages open, with their history, documents and material checks.
    for app in caseload().filter(department__slug="psb"):
        assert client.get(f"{queue}{app.pk}/change/").status_code == 200, app.reference
    # The department admin of psb sees the same queue.
    client.force_login(get_user_model().objects.get(username="deptadmin"))
    assert {a.pk for a in listed()} >= {a.pk for a in everything}


def test_loading_the_demo_again_adds_nothing_to_the_caseload(demo):
    def snapshot():
        apps = caseload()
        return {
            "applications": sorted(apps.values_list("pk", "status", "reference", "due_on", "priority", "assignee")),
            "events": ApplicationEvent.objects.filter(application__in=apps).count(),
            "requests": InfoRequest.objects.filter(application__in=apps).count(),
            "attachments": Attachment.objects.filter(application__in=apps).count(),
            "checks": sorted(
                MaterialCheck.objects.filter(application__in=apps).values_list(
                    "application", "material__order", "result", "checked_by", "checked_at"
                )
            ),
        }

    before = snapshot()
    assert before["checks"]
    load_demo()
    assert snapshot() == before
    # load_demo replaced the materials: documents, e-certificates and checks follow the new rows.
    for app in caseload().select_related("service"):
        flow = Flow(app)
        assert flow.material_problems() == {}, app.reference
        assert set(app.answers[ECERT_KEY]) <= {m.pk for m in flow.materials}
        for attachment in app.attachments.all():
            assert attachment.field_key.startswith("info-") or attachment.material in flow.materials
        for check in app.material_checks.all():
            assert check.material in flow.materials


def test_the_caseload_is_made_with_a_bounded_number_of_queries(demo):
    """Loading the demo stays quick: a few queries for each status change, none per date."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from services.demo.applications import load_demo_caseload

    steps = caseload().count() + ApplicationEvent.objects.filter(application__in=caseload()).count()
    caseload().delete()
    with CaptureQueriesContext(connection) as queries:
        counts = load_demo_caseload()
    assert counts["created"] == caseload().count() >= 6 * 10
    assert len(queries) < 8 * steps, (len(queries), steps)
