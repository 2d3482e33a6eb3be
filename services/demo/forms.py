"""The online application forms of the demo services, read from `data/questions.yaml` (the
shared questions and choice lists) and `data/forms/<department>.yaml` (each service's pages).
The format and its vocabulary of relative dates are described at the top of questions.yaml.

Every question may carry an `example`: a realistic answer used by the demo applications and by
the tests that fill in every demo form (see `demo_answers`). Examples are not stored.

`load_demo_forms()` writes the definitions idempotently: pages are matched by (service, order)
and fields by (page, key), so primary keys - and with them each form's version fingerprint -
stay the same when nothing changed, and drafts are not disturbed.
"""

import datetime
import functools
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from services.applications.formengine import condition_met
from services.applications.models import DateRule, FieldKind, FormField, FormPage
from services.applications.workdays import today as portal_today
from services.catalogue.models import Material, Service
from services.lib.validators import resident_id_check_char

from . import files

# The columns a question may set, with the value a question that leaves it out gets.
FIELD_DEFAULTS = {
    "kind": FieldKind.TEXT,
    "label_zh": "",
    "label_en": "",
    "hint_zh": "",
    "hint_en": "",
    "required": True,
    "min_length": None,
    "max_length": None,
    "min_value": None,
    "max_value": None,
    "min_date": None,
    "max_date": None,
    "date_rule": DateRule.ANY,
    "choices": [],
    "material": None,
    "accepted_file_types": "",
    "max_file_mb": 10,
    "condition_key": "",
    "condition_value": "",
}
PAGE_DEFAULTS = {"title_zh": "", "title_en": "", "intro_zh": "", "intro_en": ""}
TEXTS = ("label_zh", "label_en", "hint_zh", "hint_en")
PROBE_DAY = datetime.date(2026, 11, 30)  # any day: relative dates are tried on it when read


class DemoFormError(ValueError):
    """A mistake in the demo's form files, named with the service and question it is in."""


