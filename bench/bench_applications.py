#!/usr/bin/env python3
"""Benchmarks of online applications (issue 3) and of the staff queue (issue 4).

    .venv/bin/python bench/bench_applications.py                    # SQLite, then PostgreSQL
    .venv/bin/python bench/bench_applications.py --db sqlite --record --note "..."

For each database (SQLite in WAL mode under bench/out/applications/sqlite/, or PostgreSQL database
`portal_bench` on 127.0.0.1, dropped and created again):

1. data: migrate, createcachetable, seed_calendar, load_demo, collectstatic, and a benchmark
   service with a 10-field form (two pages: text, identity document, mobile, email, date; address,
   number, single choice, yes/no, long text) and one required document, in its own department;
2. small: 10,000 submitted applications (bench/make_applications.py); a case officer is chosen
   (the department with the most applications) and a copy of the database is kept (SQLite file
   copy; PostgreSQL `createdb -T` as `portal_bench_small`);
3. submit: N complete drafts of the benchmark service (owned by 50 citizens, each with a signed-in
   session), and the final POST `/en/apply/<uuid>/submit/` (idempotency_key + confirm=on), every
   request a different draft (a wrk Lua script); then a check that exactly one application and one
   event were written per successful request and that each confirmation email was queued (not sent);
4. large: 1,000,000 applications;
5. track: POST `/en/track/` rotating through 10,000 real (reference, tracking code) pairs;
6. queue: the staff queue as that officer (`/admin/applications/application/`, `?due=overdue`,
   `?q=<reference>`) on two servers side by side, the 10,000 copy and the 1,000,000 database,
   alternately, and the ratio of their mean latency.

Every page is served by gunicorn (3 sync workers, DEBUG off, as bench/run_bench.py does) and
measured with `wrk -t2 -c8 -d10s --latency` after a warm-up; /healthz is measured before the
first page and after every page, and each page's ratio is its req/s over the mean of the two
/healthz runs around it. CSRF protection stays on: the load scripts send a fixed token as both
the csrftoken cookie and the X-CSRFToken header, which is what Django checks.

Also reported (information): CPU µs per request inside Django (the WSGI application called in
one process, timed with process_time; steadier than req/s on a shared machine), for /healthz, the
submission, the tracking lookup and the queue pages. bench/breakdown.py splits a submission and a
tracking lookup into their steps on the data a run leaves behind.

Exit status 0 when every target is met, 1 when one is missed, 2 when the run failed.
See bench/APPLICATIONS.md.
"""

import argparse
import functools
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

# The gunicorn, HTTP and wrk helpers are those of the catalogue benchmark (bench/ is on sys.path:
# this file runs as a script from there, and the scripts that import it put it there).
import run_bench as rb
from run_bench import BENCH, PYTHON, ROOT, BenchError, fetch, log, machine

rb.LOG_TAG = "apps"  # progress lines "[apps HH:MM:SS] ...", run_bench's helpers' included

OUT = BENCH / "out" / "applications"
STATIC = OUT / "static"
PG_DATABASE = "portal_bench"
PG_URL = f"postgres://portal:portal@127.0.0.1:5432/{PG_DATABASE}"
PG_SMALL_DATABASE = "portal_bench_small"
PG_SMALL_URL = f"postgres://portal:portal@127.0.0.1:5432/{PG_SMALL_DATABASE}"
CSRF_TOKEN = "BenchCsrfToken0123456789abcdefgh"  # noqa: S105 - 32 letters/digits: a valid CSRF secret
BENCH_DEPARTMENT = "bench-dept"
BENCH_SERVICE = "bench-ten-fields"
OWNER_PREFIX = "bench-owner-"
QUEUE = "/admin/applications/application/"

# name -> (kind, target); kind "ratio": req/s over /healthz at least; "queue": 1M/10k latency at most.
TARGETS = {
    ("sqlite", "submit"): 0.2,
    ("postgres", "submit"): 0.2,
    ("sqlite", "track"): 0.45,
    ("postgres", "track"): 0.3,
}
SUBMIT_P99_MS = 150.0
QUEUE_RATIO = 2.0
STEPS = ["small", "submit", "large", "track", "queue"]
SERVER_START_TIMEOUT = 60


# =============================================================================================
# Django side: `bench_applications.py --django TASK ['<json kwargs>']` (or the JSON on stdin) runs one
# of these in a child process with the benchmark's environment; its JSON result is the last line.
# =============================================================================================

TASKS = {}


def task(fn):
    TASKS[fn.__name__] = fn
    return fn


def _valid_resident_id(birth="19800517", region="310101", sequence="123"):
    from services.lib.validators import resident_id_check_char

    first17 = region + birth + sequence
    return first17 + resident_id_check_char(first17)


TEN_FIELDS = [
    # (page, key, kind, label zh, label en, extra)
    (1, "full_name", "text", "姓名", "Full name", {"max_length": 50}),
    (1, "id_number", "id_number", "身份证件号码", "Identity document number", {}),
    (1, "phone", "mobile", "手机号码", "Mobile number", {}),
    (1, "email", "email", "电子邮箱", "Email address", {}),
    (1, "birth_date", "date", "出生日期", "Date of birth", {"date_rule": "past"}),
    (2, "address", "address", "居住地址", "Home address", {}),
    (2, "household_size", "number", "家庭人数", "People in the household", {"min_value": 1, "max_value": 20}),
    (
        2,
        "purpose",
        "choice",
        "申请事由",
        "Reason for applying",
        {"choices": "first|首次申请|First application\nrenewal|到期换领|Renewal\nreplacement|遗失补领|Replacement"},
    ),
    (2, "urgent", "yesno", "是否加急", "Do you need it urgently?", {}),
    (2, "details", "textarea", "补充说明", "Anything else we should know", {"max_length": 500}),
]


