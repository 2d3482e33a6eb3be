"""Open data (issue 13 point 4): the catalogue, the service centres, the digital-life
directories and the daily figures as CSV and JSON downloads with a stable, versioned schema.

One `Dataset` per download, and its tuple of `Column`s is the only definition of its fields: the
CSV header and cells, the JSON rows and the field tables of the open-data page are all read from
it, so the three cannot drift apart. Version 1 promise (README "Open data"): a v1 field never
changes its name, type or meaning and is never removed; fields may be added (at the end); a
change that breaks this is published as v2 while v1 stays.

Only what the public pages already show is published: published services and entries, their
published relations, and the daily figures (counts per day, service and channel - no person's
data ever). Rows are read as plain values with `iterator()` in chunks, each chunk's related
lists (life events, opening hours, a centre's services) loaded with one query per list, so a
download of 50,000 services costs a few queries and never holds the table in memory.
"""

import datetime
import decimal
import itertools
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from services.catalogue.models import FAQ, Audience, Channel, Material, Service
from services.lib.cache import current_version, kept
from services.lib.spreadsheet import safe_cell
from services.life.models import AREA_SEGMENTS, Area, CarePlace, Entry, HolidayHours, Hospital, Hours, Resource, Venue
from services.offline.models import OpeningHours, ServiceCentre

from .models import DailyFigure

SCHEMA_VERSION = 1
CHUNK = 2000  # rows per database round trip (and per query of their related lists)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LIST_SEPARATOR = "; "  # a list in a CSV cell (slugs and codes never contain it)


class Type:
    """The field types, as the page and the JSON `fields` name them."""

    STRING = "string"
    TEXT = "text"  # may hold several lines: one item per line
    INTEGER = "integer"
    DECIMAL = "decimal"  # exact digits: a JSON string such as "20.00"
    BOOLEAN = "boolean"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601 with the offset, in Shanghai time
    CODE = "code"  # one of the listed values
    LIST = "list"  # JSON array; in CSV joined with "; "
    URL = "url"
    HOURS = "opening_hours"  # OpenStreetMap opening_hours syntax


TYPE_NAMES = {
    Type.STRING: _("Text on one line."),
    Type.TEXT: _("Text that may hold several lines, one item per line."),
    Type.INTEGER: _("A whole number."),
    Type.DECIMAL: _("A number with exact decimal places, e.g. 20.00 (a string in JSON, so no digit is lost)."),
    Type.BOOLEAN: _("true or false."),
    Type.DATE: _("A date, YYYY-MM-DD."),
    Type.DATETIME: _("A date and time in ISO 8601 with its offset from UTC (Shanghai time, +08:00)."),
    Type.CODE: _("One of the values listed with the field."),
    Type.LIST: _("A list: a JSON array; in CSV one cell with the items separated by a semicolon and a space."),
    Type.URL: _("A web address."),
    Type.HOURS: _("Opening hours in the OpenStreetMap opening_hours syntax, e.g. Mo-Fr 09:00-17:00; PH off."),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: object  # a lazy translation
    example: str
    # Where the value comes from: a path for QuerySet.values() ("department__code"; default: the
    # name), or "@key" for a list the dataset loads per chunk of rows (`Dataset.related`).
    source: str = ""
    convert: object = None  # (value, row) -> value, e.g. a slug to the page's address
    codes: tuple = ()  # (code, label) pairs of a CODE

    @property
    def path(self):
        return self.source or self.name

    def read(self, row, related):
        """The value as JSON gives it (None, bool, int, str or a list of str)."""
        path = self.path
        raw = related[path[1:]].get(row["pk"], []) if path.startswith("@") else row[path]
        if self.convert is not None:
            raw = self.convert(raw, row)
        return _plain(raw)


def _plain(raw):
    if raw is None or isinstance(raw, (bool, int, str, list)):
        return raw
    if isinstance(raw, datetime.datetime):
        return timezone.localtime(raw).isoformat(timespec="seconds")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, decimal.Decimal):
        return f"{raw:f}"
    return str(raw)


