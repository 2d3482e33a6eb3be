"""The demo catalogue from YAML: districts, departments, life events, services with their
materials and FAQs, service centres with their hours, and the demo logins.

The content lives in `data/` (places.yaml, life_events.yaml, materials.yaml, users.yaml and one
departments/<slug>.yaml per department); each file says at its top which keys are not model
fields. Reading checks every entry, so a typo fails with the file and the entry named instead of
loading half a city.

Loading is safe to run any number of times: records are matched by slug (users by username),
many-to-many links are set rather than added, materials are updated in place matched by
(service, order) so applications keep their links, and FAQs and opening hours are replaced.
Records that are not part of the demo (say synthetic `scale-<n>` services) are left alone.
"""

import datetime
import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password
from django.contrib.auth.models import Group
from django.db import transaction

from services.catalogue.models import FAQ, Department, District, LifeEvent, Material, Service
from services.demo import files
from services.lib import cache
from services.offline.models import OpeningHours, ServiceCentre, ServiceCounters

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo logins, documented in README


class DemoDataError(ValueError):
    """A demo YAML file says something the loader cannot use; the message names the file and
    the entry."""


def bilingual(*names):
    return tuple(f"{name}_{language}" for name in names for language in ("zh", "en"))


DISTRICT_FIELDS = ("slug", *bilingual("name"))
LIFE_EVENT_FIELDS = ("slug", "audience", *bilingual("name", "description"))
DEPARTMENT_FIELDS = (
    "code",
    "order",
    "phone",
    "email",
    *bilingual("name", "description", "address", "complaint_channel"),
)
SERVICE_FIELDS = (
    "slug",
    "code",
    "audience",
    "life_events",
    "offers_online",
    "offers_counter",
    "offers_post",
    "counter_visits",
    "statutory_limit_days",
    "promised_limit_days",
    "popularity",
    "materials",
    "faqs",
    *bilingual("name", "summary", "keywords", "synonyms", "eligibility", "conditions", "steps", "legal_basis"),
)
SERVICE_OPTIONAL = ("centre_kinds", *bilingual("fee"))
MATERIAL_FIELDS = (
    "form",
    "copies",
    "required",
    "accepted_file_types",
    "e_certificate",
    *bilingual("name", "description"),
)
FAQ_FIELDS = bilingual("question", "answer")
CENTRE_FIELDS = ("slug", "kind", "district", "phone", *bilingual("name", "address", "transport", "accessibility"))
BOOKING_FIELDS = ("counters", "slot_minutes", "booking_days_ahead")
CENTRE_OPTIONAL = ("hours", *BOOKING_FIELDS, "bookable", "service_counters")
HOURS_FIELDS = ("opening_hours", *bilingual("hours_note"))
OPENING_HOURS_FIELDS = ("weekday", "opens", "closes")
USER_FIELDS = ("username", "role")
USER_OPTIONAL = (
    "is_staff",
    "is_superuser",
    "department",
    "centre",
    "groups",
    "email",
    "first_name",
    "last_name",
    "phone",
    "organisation",  # a digital-life organisation's slug: set by services.demo.life, which loads them
)


def check(entry, where, required, optional=()):
    """`entry` as a dict, or DemoDataError if it misses a required key or has an unknown one."""
    if not isinstance(entry, dict):
        raise DemoDataError(f"{where}: expected a mapping of field names, got {entry!r}")
    missing = [key for key in required if key not in entry]
    unknown = [key for key in entry if key not in required and key not in optional]
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(missing)}")
    if unknown:
        raise DemoDataError(f"{where}: unknown key {', '.join(unknown)} (expected {', '.join(required + optional)})")
    return entry


def lookup(table, key, where, what, source=""):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise DemoDataError(f"{where}: unknown {what} {key!r}" + (f" (not in {source})" if source else "")) from None


def choice(model, field, value, where):
    """`value` if it is one of the model field's choices, else DemoDataError."""
    choices = [key for key, _label in model._meta.get_field(field).choices]
    if value not in choices:
        raise DemoDataError(f"{where}: {field} {value!r} is not one of {', '.join(choices)}")
    return value


def once(seen, key, value, where):
    """Record that `where` uses `value` for `key`; DemoDataError if an earlier entry did."""
    if (key, value) in seen:
        raise DemoDataError(f"{where}: {key} {value!r} is already used by {seen[key, value]}")
    seen[key, value] = where


def part(name, key):
    """The `key` section of data/<name>."""
    content = files.read(name)
    if not isinstance(content, dict) or key not in content:
        raise DemoDataError(f"{name}: missing {key}")
    return content[key]


def name_of(entry):
    return repr(entry.get("slug") or entry.get("username") or entry.get("name_en")) if isinstance(entry, dict) else ""


# --- Reading -----------------------------------------------------------------------------------


