"""`manage.py load_demo`: the Haipu City demo catalogue, service centres and demo users.

Safe to run any number of times: records are matched by slug (users by username), many-to-many
links are set rather than added, and each demo record's materials, FAQs and opening hours are
replaced. Records that are not part of the demo (for example synthetic `scale-<n>` services) are
left alone.
"""

import functools
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from services.catalogue.demo import (
    ACCESS,
    CENTRES,
    DEFAULT_CENTRE_KINDS,
    DEPARTMENTS,
    DISTRICTS,
    HOURS,
    LIFE_EVENTS,
    SERVICES,
    complaint_channel,
)
from services.catalogue.models import FAQ, Department, District, LifeEvent, Material, Service
from services.lib import cache
from services.offline.models import OpeningHours, ServiceCentre

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo logins, documented in README
REGION_CODE = "310000"


def pair(field, value):
    """{'name_zh': ..., 'name_en': ...} from a (zh, en) pair; None gives two blanks."""
    zh, en = value or ("", "")
    return {f"{field}_zh": zh, f"{field}_en": en}


def line_pair(field, items):
    """A multi-line bilingual field from a list of (zh, en) lines."""
    return {f"{field}_zh": "\n".join(zh for zh, _ in items), f"{field}_en": "\n".join(en for _, en in items)}


def load_districts():
    districts = {}
    for order, (slug, name_zh, name_en) in enumerate(DISTRICTS, start=1):
        districts[slug], _ = District.objects.update_or_create(
            slug=slug, defaults={"name_zh": name_zh, "name_en": name_en, "order": order}
        )
    return districts


def load_departments():
    departments = {}
    for order, (slug, code, name, description, phone, email, address) in enumerate(DEPARTMENTS, start=1):
        departments[slug], _ = Department.objects.update_or_create(
            slug=slug,
            defaults={
                "code": code,
                "phone": phone,
                "email": email,
                "order": order,
                **pair("name", name),
                **pair("description", description),
                **pair("address", address),
                **pair("complaint_channel", complaint_channel(name, phone, email)),
            },
        )
    return departments


def load_life_events():
    events, order = {}, {"individual": 0, "business": 0}
    for slug, audience, name, description in LIFE_EVENTS:
        order[audience] += 1
        events[slug], _ = LifeEvent.objects.update_or_create(
            slug=slug,
            defaults={
                "audience": audience,
                "order": order[audience],
                **pair("name", name),
                **pair("description", description),
            },
        )
    return events


def service_defaults(data, department, code):
    statutory, promised = data["limits"]
    return {
        "code": code,
        "department": department,
        "audience": data["aud"],
        "offers_online": "o" in data["ch"],
        "offers_counter": "c" in data["ch"],
        "offers_post": "p" in data["ch"],
        "statutory_limit_days": statutory,
        "promised_limit_days": promised,
        "counter_visits": data.get("visits", 0 if "o" in data["ch"] else 1),
        "popularity": data["pop"],
        "published": True,
        **pair("name", data["name"]),
        **pair("summary", data["summary"]),
        **pair("keywords", data["kw"]),
        **pair("synonyms", data["syn"]),
        **pair("fee", data.get("fee")),
        **line_pair("eligibility", data["elig"]),
        **line_pair("conditions", data["cond"]),
        **line_pair("steps", data["steps"]),
        **line_pair("legal_basis", data["law"]),
    }


