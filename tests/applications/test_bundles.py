"""Bundles ("one thing, done once"): the bundle's page and what it saves, the combined form
(shared questions once, each service's own, one documents page, one check page), the fan-out
into one application per service in one transaction, one confirmation, one tracking page."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications import access, bundles, lifecycle
from services.applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    Bundle,
    BundlePart,
    BundleSubmission,
    FormField,
    FormPage,
    Status,
)
from services.catalogue.models import Service
from tests.makers import PDF_BYTES, make_department, make_event, make_material, make_service, make_staff

pytestmark = pytest.mark.django_db


def _field(page, key, kind="text", order=0, **extra):
    extra.setdefault("label_en", key.replace("_", " ").capitalize())
    extra.setdefault("label_zh", extra["label_en"])
    return FormField.objects.create(page=page, key=key, kind=kind, order=order, **extra)


@pytest.fixture
def baby():
    """Having a baby: a birth certificate (Health), the newborn's registration (Police) and
    medical insurance (Medical Insurance). The baby's name and date of birth are asked by all
    three (Police allows at most 20 characters for the name); the ID card is needed by two,
    the hukou booklet by two."""
    event = make_event("having-a-baby", name_en="Having a baby", name_zh="生育")
    health = make_department("health", name_en="Health Commission")
    police = make_department("police", name_en="Public Security Bureau")
    medins = make_department("medins", name_en="Medical Insurance Bureau")
    cert = make_service("birth-cert", health, [event], name_en="Birth certificate", counter_visits=1)
    reg = make_service("newborn-reg", police, [event], name_en="Newborn registration", counter_visits=1)
    ins = make_service("newborn-ins", medins, [event], name_en="Newborn insurance", counter_visits=0)
    p = FormPage.objects.create(service=cert, order=1, title_en="About the baby", title_zh="宝宝的信息")
    _field(p, "baby_name", max_length=50)
    _field(p, "baby_birth_date", "date", 1, date_rule="past")
    _field(p, "hospital", order=2)
    _field(p, "full_name", order=3)
    p = FormPage.objects.create(service=reg, order=1, title_en="The registration", title_zh="落户")
    _field(p, "baby_name", max_length=20)
    _field(p, "baby_birth_date", "date", 1, date_rule="past")
    _field(p, "register_with", "choice", 2, choices="mother|随母|With the mother\nfather|随父|With the father")
    p = FormPage.objects.create(service=ins, order=1, title_en="Insurance", title_zh="参保")
    _field(p, "baby_name")
    _field(p, "insured_type", "choice", 1, choices="resident|居民|Resident\nstudent|学生|Student")
    make_material(cert, name_zh="居民身份证", name_en="Resident ID card", e_certificate=True)
    make_material(cert, name_zh="出生登记表", name_en="Birth form", accepted_file_types="pdf", order=1)
    make_material(reg, name_zh="居民身份证", name_en="Resident ID card", e_certificate=True)
    make_material(reg, name_zh="居民户口簿", name_en="Hukou booklet", order=1)
    make_material(ins, name_zh=" 居民户口簿 ", name_en="Household booklet")
    bundle = Bundle.objects.create(
        slug="baby", name_zh="出生一件事", name_en="Having a baby, done once", life_event=event, published=True
    )
    for order, service in enumerate([cert, reg, ins]):
        BundlePart.objects.create(bundle=bundle, service=service, order=order)
    return bundle


APPLICANT = {
    "who": "self",
    "applicant_name": "Li Na",
    "contact_phone": "13812345678",
    "contact_email": "li@example.com",
}
SHARED = {"baby_name": "Zhang Yinuo", "baby_birth_date": "2026-11-01"}


def _pdf(name="file.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


def start(client, bundle):
    response = client.post(f"/en/bundles/{bundle.slug}/start/")
    assert response.status_code == 302, response
    sub = BundleSubmission.objects.latest("created_at")
    assert response["Location"] == f"/en/apply/bundle/{sub.public_id}/applicant/"
    return sub


def documents(bundle):
    """The documents page's POST: the ID card by e-certificate, the two others uploaded."""
    plan = bundles.plan(Bundle.objects.get(pk=bundle.pk))
    data = {}
    for doc in plan.documents:
        if doc.e_certificate:
            data[f"ecert-{doc.key}"] = "1"
        else:
            data[doc.key] = _pdf(f"{doc.first.name_en}.pdf")
    return data


