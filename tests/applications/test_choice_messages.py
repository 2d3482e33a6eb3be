"""No form on the site repeats a value that is not one of its choices: Django's own message
("Select a valid choice. X is not one of the available choices.") sent a 200 KB value back
several times. Every choice field now says to choose from the list, in both languages, and
the forms people meet first name the question."""

import pytest
from django import forms

from services.applications.models import Application
from tests.makers import VALID_PAGE_1, make_form, make_service

pytestmark = pytest.mark.django_db

HUGE = "Z" * 200_000


@pytest.fixture
def draft(client):
    service = make_service(slug="permit", offers_online=True)
    make_form(service)
    client.post("/en/services/permit/apply/")
    return Application.objects.get()


@pytest.mark.parametrize(
    ("prefix", "who", "relation"),
    [
        ("en", "Select who you are applying for.", "Select your relation to the applicant."),
        ("zh-hans", "请选择为谁申请。", "请选择您与申请人的关系。"),
    ],
)
def test_a_huge_who_and_relation_get_a_small_page_naming_the_question(client, draft, prefix, who, relation):
    data = {"who": HUGE, "applicant_name": "Li Na", "helper_relation": HUGE, "contact_phone": "13812345678"}
    response = client.post(f"/{prefix}/apply/{draft.public_id}/applicant/", data)
    body = response.content.decode()
    assert len(response.content) < 60_000, len(response.content)
    assert "ZZZZZZZZZZ" not in body
    assert who in body and relation in body


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("en", "Choose a type of document from the list: ID number"), ("zh-hans", "请从列表中选择证件类型：ID number")],
)
def test_a_huge_identity_document_type_gets_a_small_page_naming_the_question(client, draft, prefix, expected):
    client.post(
        f"/en/apply/{draft.public_id}/applicant/",
        {"who": "self", "applicant_name": "Li Na", "contact_phone": "13812345678", "contact_email": "li@example.com"},
    )
    response = client.post(f"/{prefix}/apply/{draft.public_id}/page/1/", dict(VALID_PAGE_1, id_number__type=HUGE))
    body = response.content.decode()
    assert len(response.content) < 60_000, len(response.content)
    assert "ZZZZZZZZZZ" not in body
    assert expected in body


def _every_form_class(cls=forms.BaseForm):
    for sub in cls.__subclasses__():
        yield sub
        yield from _every_form_class(sub)


@pytest.mark.parametrize(
    "field",
    [
        forms.ChoiceField(choices=[("a", "A")]),
        forms.TypedChoiceField(choices=[("a", "A")]),
        forms.MultipleChoiceField(choices=[("a", "A")]),
        forms.TypedMultipleChoiceField(choices=[("a", "A")]),
    ],
    ids=["choice", "typed", "multiple", "typed-multiple"],
)
def test_any_choice_field_refuses_a_value_without_repeating_it(field):
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as raised:
            field.clean(["Z" * 1000] if isinstance(field, forms.MultipleChoiceField) else "Z" * 1000)
        assert raised.value.messages == ["Choose one of the answers listed."]


def test_model_choice_fields_refuse_a_value_without_repeating_it():
    from django.contrib.auth.models import Group

    field = forms.ModelMultipleChoiceField(queryset=Group.objects.all())
    for value in (["Z" * 1000], ["999999"]):
        with pytest.raises(forms.ValidationError) as raised:
            field.clean(value)
        assert "ZZZ" not in str(raised.value.messages) and "999999" not in str(raised.value.messages)


def test_no_form_class_of_the_site_keeps_a_message_that_repeats_the_value():
    from django.contrib.admin import site  # noqa: F401 - every admin form class imported

    for form_class in _every_form_class():
        for name, field in getattr(form_class, "base_fields", {}).items():
            for code in ("invalid_choice", "invalid_pk_value"):
                message = str(field.error_messages.get(code, ""))
                assert "%(value)s" not in message and "%(pk)s" not in message, (form_class, name, code)


def test_the_chinese_message_says_to_choose_from_the_list():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(forms.ValidationError) as raised:
        forms.ChoiceField(choices=[("a", "A")]).clean("b")
    assert raised.value.messages == ["请从列出的选项中选择。"]
