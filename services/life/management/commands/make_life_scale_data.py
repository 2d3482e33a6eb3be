"""`manage.py make_life_scale_data --entries 5000`: synthetic digital-life entries for load and
scale testing (bench/bench_life.py), N per area.

Entries have slugs `scale-<area>-1`, `scale-<area>-2`, ...; the command creates the ones missing
up to the number asked for, so running it again with the same number adds nothing and a larger
number adds the difference. Each area's entries look like the real thing: hospitals with grades,
2-6 specialties, fee ranges and online hours (some 24 hours, some overnight); education resources
(online, no district) over every stage, subject and format; elderly-care places of every kind
(nursing homes with beds and free beds, canteens with meal times); culture venues of every kind
with varied accessibility. Districts are the city's; about 3% are unpublished and about 10% were
last updated more than 90 days ago (stale). They link to no catalogue service or life event, so
the catalogue's own pages are not changed by them.

Speed: Django's bulk_create cannot write a model with a parent table (multi-table inheritance),
so each batch of 1,000 is written as one bulk_create of the Entry rows (their ids come back on
SQLite >= 3.35 and PostgreSQL), then the child rows (Hospital, Resource, CarePlace, Venue: the
parent pointer and the area's own columns) in one executemany of a plain INSERT, then the hours
and specialties with bulk_create. 20,000 entries take a few seconds. Signals are bypassed, so
the page-cache scopes "life" and "catalogue" are renewed once at the end.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from services.catalogue.models import District
from services.lib.cache import bump_version
from services.life.models import (
    AREA_MODELS,
    AREA_SEGMENTS,
    Area,
    CarePlace,
    Entry,
    HolidayHours,
    Hospital,
    Hours,
    Organisation,
    Resource,
    Specialty,
    Subject,
    Venue,
)

BATCH = 1000
PREFIX = "scale-"
ORGANISATIONS_PER_AREA = 50

SPECIALTIES = [
    ("internal-medicine", "内科", "Internal medicine"),
    ("paediatrics", "儿科", "Paediatrics"),
    ("dermatology", "皮肤科", "Dermatology"),
    ("gynaecology", "妇科", "Gynaecology"),
    ("cardiology", "心内科", "Cardiology"),
    ("endocrinology", "内分泌科", "Endocrinology"),
    ("psychiatry", "精神心理科", "Mental health"),
    ("tcm", "中医科", "Traditional Chinese medicine"),
    ("orthopaedics", "骨科", "Orthopaedics"),
    ("ophthalmology", "眼科", "Ophthalmology"),
    ("ent", "耳鼻喉科", "Ear, nose and throat"),
    ("geriatrics", "老年医学科", "Geriatrics"),
]
SUBJECTS = [
    ("chinese", "语文", "Chinese"),
    ("maths", "数学", "Mathematics"),
    ("english", "英语", "English"),
    ("physics", "物理", "Physics"),
    ("chemistry", "化学", "Chemistry"),
    ("history", "历史", "History"),
    ("arts", "艺术", "Arts"),
    ("it", "信息技术", "Information technology"),
    ("health", "健康养生", "Health"),
    ("smartphone", "智能手机", "Using a smartphone"),
]
# (hours lines, holiday hours): days 0-6 from Monday; 00:00-00:00 is the whole day; a close not
# after the opening runs past midnight.
HOURS_PATTERNS = {
    Area.HEALTH: [
        ([(range(7), "00:00", "00:00")], HolidayHours.USUAL),
        ([(range(5), "08:00", "20:00"), (range(5, 7), "08:00", "12:00")], HolidayHours.SUNDAY),
        ([(range(7), "18:00", "08:00")], HolidayHours.USUAL),
        ([(range(5), "08:00", "11:30"), (range(5), "13:30", "17:00")], HolidayHours.CLOSED),
    ],
    Area.ELDERLY: [
        ([(range(7), "07:00", "19:00")], HolidayHours.USUAL),
        ([(range(5), "08:30", "17:00")], HolidayHours.CLOSED),
        ([(range(7), "00:00", "00:00")], HolidayHours.USUAL),
        ([(range(7), "10:30", "13:00"), (range(7), "16:30", "18:30")], HolidayHours.SUNDAY),
    ],
    Area.CULTURE: [
        ([(range(1, 7), "09:00", "17:00")], HolidayHours.USUAL),
        ([(range(7), "09:00", "21:00")], HolidayHours.USUAL),
        ([(range(1, 5), "10:00", "18:00"), (range(5, 7), "10:00", "22:00")], HolidayHours.SUNDAY),
        ([(range(7), "08:00", "17:30")], HolidayHours.CLOSED),
    ],
}
AREA_WORDS = {
    Area.HEALTH: ("互联网医院", "Internet Hospital"),
    Area.EDUCATION: ("资源", "Resource"),
    Area.ELDERLY: ("养老服务", "Elderly Care"),
    Area.CULTURE: ("文化场馆", "Culture Venue"),
}
ELDERLY_NAMES = {
    CarePlace.Kind.HOME_CARE: ("居家照护服务站", "Home Care Station"),
    CarePlace.Kind.DAY_CARE: ("日间照料中心", "Day-Care Centre"),
    CarePlace.Kind.NURSING_HOME: ("养老院", "Nursing Home"),
    CarePlace.Kind.CANTEEN: ("社区长者食堂", "Community Canteen"),
    CarePlace.Kind.ALARM: ("紧急呼叫服务", "Emergency Alarm Service"),
    CarePlace.Kind.DEVICES: ("康复辅具租赁点", "Assistive Devices Point"),
    CarePlace.Kind.DIGITAL_SKILLS: ("老年数字技能课堂", "Digital Skills Class"),
}
VENUE_NAMES = {
    Venue.Kind.MUSEUM: ("博物馆", "Museum"),
    Venue.Kind.GALLERY: ("美术馆", "Gallery"),
    Venue.Kind.LIBRARY: ("图书馆", "Library"),
    Venue.Kind.ATTRACTION: ("文化公园", "Heritage Park"),
}
THEMES = [
    ("江南", "Jiangnan"),
    ("海港", "Harbour"),
    ("梧桐", "Plane Tree"),
    ("春晖", "Spring Light"),
    ("康乐", "Wellbeing"),
    ("明德", "Mingde"),
    ("长青", "Evergreen"),
    ("和睦", "Harmony"),
    ("东湖", "East Lake"),
    ("星河", "Galaxy"),
]


def money(value):
    return Decimal(value).quantize(Decimal("0.01"))


class Builder:
    """Builds the unsaved rows of entry n of an area, the same ones for the same n every time."""

    def __init__(self, area, districts, organisations, specialties, subjects, now):
        self.area, self.districts, self.organisations = area, districts, organisations
        self.specialties, self.subjects, self.now = specialties, subjects, now

    def entry(self, n):
        rng = random.Random(f"{self.area}-{n}")
        theme_zh, theme_en = rng.choice(THEMES)
        district = None if self.area == Area.EDUCATION else rng.choice(self.districts)
        fields = {
            "area": self.area,
            "organisation_id": rng.choice(self.organisations),
            "slug": f"{PREFIX}{AREA_SEGMENTS[self.area]}-{n}",
            "phone": f"021-{6000 + n % 4000:04d} {n % 10000:04d}",
            "link": f"https://{AREA_SEGMENTS[self.area]}-{n}.example.cn/",
            "district_id": district.pk if district else None,
            "published": rng.random() >= 0.03,
            "updated_at": self.now
            - datetime.timedelta(days=rng.choice([rng.randint(0, 60)] * 9 + [rng.randint(91, 400)])),
        }
        if district:
            fields["address_zh"] = f"海浦市{district.name_zh}{theme_zh}路{n % 900 + 1}号"
            fields["address_en"] = f"{n % 900 + 1} {theme_en} Road, {district.name_en}, Haipu"
        own = getattr(self, f"_{self.area}")(n, rng, theme_zh, theme_en, district)
        names = own.pop("names")
        fields["name_zh"], fields["name_en"] = f"{names[0]}（{n}）", f"{names[1]} ({n})"
        fields["summary_zh"], fields["summary_en"] = own.pop("summary")
        hours = []
        if self.area in HOURS_PATTERNS:
            lines, fields["holiday_hours"] = rng.choice(HOURS_PATTERNS[self.area])
            for days, opens, closes in lines:
                hours += [
                    (day, datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes)) for day in days
                ]
        return Entry(**fields), own, hours

    def _health(self, n, rng, theme_zh, theme_en, district):
        grade = rng.choice(Hospital.Grade.values)
        fee_min = rng.choice([0, 5, 10, 20, 30])
        place_zh, place_en = (district.name_zh, district.name_en) if district else ("海浦", "Haipu")
        return {
            "names": (f"{place_zh}{theme_zh}{AREA_WORDS[Area.HEALTH][0]}", f"{place_en} {theme_en} Internet Hospital"),
            "summary": (
                "在线复诊、开具处方、药品配送到家；首诊请到医院就诊。",
                "Follow-up consultations online, prescriptions and home delivery; first visits in person.",
            ),
            "grade": grade,
            "fee_min": money(fee_min),
            "fee_max": money(fee_min + rng.choice([10, 20, 50, 100])),
            "insurance_online": rng.random() < 0.6,
            "prescription_delivery": rng.random() < 0.5,
            "consult_url": f"https://{AREA_SEGMENTS[Area.HEALTH]}-{n}.example.cn/consult",
            "consult_phone": "",
            "consult_how_zh": "打开医院小程序\n选择科室和医生\n上传病历，等待接诊",
            "consult_how_en": "Open the hospital's mini-program\nChoose a department and a doctor\n"
            "Upload your records and wait to be called",
            "specialties": rng.sample(self.specialties, k=min(len(self.specialties), rng.randint(2, 6))),
        }

    def _education(self, n, rng, theme_zh, theme_en, district):
        stage = rng.choice(Resource.Stage.values)
        subject = rng.choice(self.subjects)
        form = rng.choice(Resource.Format.values)
        free = rng.random() < 0.7
        timed = form in (Resource.Format.VIDEO, Resource.Format.LIVE)
        return {
            "names": (f"{theme_zh}{subject[1]}课程", f"{theme_en} {subject[2]} course"),
            "summary": (
                f"{subject[1]}学习资源，适合{Resource.Stage(stage).label}阶段。",
                f"{subject[2]} learning resource for the {stage} stage.",
            ),
            "stage": stage,
            "subject_id": subject[0],
            "format": form,
            "language": rng.choice(Resource.Language.values),
            "free": free,
            "price": None if free else money(rng.choice([19, 49, 99, 199])),
            "captions": timed and rng.random() < 0.6,
            "length_minutes": rng.randint(20, 2400) if timed else None,
            "lessons": rng.randint(1, 40) if timed else None,
        }

    def _elderly(self, n, rng, theme_zh, theme_en, district):
        kind = CarePlace.Kind.values[n % len(CarePlace.Kind.values)]
        word_zh, word_en = ELDERLY_NAMES[kind]
        beds = rng.randint(40, 400) if kind == CarePlace.Kind.NURSING_HOME else None
        canteen = kind == CarePlace.Kind.CANTEEN
        return {
            "names": (f"{district.name_zh}{theme_zh}{word_zh}", f"{district.name_en} {theme_en} {word_en}"),
            "summary": ("为本区老年人提供就近服务。", "Services near home for older people of the district."),
            "kind": kind,
            "fees_zh": "按服务项目收费，低保老人减免。",
            "fees_en": "Charged per service; reduced for older people on minimum living allowance.",
            "eligibility_zh": "本市户籍或持居住证的60岁以上老人。",
            "eligibility_en": "People over 60 registered in Haipu or holding a residence permit.",
            "beds": beds,
            "free_beds": rng.randint(0, beds // 4) if beds else None,
            "meal_times_zh": "午餐 10:30–13:00，晚餐 16:30–18:30" if canteen else "",
            "meal_times_en": "Lunch 10:30–13:00, dinner 16:30–18:30" if canteen else "",
            "senior_meal_price": money(rng.choice([8, 10, 12, 15])) if canteen else None,
        }

    def _culture(self, n, rng, theme_zh, theme_en, district):
        kind = Venue.Kind.values[n % len(Venue.Kind.values)]
        word_zh, word_en = VENUE_NAMES[kind]
        booking = rng.random() < 0.4
        return {
            "names": (f"{district.name_zh}{theme_zh}{word_zh}", f"{district.name_en} {theme_en} {word_en}"),
            "summary": ("常设展览与公共教育活动。", "Permanent exhibitions and public learning events."),
            "kind": kind,
            "booking_required": booking,
            "booking_how_zh": "提前1天在“随申办”预约。" if booking else "",
            "booking_how_en": "Book a day ahead in the city app." if booking else "",
            "booking_url": f"https://{AREA_SEGMENTS[Area.CULTURE]}-{n}.example.cn/book" if booking else "",
            "virtual_tour_url": f"https://{AREA_SEGMENTS[Area.CULTURE]}-{n}.example.cn/tour"
            if rng.random() < 0.3
            else "",
            "ticket_price": money(rng.choice([0, 0, 0, 20, 30, 50])),
            "ticket_note_zh": "60岁以上老人免费。",
            "ticket_note_en": "Free for people over 60.",
            "step_free": rng.random() < 0.7,
            "wheelchairs": rng.random() < 0.5,
            "tactile_guide": rng.random() < 0.15,
            "audio_guide": rng.random() < 0.4,
            "sign_language": rng.random() < 0.1,
            "accessibility_note_zh": "",
            "accessibility_note_en": "",
        }


def insert_children(model, rows):
    """One INSERT of the child table per row (executemany): the parent pointer and the area's own
    columns, in the database's form (Field.get_db_prep_save), as Model.save() would write them."""
    fields = list(model._meta.local_concrete_fields)
    quote = connection.ops.quote_name
    # Table and column names from the model's own metadata, quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    params = []
    for row in rows:
        params.append([f.get_db_prep_save(row.get(f.attname, f.get_default()), connection) for f in fields])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class Command(BaseCommand):
    help = (
        "Create synthetic digital-life entries scale-<area>-1..N in every area (default 5,000 each) for load "
        "testing. Idempotent: only the missing ones are created. Needs the city's districts (manage.py load_demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=5000, help="Synthetic entries wanted in each area.")
        parser.add_argument(
            "--areas",
            default=",".join(Area.values),
            help=f"Comma-separated areas (default all: {','.join(Area.values)}).",
        )

    def handle(self, *args, entries, areas, **options):
        if entries < 0:
            raise CommandError("--entries must be zero or more.")
        wanted = [a.strip() for a in areas.split(",") if a.strip()]
        unknown = [a for a in wanted if a not in Area.values]
        if unknown or not wanted:
            raise CommandError(f"Unknown area {', '.join(unknown) or '(none)'}: use {', '.join(Area.values)}.")
        districts = list(District.objects.all())
        if not districts:
            raise CommandError("There are no districts yet: load the city first with `manage.py load_demo`.")
        started = time.monotonic()
        specialties = self._vocabulary(Specialty, SPECIALTIES)
        subjects = [(pk, zh, en) for pk, zh, en in self._vocabulary(Subject, SUBJECTS, names=True)]
        now = timezone.now()
        created = 0
        for area in wanted:
            created += self._area(area, entries, districts, specialties, subjects, now)
        bump_version("life")
        bump_version("catalogue")  # guides and life-event pages list the entries of their services
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} synthetic entries in {time.monotonic() - started:.1f}s; "
                f"the directories now have {Entry.objects.count()} entries."
            )
        )

    def _vocabulary(self, model, rows, names=False):
        """The specialties or subjects in the database; the built-in ones (slugs scale-*) if there are none."""
        if not model.objects.exists():
            model.objects.bulk_create(
                [model(slug=PREFIX + slug, name_zh=zh, name_en=en, order=i) for i, (slug, zh, en) in enumerate(rows)]
            )
        if names:
            return list(model.objects.values_list("pk", "name_zh", "name_en"))
        return list(model.objects.values_list("pk", flat=True))

    def _organisations(self, area):
        segment = AREA_SEGMENTS[area]
        word_zh, word_en = AREA_WORDS[area]
        slugs = [f"{PREFIX}{segment}-org-{i}" for i in range(1, ORGANISATIONS_PER_AREA + 1)]
        have = set(Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=slug, area=area, name_zh=f"海浦{word_zh}机构{i}", name_en=f"Haipu {word_en} Provider {i}"
                )
                for i, slug in enumerate(slugs, 1)
                if slug not in have
            ]
        )
        return list(Organisation.objects.filter(slug__in=slugs).values_list("pk", flat=True))

    def _area(self, area, entries, districts, specialties, subjects, now):
        segment = AREA_SEGMENTS[area]
        prefix = f"{PREFIX}{segment}-"
        existing = {
            int(slug[len(prefix) :])
            for slug in Entry.objects.filter(area=area, slug__startswith=prefix).values_list("slug", flat=True)
            if slug[len(prefix) :].isdigit()
        }
        missing = [n for n in range(1, entries + 1) if n not in existing]
        if not missing:
            self.stdout.write(f"{area}: nothing to do, {entries} synthetic entries already exist.")
            return 0
        model = AREA_MODELS[area]
        builder = Builder(area, districts, self._organisations(area), specialties, subjects, now)
        for start in range(0, len(missing), BATCH):
            numbers = missing[start : start + BATCH]
            built = [builder.entry(n) for n in numbers]
            with transaction.atomic():
                parents = Entry.objects.bulk_create([parent for parent, _, _ in built])
                if any(p.pk is None for p in parents):  # a backend that cannot return ids from bulk inserts
                    pks = dict(Entry.objects.filter(slug__in=[p.slug for p in parents]).values_list("slug", "pk"))
                    for p in parents:
                        p.pk = pks[p.slug]
                children, hours, links = [], [], []
                for parent, own, spans in built:
                    own = dict(own)
                    for specialty in own.pop("specialties", ()):
                        links.append(Hospital.specialties.through(hospital_id=parent.pk, specialty_id=specialty))
                    children.append({"entry_ptr_id": parent.pk, **own})
                    hours += [Hours(entry_id=parent.pk, weekday=d, opens=o, closes=c) for d, o, c in spans]
                insert_children(model, children)
                Hours.objects.bulk_create(hours, batch_size=BATCH * 2)
                if links:
                    Hospital.specialties.through.objects.bulk_create(links, batch_size=BATCH * 2)
            self.stdout.write(f"  {area}: {start + len(numbers)}/{len(missing)}")
        return len(missing)