def fill(client, sub, shared=None):
    base = f"/en/apply/bundle/{sub.public_id}"
    assert client.post(f"{base}/applicant/", APPLICANT).status_code == 302
    assert client.post(f"{base}/page/1/", shared or SHARED).status_code == 302
    assert client.post(f"{base}/page/2/", {"hospital": "First Maternity Hospital"}).status_code == 302
    assert client.post(f"{base}/page/3/", {"register_with": "mother"}).status_code == 302
    assert client.post(f"{base}/page/4/", {"insured_type": "resident"}).status_code == 302
    assert client.post(f"{base}/documents/", documents(sub.bundle)).status_code == 302


def send(client, sub):
    return client.post(
        f"/en/apply/bundle/{sub.public_id}/submit/", {"idempotency_key": str(sub.public_id), "confirm": "on"}
    )


def test_the_bundle_page_says_what_applying_together_saves(client, baby):
    body = client.get("/en/bundles/baby/").content.decode()
    for name in ["Birth certificate", "Newborn registration", "Newborn insurance", "Start now"]:
        assert name in body
    savings = bundles.savings(bundles.plan(Bundle.objects.get(pk=baby.pk)))
    # 4 + 3 + 2 questions one by one; the name and the date of birth asked once: 2 + 2 + 1 + 1.
    assert (savings.questions_separately, savings.questions_together) == (9, 6)
    # 2 + 2 + 1 documents; the ID card and the hukou booklet (its name spaced differently) once.
    assert (savings.documents_separately, savings.documents_together) == (5, 3)
    # One visit each for the certificate and the registration, and no centre handles both.
    assert (savings.visits_separately, savings.visits_together) == (2, 2)
    assert "<td>9</td><td>6</td><td>3</td>" in body.replace("\n", "").replace(" ", "")


def test_the_life_event_page_links_to_its_bundles(client, baby):
    body = client.get("/en/life-events/having-a-baby/").content.decode()
    assert 'href="/en/bundles/baby/"' in body and "Having a baby, done once" in body


def test_an_unpublished_bundle_has_no_page(client, baby):
    Bundle.objects.filter(pk=baby.pk).update(published=False)
    assert client.get("/en/bundles/baby/").status_code == 404
    assert client.post("/en/bundles/baby/start/").status_code == 404


