"""A question shown only for some earlier answer says so once: the form engine writes "Answer
only if your answer to … is …" for a condition on the same page (and a question whose condition
is on an earlier page is not shown at all unless it holds), so the hint itself never repeats
the condition ("Answer only if … Only if you work in Haipu.")."""

import pytest
from django.utils import translation

from services.applications import formengine
from services.applications.models import FormField, FormPage
from services.demo.forms import demo_form_definitions, field_values
from tests.makers import make_service

CONDITION_WORDS = ("仅在", "仅当", "only if")


def conditional_questions():
    for slug, pages in demo_form_definitions().items():
        for page in pages:
            for spec in page["fields"]:
                if spec["condition_key"]:
                    yield slug, spec


def test_no_demo_hint_repeats_the_condition_that_shows_its_question():
    doubled = [
        (slug, spec["key"], spec["hint_zh"], spec["hint_en"])
        for slug, spec in conditional_questions()
        if any(word in spec[hint].lower() for hint in ("hint_zh", "hint_en") for word in CONDITION_WORDS)
    ]
    assert list(conditional_questions())
    assert not doubled


def residence_permit_page():
    """The residence permit's page with "Why you live in Haipu" and the employer question."""
    pages = demo_form_definitions()["residence-permit"]
    spec_page = next(p for p in pages if any(f["key"] == "employer" for f in p["fields"]))
    page = FormPage.objects.create(service=make_service(), order=1, title_zh="页", title_en="Page")
    for order, spec in enumerate(spec_page["fields"]):
        if not spec["material"]:
            FormField.objects.create(page=page, key=spec["key"], **field_values(spec, order, {}))
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "own_hint"),
    [("en", "As on your contract or social insurance record."), ("zh-hans", "与劳动合同或社保记录一致。")],
)
def test_the_employer_hint_states_its_condition_once(language, own_hint):
    page = residence_permit_page()
    with translation.override(language):
        hint = str(formengine.page_form(page, {}).fields["employer"].help_text)
    assert sum(hint.lower().count(word) for word in CONDITION_WORDS) == 1, hint
    assert "Only if you work in Haipu" not in hint and "仅在上一题" not in hint
    assert hint.endswith(own_hint)
