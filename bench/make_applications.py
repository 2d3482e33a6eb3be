"""Bulk loader of synthetic applications for the benchmarks (runs inside Django).

    load_applications(1_000_000)          # adds submitted applications until there are 1,000,000

Used by bench/bench_applications.py; reusable from `manage.py shell` (with DEBUG=true, or the
production variables such as SECRET_KEY set):

    .venv/bin/python manage.py shell -c "import sys; sys.path.insert(0, 'bench'); \
        from make_applications import load_applications; load_applications(1_000_000)"

What it writes, spread over every published service (weighted by the service's popularity, so a
few departments are large and most are small, as in a real city) and so over every department:

- applications in every status after `draft`, submitted over the last two years: recent ones
  mostly open (submitted, accepted, in review, waiting for the applicant, approved), older ones
  mostly closed (completed, rejected, not accepted, withdrawn), and a small share of old open
  cases that are overdue. Each status is reached by its steps of the lifecycle (STEPS), and what
  each step writes (timestamp, deadline, pause, closing, the next status) is read from its
  `lifecycle.TRANSITIONS` entry; deadlines count working days with the app's own calendar
  (services.applications.workdays), `due_on` and `priority` are lifecycle.due_on and
  lifecycle.queue_priority. tests/applications/test_bench_rows.py takes a sample through
  `lifecycle.act` at the same times and checks the rows are the same;
- each application's timeline (one ApplicationEvent per status change, as the lifecycle writes
  them) and an InfoRequest for those waiting for the applicant, which its event points to;
- references in the app's format (HP + year + 8 characters + the Luhn mod 32 check character of
  references.check_character) and 8-character tracking codes, drawn with `random` rather than
  `secrets` (22 µs + 25 µs a row with `secrets`; the bench data needs no unpredictability);
- 40% of applications belong to one of 2,000 synthetic citizen accounts (`bench-citizen-<n>`),
  the rest are guests'; case officers of the department are assignees of part of them.

Rows are generated in a forked process while the parent writes the previous batch of 10,000
applications, with multi-row INSERTs on SQLite (foreign-key checks off during the load: every key
was read from the database) and COPY on PostgreSQL. A load that at least doubles the table drops
the secondary indexes (and on PostgreSQL the foreign keys) first and rebuilds them at the end
(`indexes_dropped`); on PostgreSQL the id sequences are then moved on and the tables VACUUM
ANALYZEd, as autovacuum would soon do. No Django signal runs; nothing else in the database is
touched. 1,000,000 applications (4.4 million events) take about 80 s on SQLite and 100 s on
PostgreSQL on the 2-core machine when it is otherwise quiet.
"""

import bisect
import contextlib
import datetime
import gc
import itertools
import json
import random
import time
import uuid

BATCH = 10_000
CITIZENS = 2_000
CITIZEN_PREFIX = "bench-citizen-"
BENCH_DEPARTMENT = "bench-dept"  # the submission benchmark's department: never loaded here

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯鹏辉晨欣怡子涵梓轩雨婷"
ENGLISH_NAMES = ["Anna Smith", "David Brown", "Maria Garcia", "John Lee", "Emma Wilson", "Lucas Martin"]
PURPOSES = ["first", "renewal", "replacement", "change"]
NOTES = {
    "not_accepted": "材料不齐全，请补齐后重新申请。",
    "rejected": "不符合办理条件。如不服，可在六十日内申请行政复议。",
    "withdrawn": "",
}

# Status mix by age of the application (days since submission).
RECENT = [  # under 3 days
    ("submitted", 70),
    ("accepted", 20),
    ("not_accepted", 5),
    ("withdrawn", 5),
]
MONTH = [  # 3 to 30 days
    ("submitted", 6),
    ("accepted", 18),
    ("in_review", 33),
    ("info_requested", 10),
    ("approved", 14),
    ("rejected", 5),
    ("completed", 8),
    ("not_accepted", 3),
    ("withdrawn", 3),
]
OLD = [  # over 30 days: mostly closed, a few forgotten open cases (overdue)
    ("completed", 818),
    ("rejected", 70),
    ("not_accepted", 50),
    ("withdrawn", 40),
    ("approved", 5),
    ("info_requested", 5),
    ("in_review", 7),
    ("accepted", 3),
    ("submitted", 2),
]

