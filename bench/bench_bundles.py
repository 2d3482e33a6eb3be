#!/usr/bin/env python3
"""Benchmark of a bundle submission ("one thing, done once", issue 13): the final POST of a
4-part bundle against the final POST of a single application, measured side by side.

    .venv/bin/python bench/bench_bundles.py                  # 300 of each, results printed
    .venv/bin/python bench/bench_bundles.py --n 500 --record --note "..."

1. data (SQLite in WAL mode under bench/out/bundles/, production settings as bench/run_bench.py
   sets them, made afresh each run): migrations, the calendar, a district, and four services of
   four departments, each with a 10-question form of two pages (bench_applications.TEN_FIELDS:
   the first page's five questions - name, identity document, mobile, email, date of birth - are
   the same keys in every service, so a bundle asks them once; the second page's five are each
   service's own) and one required document with the same name in each (one upload in a bundle);
   a published bundle of the four;
2. drafts: N complete single drafts of the first service and N complete bundle drafts (a
   BundleSubmission and its four part drafts, with the shared answers copied to each and the
   document on each part, as the bundle's pages leave them), owned by 50 signed-in citizens;
3. measure over HTTP (the rate): gunicorn (3 sync workers, production settings) and
   `wrk -t2 -c8 --latency`, alternately single submissions and bundle submissions for --duration
   each, --rounds times (side by side: both see the machine as it is at that moment); a Lua
   script sends each request for a different draft with its owner's session cookie and the CSRF
   token; the rate of each kind is its requests over its seconds, summed over the rounds;
4. measure in this process (information): rounds of 10 single then 10 bundle submissions
   through the WSGI application called directly (no HTTP server): wall and CPU time
   (process_time) per request, and the queries of one of each;
5. check: every draft a run used submitted with one event; every bundle with four submitted parts,
   four events, one reference and one tracking code; one confirmation task queued per bundle
   (none for its parts) and one per single application.

The target (issue 13): a 4-part bundle's submission rate (requests per second over HTTP) at
least 0.5 of a single application's. Exit status 0 when met, 1 when missed, 2 when the run failed.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import run_bench as rb  # noqa: E402

rb.LOG_TAG = "bundles"
OUT = BENCH / "out" / "bundles"
CSRF_TOKEN = "BenchCsrfToken0123456789abcdefgh"  # noqa: S105 - 32 letters/digits: a valid CSRF secret
OWNERS = 50
PARTS = 4
TARGET = 0.5


def log(message):
    rb.LOG_TAG = "bundles"  # bench_applications, imported for its helpers, sets its own
    rb.log(message)


def setup(data_dir):
    env = rb.bench_env(data_dir, OUT / "static")
    env["TASKS_BACKEND"] = "db"  # confirmations are queued in the database, not sent inline
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()


def make_world():
    from bench_applications import TEN_FIELDS
    from django.core.management import call_command

    from services.applications.models import Bundle, BundlePart, FormField, FormPage
    from services.catalogue.models import Department, District, LifeEvent, Material, Service

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("seed_calendar", verbosity=0)
    District.objects.get_or_create(slug="jiangxin", defaults={"name_zh": "江心区", "name_en": "Jiangxin"})
    event, _ = LifeEvent.objects.get_or_create(slug="bench-event", defaults={"name_zh": "基准", "name_en": "Bench"})
    services = []
    for n in range(1, PARTS + 1):
        department = Department.objects.create(
            slug=f"bench-dept-{n}", code=f"B{n}", name_zh=f"基准部门{n}", name_en=f"Bench department {n}"
        )
        service = Service.objects.create(
            slug=f"bench-service-{n}",
            department=department,
            name_zh=f"基准事项{n}",
            name_en=f"Bench service {n}",
            offers_online=True,
            statutory_limit_days=20,
            promised_limit_days=10,
        )
        Material.objects.create(service=service, name_zh="身份证复印件", name_en="Copy of the identity card", order=1)
        pages = {
            p: FormPage.objects.create(service=service, order=p, title_zh=f"第{p}页", title_en=f"Page {p}")
            for p in (1, 2)
        }
        for order, (page, key, kind, zh, en, extra) in enumerate(TEN_FIELDS, start=1):
            FormField.objects.create(
                page=pages[page],
                key=key if page == 1 else f"{key}_{n}",
                kind=kind,
                label_zh=zh,
                label_en=en,
                required=key != "details",
                order=order,
                **extra,
            )
        services.append(service)
    bundle = Bundle.objects.create(
        slug="bench", name_zh="基准联办", name_en="Bench bundle", life_event=event, published=True
    )
    for order, service in enumerate(services):
        BundlePart.objects.create(bundle=bundle, service=service, order=order)
    return services, bundle


def answers_for(i, n):
    """Answers to service n's form: the shared first page and its own second page."""
    from bench_applications import _answers

    base = _answers(i)
    own = ("address", "household_size", "purpose", "urgent", "details")
    return {(f"{k}_{n}" if k in own else k): v for k, v in base.items()}