def _answers(i):
    return {
        "full_name": f"张{'伟芳敏静丽强磊军洋勇'[i % 10]}",
        "id_number": {"type": "resident_id", "number": _valid_resident_id(sequence=f"{i % 1000:03d}")},
        "phone": f"138{i % 10**8:08d}",
        "email": f"owner{i}@example.com",
        "birth_date": "1980-05-17",
        "address": {"district": "jiangxin", "street": f"人民路{1 + i % 500}号{1 + i % 20}楼"},
        "household_size": str(1 + i % 6),
        "purpose": ["first", "renewal", "replacement"][i % 3],
        "urgent": "no" if i % 4 else "yes",
        "details": "家中老人行动不便，希望邮寄送达。" if i % 2 else "",
    }


@task
def prepare():
    """A fresh database: migrations, cache table, calendar, demo city, static files, and the
    benchmark service with its 10-field form."""
    from django.conf import settings
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("seed_calendar", verbosity=0)
    call_command("load_demo", verbosity=0)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", verbosity=0, interactive=False)
    _bench_service()
    return {"seconds": round(time.monotonic() - started, 1)}


def _bench_service():
    from services.applications.models import FormField, FormPage
    from services.catalogue.models import Department, Material, Service

    department, _ = Department.objects.update_or_create(
        slug=BENCH_DEPARTMENT,
        defaults={"code": "BENCH", "name_zh": "基准测试部门", "name_en": "Benchmark department", "order": 99},
    )
    service, _ = Service.objects.update_or_create(
        slug=BENCH_SERVICE,
        defaults={
            "department": department,
            "name_zh": "基准测试：十项表单",
            "name_en": "Benchmark: a ten-question form",
            "summary_zh": "用于性能测试的服务。",
            "summary_en": "A service for load tests.",
            "offers_online": True,
            "statutory_limit_days": 20,
            "promised_limit_days": 10,
            "published": True,
        },
    )
    service.form_pages.all().delete()
    service.materials.all().delete()
    Material.objects.create(
        service=service, name_zh="身份证复印件", name_en="Copy of the identity card", required=True, order=1
    )
    pages = {
        1: FormPage.objects.create(service=service, order=1, title_zh="申请人信息", title_en="About the applicant"),
        2: FormPage.objects.create(service=service, order=2, title_zh="申请事项", title_en="About the request"),
    }
    for order, (page, key, kind, zh, en, extra) in enumerate(TEN_FIELDS, start=1):
        FormField.objects.create(
            page=pages[page],
            key=key,
            kind=kind,
            label_zh=zh,
            label_en=en,
            required=key != "details",
            order=order,
            **extra,
        )
    return service


@task
def load(total):
    sys.path.insert(0, str(BENCH))
    from make_applications import load_applications

    return load_applications(total, log=lambda m: print(m, file=sys.stderr, flush=True))


def _session_for(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}"


def bench_document(material):
    """The drafts' document as a real upload leaves it: a valid PDF (the tests' one page) passed
    through check_upload and stored under the name made from its material and checked type.
    One file that every draft's row points at, so that 10,000 drafts write one file, not 10,000.
    Returns (its path under MEDIA_ROOT, the CheckedFile)."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from services.applications.models import Attachment
    from services.applications.uploads import check_upload, download_name
    from tests.makers import PDF_BYTES

    upload = SimpleUploadedFile("id-card.pdf", PDF_BYTES, "application/pdf")
    checked = check_upload(upload, material.accepted_file_types)
    relative = f"applications/bench/{download_name(Attachment(material=material, content_type=checked.content_type))}"
    stored = Path(settings.MEDIA_ROOT) / relative
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(checked.content)
    return relative, checked


@task
def drafts(n, owners, path):
    """n complete drafts of the benchmark service (answers, applicant, the required document),
    owned by `owners` citizens; each owner gets a signed-in session. Writes
    {"drafts": [[public_id, owner index], ...], "cookies": [...]} to `path`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from services.applications import formengine
    from services.applications.flow import Flow, material_key
    from services.applications.models import Application, Attachment
    from services.catalogue.models import Service

    started = time.monotonic()
    User = get_user_model()
    service = Service.objects.select_related("department").get(slug=BENCH_SERVICE)
    material = service.materials.get()
    version = formengine.form_version(Flow(Application(service=service)).pages)
    unusable = make_password(None)
    users = []
    for i in range(owners):
        user, _ = User.objects.update_or_create(
            username=f"{OWNER_PREFIX}{i}",
            defaults={
                "email": f"owner{i}@example.com",
                "password": unusable,
                "first_name": "伟",
                "last_name": "张",
                "phone": f"1380000{i:04d}",
            },
        )
        users.append(user)
    cookies = [_session_for(u) for u in users]
    relative, checked = bench_document(material)
    made = []
    for start in range(0, n, 2000):
        batch = [
            Application(
                service=service,
                department=service.department,
                owner=users[i % owners],
                applicant_name=users[i % owners].get_full_name(),
                contact_email=users[i % owners].email,
                contact_phone=users[i % owners].phone,
                language="en",
                answers=_answers(i),
                form_version=version,
            )
            for i in range(start, min(n, start + 2000))
        ]
        Application.objects.bulk_create(batch)
        Attachment.objects.bulk_create(
            [
                Attachment(
                    application=app,
                    field_key=material_key(material),
                    material=material,
                    file=relative,
                    original_name="id-card.pdf",
                    content_type=checked.content_type,
                    size=checked.size,
                    uploaded_by=app.owner,
                )
                for app in batch
            ]
        )
        made.extend(batch)
    # The drafts must be complete, or the POST would answer 400 with the check page.
    sample = Application.objects.select_related("service").get(pk=made[0].pk)
    missing = Flow(sample).incomplete_steps()
    if missing:
        raise RuntimeError(f"bench draft is incomplete: {missing}")
    owner_index = {u.pk: i for i, u in enumerate(users)}
    Path(path).write_text(
        json.dumps({"drafts": [[str(a.public_id), owner_index[a.owner_id]] for a in made], "cookies": cookies})
    )
    return {"drafts": len(made), "seconds": round(time.monotonic() - started, 1)}


