"""Every field type's validation, conditions and answer display, straight on the form engine."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_model  # noqa: F401  (keeps hypothesis' django plugin loaded)

from services.applications import formengine
from services.applications.models import FieldKind, FormField, FormPage
from tests.makers import make_district, make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def page():
    make_district(slug="huangpu", name_en="Huangpu")
    return FormPage.objects.create(service=make_service(), title_zh="页", title_en="Page")


def field(page, kind, key="q", **kw):
    kw.setdefault("label_zh", "问题")
    kw.setdefault("label_en", "Question")
    return FormField.objects.create(page=page, key=key, kind=kind, **kw)


def submit(page, data, answers=None):
    qd = QueryDict(mutable=True)
    for k, v in data.items():
        qd.setlist(k, v) if isinstance(v, list) else qd.__setitem__(k, v)
    form = formengine.page_form(FormPage.objects.get(pk=page.pk), answers or {}, data=qd)
    return form, form.is_valid()


def errors(form):
    return [str(e) for errs in form.errors.values() for e in errs]


def test_required_question_names_itself(page):
    field(page, "text", label_en="Employer")
    form, ok = submit(page, {})
    assert not ok and errors(form) == ["Answer this question: Employer"]


def test_short_text_lengths(page):
    field(page, "text", min_length=2, max_length=5)
    assert errors(submit(page, {"q": "a"})[0]) == ["Enter at least 2 characters."]
    assert "at most 5" in errors(submit(page, {"q": "abcdefg"})[0])[0]
    form, ok = submit(page, {"q": "abc"})
    assert ok and form.answers() == {"q": "abc"}


def test_long_text(page):
    field(page, "textarea", max_length=20)
    assert not submit(page, {"q": "x" * 21})[1]
    assert submit(page, {"q": "line1\nline2"})[0].answers() == {"q": "line1\nline2"}


def test_number_limits_and_storage(page):
    field(page, "number", min_value=1, max_value=10)
    assert not submit(page, {"q": "0"})[1]
    assert not submit(page, {"q": "11"})[1]
    assert "Enter a number." in errors(submit(page, {"q": "three"})[0])
    assert submit(page, {"q": "2.50"})[0].answers() == {"q": "2.5"}


def test_date_rules_and_formats(page):
    field(page, "date", date_rule="past", min_date=datetime.date(1900, 1, 1))
    assert submit(page, {"q": "2000-02-29"})[0].answers() == {"q": "2000-02-29"}
    assert submit(page, {"q": "2000年3月1日"})[0].answers() == {"q": "2000-03-01"}
    assert "Enter a real date, for example 2026-03-31." in errors(submit(page, {"q": "2001-02-29"})[0])
    assert "The date must be today or in the past." in errors(submit(page, {"q": "2999-01-01"})[0])
    assert "on or after" in errors(submit(page, {"q": "1899-12-31"})[0])[0]


def test_future_date_rule(page):
    field(page, "date", date_rule="future")
    assert "The date must be today or in the future." in errors(submit(page, {"q": "2000-01-01"})[0])


def test_single_and_multiple_choice(page):
    field(page, "choice", key="c", choices="a|甲|Alpha\nb|乙|Beta")
    field(page, "multiple", key="m", required=False, choices="x|X|Ex\ny|Y|Why")
    form, ok = submit(page, {"c": "zzz", "m": ["x", "nope"]})
    assert not ok and len(errors(form)) == 2
    form, ok = submit(page, {"c": "b", "m": ["x", "y"]})
    assert ok and form.answers() == {"c": "b", "m": ["x", "y"]}
    assert errors(submit(page, {})[0]) == ["Select an answer: Question"]


def test_yes_no(page):
    field(page, "yesno")
    assert submit(page, {"q": "yes"})[0].answers() == {"q": "yes"}
    assert not submit(page, {"q": "maybe"})[1]


def test_email(page):
    field(page, "email")
    assert not submit(page, {"q": "not-an-email"})[1]
    assert submit(page, {"q": "a@b.cn"})[1]


def test_mobile_is_normalised(page):
    field(page, "mobile")
    assert submit(page, {"q": "+86 138-1234-5678"})[0].answers() == {"q": "13812345678"}
    assert "Enter a mobile number of 11 digits" in errors(submit(page, {"q": "1381234"})[0])[0]


def test_resident_id_with_check_digit(page):
    field(page, "id_number")
    form, ok = submit(page, {"q__type": "resident_id", "q": "11010519491231002x"})
    assert ok and form.answers() == {"q": {"type": "resident_id", "number": "11010519491231002X"}}
    assert not submit(page, {"q__type": "resident_id", "q": "110105194912310021"})[1]


def test_passport_for_non_residents(page):
    field(page, "id_number")
    form, ok = submit(page, {"q__type": "foreign_passport", "q": "X1234567"})
    assert ok and form.answers()["q"]["type"] == "foreign_passport"


def test_address_needs_a_real_district(page):
    field(page, "address")
    form, ok = submit(page, {"q__district": "huangpu", "q__street": "1 Road"})
    assert ok and form.answers() == {"q": {"district": "huangpu", "street": "1 Road"}}
    assert not submit(page, {"q__district": "atlantis", "q__street": "1 Road"})[1]


def test_optional_address_needs_both_parts_or_neither(page):
    field(page, "address", required=False)
    assert submit(page, {})[1]
    form, ok = submit(page, {"q__district": "huangpu"})
    assert not ok and "Give both the district and the street, or neither." in errors(form)


def test_condition_on_an_earlier_page_hides_the_question(page):
    field(page, "text", key="province", condition_key="local", condition_value="no")
    form, ok = submit(page, {}, answers={"local": "yes"})
    assert ok and form.answers() == {}
    form, ok = submit(page, {}, answers={"local": "no"})
    assert not ok


def test_condition_on_multiple_choice_answer(page):
    field(page, "text", key="which", condition_key="needs", condition_value="sign")
    assert not submit(page, {}, answers={"needs": ["ramp", "sign"]})[1]
    assert submit(page, {}, answers={"needs": ["ramp"]})[1]


def test_display_answers_in_the_active_language(page):
    f = field(page, "choice", choices="a|甲|Alpha")
    assert formengine.display_answer(f, "a") == "Alpha"
    with translation.override("zh-hans"):
        assert formengine.display_answer(f, "a") == "甲"


def test_form_version_changes_when_the_definition_changes(page):
    field(page, "text")
    before = formengine.form_version([FormPage.objects.prefetch_related("fields").get(pk=page.pk)])
    FormField.objects.update(required=False)
    after = formengine.form_version([FormPage.objects.prefetch_related("fields").get(pk=page.pk)])
    assert before != after


# --- Property: random answers to a random form definition never raise --------------------------------------

KINDS = [k for k in FieldKind.values if k != FieldKind.FILE]
field_defs = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(KINDS),
            "required": st.booleans(),
            "min_length": st.one_of(st.none(), st.integers(0, 5)),
            "max_length": st.one_of(st.none(), st.integers(1, 50)),
            "min_value": st.one_of(st.none(), st.integers(-100, 100)),
            "date_rule": st.sampled_from(["any", "past", "future"]),
            "conditional": st.booleans(),
        }
    ),
    min_size=1,
    max_size=6,
)
junk = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["", "yes", "no", "a", "2026-02-30", "1e309", "NaN", "11010519491231002X", "huangpu", "\x00", "-1"]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    defs=field_defs,
    data=st.dictionaries(
        st.sampled_from([f"f{i}{suffix}" for i in range(6) for suffix in ("", "__type", "__district", "__street")]),
        junk,
        max_size=12,
    ),
)
def test_random_answers_to_random_forms_never_crash(page, defs, data):
    FormField.objects.filter(page=page).delete()
    for i, d in enumerate(defs):
        d = dict(d)
        conditional = d.pop("conditional") and i > 0
        FormField.objects.create(
            page=page,
            key=f"f{i}",
            label_zh="问",
            label_en="Q",
            choices="a|甲|A\nb|乙|B",
            condition_key="f0" if conditional else "",
            condition_value="a" if conditional else "",
            **d,
        )
    form, ok = submit(page, data)
    if ok:
        answers = form.answers()
        for f in FormField.objects.filter(page=page):
            formengine.display_answer(f, answers.get(f.key))
    else:
        assert form.errors


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    defs=field_defs,
    data=st.dictionaries(
        st.sampled_from([f"f{i}{suffix}" for i in range(6) for suffix in ("", "__type", "__district", "__street")]),
        junk,
        max_size=12,
    ),
)
def test_random_posts_to_a_random_form_page_never_give_a_500(client, page, defs, data):
    from services.applications.models import Application

    FormField.objects.filter(page=page).delete()
    for i, d in enumerate(defs):
        d = dict(d)
        conditional = d.pop("conditional") and i > 0
        FormField.objects.create(
            page=page,
            key=f"f{i}",
            label_zh="问",
            label_en="Q",
            choices="a|甲|A\nb|乙|B",
            condition_key="f0" if conditional else "",
            condition_value="a" if conditional else "",
            **d,
        )
    service = page.service
    service.offers_online = True
    service.save()
    client.post(f"/en/services/{service.slug}/apply/")
    app = Application.objects.latest("pk")
    clean = {k: v.replace("\x00", "") for k, v in data.items()}  # the test client cannot send NUL in form data
    response = client.post(f"/en/apply/{app.public_id}/page/1/", clean)
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_upload_question_accepts_only_its_own_file_types(client, page):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from services.applications.models import Application
    from tests.makers import PDF_BYTES, PNG_BYTES

    field(page, "file", key="photo", label_en="Photo", accepted_file_types="png", required=False)
    service = page.service
    service.offers_online = True
    service.save()
    client.post(f"/en/services/{service.slug}/apply/")
    app = Application.objects.latest("pk")
    url = f"/en/apply/{app.public_id}/page/1/"
    response = client.post(url, {"photo": SimpleUploadedFile("scan.pdf", PDF_BYTES)})
    assert "The selected file must be a PNG file." in response.content.decode()
    assert client.post(url, {"photo": SimpleUploadedFile("me.png", PNG_BYTES)}).status_code == 302
    assert app.attachments.get().original_name == "me.png"