def owners():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    unusable = make_password(None)
    return [
        User.objects.create(
            username=f"bench-owner-{i}",
            email=f"owner{i}@example.com",
            password=unusable,
            first_name="伟",
            last_name="张",
            phone=f"1380000{i:04d}",
        )
        for i in range(OWNERS)
    ]


def session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}"


def make_drafts(services, bundle, users, n):
    """n single drafts of services[0] and n bundle drafts, all complete."""
    from bench_applications import bench_document

    from services.applications import bundles, definitions
    from services.applications.flow import Flow, material_key
    from services.applications.models import Application, Attachment, BundleSubmission

    materials = {s.pk: s.materials.get() for s in services}
    relative, checked = bench_document(materials[services[0].pk])
    versions = {s.pk: definitions.for_service(s.pk).version for s in services}

    def app(i, service, sub=None, answers=None):
        user = users[i % OWNERS]
        return Application(
            service=service,
            department=service.department,
            owner=user,
            applicant_name=user.get_full_name(),
            contact_email=user.email,
            contact_phone=user.phone,
            language="en",
            answers=answers or answers_for(i, 1),
            form_version=versions[service.pk],
            bundle_submission=sub,
        )

    def attach(apps):
        Attachment.objects.bulk_create(
            [
                Attachment(
                    application=a,
                    field_key=material_key(materials[a.service_id]),
                    material=materials[a.service_id],
                    file=relative,
                    original_name="id-card.pdf",
                    content_type=checked.content_type,
                    size=checked.size,
                    uploaded_by=a.owner,
                )
                for a in apps
            ]
        )

    singles = Application.objects.bulk_create([app(i, services[0]) for i in range(n)])
    attach(singles)
    shared_keys = [f[1] for f in __import__("bench_applications").TEN_FIELDS if f[0] == 1]
    subs = BundleSubmission.objects.bulk_create(
        [
            BundleSubmission(
                bundle=bundle,
                owner=users[i % OWNERS],
                applicant_name=users[i % OWNERS].get_full_name(),
                contact_email=users[i % OWNERS].email,
                contact_phone=users[i % OWNERS].phone,
                language="en",
                answers={
                    "shared": {k: v for k, v in answers_for(i, 1).items() if k in shared_keys},
                    "_on_behalf": False,
                },
            )
            for i in range(n)
        ]
    )
    parts = Application.objects.bulk_create(
        [app(i, s, sub, answers_for(i, k)) for i, sub in enumerate(subs) for k, s in enumerate(services, start=1)]
    )
    attach(parts)
    sample = Application.objects.select_related("service").get(pk=singles[0].pk)
    if Flow(sample).incomplete_steps():
        raise rb.BenchError(f"single draft incomplete: {Flow(sample).incomplete_steps()}")
    plan = bundles.plan(bundles._bundle_with_parts(bundle.pk))
    sub = BundleSubmission.objects.get(pk=subs[0].pk)
    missing = bundles.incomplete_steps(plan, sub, bundles.parts_of(sub, plan))
    if missing:
        raise rb.BenchError(f"bundle draft incomplete: {missing}")
    return singles, subs