def demo_districts():
    districts, seen = [], {}
    for entry in part("places.yaml", "districts"):
        where = f"places.yaml, district {name_of(entry)}"
        districts.append(dict(check(entry, where, DISTRICT_FIELDS)))
        once(seen, "slug", entry["slug"], where)
    return districts


def demo_life_events():
    events, seen = [], {}
    for entry in part("life_events.yaml", "life_events"):
        where = f"life_events.yaml, life event {name_of(entry)}"
        event = dict(check(entry, where, LIFE_EVENT_FIELDS))
        once(seen, "slug", event["slug"], where)
        choice(LifeEvent, "audience", event["audience"], where)
        events.append(event)
    return events


def demo_materials():
    """{key: material fields} of the library in materials.yaml."""
    library = {}
    for key, material in files.read("materials.yaml").items():
        where = f"materials.yaml, material {key!r}"
        library[key] = dict(check(material, where, MATERIAL_FIELDS))
        choice(Material, "form", material["form"], where)
    return library


def material_fields(item, library, where):
    """A service's material entry (a library key, {use: key, ...changes}, or a whole material)
    as the material's field values."""
    if isinstance(item, str):
        material = dict(lookup(library, item, where, "material", "materials.yaml"))
    elif isinstance(item, dict) and "use" in item:
        changes = {k: v for k, v in item.items() if k != "use"}
        check(changes, where, (), MATERIAL_FIELDS)
        material = {**lookup(library, item["use"], where, "material", "materials.yaml"), **changes}
    else:
        material = dict(check(item, where, MATERIAL_FIELDS))
    choice(Material, "form", material["form"], where)
    return material


def demo_departments():
    """[(slug, department fields, [service entries])] in the departments' order. Each service
    entry has the Service field names plus "department" (the slug), "life_events" (slugs),
    "materials" and "faqs" (lists of field dicts, in order) and "centre_kinds"."""
    default_kinds = part("places.yaml", "centre_kinds_by_audience")
    centre_kinds = {c.get("kind") for c in part("places.yaml", "centres") if isinstance(c, dict)}
    events = {event["slug"] for event in demo_life_events()}
    library = demo_materials()
    departments, seen = [], {}
    for slug, content in files.read_all("departments"):
        where = f"departments/{slug}.yaml"
        fields = check(content, where, (*DEPARTMENT_FIELDS, "services"))
        once(seen, "department code", fields["code"], where)
        services = []
        for entry in fields["services"] or []:
            at = f"{where}, service {name_of(entry)}"
            service = dict(check(entry, at, SERVICE_FIELDS, SERVICE_OPTIONAL), department=slug)
            once(seen, "slug", service["slug"], at)
            once(seen, "code", service["code"], at)
            choice(Service, "audience", service["audience"], at)
            service.setdefault("fee_zh", "")
            service.setdefault("fee_en", "")
            for event in service["life_events"]:
                if event not in events:
                    raise DemoDataError(f"{at}: unknown life event {event!r} (not in life_events.yaml)")
            service["materials"] = [
                material_fields(item, library, f"{at}, material {n}") for n, item in enumerate(service["materials"], 1)
            ]
            service["faqs"] = [
                dict(check(faq, f"{at}, FAQ {n}", FAQ_FIELDS)) for n, faq in enumerate(service["faqs"] or [], 1)
            ]
            kinds = service.get("centre_kinds") or lookup(default_kinds, service["audience"], at, "audience")
            for kind in kinds:
                if kind not in centre_kinds:
                    raise DemoDataError(f"{at}: unknown centre kind {kind!r} (no centre in places.yaml has it)")
            service["centre_kinds"] = list(kinds) if service["offers_counter"] else []
            services.append(service)
        departments.append((slug, {k: v for k, v in fields.items() if k != "services"}, services))
    departments.sort(key=lambda department: department[1]["order"])
    return departments


def demo_services():
    """Every demo service entry as read from the YAML files (see demo_departments), in order."""
    return [service for _slug, _fields, services in demo_departments() for service in services]


def booking_numbers(values, where):
    """`values` ({counters, slot_minutes, booking_days_ahead}) checked against the model's limits."""
    for name in BOOKING_FIELDS:
        field = ServiceCentre._meta.get_field(name)
        value = values.get(name)
        low = min(v.limit_value for v in field.validators if v.code == "min_value")
        high = max(v.limit_value for v in field.validators if v.code == "max_value")
        if type(value) is not int or not low <= value <= high:
            raise DemoDataError(f"{where}: {name} must be a whole number from {low} to {high}, not {value!r}")
    return values


