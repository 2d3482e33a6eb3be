"""A question made of several inputs (identity document = type + number; address = district +
street) is one fieldset: its legend is the question, its hint is shown and described, each
input has its own label, and a problem is one message that links to the first input that
needs an answer (GOV.UK's date-input and address patterns)."""

import re

import pytest
from django.utils import translation

from services.applications import formengine
from services.applications.models import FormField, FormPage
from tests.makers import make_district, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    make_district(slug="huangpu", name_en="Huangpu", name_zh="黄浦区")
    service = make_service(slug="permit", offers_online=True)
    page = FormPage.objects.create(service=service, order=1, title_zh="住址", title_en="Where you live")
    FormField.objects.create(
        page=page,
        key="address",
        kind="address",
        order=1,
        label_en="Your home address in Haipu",
        label_zh="您在海浦的住址",
        hint_en="It must match your tenancy or title certificate.",
        hint_zh="须与租赁备案或产权证明上的地址一致。",
    )
    FormField.objects.create(
        page=page,
        key="id_number",
        kind="id_number",
        order=2,
        label_en="Your identity document",
        label_zh="您的身份证件",
        hint_en="The one you will show at the counter.",
        hint_zh="到窗口时出示的证件。",
    )
    return page


def render(page, data=None, lang="en"):
    """The question page's HTML for `data` (a POST) or the empty page."""
    from django.template.loader import render_to_string

    with translation.override(lang):
        definition = FormPage.objects.get(pk=page.pk)
        form = formengine.page_form(definition, {}, data=data)
        if data is not None:
            form.is_valid()
        html = render_to_string("includes/error_summary.html", {"form": form}) + "".join(
            render_to_string("includes/field.html", {"field": field}) for field in form
        )
        return form, html


def summary_links(html):
    summary = html.split('<div class="form-group', 1)[0]
    return re.findall(r'<li><a href="(#[^"]+)">([^<]+)</a></li>', summary)


def test_composite_question_is_a_fieldset_with_the_question_as_legend_and_its_hint(page):
    _form, html = render(page)
    fieldsets = re.findall(r"<fieldset[^>]*>.*?</fieldset>", html, re.S)
    assert len(fieldsets) == 2
    address, identity = fieldsets
    assert re.search(r"<legend[^>]*>\s*Your home address in Haipu", address)
    assert 'aria-describedby="id_address_helptext"' in address
    assert 'id="id_address_helptext"' in address and "It must match your tenancy" in address
    assert re.search(r"<legend[^>]*>\s*Your identity document", identity)
    assert "The one you will show at the counter." in identity


def test_each_input_of_a_composite_question_has_its_own_label(page):
    _form, html = render(page)
    for input_id, label in [
        ("id_address__district", "District"),
        ("id_address__street", "Street, number, building and flat"),
        ("id_id_number__type", "Type of document"),
        ("id_id_number", "Document number"),
    ]:
        assert re.search(rf'<label for="{input_id}"[^>]*>{label}</label>', html), input_id
        assert f'id="{input_id}"' in html
    assert 'name="address__district"' in html and 'name="address__street"' in html
    assert 'name="id_number__type"' in html and 'name="id_number"' in html


def test_an_unanswered_composite_question_is_one_error_linked_to_its_first_input(page):
    form, html = render(page, {"id_number__type": "resident_id"})
    assert summary_links(html) == [
        ("#id_address__district", "Answer this question: Your home address in Haipu"),
        ("#id_id_number", "Answer this question: Your identity document"),
    ]
    address = re.search(r"<fieldset[^>]*>.*?</fieldset>", html, re.S).group(0)
    assert address.count("Answer this question: Your home address in Haipu") == 1
    assert 'aria-describedby="id_address_helptext id_address_error"' in address
    # The message sits above the inputs, inside the fieldset.
    assert address.index('class="error-message"') < address.index("<select")


def test_the_error_links_to_the_part_still_missing(page):
    data = {"address__district": "huangpu", "id_number__type": "resident_id", "id_number": "11010519491231002X"}
    form, html = render(page, data)
    assert summary_links(html) == [
        ("#id_address__street", "Enter the street, number, building and flat: Your home address in Haipu")
    ]
    assert re.search(r'<input[^>]*id="id_address__street"[^>]*aria-invalid="true"', html)
    assert not re.search(r'<select[^>]*id="id_address__district"[^>]*aria-invalid', html)
    # What was typed is kept.
    assert re.search(r'<option value="huangpu" selected>', html)


