"""The demo forms as data files (services/demo/data/questions.yaml and data/forms/*.yaml): keys
are the models' column names, relative dates move with the calendar, and a mistake in a file is
named with the file, the service and the question it is in."""

import datetime

import pytest

from services.applications.models import FormField, FormPage
from services.demo import files, forms
from services.lib.validators import resident_id_check_char

LATE_2026 = datetime.date(2026, 11, 30)
AUTUMN_2027 = datetime.date(2027, 9, 15)


def field(definitions, slug, key):
    return next(spec for page in definitions[slug] for spec in page["fields"] if spec["key"] == key)


# --- The files' keys ----------------------------------------------------------------------------


def columns(model):
    return {f.name for f in model._meta.concrete_fields}


def test_every_key_of_the_form_files_is_a_column_name_or_one_of_the_documented_extras():
    page_keys = columns(FormPage) | {"fields"}
    field_keys = columns(FormField) | {"use", "example"}
    questions = files.read("questions.yaml")["questions"]
    wrong = [(name, set(spec) - field_keys) for name, spec in questions.items() if set(spec) - field_keys]
    for department, entries in forms.form_files():
        for slug, pages in entries.items():
            for page in pages:
                if set(page) - page_keys:
                    wrong.append((department, slug, set(page) - page_keys))
                for item in page["fields"]:
                    if isinstance(item, str):
                        if item not in questions:
                            wrong.append((department, slug, item))
                    elif set(item) - field_keys:
                        wrong.append((department, slug, item.get("key") or item.get("use"), set(item) - field_keys))
    assert not wrong


def test_choices_are_written_as_key_and_labels_never_as_positional_tuples():
    data = files.read("questions.yaml")
    options = [option for options in data["choice_lists"].values() for option in options]
    for _department, entries in forms.form_files():
        for pages in entries.values():
            for page in pages:
                for item in page["fields"]:
                    if isinstance(item, dict) and isinstance(item.get("choices"), list):
                        options += item["choices"]
    assert len(options) > 100
    assert all(isinstance(o, dict) and set(o) == {"key", "label_zh", "label_en"} for o in options)


def test_a_shared_question_changed_for_one_form_keeps_the_rest_of_the_library_question():
    definitions = forms.demo_form_definitions(LATE_2026)
    address = field(definitions, "residence-permit", "address")
    library = files.read("questions.yaml")["questions"]["address"]
    assert address["label_en"] == library["label_en"] and address["kind"] == "address"
    assert address["hint_en"] == "It must match your registered tenancy or title certificate."
    assert field(definitions, "residence-permit-endorsement", "address")["hint_en"] == library["hint_en"]
    assert [c["key"] for c in field(definitions, "newborn-registration", "baby_sex")["choices"]] == ["male", "female"]


# --- Relative dates -----------------------------------------------------------------------------


def test_an_example_date_written_as_days_from_today_moves_with_the_calendar():
    for today in (LATE_2026, AUTUMN_2027):
        born = field(forms.demo_form_definitions(today), "newborn-registration", "baby_birth_date")["example"]
        assert born == today - datetime.timedelta(days=20)


def test_the_school_birth_window_follows_the_school_year_in_limits_hints_and_examples():
    late_2026 = field(forms.demo_form_definitions(LATE_2026), "primary-school-enrolment", "child_birth_date")
    assert (late_2026["min_date"], late_2026["max_date"]) == (datetime.date(2020, 9, 1), datetime.date(2021, 8, 31))
    assert late_2026["hint_zh"] == "今年入学的孩子出生于 2020年09月01日 至 2021年08月31日。"
    assert (
        late_2026["hint_en"] == "Children starting school this year were born from 01 September 2020 to 31 August 2021."
    )
    assert late_2026["min_date"] <= late_2026["example"] <= late_2026["max_date"]
    autumn_2027 = field(forms.demo_form_definitions(AUTUMN_2027), "primary-school-enrolment", "child_birth_date")
    assert autumn_2027["min_date"] == datetime.date(2021, 9, 1) and "2021年09月01日" in autumn_2027["hint_zh"]
    kindergarten = field(forms.demo_form_definitions(LATE_2026), "kindergarten-enrolment", "child_birth_date")
    assert (kindergarten["min_date"], kindergarten["max_date"]) == (
        datetime.date(2023, 9, 1),
        datetime.date(2024, 8, 31),
    )