def csv_cell(value):
    """A JSON value as its CSV cell: empty for null, true/false, lists joined, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    return safe_cell(value)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    columns: tuple
    rows: object  # () -> queryset of the published rows, in the file's order
    changed: object  # () -> when its data last changed (or None)
    scopes: tuple = ("catalogue",)  # the cache scopes (services.lib.cache) whose writes change it
    filters_by_day: bool = False
    version: int = SCHEMA_VERSION
    related: tuple = ()  # (key, load(ids) -> {id: [values]}): the "@key" lists, per chunk of rows

    @property
    def names(self):
        return [c.name for c in self.columns]

    def read(self, qs=None):
        """Each row as a dict of JSON values in the schema's order. The rows are read as plain
        values (no model instances: a third of the time for 50,000 services) with iterator(), in
        chunks of CHUNK; each chunk's related lists are loaded with one query per list."""
        columns = self.columns
        paths = {c.path for c in columns if not c.path.startswith("@")} | {"pk"}
        rows = (self.rows() if qs is None else qs).values(*sorted(paths)).iterator(chunk_size=CHUNK)
        for chunk in _batches(rows, CHUNK):
            ids = [row["pk"] for row in chunk]
            related = {key: load(ids) for key, load in self.related}
            for row in chunk:
                yield {c.name: c.read(row, related) for c in columns}

    def facts(self):
        """(row count, last change) - counted once per change of the data, not per request."""
        return kept(("opendata", self.slug), lambda: (self.rows().count(), self.changed()), scopes=self.scopes)

    def stamp(self):
        """What a download's ETag is made of: the versions of the data it is read from."""
        return tuple(current_version(scope) for scope in self.scopes)


# --- shared pieces -------------------------------------------------------------------------


def _pair(name, what, example_zh, example_en, kind=Type.STRING):
    """The `<name>_zh` and `<name>_en` columns of a bilingual field."""
    return (
        Column(f"{name}_zh", kind, format_lazy(_("{} in Chinese."), what), example_zh),
        Column(f"{name}_en", kind, format_lazy(_("{} in English."), what), example_en),
    )


def _choices(choices):
    return tuple((str(code), label) for code, label in choices)


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _m2m_slugs(model, name, published_only=False):
    """Loads the slugs of a many-to-many relation for a chunk of rows, in slug order: one query
    of its table (of published services only, with `published_only`)."""
    field = model._meta.get_field(name)
    through, owner, other = field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def load(ids):
        qs = through.objects.filter(**{f"{owner}_id__in": ids})
        if published_only:
            qs = qs.filter(**{f"{other}__published": True})
        found = {}
        for pk, slug in qs.order_by(f"{other}__slug").values_list(f"{owner}_id", f"{other}__slug"):
            found.setdefault(pk, []).append(slug)
        return found

    return load


def _hours_of(model, owner):
    """Loads the opening-hours rows (weekday, opens, closes) of a chunk of centres or entries."""

    def load(ids):
        found = {}
        rows = model.objects.filter(**{f"{owner}_id__in": ids}).order_by(f"{owner}_id", "weekday", "opens")
        for pk, *hours in rows.values_list(f"{owner}_id", "weekday", "opens", "closes"):
            found.setdefault(pk, []).append(tuple(hours))
        return found

    return load


_url_templates = {}
SLUG_MARK = "slug-mark-0"


def _page_urls(url_name, example, *prefix):
    """`url_zh` and `url_en`: the record's public page in each language (absolute, SITE_URL),
    from its slug (after the `prefix` arguments). The address is reversed once per language and
    the slug put in its place (a reverse per row would cost 50,000 of them for the services)."""

    def maker(lang):
        def url(slug, row):
            key = (url_name, lang, settings.SITE_URL, *prefix)
            if key not in _url_templates:
                with translation.override(lang):
                    address = reverse(url_name, args=[*prefix, SLUG_MARK])
                _url_templates[key] = settings.SITE_URL.rstrip("/") + address
            return _url_templates[key].replace(SLUG_MARK, slug)

        return url

    zh_example = example.replace("/en/", "/zh-hans/")
    return (
        Column("url_zh", Type.URL, _("Its page on this portal, in Chinese."), zh_example, "slug", maker("zh-hans")),
        Column("url_en", Type.URL, _("Its page on this portal, in English."), example, "slug", maker("en")),
    )


WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def osm_hours(rows, public_holidays=""):
    """Opening-hours rows (weekday 0-6, opens, closes) in the OpenStreetMap syntax: consecutive
    days with the same spans grouped ("Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00"); a
    closing time not after the opening time runs past midnight (20:00-02:00), 00:00-00:00 is
    the whole day (00:00-24:00). `public_holidays` is appended ("PH off")."""
    by_day = {}
    for weekday, opens, closes in rows:
        span = "00:00-24:00" if opens == closes == datetime.time(0, 0) else f"{opens:%H:%M}-{closes:%H:%M}"
        by_day.setdefault(weekday, []).append(span)
    runs = []
    for day in range(7):
        spans = ",".join(by_day.get(day, []))
        if not spans:
            continue
        if runs and runs[-1][2] == spans and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, spans])
    parts = [
        f"{WEEKDAYS[a]}{'' if a == b else ('-' if b > a + 1 else ',') + WEEKDAYS[b]} {spans}" for a, b, spans in runs
    ]
    if parts and public_holidays:
        parts.append(public_holidays)
    return "; ".join(parts) or None


def _position(service_field="service"):
    """Each row's place in its service's list, from 1 (by the list's order)."""
    return Window(RowNumber(), partition_by=[F(f"{service_field}_id")], order_by=[F("order"), F("pk")])


# --- the catalogue -------------------------------------------------------------------------


def _services_changed():
    # Every service, published or not: unpublishing one is a change of the dataset. Materials
    # and FAQ entries are edited on their service's page, which saves the service too.
    return Service.objects.aggregate(last=Max("updated_at"))["last"]


GUIDE = "https://services.example.gov.cn/en/services/id-card-renewal/"

SERVICES = Dataset(
    slug="services",
    title=_("Services"),
    description=_(
        "Every published public service of the city: who offers it, who it is for, the channels it can be "
        "applied through, its time limits and fee. One row per service."
    ),
    columns=(
        Column("slug", Type.STRING, _("The service's identifier in this portal; never reused."), "id-card-renewal"),
        Column(
            "code",
            Type.STRING,
            _("Its implementation code on the national catalogue (may be empty)."),
            "310000-PSB-003",
        ),
        *_pair("name", _("Name"), "居民身份证换领", "ID card renewal"),
        *_pair(
            "summary",
            _("What the service gives you"),
            "换领新的居民身份证。",
            "Get a new resident identity card.",
            Type.TEXT,
        ),
        Column(
            "department_code",
            Type.STRING,
            _("Official code of the department that decides applications."),
            "PSB",
            "department__code",
        ),
        Column(
            "department_name_zh",
            Type.STRING,
            _("The department's name in Chinese."),
            "海浦市公安局",
            "department__name_zh",
        ),
        Column(
            "department_name_en",
            Type.STRING,
            _("The department's name in English."),
            "Haipu Public Security Bureau",
            "department__name_en",
        ),
        Column("audience", Type.CODE, _("Who can use the service."), "individual", codes=_choices(Audience.choices)),
        Column("online", Type.BOOLEAN, _("Can be applied for online."), "false", "offers_online"),
        Column("counter", Type.BOOLEAN, _("Can be applied for at a service centre."), "true", "offers_counter"),
        Column("post", Type.BOOLEAN, _("Can be applied for by post."), "true", "offers_post"),
        Column("statutory_limit_days", Type.INTEGER, _("Working days the law allows for a decision."), "60"),
        Column(
            "promised_limit_days",
            Type.INTEGER,
            _("Working days the department promises (at most the statutory limit)."),
            "15",
        ),
        Column("counter_visits", Type.INTEGER, _("How many times an applicant must come to a counter: 0 or 1."), "1"),
        *_pair("fee", _("The fee (empty when the service is free)"), "工本费 20 元", "Card fee RMB 20"),
        Column(
            "life_events",
            Type.LIST,
            _("Slugs of the life events the service belongs to (their pages: /en/life-events/<slug>/)."),
            "moving-to-haipu",
            "@life_events",
        ),
        *_page_urls("catalogue:service-detail", GUIDE),
        Column(
            "updated_at", Type.DATETIME, _("When the service's record was last saved."), "2026-11-30T09:15:00+08:00"
        ),
    ),
    rows=lambda: Service.objects.published().order_by("slug"),
    changed=_services_changed,
    related=(("life_events", _m2m_slugs(Service, "life_events")),),
)