@task
def officer(username=None, reference=None):
    """A signed-in case officer: of the department with the most applications (unless
    `username` is given), with a reference of that department to search for."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from services.applications.models import Application
    from services.applications.workdays import today

    User = get_user_model()
    if username is None:
        staffed = User.objects.filter(username__startswith="officer-", groups__name="Case officer").values_list(
            "department_id", flat=True
        )
        top = (
            Application.objects.exclude(status="draft")
            .filter(department_id__in=list(staffed))
            .values("department_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        user = User.objects.filter(department_id=top["department_id"], groups__name="Case officer").first()
    else:
        user = User.objects.get(username=username)
    mine = Application.objects.exclude(status="draft").filter(department_id=user.department_id)
    if reference is None:
        reference = mine.order_by("?").values_list("reference", flat=True).first()
    return {
        "username": user.username,
        "department": user.department.code,
        "department_applications": mine.count(),
        "overdue": mine.filter(due_on__lt=today()).count(),
        "all_applications": Application.objects.exclude(status="draft").count(),
        "reference": reference,
        "cookie": _session_for(user),
    }


@task
def track_sample(k, path):
    """k random (reference, tracking code) pairs of submitted applications, to `path`."""
    from django.db.models import Max

    from services.applications.models import Application

    top = Application.objects.aggregate(m=Max("id"))["m"]
    rng = random.Random(7)
    ids = rng.sample(range(1, top + 1), min(top, k * 2))
    rows = list(
        Application.objects.exclude(status="draft")
        .filter(id__in=ids)
        .values_list("reference", "tracking_code", "owner_id")[:k]
    )
    rng.shuffle(rows)
    Path(path).write_text(json.dumps([[r, c] for r, c, _ in rows]))
    return {"pairs": len(rows), "guest_share": round(sum(1 for *_, o in rows if o is None) / max(1, len(rows)), 2)}


@task
def submit_counts():
    from django_tasks_db.models import DBTaskResult

    from services.applications.models import Application, ApplicationEvent

    apps = Application.objects.filter(service__slug=BENCH_SERVICE)
    return {
        "submitted": apps.exclude(status="draft").count(),
        "refs": list(apps.exclude(status="draft").values_list("reference", flat=True)),
        "events": ApplicationEvent.objects.filter(application__service__slug=BENCH_SERVICE).count(),
        "email_tasks": DBTaskResult.objects.filter(task_path__endswith="send_event_email").count(),
        "email_tasks_not_ready": DBTaskResult.objects.filter(task_path__endswith="send_event_email")
        .exclude(status="READY")
        .count(),
    }


@task
def verify_submit(ref_files, before, first_ref):
    """Every successful POST made exactly one application with exactly one event and one queued
    email; nothing was submitted twice."""
    from django.db.models import Count

    from services.applications.models import Application

    refs, other, exhausted = [], 0, 0
    for name in ref_files:
        for line in Path(name).read_text().splitlines():
            if line.startswith("#other "):
                other += int(line.split()[1])
            elif line.startswith("#exhausted "):
                exhausted += int(line.split()[1])
            elif line:
                refs.append(line)
    after = submit_counts()
    submitted = Application.objects.filter(service__slug=BENCH_SERVICE).exclude(status="draft")
    db_refs = set(submitted.values_list("reference", flat=True))
    wrk_refs = set(refs)
    event_counts = list(submitted.annotate(n=Count("events")).exclude(n=1).values_list("reference", "n")[:10])
    new = after["submitted"] - before["submitted"]
    return {
        "responses_302": len(refs),
        "distinct_references_in_responses": len(wrk_refs),
        "other_responses": other,
        "drafts_reused": exhausted,
        "new_applications": new,
        "new_events": after["events"] - before["events"],
        "new_email_tasks": after["email_tasks"] - before["email_tasks"],
        "email_tasks_run_or_failed": after["email_tasks_not_ready"],
        "references_not_in_db": len(wrk_refs - db_refs),
        "applications_without_a_counted_response": len(db_refs - wrk_refs - set(before["refs"]) - {first_ref}),
        "applications_with_other_than_one_event": event_counts,
    }


@task
def cpu(pages, seconds=1.0):
    """CPU µs per request inside Django: the WSGI application called directly (no HTTP server,
    no load generator), timed with process_time. pages: [[name, method, path, cookie, body]]."""
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    statuses = {}

    def start_response(status, headers):
        statuses["last"] = status

    out = {}
    for name, method, path, cookie, body in pages:
        bodies = body if isinstance(body, list) else [body]
        for i in range(20):
            b"".join(app(wsgi_environ(method, path, cookie, bodies[i % len(bodies)]), start_response))
        if not statuses["last"].startswith(("200", "302")):
            raise RuntimeError(f"{name} {path} answered {statuses['last']}")
        n, t = 0, time.process_time()
        while n < 50 or time.process_time() - t < seconds:
            b"".join(app(wsgi_environ(method, path, cookie, bodies[n % len(bodies)]), start_response))
            n += 1
        out[name] = round((time.process_time() - t) / n * 1e6)
    return out


def wsgi_environ(method, path, cookie="", body=""):
    """The WSGI environ of a request to the application called directly (no HTTP server): the
    cookie header if any, and for a POST the form-encoded body with the CSRF token as header (the
    cookie carries it as csrftoken), as the wrk scripts send them."""
    p, _, q = path.partition("?")
    data = body.encode()
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": p,
        "QUERY_STRING": q,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(data),
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(data)),
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    if method == "POST":
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        env["HTTP_X_CSRFTOKEN"] = CSRF_TOKEN
    return env


def setup_django():
    """Django set up in this process, with the settings of its environment (bench_env)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def django_main(name, payload):
    setup_django()
    result = TASKS[name](**payload)
    print(json.dumps(result, default=str))