def load_services(departments, events):
    services, numbers = {}, {}
    for data in SERVICES:
        department = departments[data["dept"]]
        numbers[department.code] = numbers.get(department.code, 0) + 1
        code = f"{REGION_CODE}-{department.code}-{numbers[department.code]:03d}"
        service, _ = Service.objects.update_or_create(
            slug=data["slug"], defaults=service_defaults(data, department, code)
        )
        service.life_events.set([events[slug] for slug in data["events"]])
        services[data["slug"]] = service

    # Materials are updated in place, matched by (service, order), so applications that point
    # at them (uploads, e-certificate choices, clerks' checks) keep their links on a re-run.
    # FAQs belong to their service alone: replace them wholesale.
    demo = list(services.values())
    existing = {(m.service_id, m.order): m for m in Material.objects.filter(service__in=demo)}
    FAQ.objects.filter(service__in=demo).delete()
    new_materials, changed, keep, faqs = [], [], set(), []
    fields = [
        "form",
        "copies",
        "required",
        "accepted_file_types",
        "e_certificate",
        "name_zh",
        "name_en",
        "description_zh",
        "description_en",
    ]
    for data in SERVICES:
        service = services[data["slug"]]
        for order, m in enumerate(data["mats"]):
            values = {
                "form": m["form"],
                "copies": m["copies"],
                "required": m["required"],
                "accepted_file_types": m["types"],
                "e_certificate": m["ecert"],
                **pair("name", m["name"]),
                **pair("description", m["desc"]),
            }
            material = existing.get((service.pk, order))
            if material is None:
                new_materials.append(Material(service=service, order=order, **values))
                continue
            keep.add(material.pk)
            if any(getattr(material, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(material, k, v)
                changed.append(material)
        for order, (question, answer) in enumerate(data["faqs"]):
            faqs.append(FAQ(service=service, order=order, **pair("question", question), **pair("answer", answer)))
    Material.objects.filter(service__in=demo).exclude(pk__in=keep).delete()
    Material.objects.bulk_update(changed, fields)
    Material.objects.bulk_create(new_materials)
    FAQ.objects.bulk_create(faqs)
    return services


def load_centres(districts, services):
    centres = {}
    hours = []
    for order, (slug, district, kind, name, address, phone, transport, pattern) in enumerate(CENTRES, start=1):
        slots, note = HOURS[pattern]
        centres[slug], _ = ServiceCentre.objects.update_or_create(
            slug=slug,
            defaults={
                "district": districts[district],
                "phone": phone,
                "order": order,
                **pair("name", name),
                **pair("address", address),
                **pair("transport", transport),
                **pair("accessibility", ACCESS[kind]),
                **pair("hours_note", note),
            },
        )
        hours += [
            OpeningHours(centre=centres[slug], weekday=day, opens=opens, closes=closes) for day, opens, closes in slots
        ]
    OpeningHours.objects.filter(centre__in=centres.values()).delete()
    OpeningHours.objects.bulk_create(hours)

    # Which demo services each centre handles. Links to services that are not part of the demo
    # (added in the admin, or synthetic scale data) are kept.
    through = ServiceCentre.services.through
    through.objects.filter(servicecentre__in=centres.values(), service__in=services.values()).delete()
    kinds = {slug: kind for slug, _district, kind, *_rest in CENTRES}
    links = []
    for data in SERVICES:
        if "c" not in data["ch"]:
            continue
        wanted = data.get("at") or DEFAULT_CENTRE_KINDS[data["aud"]]
        links += [
            through(servicecentre=centre, service=services[data["slug"]])
            for slug, centre in centres.items()
            if kinds[slug] in wanted
        ]
    through.objects.bulk_create(links)
    return centres, len(hours), len(links)


def demo_users(departments):
    """(username, role, fields, group name) for every demo login."""
    users = [
        (
            "admin",
            "Superuser",
            {
                "is_staff": True,
                "is_superuser": True,
                "email": "admin@haipu.gov.example",
                "first_name": "系统",
                "last_name": "管理员",
            },
            None,
        ),
        (
            "deptadmin",
            f"Department admin ({departments['psb'].code})",
            {
                "is_staff": True,
                "department": departments["psb"],
                "email": "deptadmin@haipu.gov.example",
                "first_name": "敏",
                "last_name": "李",
            },
            "Department admin",
        ),
        (
            "clerk",
            f"Counter clerk ({departments['civil'].code})",
            {
                "is_staff": True,
                "department": departments["civil"],
                "email": "clerk@haipu.gov.example",
                "first_name": "芳",
                "last_name": "王",
            },
            "Counter clerk",
        ),
        (
            "citizen",
            "Citizen",
            {"email": "citizen@example.com", "first_name": "伟", "last_name": "张", "phone": "13800138000"},
            None,
        ),
    ]
    for slug, department in departments.items():
        users.append(
            (
                f"officer-{slug}",
                f"Case officer ({department.code})",
                {
                    "is_staff": True,
                    "department": department,
                    "email": f"officer-{slug}@haipu.gov.example",
                    "first_name": department.code,
                    "last_name": "Officer",
                },
                "Case officer",
            )
        )
    return users


@functools.cache
def _hash_with(algorithm):
    return make_password(DEMO_PASSWORD, hasher=algorithm)


def demo_password_hash():
    """Hashed once per process and hasher: the password hasher is deliberately slow (~0.4 s)."""
    return _hash_with(get_hasher().algorithm)


def load_users(departments):
    User = get_user_model()
    hashed = demo_password_hash()
    table = []
    for username, role, fields, group_name in demo_users(departments):
        defaults = {
            "is_staff": False,
            "is_superuser": False,
            "is_active": True,
            "department": None,
            "phone": "",
            **fields,
            "password": hashed,
        }
        user, _ = User.objects.update_or_create(username=username, defaults=defaults)
        user.groups.set([Group.objects.get_or_create(name=group_name)[0]] if group_name else [])
        table.append((username, DEMO_PASSWORD, role))
    return table


class Command(BaseCommand):
    help = (
        "Load the Haipu City demo: districts, departments, life events, services with guides, service "
        "centres and demo users (password 'demo-pass-2026'). Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        # One transaction: the cache invalidation signals queue a single version bump for it.
        with transaction.atomic():
            districts = load_districts()
            departments = load_departments()
            events = load_life_events()
            services = load_services(departments, events)
            centres, hours, links = load_centres(districts, services)
            logins = load_users(departments)
        from services.applications.demo_applications import load_demo_applications
        from services.applications.demo_forms import load_demo_forms

        forms, applications = load_demo_forms(), load_demo_applications()
        cache.bump_version()  # bulk_create/bulk_update above send no signals
        elapsed = time.monotonic() - started

        demo = Service.objects.filter(slug__in=services)
        out = self.stdout
        out.write(self.style.SUCCESS(f"Haipu City demo loaded in {elapsed:.1f}s:"))
        out.write(f"  {len(districts)} districts, {len(departments)} departments, {len(events)} life events")
        out.write(
            f"  {len(services)} services ({demo.filter(offers_online=True).count()} online, "
            f"{demo.filter(offers_counter=True).count()} at a counter, {demo.filter(offers_post=True).count()} "
            f"by post), {Material.objects.filter(service__in=demo).count()} materials, "
            f"{FAQ.objects.filter(service__in=demo).count()} FAQ entries"
        )
        out.write(f"  {len(centres)} service centres, {hours} opening-hours rows, {links} centre-service links")
        out.write(
            f"  {forms['services']} online forms ({forms['pages']} pages, {forms['fields']} questions); the demo "
            f"citizen has {applications['draft']} drafts, {applications['submitted']} submitted and "
            f"{applications['withdrawn']} withdrawn applications"
        )
        out.write("")
        width = max(len(username) for username, *_ in logins)
        out.write(f"  {'username'.ljust(width)}  {'password'.ljust(len(DEMO_PASSWORD))}  role")
        for username, password, role in logins:
            out.write(f"  {username.ljust(width)}  {password}  {role}")
