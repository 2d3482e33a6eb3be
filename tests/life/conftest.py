"""Small makers of digital-life entries, shared by the tests of tests/life (pages, open now,
cross-links, providers). Each returns a saved, published entry unless told otherwise;
`hours=["mon-fri 08:00-17:00", "sat 20:00-02:00"]` adds Hours rows (days mon..sun, ranges a-b,
or "daily"; 00:00-00:00 is the whole day)."""

import datetime
import itertools

from services.life.models import CarePlace, Hospital, Hours, Organisation, Resource, Specialty, Subject, Venue

_seq = itertools.count(1)
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _days(text):
    if text == "daily":
        return range(7)
    if "-" in text:
        first, last = text.split("-")
        return range(DAYS.index(first), DAYS.index(last) + 1)
    return [DAYS.index(text)]


def add_hours(entry, *lines):
    """add_hours(entry, "mon-fri 08:00-17:00", "sat 20:00-02:00")"""
    for line in lines:
        days, span = line.split()
        opens, closes = (datetime.time.fromisoformat(t) for t in span.split("-"))
        for day in _days(days):
            Hours.objects.create(entry=entry, weekday=day, opens=opens, closes=closes)
    return entry


def make_organisation(slug=None, area="health", **kw):
    n = next(_seq)
    defaults = dict(name_zh=f"机构{n}", name_en=f"Organisation {n}", area=area)
    defaults.update(kw)
    return Organisation.objects.create(slug=slug or f"org-{n}", **defaults)


def _make(model, area, slug, hours, services, life_events, kw):
    n = next(_seq)
    defaults = dict(
        name_zh=f"条目{n}",
        name_en=f"Entry {n}",
        summary_zh=f"条目{n}的简介",
        summary_en=f"About entry {n}",
        published=True,
    )
    defaults.update(kw)
    if "organisation" not in defaults:
        defaults["organisation"] = make_organisation(area=area)
    entry = model.objects.create(slug=slug or f"{area}-{n}", **defaults)
    add_hours(entry, *hours)
    if services:
        entry.services.set(services)
    if life_events:
        entry.life_events.set(life_events)
    return entry


def make_specialty(slug=None, **kw):
    n = next(_seq)
    defaults = dict(name_zh=f"科室{n}", name_en=f"Specialty {n}")
    defaults.update(kw)
    return Specialty.objects.create(slug=slug or f"specialty-{n}", **defaults)


def make_subject(slug=None, **kw):
    n = next(_seq)
    defaults = dict(name_zh=f"学科{n}", name_en=f"Subject {n}")
    defaults.update(kw)
    return Subject.objects.create(slug=slug or f"subject-{n}", **defaults)


def make_hospital(slug=None, specialties=(), hours=(), services=(), life_events=(), **kw):
    kw.setdefault("grade", Hospital.Grade.TERTIARY_A)
    kw.setdefault("consult_url", "https://hospital.example.cn/consult")
    hospital = _make(Hospital, "health", slug, hours, services, life_events, kw)
    if specialties:
        hospital.specialties.set(specialties)
    return hospital


def make_resource(slug=None, hours=(), services=(), life_events=(), **kw):
    kw.setdefault("stage", Resource.Stage.PRIMARY)
    kw.setdefault("format", Resource.Format.VIDEO)
    kw.setdefault("link", "https://edu.example.cn/course")
    if "subject" not in kw:
        kw["subject"] = make_subject()
    return _make(Resource, "education", slug, hours, services, life_events, kw)


def make_care_place(slug=None, hours=(), services=(), life_events=(), **kw):
    kw.setdefault("kind", CarePlace.Kind.DAY_CARE)
    return _make(CarePlace, "elderly", slug, hours, services, life_events, kw)


def make_venue(slug=None, hours=(), services=(), life_events=(), **kw):
    kw.setdefault("kind", Venue.Kind.MUSEUM)
    return _make(Venue, "culture", slug, hours, services, life_events, kw)