def resident_id(region, born, sequence):
    """A valid 18-character resident ID number: region code, date of birth, 3-digit sequence
    (odd for men, even for women) and its check character."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_char(first17)


def school_entry_year(today):
    """Children start school in September: the next September from today."""
    return today.year if today.month < 9 else today.year + 1


def birth_window(today, age):
    """Birth dates of children who are `age` on 31 August of the coming school year."""
    year = school_entry_year(today)
    return datetime.date(year - age - 1, 9, 1), datetime.date(year - age, 8, 31)


# --- Relative dates and placeholders (the vocabulary documented in questions.yaml) ----------------


def resolve_date(value, today):
    """A date from its YAML form: a date, {days_from_today: n} or {school_birth_window: age,
    end: start|end, days: n}."""
    if value is None or isinstance(value, datetime.date):
        return value
    if isinstance(value, dict) and set(value) == {"days_from_today"}:
        return today + datetime.timedelta(days=value["days_from_today"])
    if (
        isinstance(value, dict)
        and "school_birth_window" in value
        and set(value) <= {"school_birth_window", "end", "days"}
    ):
        start, end = birth_window(today, value["school_birth_window"])
        edge = {"start": start, "end": end}.get(value.get("end", "start"))
        if edge is None:
            raise DemoFormError(f"end must be start or end, not {value['end']!r}")
        return edge + datetime.timedelta(days=value.get("days", 0))
    raise DemoFormError(f"not a date or a relative date: {value!r}")


def fill(text, context):
    """`text` with its {placeholders} filled in (text without braces is left as it is)."""
    if not isinstance(text, str) or "{" not in text:
        return text
    try:
        return text.format_map(context)
    except (KeyError, ValueError) as error:
        raise DemoFormError(f"unknown placeholder in {text!r}: {error}") from None


def resolve_example(value, today, context):
    if isinstance(value, dict) and set(value) == {"resident_id"}:
        spec = value["resident_id"]
        if not isinstance(spec, dict) or set(spec) != {"region", "born", "sequence"}:
            raise DemoFormError(f"resident_id needs region, born and sequence, not {spec!r}")
        return resident_id(spec["region"], resolve_date(spec["born"], today), spec["sequence"])
    if isinstance(value, dict) and ("days_from_today" in value or "school_birth_window" in value):
        return resolve_date(value, today)
    if isinstance(value, str):
        return fill(value, context)
    return value


# --- Reading the files --------------------------------------------------------------------------


def library():
    """(questions by name, choice lists by name) from questions.yaml."""
    data = files.read("questions.yaml")
    return data["questions"], data["choice_lists"]


def form_files():
    """[(department slug, {service slug: [page, ...]})] as written in data/forms/."""
    return files.read_all("forms")


def _question(item, questions, where):
    """The question an entry of `fields` stands for: a library name, {use: name, ...changes}
    or a question of its own."""
    if isinstance(item, str):
        item = {"use": item}
    if "use" in item:
        name = item["use"]
        if name not in questions:
            raise DemoFormError(f"{where}: no shared question named {name!r} in questions.yaml")
        item = {**questions[name], **{k: v for k, v in item.items() if k != "use"}}
    unknown = set(item) - set(FIELD_DEFAULTS) - {"key", "example"}
    if unknown:
        raise DemoFormError(f"{where}: unknown keys {sorted(unknown)} (keys are FormField column names)")
    if not item.get("key"):
        raise DemoFormError(f"{where}: a question without a key")
    return item


def _years(today):
    """The values of the year placeholders."""
    return {"last_year": today.year - 1, "year_before_last": today.year - 2}


def _is_relative(value):
    """Whether a value of the files depends on today (a relative date, a placeholder)."""
    if isinstance(value, dict):
        return bool(set(value) & {"days_from_today", "school_birth_window", "resident_id"})
    return isinstance(value, str) and "{" in value


@functools.cache
def _expanded():
    """{service slug: [(page columns, [(question, whether it depends on today)])]}: the files
    with library questions and choice lists expanded and defaults filled in, read once."""
    questions, choice_lists = library()
    forms = {}
    for department, entries in form_files():
        for slug, pages in entries.items():
            where = f"forms/{department}.yaml: {slug}"
            if slug in forms:
                raise DemoFormError(f"{where} has a form in another file too")
            forms[slug] = [
                (
                    {**PAGE_DEFAULTS, **{name: page[name] for name in PAGE_DEFAULTS if name in page}},
                    [_expand(item, questions, choice_lists, where) for item in page["fields"]],
                )
                for page in pages
            ]
    return forms


def _expand(item, questions, choice_lists, where):
    spec = {"key": None, **FIELD_DEFAULTS, "example": None, **_question(item, questions, where)}
    if isinstance(spec["choices"], str):
        if spec["choices"] not in choice_lists:
            raise DemoFormError(f"{where}, question {spec['key']!r}: no choice list named {spec['choices']!r}")
        spec["choices"] = choice_lists[spec["choices"]]
    relative = (
        any(spec[name] is not None and not isinstance(spec[name], datetime.date) for name in ("min_date", "max_date"))
        or any(_is_relative(spec[name]) for name in (*TEXTS, "example"))
        or any(_is_relative(value) for option in spec["choices"] for value in option.values())
    )
    if relative:  # resolved once now, so that a mistake is found on reading and named
        try:
            _resolved(spec, PROBE_DAY, _years(PROBE_DAY))
        except DemoFormError as error:
            raise DemoFormError(f"{where}, question {spec['key']!r}: {error}") from None
    return spec, relative


def _resolved(spec, today, years):
    """A copy of the question with its relative dates and placeholders resolved."""
    spec = dict(spec)
    spec["min_date"] = resolve_date(spec["min_date"], today)
    spec["max_date"] = resolve_date(spec["max_date"], today)
    context = {**years, "min_date": spec["min_date"], "max_date": spec["max_date"]}
    for name in TEXTS:
        spec[name] = fill(spec[name], context)
    spec["choices"] = [
        {name: fill(str(value), context) for name, value in option.items()} for option in spec["choices"]
    ]
    spec["example"] = resolve_example(spec["example"], today, context)
    return spec


def demo_form_definitions(today=None):
    """{service slug: [page, ...]} for every demo service that offers online application. A page
    is a dict of FormPage columns plus `fields`; a field a dict of FormField columns (`material`
    the material's English name, `choices` a list of {key, label_zh, label_en}) plus `example`,
    with library questions expanded and relative dates resolved against `today`."""
    today = today or portal_today()
    years = _years(today)
    return {
        slug: [
            {
                **{name: fill(value, years) for name, value in page.items()},
                "fields": [_resolved(spec, today, years) if relative else dict(spec) for spec, relative in fields],
            }
            for page, fields in pages
        ]
        for slug, pages in _expanded().items()
    }


# --- Example answers ----------------------------------------------------------------------------


def _examples(slug, today):
    """{key: example} of one service's questions (only that form resolved: demo_answers is
    called once per demo application)."""
    years = _years(today)
    return {
        spec["key"]: (_resolved(spec, today, years) if relative else spec)["example"]
        for _page, fields in _expanded().get(slug, [])
        for spec, relative in fields
    }


def _clip_number(value, field):
    if field.min_value is not None and value < field.min_value:
        value = field.min_value
    if field.max_value is not None and value > field.max_value:
        value = field.max_value
    return format(value.normalize(), "f")


def _fit_text(value, field):
    if field.min_length and len(value) < field.min_length:
        value = value + "0" * (field.min_length - len(value))
    return value[: field.max_length] if field.max_length else value


def example_value(field, example, today):
    """A valid answer to `field` in its stored shape: the definition's example if it has one,
    otherwise a plausible value that meets the field's limits."""
    kind = field.kind
    if isinstance(example, datetime.date):
        example = example.isoformat()
    if kind == FieldKind.ID_NUMBER:
        example = example or library()[0]["id_number"]["example"]
        return example if isinstance(example, dict) else {"type": "resident_id", "number": example}
    if example not in (None, "", []):
        return example
    options = [key for key, _label in field.options()]
    if kind == FieldKind.TEXT:
        return _fit_text("海浦市示例", field)
    if kind == FieldKind.TEXTAREA:
        return _fit_text("情况属实，详见所附材料。", field)
    if kind == FieldKind.NUMBER:
        return _clip_number(Decimal(1), field)
    if kind == FieldKind.DATE:
        value = today + datetime.timedelta(days={DateRule.PAST: -30, DateRule.FUTURE: 14}.get(field.date_rule, 0))
        if field.min_date and value < field.min_date:
            value = field.min_date
        if field.max_date and value > field.max_date:
            value = field.max_date
        return value.isoformat()
    if kind == FieldKind.CHOICE:
        return options[0] if options else ""
    if kind == FieldKind.MULTIPLE:
        return options[:1]
    if kind == FieldKind.YESNO:
        return "no"
    if kind == FieldKind.EMAIL:
        return "citizen@example.com"
    if kind == FieldKind.MOBILE:
        return "13800138000"
    if kind == FieldKind.ADDRESS:
        return dict(library()[0]["address"]["example"])
    return None  # files are uploaded, not answered