GUIDES = Dataset(
    slug="guides",
    title=_("Service guides"),
    description=_(
        "The text of each published service's guide on the national guide template: who can apply, the "
        "conditions, the steps, the fee and the legal basis. One row per service; each multi-line field holds "
        "one item per line."
    ),
    columns=(
        Column(
            "service_slug",
            Type.STRING,
            _("The service (slug in the services dataset)."),
            "id-card-renewal",
            "slug",
        ),
        *_pair("name", _("Name"), "居民身份证换领", "ID card renewal"),
        *_pair(
            "eligibility",
            _("Who can apply, one group per line"),
            "本市户籍居民",
            "Residents with a Haipu hukou",
            Type.TEXT,
        ),
        *_pair(
            "conditions",
            _("Conditions, one per line"),
            "须本人到场采集人像和指纹",
            "You must come in person",
            Type.TEXT,
        ),
        *_pair("steps", _("Steps, one per line, in order"), "到受理窗口提交申请", "Apply at a counter", Type.TEXT),
        *_pair("fee", _("The fee (empty when the service is free)"), "工本费 20 元", "Card fee RMB 20"),
        *_pair(
            "legal_basis",
            _("Laws and regulations, one per line"),
            "《中华人民共和国居民身份证法》",
            "Resident Identity Card Law",
            Type.TEXT,
        ),
        Column("statutory_limit_days", Type.INTEGER, _("Working days the law allows for a decision."), "60"),
        Column(
            "promised_limit_days",
            Type.INTEGER,
            _("Working days the department promises (at most the statutory limit)."),
            "15",
        ),
        Column("counter_visits", Type.INTEGER, _("How many times an applicant must come to a counter: 0 or 1."), "1"),
        Column(
            "updated_at", Type.DATETIME, _("When the service's record was last saved."), "2026-11-30T09:15:00+08:00"
        ),
    ),
    rows=lambda: Service.objects.published().order_by("slug"),
    changed=_services_changed,
)

MATERIALS = Dataset(
    slug="materials",
    title=_("Required materials"),
    description=_(
        "The documents each published service asks for, in the order its guide lists them. One row per "
        "material of a service."
    ),
    columns=(
        Column(
            "service_slug",
            Type.STRING,
            _("The service (slug in the services dataset)."),
            "id-card-renewal",
            "service__slug",
        ),
        Column("position", Type.INTEGER, _("Its place in the service's list, from 1."), "1"),
        *_pair("name", _("Name"), "居民身份证", "Resident ID card"),
        *_pair(
            "description",
            _("What exactly is needed and where to get it"),
            "本人有效居民身份证原件",
            "Your current ID card",
            Type.TEXT,
        ),
        Column(
            "form",
            Type.CODE,
            _("Whether the original, a copy, or both must be shown."),
            "original",
            codes=_choices(Material.Form.choices),
        ),
        Column("copies", Type.INTEGER, _("How many are needed."), "1"),
        Column("required", Type.BOOLEAN, _("false when only some applicants need it."), "true"),
        Column(
            "e_certificate",
            Type.BOOLEAN,
            _("An electronic licence or certificate on record can stand in for the paper one."),
            "false",
        ),
        Column(
            "accepted_file_types",
            Type.LIST,
            _("File extensions accepted for an online upload."),
            "pdf; jpg; png",
            "accepted_file_types",
            lambda value, row: [t.strip() for t in value.split(",") if t.strip()],
        ),
    ),
    rows=lambda: (
        Material.objects.filter(service__published=True)
        .annotate(position=_position())
        .order_by("service__slug", "order", "pk")
    ),
    changed=_services_changed,
)


FAQS = Dataset(
    slug="faqs",
    title=_("Frequently asked questions"),
    description=_("The questions and answers on each published service's guide, in their order. One row per question."),
    columns=(
        Column(
            "service_slug",
            Type.STRING,
            _("The service (slug in the services dataset)."),
            "id-card-renewal",
            "service__slug",
        ),
        Column("position", Type.INTEGER, _("Its place in the service's list, from 1."), "1"),
        *_pair("question", _("The question"), "需要多久？", "How long does it take?"),
        *_pair("answer", _("The answer"), "十五个工作日。", "Fifteen working days.", Type.TEXT),
    ),
    rows=lambda: (
        FAQ.objects.filter(service__published=True)
        .annotate(position=_position())
        .order_by("service__slug", "order", "pk")
    ),
    changed=_services_changed,
)


# --- service centres -----------------------------------------------------------------------