def demo_centres():
    """[centre fields + "opening_hours" rows + "service_counters"] from places.yaml; a centre's
    `hours` names a pattern of the file's `hours`, whose note and rows it takes; its booking
    numbers are its kind's in the file's `booking` unless it gives its own."""
    districts = {district["slug"] for district in demo_districts()}
    patterns = {
        key: check(pattern, f"places.yaml, hours {key!r}", HOURS_FIELDS)
        for key, pattern in part("places.yaml", "hours").items()
    }
    booking = {
        kind: booking_numbers(
            check(values, f"places.yaml, booking {kind!r}", BOOKING_FIELDS), f"places.yaml, booking {kind!r}"
        )
        for kind, values in part("places.yaml", "booking").items()
    }
    centres, seen = [], {}
    for entry in part("places.yaml", "centres"):
        where = f"places.yaml, centre {name_of(entry)}"
        centre = dict(check(entry, where, CENTRE_FIELDS, (*CENTRE_OPTIONAL, *HOURS_FIELDS)))
        once(seen, "slug", centre["slug"], where)
        if centre["district"] not in districts:
            raise DemoDataError(f"{where}: unknown district {centre['district']!r}")
        if "hours" in centre:
            centre = {**lookup(patterns, centre.pop("hours"), where, "hours pattern"), **centre}
        centre = {"bookable": True, **lookup(booking, centre["kind"], where, "kind of centre", "booking"), **centre}
        booking_numbers(centre, where)
        if type(centre["bookable"]) is not bool:
            raise DemoDataError(f"{where}: bookable must be true or false, not {centre['bookable']!r}")
        centre["service_counters"] = dict(centre.get("service_counters") or {})
        for slug, counters in centre["service_counters"].items():
            booking_numbers({**centre, "counters": counters}, f"{where}, service_counters {slug!r}")
        check(centre, where, (*CENTRE_FIELDS, *HOURS_FIELDS, *BOOKING_FIELDS, "bookable", "service_counters"))
        centre["opening_hours"] = [
            opening_hours(row, f"{where}, opening hours {n}") for n, row in enumerate(centre["opening_hours"], 1)
        ]
        centres.append(centre)
    return centres


def opening_hours(row, where):
    check(row, where, OPENING_HOURS_FIELDS)
    try:
        return {
            "weekday": int(row["weekday"]),
            "opens": datetime.time.fromisoformat(row["opens"]),
            "closes": datetime.time.fromisoformat(row["closes"]),
        }
    except (TypeError, ValueError) as error:
        raise DemoDataError(f'{where}: {error} (weekday 0-6, times as "HH:MM" in quotes)') from None


def demo_users(departments, centres=None):
    """[(username, role, User field values, group names)] for every demo login; `departments`
    and `centres` map slugs to Department and ServiceCentre rows."""
    entries = [(f"users.yaml, user {name_of(e)}", e) for e in part("users.yaml", "users")]
    template = part("users.yaml", "case_officer")
    for slug, department in departments.items():
        entry = {k: v.format(slug=slug, code=department.code) if isinstance(v, str) else v for k, v in template.items()}
        entries.append((f"users.yaml, case_officer for {slug!r}", entry))
    users = []
    for where, entry in entries:
        fields = dict(check(entry, where, USER_FIELDS, USER_OPTIONAL))
        username, role, groups = fields.pop("username"), fields.pop("role"), fields.pop("groups", [])
        fields.pop("organisation", None)  # services.demo.life sets it once the organisations are loaded
        if "department" in fields:
            fields["department"] = lookup(departments, fields["department"], where, "department")
            role = f"{role} ({fields['department'].code})"
        if "centre" in fields:
            fields["centre"] = lookup(centres or {}, fields["centre"], where, "centre", "places.yaml")
            role = f"{role}, {fields['centre'].name_en}"
        users.append((username, role, fields, groups))
    return users


# --- Loading -----------------------------------------------------------------------------------


def load_districts():
    districts = {}
    for order, fields in enumerate(demo_districts(), start=1):
        slug = fields.pop("slug")
        districts[slug], _ = District.objects.update_or_create(slug=slug, defaults={**fields, "order": order})
    return districts


def load_departments(entries):
    return {
        slug: Department.objects.update_or_create(slug=slug, defaults=fields)[0] for slug, fields, _services in entries
    }


def load_life_events():
    events, order = {}, {}
    for fields in demo_life_events():
        slug = fields.pop("slug")
        order[fields["audience"]] = order.get(fields["audience"], 0) + 1
        events[slug], _ = LifeEvent.objects.update_or_create(
            slug=slug, defaults={**fields, "order": order[fields["audience"]]}
        )
    return events


SERVICE_ROW_FIELDS = [f for f in SERVICE_FIELDS if f not in ("slug", "life_events", "materials", "faqs")] + list(
    bilingual("fee")
)