def demo_answers(service, overrides=None, today=None):
    """Valid answers to the service's stored form, as stored in Application.answers: every
    question that would be shown (conditions applied in order), files left out. `overrides`
    replaces examples by key (for instance another person's name and ID)."""
    today = today or portal_today()
    examples = {**_examples(service.slug, today), **(overrides or {})}
    answers = {}
    for form_page in service.form_pages.prefetch_related("fields"):
        for field in form_page.fields.all():
            if field.kind == FieldKind.FILE or not condition_met(field, answers):
                continue
            value = example_value(field, examples.get(field.key), today)
            if value not in (None, "", []):
                answers[field.key] = value
    return answers


# --- Loading ------------------------------------------------------------------------------------


def page_values(spec):
    """The FormPage columns of a page of the definitions."""
    return {name: spec[name] for name in PAGE_DEFAULTS}


def field_values(spec, order, materials):
    """The FormField columns (but page and key) of a question of the definitions; `materials`
    are the service's materials by English name."""
    values = {name: spec[name] for name in FIELD_DEFAULTS if name not in ("material", "choices")}
    material = None
    if spec["material"]:
        material = materials.get(spec["material"])
        if material is None:
            raise DemoFormError(f"no material named {spec['material']!r} for the question {spec['key']!r}")
    values["material_id"] = material.pk if material else None
    values["choices"] = "\n".join(f"{c['key']}|{c['label_zh']}|{c['label_en']}" for c in spec["choices"])
    values["order"] = order
    for name in ("min_value", "max_value"):
        if values[name] is not None:
            values[name] = Decimal(str(values[name]))
    return values