def body(public_id):
    from urllib.parse import urlencode

    return urlencode({"idempotency_key": str(public_id), "confirm": "on"})


def measure(singles, subs, cookies, rounds_of=10):
    from bench_applications import wsgi_environ
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    handler = WSGIHandler()
    status = {}

    def start_response(s, headers):
        status["last"] = s

    def post(path, cookie, data):
        b"".join(handler(wsgi_environ("POST", path, cookie, data), start_response))
        if not status["last"].startswith("302"):
            raise rb.BenchError(f"{path} answered {status['last']}")

    def cookie(obj):
        return cookies[obj.owner_id]

    # Warm-up (kept definitions, templates, first connections): the first of each, not timed.
    post(f"/en/apply/{singles[0].public_id}/submit/", cookie(singles[0]), body(singles[0].public_id))
    post(f"/en/apply/bundle/{subs[0].public_id}/submit/", cookie(subs[0]), body(subs[0].public_id))
    queries = {}
    with CaptureQueriesContext(connection) as seen:
        post(f"/en/apply/{singles[1].public_id}/submit/", cookie(singles[1]), body(singles[1].public_id))
    queries["single"] = len(seen.captured_queries)
    with CaptureQueriesContext(connection) as seen:
        post(f"/en/apply/bundle/{subs[1].public_id}/submit/", cookie(subs[1]), body(subs[1].public_id))
    queries["bundle"] = len(seen.captured_queries)
    times = {"single": [], "bundle": []}
    cpu = {"single": [], "bundle": []}
    n = min(len(singles), len(subs))
    for start in range(2, n, rounds_of):
        for kind, items, prefix in (("single", singles, "/en/apply/"), ("bundle", subs, "/en/apply/bundle/")):
            for obj in items[start : start + rounds_of]:
                w, c = time.perf_counter(), time.process_time()
                post(f"{prefix}{obj.public_id}/submit/", cookie(obj), body(obj.public_id))
                times[kind].append(time.perf_counter() - w)
                cpu[kind].append(time.process_time() - c)
    return times, cpu, queries


SUBMIT_LUA = """-- generated by bench/bench_bundles.py: the final submission POST, one draft per request
local drafts = {DRAFTS}
local cookies = {COOKIES}
local prefix = {PREFIX}
local csrf = {CSRF}
local nthreads = {NTHREADS}
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  idx = 1 + tid
  other, exhausted = 0, 0
end
function request()
  local i = idx
  idx = idx + nthreads
  if i > #drafts then
    exhausted = exhausted + 1
    i = 1 + ((i - 1) % #drafts)
  end
  local d = drafts[i]
  return wrk.format("POST", prefix .. d[1] .. "/submit/", {
    ["Cookie"] = cookies[d[2]],
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "idempotency_key=" .. d[1] .. "&confirm=on")
end
function response(status, headers, body)
  if status ~= 302 then other = other + 1 end
end
function done(summary, latency, requests)
  local n_other, n_exhausted = 0, 0
  for _, t in ipairs(threads) do
    n_other = n_other + t:get("other")
    n_exhausted = n_exhausted + t:get("exhausted")
  end
  io.write("#other ", n_other, "\\n#exhausted ", n_exhausted, "\\n")
end
"""


def lua_script(path, prefix, items, cookie_index, cookies, threads):
    def lua(text):
        return json.dumps(text)

    drafts = "{" + ",".join(f"{{{lua(str(o.public_id))},{cookie_index[o.owner_id] + 1}}}" for o in items) + "}"
    path.write_text(
        SUBMIT_LUA.replace("{DRAFTS}", drafts)
        .replace("{COOKIES}", "{" + ",".join(lua(c) for c in cookies) + "}")
        .replace("{PREFIX}", lua(prefix))
        .replace("{CSRF}", lua(CSRF_TOKEN))
        .replace("{NTHREADS}", str(threads))
    )
    return path