# The lifecycle's steps (lifecycle.TRANSITIONS) that lead to each status. What each step writes
# (its timestamp, the deadline it starts, pausing, closing, the status it goes to) is read from
# the step's Transition by `routes()`, never restated here.
STEPS = {
    "submitted": ["submit"],
    "accepted": ["submit", "accept"],
    "not_accepted": ["submit", "refuse"],
    "in_review": ["submit", "accept", "start_review"],
    "info_requested": ["submit", "accept", "start_review", "request_info"],
    "approved": ["submit", "accept", "start_review", "approve"],
    "rejected": ["submit", "accept", "start_review", "reject"],
    "completed": ["submit", "accept", "start_review", "approve", "complete"],
    "withdrawn": ["submit", "withdraw"],
}
# How long after the step before it each step happens, in hours: (least, spread), or days for
# the decision (a share of the promised time) and for completing. When things happen is the
# benchmark's choice; what they change is the lifecycle's.
DELAYS = {
    "accept": (2, 70),
    "start_review": (1, 95),
    "request_info": (4, 116),
    "refuse": (1, 71),
    "withdraw": (1, 71),
}
INFO_ITEMS = ["户口簿首页及本人页复印件", "近期一寸照片"]
INFO_NOTE = "请一次性补齐以下材料。"


def routes():
    """{status: [(step, from, to, Transition)]}: each path of STEPS walked through the lifecycle's
    transition table, checking every step is allowed from the status before it."""
    from services.applications.lifecycle import TRANSITIONS

    result = {}
    for status, names in STEPS.items():
        current, route = "draft", []
        for name in names:
            step = TRANSITIONS[name]
            if current not in step.sources:
                raise RuntimeError(f"{name!r} is not allowed from {current!r}; update STEPS")
            route.append((name, current, str(step.target), step))
            current = str(step.target)
        if current != status:
            raise RuntimeError(f"the steps of {status!r} end in {current!r}; update STEPS")
        result[status] = route
    return result


APP_COLUMNS = [
    "id",
    "public_id",
    "reference",
    "tracking_code",
    "service_id",
    "department_id",
    "channel",
    "status",
    "owner_id",
    "applicant_name",
    "contact_email",
    "contact_phone",
    "on_behalf",
    "helper_name",
    "helper_relation",
    "language",
    "answers",
    "form_version",
    "version",
    "created_at",
    "updated_at",
    "submitted_at",
    "accepted_at",
    "decided_at",
    "closed_at",
    "acceptance_due",
    "decision_due",
    "due_on",
    "priority",
    "paused_at",
    "resume_status",
    "assignee_id",
    # The offline channel's columns (issue 10): the bench's counter and postal rows are made
    # without a centre, clerk or booking (their queue and panel cost is the same).
    "centre_id",
    "registered_by_id",
    "booking_id",
    "received_on",
    "applicant_id_number",
    "draft_code",
    "bundle_submission_id",  # issue 13: the bench's applications are not parts of a bundle
]
EVENT_COLUMNS = [
    "application_id",
    "info_request_id",
    "at",
    "actor_id",
    "from_status",
    "to_status",
    "kind",
    "note",
    "internal_note",
    "visible_to_citizen",
]
INFO_COLUMNS = ["id", "application_id", "items", "note", "requested_by_id", "requested_at", "answer", "answered_at"]