CENTRES = Dataset(
    slug="centres",
    title=_("Service centres"),
    description=_(
        "The city's service centres where applications are made in person: address, district, opening hours, "
        "accessibility and the published services each handles. One row per centre. Centres are closed on "
        "public holidays (PH off) and open on make-up working days."
    ),
    columns=(
        Column("slug", Type.STRING, _("The centre's identifier in this portal; never reused."), "jinghu-centre"),
        *_pair("name", _("Name"), "静湖区行政服务中心", "Jinghu District Administrative Service Centre"),
        Column("district_slug", Type.STRING, _("The district's identifier."), "jinghu", "district__slug"),
        Column(
            "district_name_zh",
            Type.STRING,
            _("The district's name in Chinese."),
            "静湖区",
            "district__name_zh",
        ),
        Column(
            "district_name_en",
            Type.STRING,
            _("The district's name in English."),
            "Jinghu District",
            "district__name_en",
        ),
        *_pair("address", _("Address"), "静湖区湖滨路 1 号", "1 Hubin Road, Jinghu District"),
        Column("phone", Type.STRING, _("Enquiry line."), "021-87654321"),
        Column(
            "opening_hours",
            Type.HOURS,
            _("Opening hours by day of the week."),
            "Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off",
            "@hours",
            lambda hours, row: osm_hours(hours, "PH off"),
        ),
        *_pair("hours_note", _("Note on opening hours"), "法定节假日休息", "Closed on public holidays"),
        *_pair(
            "accessibility",
            _("Step-free access, accessible toilets, hearing loops, priority windows"),
            "无障碍通道",
            "Step-free entrance",
            Type.TEXT,
        ),
        *_pair("transport", _("How to get there"), "地铁 2 号线静湖站", "Metro line 2, Jinghu station"),
        Column("takes_bookings", Type.BOOLEAN, _("Visits can be booked online."), "true", "bookable"),
        Column(
            "services",
            Type.LIST,
            _("Slugs of the published services applied for at its counters."),
            "id-card-renewal; passport",
            "@services",
        ),
        *_page_urls("offline:centre-detail", "https://services.example.gov.cn/en/centres/jinghu-centre/"),
        Column("updated_at", Type.DATETIME, _("When the centre's record was last saved."), "2026-11-30T09:15:00+08:00"),
    ),
    rows=lambda: ServiceCentre.objects.order_by("slug"),
    changed=lambda: ServiceCentre.objects.aggregate(last=Max("updated_at"))["last"],
    related=(
        ("hours", _hours_of(OpeningHours, "centre")),
        ("services", _m2m_slugs(ServiceCentre, "services", published_only=True)),
    ),
)


# --- digital life --------------------------------------------------------------------------

HOLIDAY_SYNTAX = {HolidayHours.CLOSED: "PH off"}


def _entry_hours(hours, row):
    holiday = HOLIDAY_SYNTAX.get(row["holiday_hours"], "")
    if row["holiday_hours"] == HolidayHours.SUNDAY:
        sunday = osm_hours([h for h in hours if h[0] == 6])
        holiday = "PH " + sunday.removeprefix("Su ") if sunday else "PH off"
    return osm_hours(hours, holiday)


def _entry_columns(segment, example_slug):
    """What every directory entry has, first in each area's dataset."""
    return (
        Column("slug", Type.STRING, _("The entry's identifier in this portal; never reused."), example_slug),
        *_pair("name", _("Name"), "海浦市第一人民医院互联网医院", "Haipu First People's Hospital online"),
        *_pair(
            "summary", _("What it offers"), "在线复诊、开药", "Online follow-up visits and prescriptions", Type.TEXT
        ),
        Column(
            "organisation_name_zh",
            Type.STRING,
            _("The provider organisation's name in Chinese."),
            "海浦市第一人民医院",
            "organisation__name_zh",
        ),
        Column(
            "organisation_name_en",
            Type.STRING,
            _("The provider organisation's name in English."),
            "Haipu First People's Hospital",
            "organisation__name_en",
        ),
        Column(
            "link",
            Type.URL,
            _("Where to start: the provider's page, app or online service."),
            "https://hospital.example.cn/",
        ),
        Column("phone", Type.STRING, _("Phone number."), "021-6000 1000"),
        Column(
            "district_slug",
            Type.STRING,
            _("The district's identifier (empty for an online-only entry)."),
            "jinghu",
            "district__slug",
        ),
        *_pair("address", _("Address"), "静湖区湖滨路 1 号", "1 Hubin Road, Jinghu District"),
        Column(
            "opening_hours",
            Type.HOURS,
            _("Opening hours (for online services: hours of service) by day of the week; PH: public holidays."),
            "Mo-Fr 08:00-17:00; PH off",
            "@hours",
            _entry_hours,
        ),
        *_pair("hours_note", _("Note on opening hours"), "16:00 停止入场", "Last admission 16:00"),
        Column(
            "holiday_hours", Type.CODE, _("Hours on public holidays."), "closed", codes=_choices(HolidayHours.choices)
        ),
        Column(
            "services",
            Type.LIST,
            _("Slugs of the related published catalogue services."),
            "senior-allowance",
            "@services",
        ),
        Column("life_events", Type.LIST, _("Slugs of the related life events."), "retiring", "@life_events"),
        *_page_urls(
            "life:entry-detail",
            f"https://services.example.gov.cn/en/life/{segment}/{example_slug}/",
            segment,
        ),
        Column(
            "updated_at",
            Type.DATETIME,
            _("When the provider or an editor last saved or confirmed the entry."),
            "2026-11-30T09:15:00+08:00",
        ),
    )