# =============================================================================================
# Orchestration: environment, gunicorn, wrk.
# =============================================================================================


def bench_env(db, small=False):
    """Production settings as bench/run_bench.py sets them, with this database (or its copy taken
    at --small applications)."""
    env = rb.bench_env(OUT / db / ("small-data" if small else "data"), STATIC)
    env["TASKS_BACKEND"] = "db"  # the default: emails are queued in the database, not sent inline
    if db == "postgres":
        env["DATABASE_URL"] = PG_SMALL_URL if small else PG_URL
    return env


def snapshot_small(db):
    """Keep a copy of the database as it is now (with --small applications), for the queue
    comparison side by side with the large one."""
    if db == "sqlite":
        import sqlite3

        target = OUT / "sqlite" / "small-data" / "portal.sqlite3"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        source = sqlite3.connect(OUT / "sqlite" / "data" / "portal.sqlite3")
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
        source.close()
        return
    (OUT / "postgres" / "small-data").mkdir(parents=True, exist_ok=True)
    as_postgres("dropdb", "--if-exists", PG_SMALL_DATABASE, timeout=600)
    as_postgres("createdb", "-O", "portal", "-T", PG_DATABASE, PG_SMALL_DATABASE, timeout=600)


def as_postgres(*args, timeout):
    """A PostgreSQL client command (dropdb, createdb) run as the postgres system user."""
    cmd = ["runuser", "-u", "postgres", "--", *args]
    log("$ " + " ".join(cmd))
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed: {result.stderr}")