def test_a_wrong_document_number_links_to_the_number(page):
    data = {
        "address__district": "huangpu",
        "address__street": "1 Road",
        "id_number__type": "resident_id",
        "id_number": "110105194912310021",
    }
    form, html = render(page, data)
    links = summary_links(html)
    assert len(links) == 1 and links[0][0] == "#id_id_number"
    assert 'value="110105194912310021"' in html


def test_a_district_not_in_the_list_links_to_the_district(page):
    data = {"address__district": "atlantis", "address__street": "1 Road", "id_number": "11010519491231002X"}
    form, html = render(page, data)
    assert summary_links(html) == [
        ("#id_address__district", "Choose a district from the list: Your home address in Haipu")
    ]
    assert 'value="1 Road"' in html


def test_composite_questions_in_chinese(page):
    form, html = render(page, {"address__street": "南京路1号"}, lang="zh-hans")
    assert re.search(r"<legend[^>]*>\s*您在海浦的住址", html)
    assert re.search(r'<label for="id_address__district"[^>]*>区</label>', html)
    links = summary_links(html)
    assert [href for href, _ in links] == ["#id_address__district", "#id_id_number"]
    assert "您在海浦的住址" in links[0][1] and "Answer" not in links[0][1]


def test_answers_of_composite_questions_are_stored_as_one_value(page):
    data = {
        "address__district": "huangpu",
        "address__street": "1 Road",
        "id_number__type": "resident_id",
        "id_number": "11010519491231002x",
    }
    form, _html = render(page, data)
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "address": {"district": "huangpu", "street": "1 Road"},
        "id_number": {"type": "resident_id", "number": "11010519491231002X"},
    }
    initial = formengine.page_form(FormPage.objects.get(pk=page.pk), form.answers())
    assert initial.is_bound is False
    html = "".join(str(f) for f in initial)
    assert 'value="1 Road"' in html and 'value="11010519491231002X"' in html


# --- a composite question asked only for some answers of the same page ------------------------
@pytest.fixture
def conditional_page():
    make_district(slug="huangpu", name_en="Huangpu", name_zh="黄浦区")
    service = make_service(slug="move", offers_online=True)
    page = FormPage.objects.create(service=service, order=1, title_zh="搬家", title_en="Moving")
    FormField.objects.create(
        page=page, key="moved", kind="yesno", order=1, label_en="Have you moved?", label_zh="是否搬家"
    )
    for key, required in (("new_address", True), ("old_address", False)):
        FormField.objects.create(
            page=page,
            key=key,
            kind="address",
            order=2 if required else 3,
            required=required,
            condition_key="moved",
            condition_value="yes",
            label_en=key.replace("_", " ").capitalize(),
            label_zh="新住址" if required else "原住址",
        )
    return page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Enter the street, number, building and flat: New address"),
        ("zh-hans", "请填写街道、门牌号、楼号和房号：新住址"),
    ],
)
def test_a_required_conditional_address_given_in_part_asks_for_the_rest_not_both_or_neither(
    conditional_page, lang, expected
):
    form, html = render(conditional_page, {"moved": "yes", "new_address__district": "huangpu"}, lang=lang)
    assert form.errors["new_address"] == [expected]
    assert "neither" not in html and "或都不填" not in html


def test_an_optional_conditional_address_given_in_part_says_both_or_neither(conditional_page):
    data = {"moved": "yes", "new_address__district": "huangpu", "new_address__street": "1 Road"}
    form, _html = render(conditional_page, dict(data, old_address__district="huangpu"))
    assert form.errors["old_address"] == ["Give both the district and the street, or neither."]


def test_a_required_conditional_address_left_empty_when_it_applies_is_asked_for(conditional_page):
    form, html = render(conditional_page, {"moved": "yes"})
    assert form.errors["new_address"] == ["Answer this question: New address"]
    assert summary_links(html)[0][0] == "#id_new_address__district"


def test_a_conditional_address_does_not_say_optional_when_it_is_required(conditional_page):
    _form, html = render(conditional_page)
    new = html.split('id="id_new_address__district"')[0].rsplit("<fieldset", 1)[1]
    assert "(optional)" not in new


def test_the_document_type_select_is_never_marked_required_while_its_number_is():
    """A select whose first option is a real choice may not carry `required` (the HTML checker
    refuses it); Django drops it for a lone select but not for a part of a composite question."""
    import re

    from django import forms

    from services.applications.formengine import IdentityDocumentField

    class Form(forms.Form):
        document = IdentityDocumentField("Your identity document", "", required=True)

    html = str(Form(data={})["document"])
    select = re.search(r"<select[^>]*>", html).group(0)
    number = re.search(r'<input[^>]*name="document"[^>]*>', html).group(0)
    assert "required" not in select
    assert "required" in number