def _entries(model):
    return lambda: model.objects.published().order_by("slug")


def _entry_lists(*more):
    """The lists every entry has (hours, related services and life events), and `more`."""
    return (
        ("hours", _hours_of(Hours, "entry")),
        ("services", _m2m_slugs(Entry, "services", published_only=True)),
        ("life_events", _m2m_slugs(Entry, "life_events")),
        *more,
    )


def _entries_changed(model):
    # Published or not: unpublishing an entry changes the dataset.
    return lambda: model.objects.aggregate(last=Max("updated_at"))["last"]


LIFE_SCOPES = ("catalogue", "life")

HEALTH = Dataset(
    slug="life-health",
    title=_("Internet hospitals and telemedicine"),
    description=_("The published entries of the digital-life health directory. One row per entry."),
    columns=(
        *_entry_columns(AREA_SEGMENTS[Area.HEALTH], "first-hospital-online"),
        Column("grade", Type.CODE, _("The hospital's grade."), "3a", codes=_choices(Hospital.Grade.choices)),
        Column(
            "specialties",
            Type.LIST,
            _("Slugs of the specialties that consult online."),
            "paediatrics; internal-medicine",
            "@specialties",
        ),
        Column("fee_min", Type.DECIMAL, _("Lowest consultation fee in yuan."), "10.00"),
        Column("fee_max", Type.DECIMAL, _("Highest consultation fee in yuan."), "50.00"),
        Column("insurance_online", Type.BOOLEAN, _("Consultations can be paid by medical insurance online."), "true"),
        Column("prescription_delivery", Type.BOOLEAN, _("Prescriptions are delivered."), "true"),
        Column(
            "consult_url", Type.URL, _("Where to start a consultation online."), "https://hospital.example.cn/consult"
        ),
        Column("consult_phone", Type.STRING, _("Phone number to start a consultation."), "021-6000 1001"),
        *_pair(
            "consult_how",
            _("How to start a consultation, one step per line"),
            "下载 App 并实名认证",
            "Install the app and verify your identity",
            Type.TEXT,
        ),
    ),
    rows=_entries(Hospital),
    related=_entry_lists(("specialties", _m2m_slugs(Hospital, "specialties"))),
    changed=_entries_changed(Hospital),
    scopes=LIFE_SCOPES,
)

EDUCATION = Dataset(
    slug="life-education",
    title=_("Education resources"),
    description=_("The published resources of the digital education pool. One row per resource."),
    columns=(
        *_entry_columns(AREA_SEGMENTS[Area.EDUCATION], "primary-maths-videos"),
        Column(
            "stage",
            Type.CODE,
            _("The stage of education it is for."),
            "primary",
            codes=_choices(Resource.Stage.choices),
        ),
        Column("subject_slug", Type.STRING, _("The subject's identifier."), "mathematics", "subject__slug"),
        Column("subject_name_zh", Type.STRING, _("The subject's name in Chinese."), "数学", "subject__name_zh"),
        Column(
            "subject_name_en",
            Type.STRING,
            _("The subject's name in English."),
            "Mathematics",
            "subject__name_en",
        ),
        Column("format", Type.CODE, _("The kind of resource."), "video", codes=_choices(Resource.Format.choices)),
        Column(
            "language", Type.CODE, _("The language it is taught in."), "zh", codes=_choices(Resource.Language.choices)
        ),
        Column("free", Type.BOOLEAN, _("Free of charge."), "true"),
        Column("price", Type.DECIMAL, _("Price in yuan of a paid resource."), "99.00"),
        Column("captions", Type.BOOLEAN, _("Videos and live classes have captions."), "true"),
        Column(
            "length_minutes",
            Type.INTEGER,
            _("Total viewing or study time in minutes (empty for an e-book or exercise set)."),
            "600",
        ),
        Column("lessons", Type.INTEGER, _("Number of lessons."), "20"),
    ),
    rows=_entries(Resource),
    related=_entry_lists(),
    changed=_entries_changed(Resource),
    scopes=LIFE_SCOPES,
)