def django_task(env, name, timeout=1800, **payload):
    cmd = [str(PYTHON), str(Path(__file__).resolve()), "--django", name]  # the payload goes to stdin
    log(f"django task {name} {json.dumps(payload)[:120]}")
    started = time.monotonic()
    try:
        result = subprocess.run(
            cmd, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True, input=json.dumps(payload)
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"task {name} took longer than {timeout}s") from exc
    for line in result.stderr.splitlines():
        if line.strip() and not line.startswith("Traceback"):
            log(f"  | {line}")
    if result.returncode != 0:
        raise BenchError(f"task {name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    log(f"  done in {time.monotonic() - started:.1f}s")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_database(db):
    shutil.rmtree(OUT / db, ignore_errors=True)
    (OUT / db / "data").mkdir(parents=True)
    if db == "postgres":
        as_postgres("dropdb", "--if-exists", PG_DATABASE, timeout=120)
        as_postgres("createdb", "-O", "portal", PG_DATABASE, timeout=120)


# run_bench's server with a longer start-up allowance, its log appended to (one file serves every step).
Gunicorn = functools.partial(rb.Gunicorn, append=True, start_timeout=SERVER_START_TIMEOUT)


def wrk(url, args, duration, script=None, headers=()):
    """wrk --latency on url (run_bench.wrk, allowed a minute over its duration), parsed."""
    return rb.parse_wrk(rb.wrk(url, args, duration, script=script, headers=headers, margin=60))


def lua_string(text):
    return json.dumps(text)  # a JSON string of ASCII text is a valid Lua string literal


SUBMIT_LUA = """-- generated by bench/bench_applications.py: the final submission POST, one draft per request
local drafts = {DRAFTS}
local cookies = {COOKIES}
local csrf = CSRF
local first, last, nthreads, outfile = {FIRST}, {LAST}, {NTHREADS}, {OUTFILE}
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  idx = first + tid
  refs, other, exhausted = {}, 0, 0
end
function request()
  local i = idx
  idx = idx + nthreads
  if i > last then
    exhausted = exhausted + 1
    i = first + ((i - first) % (last - first + 1))
  end
  local d = drafts[i]
  return wrk.format("POST", "/en/apply/" .. d[1] .. "/submit/", {
    ["Cookie"] = cookies[d[2] + 1],
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "idempotency_key=" .. d[1] .. "&confirm=on")
end
function response(status, headers, body)
  local ref = nil
  if status == 302 then
    ref = string.match(headers["Location"] or "", "/applications/([^/]+)/submitted/")
  end
  if ref then refs[#refs + 1] = ref else other = other + 1 end
end
function done(summary, latency, requests)
  local f = io.open(outfile, "w")
  for _, t in ipairs(threads) do
    for _, ref in ipairs(t:get("refs")) do f:write(ref, "\\n") end
    f:write("#other ", t:get("other"), "\\n#exhausted ", t:get("exhausted"), "\\n")
  end
  f:close()
end
"""

TRACK_LUA = """-- generated by bench/bench_applications.py: the public tracking lookup with real pairs
local pairs_ = {PAIRS}
local csrf = CSRF
local n = 0
function setup(thread)
  thread:set("start", n * 7919)
  n = n + 1
end
function init(args)
  i = start % #pairs_
end
function request()
  i = i % #pairs_ + 1
  local p = pairs_[i]
  return wrk.format("POST", "/en/track/", {
    ["Cookie"] = "csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "reference=" .. p[1] .. "&tracking_code=" .. p[2])
end
"""


def submit_script(lua, name, first, last, threads, outfile):
    """The submission script for drafts first..last (1-based), written to bench/out/."""
    path = outfile.parent / f"submit-{name}.lua"
    path.write_text(
        lua.replace("{FIRST}", str(first))
        .replace("{LAST}", str(last))
        .replace("{NTHREADS}", str(threads))
        .replace("{OUTFILE}", lua_string(str(outfile)))
    )
    return path


class Run:
    def __init__(self, args):
        self.args = args

    # --- measurement helpers --------------------------------------------------------------
    def measure_pages(self, server, pages):
        """pages: [(name, path, wrk kwargs, warm-up kwargs or None)]. /healthz before the first
        page and after every page; each page's ratio over the mean of the two around it."""
        args = self.args
        pages = [(*p, server) if len(p) == 4 else p for p in pages]  # an entry may name its own server
        for _name, path, _kwargs, warm, where in pages:
            if warm is not None:
                wrk(where.url(_url_path(path)), args, args.warmup, **warm)
        wrk(server.url("/healthz"), args, args.warmup)
        base = [wrk(server.url("/healthz"), args, args.duration)]
        rows = []
        for name, path, kwargs, _warm, where in pages:
            log(f"measuring {name} for {args.duration}")
            r = wrk(where.url(_url_path(path)), args, args.duration, **kwargs)
            base.append(wrk(server.url("/healthz"), args, args.duration))
            r["base"] = (base[-2]["rps"] + base[-1]["rps"]) / 2
            r["base_avg"] = (base[-2]["avg"] + base[-1]["avg"]) / 2
            r["ratio"] = r["rps"] / r["base"] if r["base"] else 0.0
            r["name"], r["path"] = name, path
            log(
                f"  {name}: {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, "
                f"{r['errors']} errors; /healthz {r['base']:.0f} req/s -> ratio {r['ratio']:.2f}"
            )
            rows.append(r)
        return base, rows


def _url_path(path):
    """The URL given to wrk: a descriptive path such as /en/apply/<uuid>/submit/ (the Lua script
    makes the real one) becomes "/"."""
    return "/" if "<" in path else path


def healthz_row(base):
    rates = [b["rps"] for b in base]
    return {
        "name": "healthz",
        "path": "/healthz",
        "rps_text": f"{sum(rates) / len(rates):.0f} (mean of {len(rates)}; {min(rates):.0f}-{max(rates):.0f})",
        "p50": base[0]["p50"],
        "p99": base[0]["p99"],
        "errors": sum(b["errors"] for b in base),
    }


def run_database(db, args, run):
    env = bench_env(db)
    folder = OUT / db
    state_file = folder / "state.json"
    steps = args.steps
    if not args.reuse or not state_file.exists():
        fresh_database(db)
        facts = django_task(env, "prepare")
        state = {"prepared": facts}
    else:
        state = json.loads(state_file.read_text())
        log(f"reusing {folder} ({state.get('loaded', {}).get('total', 0)} applications)")
    STATIC.mkdir(parents=True, exist_ok=True)
    logfile = folder / "gunicorn.log"
    results = state.setdefault("results", {})

    def save():
        state_file.write_text(json.dumps(state, indent=1, default=str))

    def officer_in(environment):
        known = state.get("officer", {})
        officer = django_task(environment, "officer", username=known.get("username"), reference=known.get("reference"))
        state["officer"] = {"username": officer["username"], "reference": officer["reference"]}
        return officer

    if "small" in steps:
        loaded = django_task(env, "load", total=args.small)
        state.setdefault("loads", []).append(loaded)
        if loaded.get("total", 0) > args.small * 1.5:
            raise BenchError(f"{loaded['total']} applications already there: cannot take the {args.small} copy")
        officer_in(env)  # chosen now: the department with the most applications
        snapshot_small(db)
        state["small"] = loaded
        save()

    if "submit" in steps:
        loaded = django_task(env, "load", total=args.small)  # the same 10k as the queue (a no-op if there)
        draft_file = folder / "drafts.json"
        made = django_task(env, "drafts", n=args.drafts, owners=args.owners, path=str(draft_file))
        data = json.loads(draft_file.read_text())
        lua = (
            SUBMIT_LUA.replace("{DRAFTS}", "{" + ",".join(f'{{"{d}",{o}}}' for d, o in data["drafts"]) + "}")
            .replace("{COOKIES}", "{" + ",".join(lua_string(c) for c in data["cookies"]) + "}")
            .replace("CSRF", lua_string(CSRF_TOKEN), 1)
        )
        n = len(data["drafts"])
        warm_last, cpu_last = n // 5, n // 5 + 300  # warm-up slice, CPU-probe slice, measured slice
        refs = [folder / "submit-refs-warmup.txt", folder / "submit-refs.txt"]
        before = django_task(env, "submit_counts")
        with Gunicorn(env, args.workers, logfile) as server:
            first = data["drafts"][0][0]
            status, headers, _ = fetch(
                server.url(f"/en/apply/{first}/submit/"),
                headers={
                    "Cookie": data["cookies"][data["drafts"][0][1]],
                    "X-CSRFToken": CSRF_TOKEN,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                data=f"idempotency_key={first}&confirm=on".encode(),
            )
            if status != 302 or "/submitted/" not in headers.get("Location", ""):
                raise BenchError(f"the first submission answered {status} {headers.get('Location')}")
            log(f"check: first draft submitted -> {headers['Location']}")
            warm = {"script": submit_script(lua, "warmup", 2, warm_last, args.threads, refs[0])}
            measured = {"script": submit_script(lua, "measured", cpu_last + 1, n, args.threads, refs[1])}
            base, rows = run.measure_pages(server, [("submit", "/en/apply/<uuid>/submit/", measured, warm)])
        first_ref = headers["Location"].split("/")[-3]
        verify = django_task(env, "verify_submit", ref_files=[str(r) for r in refs], before=before, first_ref=first_ref)
        verify["first_check_request"] = 1
        ok = (
            verify["other_responses"] == 0
            and verify["drafts_reused"] == 0
            and verify["references_not_in_db"] == 0
            and verify["distinct_references_in_responses"] == verify["responses_302"]
            and verify["new_applications"]
            == verify["responses_302"] + 1 + verify["applications_without_a_counted_response"]
            and verify["applications_without_a_counted_response"] <= 2 * args.connections
            and verify["new_events"] == verify["new_applications"]
            and verify["new_email_tasks"] == verify["new_applications"]
            and verify["email_tasks_run_or_failed"] == 0
            and not verify["applications_with_other_than_one_event"]
        )
        verify["ok"] = ok
        # CPU per submission, on drafts of their own slice (the probe owner's cookie per draft).
        probe = data["drafts"][warm_last:cpu_last]  # Lua's 1-based warm_last+1 .. cpu_last
        cookie_of = {d: data["cookies"][o] for d, o in probe}
        cpu_pages = [["healthz", "GET", "/healthz", "", ""]]
        cpu = django_task(env, "cpu", pages=cpu_pages)
        submit_cpu = _submit_cpu(env, probe, cookie_of)
        rows[0]["cpu_us"] = submit_cpu
        results["submit"] = {
            "base": base,
            "rows": rows,
            "healthz_cpu_us": cpu["healthz"],
            "verify": verify,
            "drafts": made,
            "loaded": loaded,
        }
        save()

    if "large" in steps:
        loaded = django_task(env, "load", total=args.large, timeout=3600)
        state["loaded_large"] = loaded
        save()

    if "track" in steps:
        pairs_file = folder / "track-pairs.json"
        sample = django_task(env, "track_sample", k=args.track_sample, path=str(pairs_file))
        pairs = json.loads(pairs_file.read_text())
        script = folder / "track.lua"
        script.write_text(
            TRACK_LUA.replace("{PAIRS}", "{" + ",".join(f'{{"{r}","{c}"}}' for r, c in pairs) + "}").replace(
                "CSRF", lua_string(CSRF_TOKEN), 1
            )
        )
        with Gunicorn(env, args.workers, logfile) as server:
            r, c = pairs[0]
            status, _h, body = fetch(
                server.url("/en/track/"),
                headers={
                    "Cookie": f"csrftoken={CSRF_TOKEN}",
                    "X-CSRFToken": CSRF_TOKEN,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                data=f"reference={r}&tracking_code={c}".encode(),
            )
            if status != 200 or r.encode() not in body:
                raise BenchError(f"tracking {r} answered {status}")
            base, rows = run.measure_pages(server, [("track", "/en/track/", {"script": script}, {"script": script})])
        cpu = django_task(
            env,
            "cpu",
            pages=[
                ["healthz", "GET", "/healthz", "", ""],
                [
                    "track",
                    "POST",
                    "/en/track/",
                    f"csrftoken={CSRF_TOKEN}",
                    [f"reference={r}&tracking_code={c}" for r, c in pairs[:2000]],
                ],
            ],
        )
        rows[0]["cpu_us"] = cpu["track"]
        results["track"] = {"base": base, "rows": rows, "healthz_cpu_us": cpu["healthz"], "sample": sample}
        save()

    if "queue" in steps:
        queue_step(db, args, run, state, folder, officer_in)
        save()
    state["finished"] = datetime.now(timezone.utc).isoformat()
    save()
    return state


def queue_step(db, args, run, state, folder, officer_in):
    """The queue at --small and at --large applications, two servers side by side: each URL on the
    small copy, then on the large database, with /healthz before and after each."""
    env_small, env_large = bench_env(db, small=True), bench_env(db)
    small, large = officer_in(env_small), officer_in(env_large)
    pages = [
        ("queue", QUEUE),
        ("queue overdue", QUEUE + "?due=overdue"),
        ("queue search", QUEUE + f"?q={large['reference']}"),
    ]
    with (
        Gunicorn(env_small, args.workers, folder / "gunicorn-small.log") as s_small,
        Gunicorn(env_large, args.workers, folder / "gunicorn.log") as s_large,
    ):
        entries = []
        for name, path in pages:
            for scale, server, officer in (("small", s_small, small), ("large", s_large, large)):
                status, _h, body = fetch(server.url(path), headers={"Cookie": officer["cookie"]})
                if status != 200:
                    raise BenchError(f"{name} {path} answered {status} ({scale})")
                if name == "queue search" and large["reference"].encode() not in body:
                    raise BenchError(f"the search for {large['reference']} did not find it ({scale})")
                headers = {"headers": [f"Cookie: {officer['cookie']}"]}
                entries.append((f"{name}|{scale}", path, headers, headers, server))
        base, rows = run.measure_pages(s_large, entries)
    for scale, environment, officer in (("small", env_small, small), ("large", env_large, large)):
        cpu = django_task(
            environment,
            "cpu",
            pages=[["healthz", "GET", "/healthz", "", ""]] + [[n, "GET", p, officer["cookie"], ""] for n, p in pages],
        )
        for r in rows:
            name, row_scale = r["name"].split("|")
            if row_scale == scale:
                r["cpu_us"] = cpu[name]
        state.setdefault("results", {})[f"queue-{scale}-facts"] = {
            "officer": {k: v for k, v in officer.items() if k != "cookie"},
            "healthz_cpu_us": cpu["healthz"],
        }
    state["results"]["queue"] = {"base": base, "rows": rows}


def _submit_cpu(env, probe, cookie_of):
    """CPU µs per submission: one probe call per draft (each draft can be submitted once)."""
    pages = [
        [f"d{i}", "POST", f"/en/apply/{d}/submit/", cookie_of[d], f"idempotency_key={d}&confirm=on"]
        for i, (d, _) in enumerate(probe)
    ]
    # The cpu task repeats each page; a draft submitted twice is answered by the cheap
    # "already submitted" path, so time the first call of each draft instead.
    result = django_task(env, "cpu_once", pages=pages)
    return result["mean_us"]


@task
def cpu_once(pages):
    """CPU µs of the first call of each page (for POSTs that change state: one submission each)."""
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    times = []
    for _name, method, path, cookie, body in pages:
        env = wsgi_environ(method, path, cookie, body)
        t = time.process_time()
        b"".join(app(env, start_response))
        times.append(time.process_time() - t)
        if not statuses[-1].startswith("302"):
            raise RuntimeError(f"{path} answered {statuses[-1]}")
    steady = times[len(times) // 5 :]  # the first calls import and warm caches
    return {"mean_us": round(sum(steady) / len(steady) * 1e6), "calls": len(steady)}


# =============================================================================================
# Report
# =============================================================================================


def fmt_row(r, target_text="", met=""):
    cpu = f"{r['cpu_us']}" if r.get("cpu_us") else ""
    return (
        f"| {r['name']} | `{r['path']}` | {r['rps']:.0f} | {r['avg']:.2f} | {r['p50']:.2f} | {r['p99']:.2f} | "
        f"{r['errors']} | {r['base']:.0f} | {r['ratio']:.2f} | {target_text} | {met} | {cpu} |"
    )


HEADER = (
    "| page | URL | req/s | mean ms | p50 ms | p99 ms | errors | /healthz req/s around it | ratio | target | met "
    "| CPU µs/request in Django |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"
)


def report_database(db, state, args):
    results = state.get("results", {})
    lines, all_met = [], True
    label = {"sqlite": "SQLite (WAL)", "postgres": "PostgreSQL 15"}[db]
    lines.append(f"#### {label}\n")
    lines.append(HEADER)
    for key in ("submit", "track"):
        if key not in results:
            continue
        res = results[key]
        h = healthz_row(res["base"])
        lines.append(
            f"| healthz ({key} run) | `/healthz` | {h['rps_text']} | | {h['p50']:.2f} | {h['p99']:.2f} | {h['errors']} "
            f"| | 1.00 | baseline | | {res.get('healthz_cpu_us', '')} |"
        )
        r = res["rows"][0]
        target = TARGETS[(db, key)]
        ok = r["ratio"] >= target and r["errors"] == 0
        text = f">= {target:.2f}, 0 errors"
        if key == "submit":
            ok = ok and r["p99"] <= SUBMIT_P99_MS and res["verify"]["ok"]
            text += f", p99 <= {SUBMIT_P99_MS:.0f} ms, checked"
        all_met &= ok
        lines.append(fmt_row(r, text, "yes" if ok else "**no**"))
    lines.append("")
    if "submit" in results:
        v = results["submit"]["verify"]
        lines.append(
            f"Submission check ({'passed' if v['ok'] else '**failed**'}): {v['responses_302']:,} redirects to a "
            f"confirmation with {v['distinct_references_in_responses']:,} distinct references (warm-up included), "
            f"{v['other_responses']} other responses, {v['drafts_reused']} drafts reused; the database gained "
            f"{v['new_applications']:,} applications (the one checked before the load, the counted ones, and "
            f"{v['applications_without_a_counted_response']} still in flight when wrk stopped), "
            f"{v['new_events']:,} events (one each: {'no' if v['applications_with_other_than_one_event'] else 'yes'}) "
            f"and {v['new_email_tasks']:,} queued confirmation emails ({v['email_tasks_run_or_failed']} run: "
            f"the db task backend only queues them). Drafts: {results['submit']['drafts']['drafts']:,} created in "
            f"{results['submit']['drafts']['seconds']}s.\n"
        )
    if "track" in results:
        s = results["track"]["sample"]
        lines.append(
            f"Tracking: {s['pairs']:,} real (reference, tracking code) pairs in turn, {s['guest_share']:.0%} of them "
            f"guests' applications (a correct lookup starts a session only for a guest's application that "
            f"waits for an answer, so that this browser may answer it).\n"
        )
    if "queue" in results:
        res = results["queue"]
        facts = {scale: results[f"queue-{scale}-facts"] for scale in ("small", "large")}
        o = facts["large"]["officer"]
        lines.append(
            f"Staff queue as `{o['username']}` (group Case officer, department {o['department']}), search for "
            f"`{o['reference']}`. Two servers side by side, one on a copy of the database taken at "
            f"{facts['small']['officer']['all_applications']:,} applications, one on the database with "
            f"{o['all_applications']:,}; each URL measured on the first, then on the second, with /healthz "
            f"(CPU {facts['small']['healthz_cpu_us']} / {facts['large']['healthz_cpu_us']} µs) before and after "
            f"each:\n"
        )
        h = healthz_row(res["base"])
        lines.append(
            "| page | applications (officer's department; overdue) | req/s | mean ms | p50 ms | p99 ms | errors "
            "| /healthz req/s around it | ratio to /healthz | CPU µs/request |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        lines.append(f"| healthz | | {h['rps_text']} | | {h['p50']:.2f} | {h['p99']:.2f} | {h['errors']} | | 1.00 | |")
        by = {}
        for r in res["rows"]:
            name, scale = r["name"].split("|")
            by.setdefault(name, {})[scale] = r
            f = facts[scale]["officer"]
            lines.append(
                f"| {name} | {f['all_applications']:,} ({f['department_applications']:,}; {f['overdue']:,}) | "
                f"{r['rps']:.0f} | {r['avg']:.2f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} | "
                f"{r['base']:.0f} | {r['ratio']:.2f} | {r.get('cpu_us', '')} |"
            )
        lines.append("")
        lines.append(
            "| page | mean latency 1M ÷ 10k | req/s 10k ÷ 1M | CPU µs 1M ÷ 10k | target | met |\n"
            "|---|---:|---:|---:|---|---|"
        )
        for name, pair in by.items():
            a, b = pair["small"], pair["large"]
            raw = b["avg"] / a["avg"]
            rps = a["rps"] / b["rps"] if b["rps"] else 0
            cpu = b["cpu_us"] / a["cpu_us"] if a.get("cpu_us") else 0
            ok = raw <= QUEUE_RATIO and b["errors"] == 0 and a["errors"] == 0
            all_met &= ok
            lines.append(
                f"| {name} | {raw:.2f} | {rps:.2f} | {cpu:.2f} | <= {QUEUE_RATIO:.0f} | {'yes' if ok else '**no**'} |"
            )
        lines.append("")
    loads = [x for x in state.get("loads", []) if x.get("added")] + (
        [state["loaded_large"]] if state.get("loaded_large", {}).get("added") else []
    )
    for x in loads:
        lines.append(
            f"Loaded {x['added']:,} applications ({x['events']:,} events, {x['info_requests']:,} information requests) "
            f"in {x['seconds']}s (writing {x['write_seconds']}s, waiting for generated rows "
            f"{x.get('wait_for_rows_seconds', 0)}s, index rebuild {x.get('index_seconds', 0)}s, analyse "
            f"{x.get('analyse_seconds', 0)}s; CPU of the writing process {x.get('cpu_seconds', '?')}s) -> "
            f"{x['total']:,} in all."
        )
    return "\n".join(lines) + "\n", all_met


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}")
    p.add_argument("--small", type=int, default=10_000, help="applications for the small queue (default 10,000)")
    p.add_argument("--large", type=int, default=1_000_000, help="applications for tracking and the large queue")
    p.add_argument("--drafts", type=int, default=20_000, help="complete drafts for the submission run")
    p.add_argument("--owners", type=int, default=50, help="citizens owning the drafts, one session each")
    p.add_argument("--track-sample", type=int, default=10_000, help="(reference, code) pairs to rotate through")
    p.add_argument("--duration", default="10s")
    p.add_argument("--warmup", default="2s")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=3)
    p.add_argument("--reuse", action="store_true", help="keep the previous run's database (see APPLICATIONS.md)")
    p.add_argument("--record", action="store_true", help="append the report to bench/RESULTS.md")
    p.add_argument("--note", default="")
    args = p.parse_args(argv)
    args.steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        p.error(f"unknown steps {sorted(unknown)}")
    if args.threads > args.connections:
        args.threads = args.connections
    return args


def main(argv=None):
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--django":
        django_main(sys.argv[2], json.loads(sys.argv[3] if len(sys.argv) > 3 else (sys.stdin.read() or "{}")))
        return 0
    args = parse_args(argv)
    if not shutil.which("wrk"):
        log("FAILED: wrk is not installed (apt-get install wrk)")
        return 2
    started = time.monotonic()
    run = Run(args)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    reports, all_met = [], True
    for db in dbs:
        try:
            state = run_database(db, args, run)
        except BenchError as exc:
            log(f"FAILED on {db}: {exc}")
            return 2
        text, met = report_database(db, state, args)
        reports.append(text)
        all_met &= met
    header = rb.heading("bench_applications.py", argv, " - applications (issues 3 and 4)") + (
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, 127.0.0.1; CSRF middleware on (a fixed token "
        f"sent as cookie and X-CSRFToken header); emails through the db task backend (queued, no worker running)\n"
        f"- load: wrk -t{args.threads} -c{args.connections} -d{args.duration} --latency after a {args.warmup} "
        f"warm-up; ratio = req/s over the mean of the /healthz runs just before and after\n"
        f"- machine: {machine()}\n"
    )
    if args.note:
        header += f"- note: {args.note}\n"
    rb.publish(header + "\n" + "\n".join(reports) + "\n" + rb.verdict(all_met, started), args.record)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
