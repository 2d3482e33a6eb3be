"""The demo's digital-life directories from YAML: one file per area in data/life/ (health.yaml,
education.yaml, elderly.yaml, culture.yaml), each with its provider organisations and entries;
health.yaml also lists the specialties and education.yaml the subjects.

An entry's keys are the model's field names (Entry's and its area's: grade, stage, kind...),
with slugs for its organisation, district, subject, specialties, catalogue services and life
events, and three keys that are not fields:
  hours             ["mon-fri 08:00-20:00", "sat 09:00-12:00", "daily 00:00-00:00"]: days mon..sun,
                    ranges (mon-fri), lists (mon,wed) or "daily"; 00:00-00:00 is the whole day and a
                    closing time not after the opening time runs past midnight (20:00-02:00)
  updated_days_ago  when the entry was last updated, in days before now (90+ shows the stale flag)
  published         false for an entry waiting for an editor (true when left out)

Everything is read and checked before anything is written - keys, slugs, choices, hours, the
model's own validation - so a mistake names the file and the entry and loads nothing. Loading is
safe to run any number of times: records are matched by slug, many-to-many links are set, and
an entry's hours are replaced. Entries that are not part of the demo (a provider's new entry,
synthetic scale data) are left alone.
"""

import datetime
import decimal
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation

from services.catalogue.models import District, LifeEvent, Service
from services.demo import files
from services.demo.catalogue import (
    DemoDataError,
    bilingual,
    check,
    choice,
    demo_districts,
    demo_life_events,
    demo_services,
    lookup,
    name_of,
    once,
    part,
)
from services.lib import cache
from services.life import approvals
from services.life.models import AREA_MODELS, Area, ChangeRequest, Entry, Hours, Organisation, Specialty, Subject