ELDERLY = Dataset(
    slug="life-elderly-care",
    title=_("Elderly-care services"),
    description=_(
        "The published entries of the elderly-care directory: home care, day care, nursing homes, community "
        "canteens, alarms, assistive devices and digital-skills classes. One row per entry."
    ),
    columns=(
        *_entry_columns(AREA_SEGMENTS[Area.ELDERLY], "jinghu-day-care"),
        Column("kind", Type.CODE, _("The kind of service."), "day_care", codes=_choices(CarePlace.Kind.choices)),
        *_pair("fees", _("Fees"), "每日 80 元", "RMB 80 a day", Type.TEXT),
        *_pair(
            "eligibility",
            _("Who is eligible (age, residence, care level)"),
            "本区 60 岁以上老人",
            "People over 60 living in the district",
            Type.TEXT,
        ),
        Column("beds", Type.INTEGER, _("Beds (nursing homes)."), "120"),
        Column("free_beds", Type.INTEGER, _("Free beds (nursing homes; updated by the provider every day)."), "8"),
        *_pair("meal_times", _("Meal times (community canteens)"), "11:00-13:00", "11:00-13:00"),
        Column("senior_meal_price", Type.DECIMAL, _("Meal price for older people in yuan."), "12.00"),
    ),
    rows=_entries(CarePlace),
    related=_entry_lists(),
    changed=_entries_changed(CarePlace),
    scopes=LIFE_SCOPES,
)

CULTURE = Dataset(
    slug="life-culture",
    title=_("Museums, galleries, libraries and attractions"),
    description=_("The published entries of the culture directory. One row per venue."),
    columns=(
        *_entry_columns(AREA_SEGMENTS[Area.CULTURE], "haipu-museum"),
        Column("kind", Type.CODE, _("The kind of venue."), "museum", codes=_choices(Venue.Kind.choices)),
        Column("booking_required", Type.BOOLEAN, _("A visit must be booked."), "true"),
        *_pair("booking_how", _("How to book"), "提前一天在官网预约", "Book on the website a day ahead"),
        Column("booking_url", Type.URL, _("Booking link."), "https://museum.example.cn/book"),
        Column("virtual_tour_url", Type.URL, _("Virtual tour."), "https://museum.example.cn/tour"),
        Column("ticket_price", Type.DECIMAL, _("Ticket price in yuan (0.00: free entry)."), "0.00"),
        *_pair("ticket_note", _("Note on tickets and concessions"), "60 岁以上免费", "Free for people over 60"),
        Column("step_free", Type.BOOLEAN, _("Step-free access."), "true"),
        Column("wheelchairs", Type.BOOLEAN, _("Wheelchairs to borrow."), "true"),
        Column("tactile_guide", Type.BOOLEAN, _("Tactile guide."), "false"),
        Column("audio_guide", Type.BOOLEAN, _("Audio guide."), "true"),
        Column("sign_language", Type.BOOLEAN, _("Sign-language tours."), "false"),
        *_pair(
            "accessibility_note",
            _("More on accessibility"),
            "设无障碍卫生间",
            "Accessible toilets on every floor",
            Type.TEXT,
        ),
    ),
    rows=_entries(Venue),
    related=_entry_lists(),
    changed=_entries_changed(Venue),
    scopes=LIFE_SCOPES,
)


# --- the daily figures ---------------------------------------------------------------------


def figure_rows(start=None, end=None):
    qs = DailyFigure.objects.filter(service__published=True)
    if start:
        qs = qs.filter(day__gte=start)
    if end:
        qs = qs.filter(day__lte=end)
    # The unique (day, service, channel) index gives this order without a sort.
    return qs.order_by("day", "service_id", "channel")