class WrkArgs:
    threads, connections = 2, 8


def over_http(singles, subs, users, cookies, rounds, duration):
    """Alternate wrk runs of single and bundle submissions against gunicorn; each run gets its own
    slice of drafts. Returns {kind: {"requests", "seconds", "rps" per run, "p50", "p99"}}."""
    import re

    env = dict(os.environ)
    cookie_index = {u.pk: i for i, u in enumerate(users)}
    cookie_list = [cookies[u.pk] for u in users]
    per_single, per_bundle = len(singles) // rounds, len(subs) // rounds
    result = {k: {"requests": 0, "seconds": 0.0, "runs": [], "errors": 0} for k in ("single", "bundle")}
    server = rb.Gunicorn(env, 3, OUT / "gunicorn.log")
    with server:
        for _ in range(12):  # warm-up: the workers load their code, templates and kept data
            rb.fetch(server.url("/en/bundles/bench/"))
        for r in range(rounds):
            for kind, items, prefix, per in (
                ("single", singles, "/en/apply/", per_single),
                ("bundle", subs, "/en/apply/bundle/", per_bundle),
            ):
                chunk = items[r * per : (r + 1) * per]
                script = lua_script(OUT / f"submit-{kind}.lua", prefix, chunk, cookie_index, cookie_list, 2)
                log(f"round {r + 1}/{rounds}: {kind} submissions for {duration} s ({len(chunk)} drafts ready)")
                out = rb.wrk(server.url("/"), WrkArgs, f"{duration}s", script=script, margin=60)
                parsed = rb.parse_wrk(out)
                other = int(re.search(r"#other (\d+)", out).group(1))
                exhausted = int(re.search(r"#exhausted (\d+)", out).group(1))
                if exhausted:
                    raise rb.BenchError(f"{kind}: {exhausted} requests found no fresh draft; give more drafts (--n)")
                row = result[kind]
                row["requests"] += parsed["requests"]
                row["seconds"] += duration
                row["errors"] += other + parsed["errors"]
                row["runs"].append({"rps": parsed["rps"], "p50_ms": parsed["p50"], "p99_ms": parsed["p99"]})
                log(
                    f"  {parsed['rps']:.1f} req/s, p50 {parsed['p50']:.0f} ms, p99 {parsed['p99']:.0f} ms, "
                    f"{other} not 302"
                )
    for row in result.values():
        row["rps"] = round(row["requests"] / row["seconds"], 1)
    return result