FOLDER = "life"
PROVIDER_GROUP = "Provider"  # made by life's migration 0002
ORGANISATION_FIELDS = ("slug", *bilingual("name"))
ORGANISATION_OPTIONAL = ("phone", "email")
TOPIC_FIELDS = ("slug", *bilingual("name"))  # a specialty or a subject
ENTRY_FIELDS = ("slug", "organisation", *bilingual("name", "summary"))
ENTRY_OPTIONAL = (
    "link",
    "phone",
    "district",
    *bilingual("address", "hours_note"),
    "holiday_hours",
    "services",
    "life_events",
    "published",
    "pending",
    "hours",
    "updated_days_ago",
)
# Keys each file may have besides organisations and entries, by area.
TOPICS = {Area.HEALTH: "specialties", Area.EDUCATION: "subjects"}
TOPIC_NAMES = {"specialties": "specialty", "subjects": "subject"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SPAN = re.compile(r"^(?P<days>[a-z,\-]+)\s+(?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$")
MIDNIGHT = datetime.time(0, 0)
# Set by the loader from slugs or keys that are not fields, not from a field's default.
LINKED = ("slug", "organisation", "district", "subject", "updated_at", "created_at")


def area_of(stem):
    """The Area of data/life/<stem>.yaml: its file name (health, education, elderly, culture)."""
    try:
        return Area(stem)
    except ValueError:
        raise DemoDataError(
            f"life/{stem}.yaml: the file name must be an area ({', '.join(Area.values)}).yaml"
        ) from None


def area_fields(model):
    """{name: field} of the area's own fields (the child table's, not Entry's)."""
    own = [*model._meta.local_fields, *model._meta.local_many_to_many]
    return {field.name: field for field in own if not (field.remote_field and field.remote_field.parent_link)}


def days_of(text, where):
    """[weekday 0-6] of "mon-fri", "sat,sun", "daily"."""
    if text == "daily":
        return list(range(7))
    weekdays = []
    for item in text.split(","):
        first, _, last = item.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise DemoDataError(f"{where}: {text!r} is not days (mon..sun, a range like mon-fri, or daily)")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise DemoDataError(f"{where}: the range {item!r} runs backwards (write mon-fri, from mon to sun)")
        weekdays += range(start, end + 1)
    if len(set(weekdays)) != len(weekdays):
        raise DemoDataError(f"{where}: {text!r} names a day twice")
    return weekdays


def hours_rows(spans, where):
    """[{weekday, opens, closes}] from hours strings; a mistake names the string."""
    if not isinstance(spans, list):
        raise DemoDataError(f'{where}: hours must be a list of strings like "mon-fri 08:00-20:00"')
    rows, seen = [], set()
    for text in spans:
        at = f"{where}, hours {text!r}"
        match = SPAN.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise DemoDataError(f'{at}: expected days and a span like "mon-fri 08:00-20:00" or "daily 00:00-00:00"')
        try:
            opens = datetime.time.fromisoformat(match["opens"])
            closes = datetime.time.fromisoformat(match["closes"])
        except ValueError:
            raise DemoDataError(f"{at}: times run from 00:00 to 23:59") from None
        if opens == closes and opens != MIDNIGHT:
            raise DemoDataError(f"{at}: a span that opens and closes at the same time must be 00:00-00:00 (24 hours)")
        for weekday in days_of(match["days"], at):
            if (weekday, opens) in seen:
                raise DemoDataError(f"{at}: {DAYS[weekday]} already has a span opening at {opens:%H:%M}")
            seen.add((weekday, opens))
            rows.append({"weekday": weekday, "opens": opens, "closes": closes})
    return rows


def typed(field, value, where):
    """A YAML value as the model field's value (choices, booleans, numbers checked)."""
    name = field.name
    if value is None:
        if not field.null:
            raise DemoDataError(f"{where}: {name} cannot be empty")
        return None
    if field.choices:
        return choice(field.model, name, value, where)
    if isinstance(field, models.BooleanField):
        if type(value) is not bool:
            raise DemoDataError(f"{where}: {name} must be true or false, not {value!r}")
        return value
    if isinstance(field, models.DecimalField):
        if type(value) not in (int, float):
            raise DemoDataError(f"{where}: {name} must be a number, not {value!r}")
        return decimal.Decimal(str(value))
    if isinstance(field, models.IntegerField):
        if type(value) is not int:
            raise DemoDataError(f"{where}: {name} must be a whole number, not {value!r}")
        return value
    if not isinstance(value, str):
        raise DemoDataError(f"{where}: {name} must be text, not {value!r}")
    return value


def slugs(value, known, where, what, source):
    if not isinstance(value, list):
        raise DemoDataError(f"{where}: {what} must be a list of slugs, not {value!r}")
    for slug in value:
        lookup(known, slug, where, what, source)
    return list(value)


def bilingual_pairs(entry, where):
    """Every text given in one language is given in the other."""
    for key in entry:
        if key.endswith("_zh"):
            stem = key.removesuffix("_zh")
            if bool(entry.get(f"{stem}_zh")) != bool(entry.get(f"{stem}_en")):
                raise DemoDataError(f"{where}: {stem}_zh and {stem}_en must both be filled (the demo is bilingual)")
        elif key.endswith("_en") and f"{key.removesuffix('_en')}_zh" not in entry:
            raise DemoDataError(f"{where}: {key} has no {key.removesuffix('_en')}_zh (the demo is bilingual)")


def model_errors(instance, where):
    """The model's own validation (lengths, URLs, fees, clean()), without the database: foreign
    keys and uniqueness are checked by the loader itself."""
    with translation.override("en"):  # for the operator, whatever language the caller was in
        try:
            instance.full_clean(
                exclude=["organisation", "district", "subject", "area", "updated_at"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            detail = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            raise DemoDataError(f"{where}: {detail}") from None
    # The model's check constraint (it needs the database), the same rule in Python.
    free, beds = getattr(instance, "free_beds", None), getattr(instance, "beds", None)
    if free is not None and (beds is None or free > beds):
        raise DemoDataError(f"{where}: free_beds {free} is more than beds {beds}")


def read_entry(raw, area, where, known):
    model = AREA_MODELS[area]
    own = area_fields(model)
    fields = check(raw, where, ENTRY_FIELDS, (*ENTRY_OPTIONAL, *own))
    bilingual_pairs(fields, where)
    entry = {"area": area, "where": where, "m2m": {}, "hours": [], "values": {}}
    values = entry["values"]
    for key, value in fields.items():
        if key == "organisation":
            entry["organisation"] = lookup(
                known["organisations"][area], value, where, "organisation", f"life/{area}.yaml"
            )
        elif key == "district":
            entry["district"] = lookup(known["districts"], value, where, "district", "places.yaml")
        elif key == "services":
            entry["m2m"]["services"] = slugs(value, known["services"], where, "service", "departments/*.yaml")
        elif key == "life_events":
            entry["m2m"]["life_events"] = slugs(value, known["life_events"], where, "life event", "life_events.yaml")
        elif key == "hours":
            entry["hours"] = hours_rows(value, where)
        elif key == "updated_days_ago":
            if type(value) is not int or value < 0:
                raise DemoDataError(f"{where}: updated_days_ago must be a whole number of days, 0 or more")
            entry["updated_days_ago"] = value
        elif key == "specialties":
            entry["m2m"]["specialties"] = slugs(value, known["specialties"], where, "specialty", "health.yaml")
        elif key == "subject":
            entry["subject"] = lookup(known["subjects"], value, where, "subject", "education.yaml")
        elif key == "pending":
            entry["pending"] = pending_changes(value, model, own, where)
        elif key == "slug":
            values["slug"] = value
        else:
            field = own.get(key) or Entry._meta.get_field(key)
            values[key] = typed(field, value, where)
    values.setdefault("published", True)
    if "subject" in own and "subject" not in entry:
        raise DemoDataError(f"{where}: missing subject")
    model_errors(model(**values), where)
    if entry.get("pending"):
        model_errors(model(**{**values, **entry["pending"]}), f"{where}, pending")
    return entry


def pending_changes(value, model, own, where):
    """{field: value} of a change a provider has asked for and an editor has not yet approved:
    fields that wait for an editor (not routine), no many-to-many."""
    if not isinstance(value, dict) or not value:
        raise DemoDataError(f"{where}: pending must be a mapping of field names to proposed values")
    changes = {}
    for key, proposed in value.items():
        field = own.get(key) if key in own else next((f for f in Entry._meta.fields if f.name == key), None)
        if field is None or not field.editable or field.many_to_many or field.is_relation or key == "slug":
            raise DemoDataError(f"{where}: pending has an unknown key {key} (a field of the entry, not a link)")
        if key in model.routine_fields():
            raise DemoDataError(
                f"{where}: pending {key} is routine (published at once), not a change waiting for an editor"
            )
        changes[key] = typed(field, proposed, where)
    return changes


def demo_life():
    """Every demo file of data/life/ read and checked: {"specialties", "subjects",
    "organisations" (slug -> fields with "area"), "entries" (in file order), "users"
    (username -> organisation slug, from users.yaml)}."""
    known = {
        "districts": {d["slug"]: d for d in demo_districts()},
        "services": {s["slug"]: s for s in demo_services()},
        "life_events": {e["slug"]: e for e in demo_life_events()},
        "organisations": {area: {} for area in Area},
        "specialties": {},
        "subjects": {},
    }
    content = [(area_of(stem), stem, data) for stem, data in files.read_all(FOLDER)]
    seen = {}
    # Topics and organisations first: an entry may name them from anywhere in its file.
    for area, stem, data in content:
        name = f"life/{stem}.yaml"
        topic = TOPICS.get(area)
        check(data, name, ("organisations", "entries"), (topic,) if topic else ())
        for key in TOPICS.values():
            if key in data:
                for n, raw in enumerate(data[key] or [], 1):
                    where = f"{name}, {TOPIC_NAMES[key]} {name_of(raw)}"
                    topic_fields = dict(check(raw, where, TOPIC_FIELDS), order=n)
                    bilingual_pairs(topic_fields, where)
                    once(seen, key, raw["slug"], where)
                    known[key][raw["slug"]] = topic_fields
        for raw in data["organisations"] or []:
            where = f"{name}, organisation {name_of(raw)}"
            fields = dict(check(raw, where, ORGANISATION_FIELDS, ORGANISATION_OPTIONAL), area=area)
            bilingual_pairs(fields, where)
            once(seen, "organisation", raw["slug"], where)
            known["organisations"][area][raw["slug"]] = fields
    entries = []
    for area, stem, data in content:
        for raw in data["entries"] or []:
            where = f"life/{stem}.yaml, entry {name_of(raw)}"
            entry = read_entry(raw, area, where, known)
            once(seen, "entry slug", entry["values"]["slug"], where)
            entries.append(entry)
    organisations = {slug: fields for by_slug in known["organisations"].values() for slug, fields in by_slug.items()}
    users = {}
    for raw in part("users.yaml", "users"):
        where = f"users.yaml, user {name_of(raw)}"
        if isinstance(raw, dict) and "organisation" in raw:
            users[raw["username"]] = lookup(organisations, raw["organisation"], where, "organisation", "life/*.yaml")[
                "slug"
            ]
        elif isinstance(raw, dict) and PROVIDER_GROUP in (raw.get("groups") or []):
            # A provider without an organisation would see no entries at all in the admin.
            raise DemoDataError(f"{where}: a login in the {PROVIDER_GROUP} group needs an organisation")
    # An unpublished entry or a pending change is asked for by a demo login of its organisation.
    for entry in entries:
        if entry.get("pending") or not entry["values"]["published"]:
            org = entry["organisation"]["slug"]
            logins = [username for username, slug in users.items() if slug == org]
            if not logins:
                raise DemoDataError(f"{entry['where']}: no demo login of {org!r} (users.yaml) to ask an editor")
            entry["submitter"] = logins[0]
    return {
        "specialties": known["specialties"],
        "subjects": known["subjects"],
        "organisations": organisations,
        "entries": entries,
        "users": users,
    }


# --- Loading -----------------------------------------------------------------------------------


def rows_by_slug(model, wanted, what):
    """{slug: row} of `model` for every slug in `wanted`; DemoDataError naming one that is missing
    (the catalogue was not loaded first)."""
    rows = model.objects.in_bulk(set(wanted), field_name="slug")
    missing = sorted(set(wanted) - set(rows))
    if missing:
        raise DemoDataError(f"no {what} {missing[0]!r} in the database: load the demo catalogue first")
    return rows


def load_demo_life(data=None, now=None):
    """Load (or bring back) the demo's digital-life directories, in one transaction, and give
    the demo provider logins their organisation. Returns counts per area and of organisations."""
    data = data if data is not None else demo_life()
    now = now or timezone.now()
    entries = data["entries"]
    wanted = {key: {slug for e in entries for slug in e["m2m"].get(key, [])} for key in ("services", "life_events")}
    with transaction.atomic():
        districts = rows_by_slug(District, {e["district"]["slug"] for e in entries if "district" in e}, "district")
        services = rows_by_slug(Service, wanted["services"], "service")
        events = rows_by_slug(LifeEvent, wanted["life_events"], "life event")
        taken = Entry.objects.filter(slug__in=[e["values"]["slug"] for e in entries]).values_list("slug", "area")
        for slug, area in taken:
            entry = next(e for e in entries if e["values"]["slug"] == slug)
            if area != entry["area"]:
                raise DemoDataError(f"{entry['where']}: slug {slug!r} is already used by an entry of the {area} area")
        topics = {}
        for key, model in (("specialties", Specialty), ("subjects", Subject)):
            topics[key] = {
                slug: model.objects.update_or_create(slug=slug, defaults={k: v for k, v in f.items() if k != "slug"})[0]
                for slug, f in data[key].items()
            }
        organisations = {
            slug: Organisation.objects.update_or_create(
                slug=slug, defaults={k: v for k, v in f.items() if k != "slug"}
            )[0]
            for slug, f in data["organisations"].items()
        }
        loaded, hours = [], []
        for entry in entries:
            values = dict(entry["values"])
            slug = values.pop("slug")
            values.update(
                organisation=organisations[entry["organisation"]["slug"]],
                district=districts[entry["district"]["slug"]] if "district" in entry else None,
                updated_at=now - datetime.timedelta(days=entry.get("updated_days_ago", 0)),
            )
            if "subject" in entry:
                values["subject"] = topics["subjects"][entry["subject"]["slug"]]
            # A field left out of the file takes its default, also over an earlier load's value.
            model = AREA_MODELS[entry["area"]]
            for field in model._meta.concrete_fields:
                if field.editable and not field.primary_key and field.name not in (*LINKED, *values):
                    values[field.name] = field.get_default()
            row, _ = AREA_MODELS[entry["area"]].objects.update_or_create(slug=slug, defaults=values)
            row.services.set([services[s] for s in entry["m2m"].get("services", [])])
            row.life_events.set([events[s] for s in entry["m2m"].get("life_events", [])])
            if entry["area"] == Area.HEALTH:
                row.specialties.set([topics["specialties"][s] for s in entry["m2m"].get("specialties", [])])
            hours += [Hours(entry=row, **fields) for fields in entry["hours"]]
            loaded.append(row)
        Hours.objects.filter(entry__in=loaded).delete()
        Hours.objects.bulk_create(hours)
        User = get_user_model()
        for username, slug in data["users"].items():
            User.objects.filter(username=username).update(organisation=organisations[slug])
        waiting = ask_the_editor(entries, loaded, User)
    for scope in ("catalogue", "life"):  # bulk writes send no signals; the guides show entries too
        cache.bump_version(scope)
    counts = {area.value: sum(1 for row in loaded if row.area == area) for area in Area}
    return {**counts, "organisations": len(organisations), "hours": len(hours), "waiting": waiting}


def ask_the_editor(entries, rows, User):
    """The demo's work for the content editor, made as a provider makes it (life.approvals): an
    unpublished entry's request to publish it and a pending change. An entry that has a pending
    request already keeps it, so a second load adds none."""
    waiting = 0
    for entry, row in zip(entries, rows, strict=True):
        if "submitter" not in entry:
            continue
        waiting += 1
        if row.change_requests.filter(status=ChangeRequest.Status.PENDING).exists():
            continue
        user = User.objects.get(username=entry["submitter"])
        if not row.published:
            approvals.request_publication(row, user, now=row.updated_at)
        if entry.get("pending"):
            approvals.propose(row, entry["pending"], user, now=row.updated_at)
    return waiting