@pytest.mark.parametrize(
    ("today", "slug", "born"),
    [
        (LATE_2026, "primary-school-enrolment", "20210214"),  # the birth window's start + 166 days
        (AUTUMN_2027, "primary-school-enrolment", "20220214"),
        (LATE_2026, "middle-school-enrolment", "20150302"),  # 2 March, 182 days before the window's end
        (AUTUMN_2027, "middle-school-enrolment", "20160302"),
    ],
)
def test_a_child_s_example_id_number_is_valid_and_born_in_the_right_year(today, slug, born):
    number = field(forms.demo_form_definitions(today), slug, "child_id")["example"]
    assert number[6:14] == born
    assert number[17] == resident_id_check_char(number[:17])


def test_report_years_are_last_year_and_the_year_before_in_choices_labels_and_examples():
    definitions = forms.demo_form_definitions(LATE_2026)
    year = field(definitions, "annual-report", "report_year")
    assert year["choices"] == [
        {"key": "2025", "label_zh": "2025 年度", "label_en": "2025"},
        {"key": "2024", "label_zh": "2024 年度", "label_en": "2024"},
    ]
    assert year["example"] == "2025"
    result = field(definitions, "iit-annual-reconciliation", "result")
    assert (result["label_zh"], result["label_en"]) == ("2025 年度汇算结果", "Result of your 2025 reconciliation")
    assert field(forms.demo_form_definitions(AUTUMN_2027), "annual-report", "report_year")["example"] == "2026"


# --- Mistakes in the files are named -------------------------------------------------------------


@pytest.fixture
def written(monkeypatch):
    """Replace the form files by `entries` ({service slug: [page]}) in a file forms/psb.yaml."""

    def write(entries, questions=None):
        library = files.read("questions.yaml")
        monkeypatch.setattr(forms, "form_files", lambda: [("psb", entries)])
        monkeypatch.setattr(
            forms, "library", lambda: ({**library["questions"], **(questions or {})}, library["choice_lists"])
        )
        forms._expanded.cache_clear()
        return lambda: forms.demo_form_definitions(LATE_2026)

    yield write
    forms._expanded.cache_clear()


def one_page(*fields):
    return {"residence-permit": [{"title_zh": "页", "title_en": "Page", "fields": list(fields)}]}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"key": "pet", "kind": "text", "lable_zh": "宠物", "label_en": "Pet"}, "unknown keys ['lable_zh']"),
        (
            {"key": "pet", "kind": "choice", "label_zh": "宠物", "label_en": "Pet", "choices": "pets"},
            "no choice list named 'pets'",
        ),
        ("full_nam", "no shared question named 'full_nam'"),
        ({"use": "phone", "hint": "x"}, "unknown keys ['hint']"),
        ({"kind": "text", "label_zh": "宠物", "label_en": "Pet"}, "a question without a key"),
    ],
)
def test_a_mistake_in_a_question_is_named_with_its_file_and_service(written, item, message):
    definitions = written(one_page("full_name", item))
    with pytest.raises(forms.DemoFormError) as caught:
        definitions()
    assert "forms/psb.yaml: residence-permit" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_date": {"weeks_from_today": 2}}, "not a date or a relative date"),
        ({"min_date": {"school_birth_window": 6, "end": "middle"}}, "end must be start or end"),
        ({"hint_en": "Before {next_year}."}, "unknown placeholder"),
    ],
)
def test_an_unknown_relative_date_or_placeholder_is_refused_by_name(written, changes, message):
    definitions = written(
        one_page({"key": "moved_in", "kind": "date", "label_zh": "日期", "label_en": "Date", **changes})
    )
    with pytest.raises(forms.DemoFormError, match=message) as caught:
        definitions()
    assert "forms/psb.yaml: residence-permit, question 'moved_in'" in str(caught.value)


def test_a_service_with_forms_in_two_files_is_refused(written, monkeypatch):
    written({})
    page = {"title_zh": "页", "title_en": "Page", "fields": ["full_name"]}
    monkeypatch.setattr(forms, "form_files", lambda: [("civil", {"marriage": [page]}), ("psb", {"marriage": [page]})])
    forms._expanded.cache_clear()
    with pytest.raises(forms.DemoFormError, match="marriage has a form in another file too"):
        forms.demo_form_definitions(LATE_2026)


def test_each_form_file_holds_the_forms_of_exactly_its_department_s_online_services():
    from services.demo.catalogue import demo_departments

    online = {s["slug"]: slug for slug, _fields, services in demo_departments() for s in services if s["offers_online"]}
    in_files = {service: department for department, entries in forms.form_files() for service in entries}
    assert in_files == online