def verify(expected):
    """Every bundle all or nothing (four submitted parts with one event each, or none); as many
    submissions of each kind as 302 answers; one confirmation task per bundle and one event email
    per single application (none for a bundle's parts)."""
    from django.db.models import Count, Q
    from django_tasks_db.models import DBTaskResult

    from services.applications.models import Application, ApplicationEvent, BundleSubmission, Status

    problems = []
    singles = Application.objects.filter(bundle_submission__isnull=True).exclude(status=Status.DRAFT).count()
    sent = BundleSubmission.objects.filter(submitted_at__isnull=False)
    counts = sent.annotate(
        n=Count("applications", filter=Q(applications__status=Status.SUBMITTED)), r=Count("applications__reference")
    )
    if counts.exclude(n=PARTS).exists() or counts.exclude(r=PARTS).exists():
        problems.append("a submitted bundle without its four submitted parts")
    unsent = Application.objects.filter(bundle_submission__isnull=False, bundle_submission__submitted_at__isnull=True)
    if unsent.exclude(status=Status.DRAFT).exists():
        problems.append("a part submitted while its bundle was not")
    parts = Application.objects.filter(bundle_submission__in=sent)
    if ApplicationEvent.objects.filter(application__in=parts).count() != PARTS * sent.count():
        problems.append("not one event per part")
    # wrk counts the answers received within a run; up to one request per connection is still
    # being answered when it stops, and is submitted all the same.
    slack = expected["slack"]
    if not (expected["single"] <= singles <= expected["single"] + slack) or not (
        expected["bundle"] <= sent.count() <= expected["bundle"] + slack
    ):
        problems.append(f"{singles} singles and {sent.count()} bundles submitted for {expected} answers 302")
    tasks = DBTaskResult.objects.values_list("task_path", flat=True)
    bundle_tasks = sum(1 for t in tasks if t.endswith("send_bundle_confirmation"))
    event_tasks = sum(1 for t in tasks if t.endswith("send_event_email"))
    if bundle_tasks != sent.count():
        problems.append(f"{bundle_tasks} bundle confirmations queued for {sent.count()} bundles")
    if event_tasks != singles:
        problems.append(f"{event_tasks} event emails queued for {singles} single applications (parts send none)")
    return problems, {
        "singles": singles,
        "bundles": sent.count(),
        "bundle confirmations": bundle_tasks,
        "event emails": event_tasks,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="in-process submissions of each kind (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="HTTP rounds of each kind (default 3)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each HTTP run (default 5)")
    parser.add_argument("--http-singles", type=int, default=2400, help="single drafts made for HTTP")
    parser.add_argument("--http-bundles", type=int, default=1200, help="bundle drafts made for HTTP")
    parser.add_argument("--record", action="store_true", help="append the result to bench/out/bundles/results.jsonl")
    parser.add_argument("--note", default="")
    args = parser.parse_args(argv)
    data = OUT / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    try:
        setup(data)
        log("making the database")
        services, bundle = make_world()
        users = owners()
        cookies = {u.pk: session_cookie(u) for u in users}
        n_single, n_bundle = args.http_singles + args.n + 2, args.http_bundles + args.n + 2
        log(f"making {n_single} single drafts and {n_bundle} bundle drafts of {PARTS} parts")
        singles, subs = make_drafts(services, bundle, users, max(n_single, n_bundle))
        singles, subs = singles[:n_single], subs[:n_bundle]
        from django.db import connections

        connections.close_all()  # gunicorn's workers write to the same file from now on
        http = over_http(
            singles[: args.http_singles], subs[: args.http_bundles], users, cookies, args.rounds, args.duration
        )
        log("measuring in this process, side by side")
        times, cpu, queries = measure(singles[args.http_singles :], subs[args.http_bundles :], cookies)
        expected = {"single": http["single"]["requests"] - http["single"]["errors"] + len(times["single"]) + 4}
        expected["bundle"] = http["bundle"]["requests"] - http["bundle"]["errors"] + len(times["bundle"]) + 4
        expected["slack"] = WrkArgs.connections * args.rounds
        problems, queued = verify(expected)
    except rb.BenchError as error:
        log(f"FAILED: {error}")
        return 2
    row = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "note": args.note}
    row["http"] = http
    row["http"]["ratio"] = round(http["bundle"]["rps"] / http["single"]["rps"], 3)
    row["in_process"] = {"n": len(times["single"])}
    for kind in ("single", "bundle"):
        mean = statistics.mean(times[kind])
        row["in_process"][kind] = {
            "rate_per_s": round(1 / mean, 1),
            "mean_ms": round(mean * 1000, 2),
            "p50_ms": round(statistics.median(times[kind]) * 1000, 2),
            "cpu_ms": round(statistics.mean(cpu[kind]) * 1000, 2),
            "queries": queries[kind],
        }
    row["in_process"]["ratio"] = round(
        row["in_process"]["bundle"]["rate_per_s"] / row["in_process"]["single"]["rate_per_s"], 3
    )
    row["in_process"]["cpu_ratio"] = round(
        row["in_process"]["single"]["cpu_ms"] / row["in_process"]["bundle"]["cpu_ms"], 3
    )
    row["target"] = TARGET
    row["met"] = row["http"]["ratio"] >= TARGET and not problems
    row["checked"] = queued
    row["problems"] = problems
    row["machine"] = rb.machine()
    print(json.dumps(row, indent=2, ensure_ascii=False))
    if args.record:
        with open(OUT / "results.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0 if row["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