def _check_schema():
    """Fail loudly if the models gained or lost a column the loader does not write."""
    from services.applications.models import Application, ApplicationEvent, InfoRequest

    for model, columns, auto in (
        (Application, APP_COLUMNS, set()),
        (ApplicationEvent, EVENT_COLUMNS, {"id"}),
        (InfoRequest, INFO_COLUMNS, set()),
    ):
        actual = {f.column for f in model._meta.concrete_fields} - auto
        if actual != set(columns):
            raise RuntimeError(
                f"{model.__name__} columns changed: missing {sorted(actual - set(columns))}, "
                f"unknown {sorted(set(columns) - actual)}; update bench/make_applications.py"
            )


class _Row:
    """What lifecycle.due_on and lifecycle.queue_priority read of an application."""

    __slots__ = ("status", "acceptance_due", "decision_due", "due_on")

    def __init__(self, status, acceptance_due, decision_due, **_rest):
        self.status, self.acceptance_due, self.decision_due, self.due_on = status, acceptance_due, decision_due, None


def _pick(rng, table):
    total = sum(w for _, w in table)
    cumulative, acc = [], 0
    for value, weight in table:
        acc += weight
        cumulative.append((acc, value))

    def pick():
        x = rng.random() * total
        for bound, value in cumulative:
            if x < bound:
                return value
        return cumulative[-1][1]

    return pick


class _Deadlines:
    """add_working_days over a precomputed list of working days: the app's own calendar
    (services.applications.workdays: CalendarDay rows, chinese-calendar, weekends) asked once
    per day of the range instead of once per row."""

    def __init__(self, first, last):
        from services.applications.workdays import add_working_days, is_working_day

        self.days = []
        day = first
        while day <= last:
            if is_working_day(day):
                self.days.append(day)
            day += datetime.timedelta(days=1)
        self.first, self.last = self.days[0], self.days[-1]
        # Spot check against the app's own function.
        for probe in (first + datetime.timedelta(days=40), last - datetime.timedelta(days=200)):
            for n in (0, 1, 5, 20):
                if self.add(probe, n) != add_working_days(probe, n):
                    raise RuntimeError(f"working-day table disagrees with add_working_days({probe}, {n})")

    def add(self, day, n):
        i = bisect.bisect_left(self.days, day) if n == 0 else bisect.bisect_right(self.days, day) + n - 1
        if not (self.first <= day and i < len(self.days)):
            raise RuntimeError(f"{day} + {n} working days is outside the precomputed range")
        return self.days[i]