def _apply(obj, values):
    """Set changed attributes; the names of those that changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def load_demo_forms(stdout=None, today=None):
    """Create or update the form of every demo service that offers online application. Pages
    are matched by (service, order), fields by (page, key); only what differs is written, and
    pages or fields the definition no longer has are deleted. Returns counts."""
    definitions = demo_form_definitions(today)
    services = {s.slug: s for s in Service.objects.filter(slug__in=definitions, offers_online=True)}
    materials = defaultdict(dict)
    for material in Material.objects.filter(service__in=services.values()):
        materials[material.service_id].setdefault(material.name_en, material)
    pages = defaultdict(dict)
    duplicate_pages = []
    for form_page in FormPage.objects.filter(service__in=services.values()).order_by("service", "order", "pk"):
        if form_page.order in pages[form_page.service_id]:
            duplicate_pages.append(form_page.pk)
        else:
            pages[form_page.service_id][form_page.order] = form_page
    fields = defaultdict(dict)
    for field in FormField.objects.filter(page__service__in=services.values()).order_by("pk"):
        fields[field.page_id].setdefault(field.key, field)

    stats = {"services": 0, "pages": 0, "fields": 0, "created": 0, "updated": 0, "deleted": 0}
    with transaction.atomic():
        if duplicate_pages:
            stats["deleted"] += (
                FormPage.objects.filter(pk__in=duplicate_pages).delete()[1].get("applications.FormPage", 0)
            )
        for slug, spec_pages in definitions.items():
            service = services.get(slug)
            if service is None:
                continue
            stats["services"] += 1
            stale_fields = []
            for order, spec_page in enumerate(spec_pages, start=1):
                stats["pages"] += 1
                form_page = pages[service.pk].pop(order, None)
                values = page_values(spec_page)
                if form_page is None:
                    form_page = FormPage.objects.create(service=service, order=order, **values)
                    stats["created"] += 1
                elif changed := _apply(form_page, values):
                    form_page.save(update_fields=changed)
                    stats["updated"] += 1
                existing = fields.pop(form_page.pk, {})
                new = []
                for field_order, spec in enumerate(spec_page["fields"]):
                    stats["fields"] += 1
                    values = field_values(spec, field_order, materials[service.pk])
                    field = existing.pop(spec["key"], None)
                    if field is None:
                        new.append(FormField(page=form_page, key=spec["key"], **values))
                    elif changed := _apply(field, values):
                        field.save(update_fields=[name.removesuffix("_id") for name in changed])
                        stats["updated"] += 1
                stale_fields += [f.pk for f in existing.values()]
                FormField.objects.bulk_create(new)
                stats["created"] += len(new)
            if stale_fields:
                stats["deleted"] += FormField.objects.filter(pk__in=stale_fields).delete()[0]
            leftover_pages = [p.pk for p in pages.pop(service.pk, {}).values()]
            if leftover_pages:
                stats["deleted"] += FormPage.objects.filter(pk__in=leftover_pages).delete()[0]
    if stdout is not None:
        stdout.write(
            f"  {stats['services']} online forms, {stats['pages']} question pages, {stats['fields']} questions "
            f"({stats['created']} created, {stats['updated']} updated, {stats['deleted']} deleted)"
        )
    return stats