def load_services(entries, departments, events):
    services = {}
    for data in entries:
        defaults = {field: data[field] for field in SERVICE_ROW_FIELDS}
        service, _ = Service.objects.update_or_create(
            slug=data["slug"], defaults={**defaults, "department": departments[data["department"]], "published": True}
        )
        service.life_events.set([events[slug] for slug in data["life_events"]])
        services[data["slug"]] = service

    # Materials are updated in place, matched by (service, order), so applications that point
    # at them (uploads, e-certificate choices, clerks' checks) keep their links on a re-run.
    # FAQs belong to their service alone: replace them wholesale.
    demo = list(services.values())
    existing = {(m.service_id, m.order): m for m in Material.objects.filter(service__in=demo)}
    FAQ.objects.filter(service__in=demo).delete()
    new_materials, changed, keep, faqs = [], [], set(), []
    for data in entries:
        service = services[data["slug"]]
        for order, values in enumerate(data["materials"]):
            material = existing.get((service.pk, order))
            if material is None:
                new_materials.append(Material(service=service, order=order, **values))
                continue
            keep.add(material.pk)
            if any(getattr(material, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(material, k, v)
                changed.append(material)
        faqs += [FAQ(service=service, order=order, **values) for order, values in enumerate(data["faqs"])]
    Material.objects.filter(service__in=demo).exclude(pk__in=keep).delete()
    Material.objects.bulk_update(changed, list(MATERIAL_FIELDS))
    Material.objects.bulk_create(new_materials)
    FAQ.objects.bulk_create(faqs)
    return services


def load_centres(districts, entries, services):
    centres, kinds, hours = {}, {}, []
    for order, data in enumerate(demo_centres(), start=1):
        slug, rows = data["slug"], data["opening_hours"]
        defaults = {
            k: v for k, v in data.items() if k not in ("slug", "kind", "district", "opening_hours", "service_counters")
        }
        centres[slug], _ = ServiceCentre.objects.update_or_create(
            slug=slug, defaults={**defaults, "district": districts[data["district"]], "order": order}
        )
        kinds[slug] = data["kind"]
        hours += [OpeningHours(centre=centres[slug], **row) for row in rows]
    OpeningHours.objects.filter(centre__in=centres.values()).delete()
    OpeningHours.objects.bulk_create(hours)

    # Which demo services each centre handles. Links to services that are not part of the demo
    # (added in the admin, or synthetic scale data) are kept.
    through = ServiceCentre.services.through
    through.objects.filter(servicecentre__in=centres.values(), service__in=services.values()).delete()
    links = [
        through(servicecentre=centre, service=services[data["slug"]])
        for data in entries
        for slug, centre in centres.items()
        if kinds[slug] in data["centre_kinds"]
    ]
    through.objects.bulk_create(links)

    # Services served at a number of counters of their own (checked against the links above).
    handled = {(link.servicecentre.slug, link.service.slug) for link in links}
    own = []
    for data in demo_centres():
        for slug, counters in data["service_counters"].items():
            if (data["slug"], slug) not in handled:
                raise DemoDataError(
                    f"places.yaml, centre {data['slug']!r}: service_counters names {slug!r}, which it does not handle"
                )
            own.append(ServiceCounters(centre=centres[data["slug"]], service=services[slug], counters=counters))
    ServiceCounters.objects.filter(centre__in=centres.values()).delete()
    ServiceCounters.objects.bulk_create(own)
    return centres, len(hours), len(links)


@functools.cache
def _hash_with(algorithm):
    return make_password(DEMO_PASSWORD, hasher=algorithm)


def demo_password_hash():
    """Hashed once per process and hasher: the password hasher is deliberately slow (~0.4 s)."""
    return _hash_with(get_hasher().algorithm)


def load_users(departments, centres):
    User = get_user_model()
    hashed = demo_password_hash()
    table = []
    for username, role, fields, groups in demo_users(departments, centres):
        defaults = {
            "is_staff": False,
            "is_superuser": False,
            "is_active": True,
            "department": None,
            "centre": None,
            "phone": "",
            **fields,
            "password": hashed,
        }
        user, _ = User.objects.update_or_create(username=username, defaults=defaults)
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
        table.append((username, DEMO_PASSWORD, role))
    return table


def load_demo_catalogue():
    """Load (or bring back) the demo catalogue, centres and logins in one transaction. Returns
    counts for the command's summary and the logins table [(username, password, role)]."""
    departments_read = demo_departments()  # read and checked before anything is written
    entries = [service for _slug, _fields, services in departments_read for service in services]
    with transaction.atomic():
        districts = load_districts()
        departments = load_departments(departments_read)
        events = load_life_events()
        services = load_services(entries, departments, events)
        centres, hours, links = load_centres(districts, entries, services)
        logins = load_users(departments, centres)
    cache.bump_version()  # bulk_create/bulk_update above send no signals
    return {
        "districts": len(districts),
        "departments": len(departments),
        "life_events": len(events),
        "services": services,
        "centres": len(centres),
        "opening_hours": hours,
        "links": links,
        "logins": logins,
    }