def ensure_citizens(n=CITIZENS):
    """Synthetic citizen accounts (no usable password) that own part of the applications."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    have = User.objects.filter(username__startswith=CITIZEN_PREFIX).count()
    if have < n:
        unusable = make_password(None)
        User.objects.bulk_create(
            [
                User(
                    username=f"{CITIZEN_PREFIX}{i}",
                    email=f"citizen{i}@example.com",
                    password=unusable,
                    phone=f"139{i:08d}",
                    first_name=GIVEN[i % len(GIVEN)],
                    last_name=SURNAMES[i % len(SURNAMES)],
                )
                for i in range(have, n)
            ],
            batch_size=1000,
        )
    return list(User.objects.filter(username__startswith=CITIZEN_PREFIX).values_list("pk", flat=True))


class _Writer:
    """Multi-row INSERT statements on SQLite,
    COPY on PostgreSQL. Rows arrive already in the database's format (see _formats)."""

    def __init__(self, connection):
        self.connection = connection
        self.vendor = connection.vendor

    def write(self, table, columns, rows):
        if not rows:
            return
        if self.vendor == "postgresql":
            raw = self.connection.connection
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # SQLite: at most 32,766 bound parameters per statement.
        per = max(1, 32_000 // len(columns))
        placeholders = "(" + ",".join("?" * len(columns)) + ")"
        self.connection.ensure_connection()
        raw = self.connection.connection.cursor()  # plain sqlite3 cursor: no placeholder conversion
        try:
            for start in range(0, len(rows), per):
                chunk = rows[start : start + per]
                raw.execute(  # table and column names are this module's constants
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
                    + ",".join([placeholders] * len(chunk)),
                    [v for row in chunk for v in row],
                )
        finally:
            raw.close()


def _formats(vendor):
    """(datetime, date, uuid) converters from naive-UTC datetimes, dates and 128-bit ints to
    what Django itself writes: on SQLite "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC, ISO dates and
    the uuid's 32 hex digits; on PostgreSQL aware datetimes, dates and UUIDs (COPY adapts them)."""
    if vendor == "postgresql":
        utc = datetime.UTC

        def dt(value):
            return None if value is None else value.replace(tzinfo=utc)

        def day(value):
            return value

        def uid(bits):
            return uuid.UUID(int=bits, version=4)

        return dt, day, uid

    def dt(value):
        return None if value is None else str(value)

    def day(value):
        return None if value is None else value.isoformat()

    def uid(bits):
        return uuid.UUID(int=bits, version=4).hex

    return dt, day, uid


TABLES = ("applications_application", "applications_applicationevent", "applications_inforequest")


@contextlib.contextmanager
def indexes_dropped(connection, tables=TABLES, log=print):
    """Drop the tables' secondary indexes (and on PostgreSQL their foreign keys) for a big load
    and build them again afterwards: a sort instead of millions of random B-tree inserts, one
    join instead of millions of trigger calls. Unique constraints and primary keys stay, and the
    foreign keys are validated when added back. Rebuilt even if the load fails."""
    saved, foreign = [], []
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                    "AND i.schemaname = current_schema() "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                    [table],
                )
            saved.extend(cursor.fetchall())
        for name, _sql in saved:
            cursor.execute(f'DROP INDEX "{name}"')
        if connection.vendor == "postgresql":
            # Foreign keys too: checked row by row by triggers during COPY (most of PostgreSQL's
            # time for 5 million rows), but in one join each when added back.
            for table in tables:
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'f'",
                    [table],
                )
                foreign.extend((table, name, definition) for name, definition in cursor.fetchall())
            for table, name, _definition in foreign:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    try:
        yield saved
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            for _name, sql in saved:
                cursor.execute(sql)
            for table, name, definition in foreign:
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        log(f"  rebuilt {len(saved)} indexes and {len(foreign)} foreign keys in {time.monotonic() - started:.1f}s")