FIGURES = Dataset(
    slug="daily-figures",
    title=_("Daily figures"),
    description=_(
        "The counts behind the city's performance page: per day, service and channel, how many applications "
        "were submitted and decided, how many decisions were on time, the working days they took against the "
        "promise, and the ratings given. Counts only: no person's data. Today's row is provisional and is "
        "computed again after the day ends. Filter by day with ?from=YYYY-MM-DD&to=YYYY-MM-DD (both optional, "
        "inclusive)."
    ),
    columns=(
        Column("day", Type.DATE, _("The day (Shanghai time)."), "2026-11-29"),
        Column(
            "service_slug",
            Type.STRING,
            _("The service (slug in the services dataset)."),
            "id-card-renewal",
            "service__slug",
        ),
        Column(
            "department_code",
            Type.STRING,
            _("Official code of the department that decides applications."),
            "PSB",
            "department__code",
        ),
        Column("channel", Type.CODE, _("How the applications were made."), "online", codes=_choices(Channel.choices)),
        Column("submitted", Type.INTEGER, _("Applications submitted that day."), "42"),
        Column("decided", Type.INTEGER, _("Decisions made that day (approved, rejected or not accepted)."), "40"),
        Column(
            "decided_on_time",
            Type.INTEGER,
            _("Of those, decisions made within the promised limit (time waiting for the applicant not counted)."),
            "39",
        ),
        Column(
            "decision_working_days",
            Type.INTEGER,
            _("Working days those decisions took, added up (divide by decided for the average)."),
            "212",
        ),
        Column("promised_working_days", Type.INTEGER, _("Promised working days of those decisions, added up."), "600"),
        Column("completed", Type.INTEGER, _("Applications completed that day."), "38"),
        Column("ratings", Type.INTEGER, _("Ratings given that day."), "25"),
        Column("ratings_good", Type.INTEGER, _("Of those, ratings of 4 or 5 (good or very good)."), "24"),
        Column(
            "rating_score_sum",
            Type.INTEGER,
            _("The ratings' scores (1-5) added up (divide by ratings for the average)."),
            "118",
        ),
        Column(
            "provisional",
            Type.BOOLEAN,
            _("true for today: the day's figures are not final yet."),
            "false",
            "day",
            lambda day, row: day >= timezone.localdate(),
        ),
        Column("computed_at", Type.DATETIME, _("When the row was computed."), "2026-11-30T01:00:04+08:00"),
    ),
    rows=figure_rows,
    changed=lambda: figure_rows().aggregate(last=Max("computed_at"))["last"],
    # Each roll-up bumps "insights"; "catalogue": a service published or unpublished.
    scopes=("catalogue", "insights"),
    filters_by_day=True,
)


DATASETS = {
    d.slug: d for d in (SERVICES, GUIDES, MATERIALS, FAQS, CENTRES, HEALTH, EDUCATION, ELDERLY, CULTURE, FIGURES)
}


# --- writing -------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_chunks(dataset, qs=None):
    """The CSV file in pieces: UTF-8 with a byte-order mark (Excel in a Chinese locale reads a CSV
    without one as GBK and garbles every Chinese character), RFC 4180 quoting and CRLF line ends."""
    import csv

    writer = csv.writer(_Echo())
    buffer = ["\ufeff" + writer.writerow(dataset.names)]
    for n, row in enumerate(dataset.read(qs), 1):
        buffer.append(writer.writerow([csv_cell(v) for v in row.values()]))
        if n % 500 == 0:
            yield "".join(buffer)
            buffer = []
    yield "".join(buffer)


def describe(dataset, generated_at, last_changed):
    """The JSON file's head: what it is and its fields (meaning in both languages)."""
    fields = []
    for c in dataset.columns:
        entry = {"name": c.name, "type": c.type}
        for lang, key in (("zh-hans", "meaning_zh"), ("en", "meaning_en")):
            with translation.override(lang):
                entry[key] = str(c.meaning)
        if c.codes:
            entry["codes"] = [code for code, _label in c.codes]
        fields.append(entry)
    return {
        "dataset": dataset.slug,
        "schema": f"haipu-open-data/{dataset.slug}",
        "version": dataset.version,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "documentation": settings.SITE_URL.rstrip("/") + _page_url() + f"#{dataset.slug}",
        "generated_at": _plain(generated_at),
        "last_changed": _plain(last_changed),
        "fields": fields,
    }


def _page_url():
    with translation.override("en"):
        return reverse("insights:open-data")


def json_chunks(dataset, qs=None, now=None, last_changed=None):
    """{head..., "rows": [{...}, ...], "row_count": n}, written row by row."""
    head = json.dumps(describe(dataset, now or timezone.now(), last_changed), ensure_ascii=False)
    buffer = [head[:-1] + ', "rows": [']
    n = 0
    for n, row in enumerate(dataset.read(qs), 1):
        buffer.append(("\n" if n == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
        if n % 500 == 0:
            yield "".join(buffer)
            buffer = []
    buffer.append(f'\n], "row_count": {n}}}\n')
    yield "".join(buffer)