def test_shared_questions_are_asked_once_and_copied_to_each_part(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    parts = {a.service.slug: a for a in sub.applications.all()}
    assert set(parts) == {"birth-cert", "newborn-reg", "newborn-ins"}
    for app in parts.values():
        assert app.answers["baby_name"] == "Zhang Yinuo" and app.status == Status.DRAFT
        assert app.applicant_name == "Li Na" and app.contact_phone == "13812345678"
    assert parts["newborn-reg"].answers["baby_birth_date"] == "2026-11-01"
    assert parts["birth-cert"].answers["hospital"] == "First Maternity Hospital"
    assert "hospital" not in parts["newborn-reg"].answers and "register_with" not in parts["birth-cert"].answers
    assert client.get(f"/en/apply/bundle/{sub.public_id}/page/5/").status_code == 404  # four pages in all


def test_a_shared_answer_must_suit_every_service_that_asks_it(client, baby):
    sub = start(client, baby)
    client.post(f"/en/apply/bundle/{sub.public_id}/applicant/", APPLICANT)
    long_name = "A" * 30  # Health allows 50 characters, the Police 20
    response = client.post(f"/en/apply/bundle/{sub.public_id}/page/1/", {**SHARED, "baby_name": long_name})
    body = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in body and "at most 20 characters" in body
    assert f'value="{long_name}"' in body  # nothing typed is lost
    assert not any(a.answers.get("baby_name") for a in sub.applications.all())


def test_one_upload_is_attached_to_every_part_that_needs_it(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    booklets = Attachment.objects.filter(application__bundle_submission=sub, material__name_en__contains="ooklet")
    assert sorted(a.application.service.slug for a in booklets) == ["newborn-ins", "newborn-reg"]
    ecert = {a.service.slug: a.answers.get("_ecert") for a in sub.applications.all()}
    assert ecert["birth-cert"] and ecert["newborn-reg"] and not ecert["newborn-ins"]


def test_the_documents_page_names_each_missing_document_once(client, baby):
    sub = start(client, baby)
    response = client.post(f"/en/apply/bundle/{sub.public_id}/documents/", {})
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("Upload Hukou booklet") == 2  # in the summary and at the field, not once per service


def test_the_check_page_lists_everything_once_with_change_links(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    body = client.get(f"/en/apply/bundle/{sub.public_id}/check/").content.decode()
    assert body.count("Zhang Yinuo") == 1 and "First Maternity Hospital" in body and "Birth form.pdf" in body
    assert f"/en/apply/bundle/{sub.public_id}/page/1/?change=1#baby_name" in body
    assert "Some answers are missing" not in body


def test_submission_creates_one_application_per_service_in_its_departments_queue(
    client, baby, django_capture_on_commit_callbacks
):
    sub = start(client, baby)
    fill(client, sub)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, sub)
    sub.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/en/applications/bundle/{sub.reference}/submitted/"
    assert bundles.is_valid_reference(sub.reference) and sub.reference.startswith("BD")
    parts = list(sub.applications.select_related("department"))
    assert len(parts) == 3 and {a.status for a in parts} == {Status.SUBMITTED}
    assert {a.department.slug for a in parts} == {"health", "police", "medins"}
    assert len({a.reference for a in parts}) == 3 and {a.tracking_code for a in parts} == {sub.tracking_code}
    for app in parts:
        officer = make_staff(f"officer-{app.department.slug}", "Case officer", app.department)
        assert list(access.staff_queryset(officer).filter(bundle_submission=sub)) == [app]
        assert app.events.get().to_status == Status.SUBMITTED
    # One confirmation for the bundle, not one per part.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sub.reference in message.subject and sub.tracking_code in message.body
    assert all(a.reference in message.body for a in parts)


def test_a_repeated_submission_shows_the_same_confirmation(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    response = send(client, sub)
    sub.refresh_from_db()
    assert response["Location"] == f"/en/applications/bundle/{sub.reference}/submitted/"
    assert Application.objects.filter(status=Status.SUBMITTED).count() == 3


def test_an_incomplete_part_leaves_nothing_behind(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    question = FormField.objects.get(key="insured_type")
    question.choices = "other|其他|Other"  # the answer given is no longer one of the choices
    question.save()
    response = send(client, sub)
    sub.refresh_from_db()
    assert response.status_code == 400 and sub.is_draft and sub.reference is None
    assert not Application.objects.exclude(status=Status.DRAFT).exists() and not ApplicationEvent.objects.exists()


def test_a_part_the_lifecycle_refuses_leaves_nothing_behind(
    client, baby, monkeypatch, django_capture_on_commit_callbacks
):
    sub = start(client, baby)
    fill(client, sub)
    act = lifecycle.act

    def refuse_the_last(app, name, actor, **kw):
        if app.service.slug == "newborn-ins":
            raise lifecycle.TransitionError("Refused for the test.")
        return act(app, name, actor, **kw)

    monkeypatch.setattr(lifecycle, "act", refuse_the_last)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, sub)
    sub.refresh_from_db()
    body = response.content.decode()
    assert response.status_code == 409 and "Newborn insurance: Refused for the test." in body
    assert sub.is_draft and sub.reference is None and not sub.tracking_code
    assert set(Application.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert not Application.objects.exclude(reference=None).exists()
    assert not ApplicationEvent.objects.exists() and len(mail.outbox) == 0


def test_tracking_by_bundle_reference_and_code_lists_every_part(client, baby, django_assert_max_num_queries):
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    sub.refresh_from_db()
    other_browser = client.__class__()
    with django_assert_max_num_queries(12):
        response = other_browser.post(
            "/en/track/bundle/", {"reference": sub.reference.lower(), "tracking_code": sub.tracking_code}
        )
    body = response.content.decode()
    assert response.status_code == 200
    for app in sub.applications.all():
        assert app.reference in body and app.service.name in body
        assert f"/en/track/?ref={app.reference}" in body
    assert "Acceptance decision expected by" in body
    wrong = other_browser.post("/en/track/bundle/", {"reference": sub.reference, "tracking_code": "ABCDEFGH"})
    assert wrong.status_code == 400 and "No bundle matches" in wrong.content.decode()
    bad = other_browser.post("/en/track/bundle/", {"reference": "HP26K7M2X9QDS", "tracking_code": "x"})
    assert bad.status_code == 400 and "starts with BD" not in bad.content.decode().split("error-summary")[0]


def test_the_tracking_code_tracks_each_part_on_its_own_too(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    sub.refresh_from_db()
    app = sub.applications.first()
    response = client.__class__().post("/en/track/", {"reference": app.reference, "tracking_code": sub.tracking_code})
    assert response.status_code == 200 and app.service.name in response.content.decode()


def test_another_citizen_gets_404_for_a_bundle(client, baby, citizen, other, django_assert_max_num_queries):
    client.force_login(citizen)
    sub = start(client, baby)
    fill(client, sub)
    with django_assert_max_num_queries(60):
        send(client, sub)
    sub.refresh_from_db()
    with django_assert_max_num_queries(12):
        assert client.get(f"/en/applications/bundle/{sub.reference}/").status_code == 200
    client.force_login(other)
    assert client.get(f"/en/applications/bundle/{sub.reference}/").status_code == 404
    assert client.get(f"/en/applications/bundle/{sub.reference}/submitted/").status_code == 404
    draft = BundleSubmission.objects.create(bundle=baby, owner=citizen)
    for path in ["", "applicant/", "page/1/", "documents/", "check/"]:
        assert client.get(f"/en/apply/bundle/{draft.public_id}/{path}").status_code == 404
    assert client.post(f"/en/apply/bundle/{draft.public_id}/submit/").status_code == 404
    client.logout()
    assert client.get(f"/en/apply/bundle/{draft.public_id}/check/").status_code == 404


def test_my_applications_groups_the_parts_of_a_bundle(client, baby, citizen, django_assert_max_num_queries):
    client.force_login(citizen)
    sub = start(client, baby)
    fill(client, sub)
    send(client, sub)
    sub.refresh_from_db()
    with django_assert_max_num_queries(14):
        body = client.get("/en/applications/").content.decode()
    bundles_section, submitted = body.split("<h2>Submitted</h2>")
    assert "Having a baby, done once" in bundles_section and f"/en/applications/bundle/{sub.reference}/" in body
    for app in sub.applications.all():
        assert app.reference in bundles_section and app.reference not in submitted  # listed once, together


def test_a_part_of_a_bundle_draft_cannot_be_sent_on_its_own(client, baby, citizen):
    client.force_login(citizen)
    sub = start(client, baby)
    part = sub.applications.first()
    assert client.get(f"/en/apply/{part.public_id}/check/").status_code == 404
    assert client.post(f"/en/apply/{part.public_id}/submit/", {"confirm": "on"}).status_code == 404
    body = client.get("/en/applications/").content.decode()
    assert f"/en/apply/{part.public_id}/" not in body and f"/en/apply/bundle/{sub.public_id}/" in body


def test_a_bundle_whose_service_went_offline_is_not_sent(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    service = Service.objects.get(slug="newborn-ins")
    service.offers_online = False
    service.save()
    response = send(client, sub)
    sub.refresh_from_db()
    assert response.status_code == 409 and "no longer offered online" in response.content.decode()
    assert sub.is_draft and not Application.objects.exclude(status=Status.DRAFT).exists()


def test_a_shared_question_is_checked_once_per_distinct_rule_at_submission(client, baby, monkeypatch):
    from services.applications import formengine

    sub = start(client, baby)
    fill(client, sub)
    checked = []
    real = formengine.page_is_complete
    monkeypatch.setattr(
        formengine, "page_is_complete", lambda page, answers: checked.append(page) or real(page, answers)
    )
    send(client, sub)
    sub.refresh_from_db()
    assert not sub.is_draft
    # One page per service: the name is 50 characters at most for Health, 20 for the Police and
    # unlimited for Medical Insurance, and the pages hold different questions: three checks.
    assert len(checked) == 3
    for app in sub.applications.all():
        assert app.answers["baby_name"] == "Zhang Yinuo"


def test_questions_asked_alike_by_several_parts_are_checked_once(client, monkeypatch):
    from services.applications import formengine

    event = make_event()
    bundle = Bundle.objects.create(slug="twins", name_zh="二", name_en="Two alike", life_event=event, published=True)
    for order in range(2):
        service = make_service(department=make_department(), events=[event])
        page = FormPage.objects.create(service=service, order=1, title_en="Child", title_zh="子女")
        _field(page, "baby_name", max_length=20)
        BundlePart.objects.create(bundle=bundle, service=service, order=order)
    sub = start(client, bundle)
    base = f"/en/apply/bundle/{sub.public_id}"
    assert client.post(f"{base}/applicant/", APPLICANT).status_code == 302
    assert client.post(f"{base}/page/1/", {"baby_name": "Zhang Yinuo"})["Location"] == f"{base}/check/"
    checked = []
    real = formengine.page_is_complete
    monkeypatch.setattr(
        formengine, "page_is_complete", lambda page, answers: checked.append(page) or real(page, answers)
    )
    send(client, sub)
    sub.refresh_from_db()
    assert not sub.is_draft and sub.applications.filter(status=Status.SUBMITTED).count() == 2
    assert len(checked) == 1  # the same rule and the same answer: checked once for both parts


def test_a_part_lost_from_a_draft_is_made_again_with_the_shared_answers(client, baby):
    sub = start(client, baby)
    fill(client, sub)
    sub.applications.get(service__slug="newborn-reg").delete()  # e.g. removed by the retention rules
    body = client.get(f"/en/apply/bundle/{sub.public_id}/check/").content.decode()
    again = sub.applications.get(service__slug="newborn-reg")
    assert again.answers["baby_name"] == "Zhang Yinuo" and again.applicant_name == "Li Na"
    assert "Some answers are missing" in body and "Newborn registration" in body  # its own question
    base = f"/en/apply/bundle/{sub.public_id}"
    assert client.post(f"{base}/page/3/", {"register_with": "father"}).status_code == 302
    assert client.post(f"{base}/documents/", documents(sub.bundle)).status_code == 302
    assert send(client, sub).status_code == 302


def test_an_abandoned_bundle_draft_goes_with_its_parts_after_the_retention(client, baby, settings):
    import datetime

    from django.utils import timezone

    from services.applications import retention

    sub = start(client, baby)
    fill(client, sub)
    kept = start(client, baby)  # a second one, worked on today
    old = timezone.now() - datetime.timedelta(days=settings.GUEST_RESUME_DAYS + 1)
    Application.objects.filter(bundle_submission=sub).update(updated_at=old)
    BundleSubmission.objects.filter(pk=sub.pk).update(updated_at=old)
    files = list(Attachment.objects.filter(application__bundle_submission=sub).values_list("file", flat=True))
    assert files
    counts = retention.purge()
    assert counts["guest_drafts"] == 3 and counts["bundle_drafts"] == 1
    assert not BundleSubmission.objects.filter(pk=sub.pk).exists()
    assert BundleSubmission.objects.filter(pk=kept.pk).exists() and kept.applications.count() == 3
    storage = Attachment._meta.get_field("file").storage
    assert not any(storage.exists(name) for name in files)


def test_the_life_event_page_reads_its_bundles_in_a_bounded_number_of_queries(client, baby, django_assert_num_queries):
    from services.applications.templatetags.bundles import bundles_for

    for n in range(3):
        extra = Bundle.objects.create(
            slug=f"extra-{n}", name_zh=f"另{n}", name_en=f"Extra {n}", life_event=baby.life_event, published=True
        )
        for order, part in enumerate(baby.parts.all()):
            BundlePart.objects.create(bundle=extra, service=part.service, order=order)
    with django_assert_num_queries(2):  # the bundles, then their parts with their services
        assert len(bundles_for(baby.life_event)) == 4