def _in_child(generator):
    """Run `generator` in a forked process; iterate over what it yields here. The child only
    computes: it never touches the database connection it inherited."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)

    def produce():
        try:
            for item in generator:
                queue.put(("item", item))
            queue.put(("end", None))
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            queue.put(("error", repr(error)))

    child = context.Process(target=produce, daemon=True)
    child.start()
    try:
        while True:
            kind, value = queue.get()
            if kind == "end":
                return
            if kind == "error":
                raise RuntimeError(f"generating rows failed: {value}")
            yield value
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()


def load_applications(total, seed=None, log=print, events=True, parallel=True):
    """Add synthetic submitted applications until the table holds `total` non-draft ones.
    Returns a dict of what was done and how long it took."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from services.applications import lifecycle
    from services.applications.lifecycle import APPLICANT
    from services.applications.models import Application, InfoRequest
    from services.applications.references import ALPHABET, PREFIX, check_character
    from services.catalogue.models import Service

    _check_schema()
    started, cpu_started = time.monotonic(), time.process_time()
    have = Application.objects.exclude(status="draft").count()
    todo = total - have
    if todo <= 0:
        log(f"{have} submitted applications already, nothing to add")
        return {"added": 0, "total": have, "seconds": 0.0}

    rng = random.Random(seed if seed is not None else have)
    services = list(
        Service.objects.filter(published=True)
        .exclude(department__slug=BENCH_DEPARTMENT)
        .values_list("pk", "department_id", "popularity", "promised_limit_days", "offers_online", "offers_counter")
    )
    if not services:
        raise RuntimeError("no published services: run load_demo first")
    cum_weights = list(itertools.accumulate(max(p or 0, 100) for _, _, p, _, _, _ in services))
    User = get_user_model()
    officers = {}
    for pk, department_id in User.objects.filter(is_staff=True, department__isnull=False).values_list(
        "pk", "department_id"
    ):
        officers.setdefault(department_id, []).append(pk)
    citizens = ensure_citizens()
    # Times are generated as naive UTC and converted once, at the end, to the database's format.
    now = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None)
    offset = timezone.localtime().utcoffset()  # Asia/Shanghai: +8 h all year (no summer time)
    today = (now + offset).date()
    deadlines = _Deadlines(today - datetime.timedelta(days=800), today + datetime.timedelta(days=400))
    dt, day, uid = _formats(connection.vendor)
    taken = set(Application.objects.exclude(reference=None).values_list("reference", flat=True))
    next_id = (Application.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    by_age = {"recent": _pick(rng, RECENT), "month": _pick(rng, MONTH), "old": _pick(rng, OLD)}
    writer = _Writer(connection)
    paths = routes()
    acceptance_days = lifecycle.ACCEPTANCE_WORKING_DAYS
    due_on_of, priority_of = lifecycle.due_on, lifecycle.queue_priority
    # The note and items of a request for information as the step's own `prepare` makes them.
    request_note, request = lifecycle.TRANSITIONS["request_info"].prepare(INFO_NOTE, {"items": INFO_ITEMS})
    info_items, info_note = json.dumps(request["items"], ensure_ascii=False), request["note"]
    info_ids = itertools.count((InfoRequest.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1)
    counts = {"applications": 0, "events": 0, "info_requests": 0}

    def reference(year, chars):
        while True:
            body = f"{year % 100:02d}" + chars
            ref = PREFIX + body + check_character(body)
            if "0Z" not in ref and "Z0" not in ref and ref not in taken:
                taken.add(ref)
                return ref
            chars = "".join(rng.choices(ALPHABET, k=8))

    names = []  # a pool of applicant names, drawn from per row
    for _ in range(5000):
        if rng.random() < 0.08:
            names.append(rng.choice(ENGLISH_NAMES))
        else:
            names.append(rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2)))))
    n_names, n_citizens = len(names), len(citizens)
    pick_status = by_age
    hour, day_ = datetime.timedelta(hours=1), datetime.timedelta(days=1)
    rand = rng.random

    def one(app_id):
        service_id, department_id, _pop, promised, online, counter = rng.choices(services, cum_weights=cum_weights)[0]
        age_days = rand() ** 1.3 * 730  # more recent than old, as intake grows
        submitted_at = now - age_days * day_
        local = submitted_at + offset
        status = pick_status["recent" if age_days < 3 else "month" if age_days < 30 else "old"]()
        if online and counter:
            channel = "online" if rand() < 0.65 else "counter"
        else:
            channel = "online" if online else "counter"
        if channel == "counter" and rand() < 0.07:
            channel = "post"
        owner_id = citizens[int(rand() * n_citizens)] if rand() < 0.4 else None
        name = names[int(rand() * n_names)]
        mobile = f"1{3 + int(rand() * 7)}{int(rand() * 1e9):09d}"
        email = f"u{app_id}@example.com" if owner_id or channel == "online" or rand() < 0.3 else ""
        on_behalf = rand() < 0.12
        answers = (
            f'{{"full_name": "{name}", "phone": "{mobile}", '
            f'"id_number": {{"type": "resident_id", "number": "{int(rand() * 1e17):017d}X"}}, '
            f'"address": {{"district": "jiangxin", "street": "{1 + int(rand() * 998)}号{1 + int(rand() * 29)}楼"}}, '
            f'"purpose": "{PURPOSES[int(rand() * 4)]}", "household_size": "{1 + int(rand() * 6)}"}}'
        )
        route = paths[status]
        # Each step of the route at its time (never in the future), writing what its Transition
        # says, as lifecycle.act does with a clock: the stamp, the deadline it starts (counted in
        # working days from the step's local day), pausing, closing, the status.
        row = {
            "status": "draft",
            "submitted_at": None,
            "accepted_at": None,
            "decided_at": None,
            "closed_at": None,
            "acceptance_due": None,
            "decision_due": None,
            "paused_at": None,
            "resume_status": "",
        }
        times, t = [], submitted_at
        for name, _from, to, step in route:
            if name in DELAYS:
                least, spread = DELAYS[name]
                t = t + (least + rand() * spread) * hour
            elif name in ("approve", "reject"):
                t = t + (1 + rand() * max(1, promised - 1)) * day_
            elif name == "complete":
                t = t + (0.5 + rand() * 9.5) * day_
            t = min(t, now)
            times.append(t)
            if step.stamp:
                row[step.stamp] = t
            if step.deadline:
                days = promised if step.deadline == "decision_due" else acceptance_days
                row[step.deadline] = deadlines.add((t + offset).date(), days)
            if step.pauses:
                row["resume_status"], row["paused_at"] = row["status"], t
            if step.closes:
                row["closed_at"], row["paused_at"], row["resume_status"] = t, None, ""
            row["status"] = to
        shape = _Row(**row)
        shape.due_on = due_on_of(shape)
        priority = priority_of(shape)
        staff = officers.get(department_id) or [None]
        assignee = None
        if status not in ("submitted", "not_accepted", "withdrawn") and rand() < 0.6:
            assignee = staff[int(rand() * len(staff))]
        codes = "".join(rng.choices(ALPHABET, k=16))
        stamps = [dt(x) for x in times]
        app = (
            app_id,
            uid(rng.getrandbits(128)),
            reference(local.year, codes[:8]),
            codes[8:],
            service_id,
            department_id,
            channel,
            status,
            owner_id,
            name,
            email,
            mobile,
            on_behalf,
            (SURNAMES[int(rand() * len(SURNAMES))] + GIVEN[int(rand() * len(GIVEN))]) if on_behalf else "",
            "child" if on_behalf else "",
            "en" if name[0] < "\u4e00" else "zh-hans",
            answers,
            "",
            len(route),  # act bumps the version once a step
            dt(submitted_at - (3 + rand() * 57) * hour / 60),
            stamps[-1],
            dt(row["submitted_at"]),
            dt(row["accepted_at"]),
            dt(row["decided_at"]),
            dt(row["closed_at"]),
            day(row["acceptance_due"]),
            day(row["decision_due"]),
            day(shape.due_on),
            day(priority),
            dt(row["paused_at"]),
            row["resume_status"],
            assignee,
            None,
            None,
            None,
            None,
            "",
            None,
            None,
        )
        other = assignee or staff[0]
        info = None
        if status == "info_requested":
            info_id = next(info_ids)
            info = (info_id, app_id, info_items, info_note, other, dt(row["paused_at"]), "", None)
        evts = []
        if events:
            for (name, frm, to, step), at in zip(route, stamps, strict=True):
                actor = owner_id if step.by == APPLICANT else other
                asked = info_id if name == "request_info" else None
                note = request_note if name == "request_info" else NOTES.get(to, "")
                evts.append((app_id, asked, at, actor, frm, to, "status", note, "", True))
        return app, evts, info

    log(f"adding {todo:,} applications to the {have:,} there are ({connection.vendor})")
    # Inside a caller's transaction (a test's) SQLite's safety level cannot change and VACUUM
    # cannot run: the load writes the same rows without them.
    tuned = not connection.in_atomic_block
    if connection.vendor == "sqlite" and tuned:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB page cache for the random index inserts
            cursor.execute("PRAGMA synchronous = OFF")
            # Every foreign key points at a row read from the database above; checking 5 million of
            # them one by one would take about a fifth of the load.
            cursor.execute("PRAGMA foreign_keys = OFF")

    def batches(first_id):
        """(applications, events, information requests) in batches of BATCH applications."""
        app_id, made = first_id, 0
        while made < todo:
            n = min(BATCH, todo - made)
            apps, evts, infos = [], [], []
            gc.disable()  # millions of small tuples: the cyclic collector would rescan them again and again
            try:
                for _ in range(n):
                    app, e, info = one(app_id)
                    app_id += 1
                    apps.append(app)
                    evts.extend(e)
                    if info:
                        infos.append(info)
            finally:
                gc.enable()
            made += n
            yield apps, evts, infos

    done = 0
    wait_seconds = write_seconds = 0.0
    # Rebuilding the indexes pays off when the load at least doubles the table.
    drop = todo >= max(have, 50_000)
    with indexes_dropped(connection, log=log) if drop else contextlib.nullcontext():
        # Rows are generated in a forked process while this one writes the previous batch: on
        # two cores that nearly halves the time (each side takes about as long as the other).
        produced = _in_child(batches(next_id)) if parallel else batches(next_id)
        while True:
            t0 = time.monotonic()
            item = next(produced, None)
            t1 = time.monotonic()
            if item is None:
                break
            apps, evts, infos = item
            with transaction.atomic():
                writer.write("applications_application", APP_COLUMNS, apps)
                writer.write("applications_applicationevent", EVENT_COLUMNS, evts)
                writer.write("applications_inforequest", INFO_COLUMNS, infos)
            t2 = time.monotonic()
            wait_seconds += t1 - t0
            write_seconds += t2 - t1
            done += len(apps)
            counts["applications"] += len(apps)
            counts["events"] += len(evts)
            counts["info_requests"] += len(infos)
            if done % 100_000 < BATCH or done == todo:
                log(f"  {done:,}/{todo:,} in {time.monotonic() - started:.0f}s")
        index_started = time.monotonic()
    index_seconds = time.monotonic() - index_started

    if connection.vendor == "sqlite" and tuned:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    analyse_seconds = 0.0
    if connection.vendor == "postgresql":
        t0 = time.monotonic()
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
    if connection.vendor == "postgresql" and tuned:
        # Like autovacuum would shortly after such a load; VACUUM cannot run inside a transaction.
        connection.ensure_connection()
        raw = connection.connection
        autocommit = raw.autocommit
        raw.autocommit = True
        try:
            with raw.cursor() as cursor:
                for table in TABLES:
                    cursor.execute(f"VACUUM ANALYZE {table}")
        finally:
            raw.autocommit = autocommit
        analyse_seconds = time.monotonic() - t0
    seconds = time.monotonic() - started
    total_now = Application.objects.exclude(status="draft").count()
    log(
        f"added {counts['applications']:,} applications, {counts['events']:,} events, "
        f"{counts['info_requests']:,} information requests in {seconds:.1f}s "
        f"(waiting for generated rows {wait_seconds:.1f}s, writing {write_seconds:.1f}s, indexes {index_seconds:.1f}s, "
        f"analyse {analyse_seconds:.1f}s; CPU of this process {time.process_time() - cpu_started:.1f}s); "
        f"{total_now:,} submitted applications in all"
    )
    return {
        "added": counts["applications"],
        "events": counts["events"],
        "info_requests": counts["info_requests"],
        "total": total_now,
        "seconds": round(seconds, 1),
        "wait_for_rows_seconds": round(wait_seconds, 1),
        "write_seconds": round(write_seconds, 1),
        "index_seconds": round(index_seconds, 1),
        "analyse_seconds": round(analyse_seconds, 1),
        "cpu_seconds": round(time.process_time() - cpu_started, 1),
        "vendor": connection.vendor,
    }
