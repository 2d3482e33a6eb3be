#!/usr/bin/env python3
"""The digital-life directory pages (issue 11) with 5,000 entries in each area, against /healthz.

    .venv/bin/python bench/bench_life.py [--entries 5000] [--duration 10s] [--connections 8]
        [--workers 3] [--reuse] [--record] [--note TEXT]

1. Builds a throwaway SQLite data folder under bench/out/life/ as `make run` does (migrate,
   createcachetable, seed_calendar, load_demo), then `make_life_scale_data --entries N` and
   collectstatic; --reuse keeps the previous one.
2. Serves it with gunicorn (sync workers, DEBUG off) like bench/run_bench.py.
3. Cached rows: the four area pages (/zh-hans/life/health/, education/, elderly-care/,
   culture/), each warmed up and then loaded with wrk; target >= 0.5 of /healthz (the issue's
   "cached pages"). A filtered page served from the cache is shown too (information).
4. Uncached rows: filtered pages that render on every request - "open now" (never cached, by
   design) and filtered pages with a `nocache=<n>` parameter no other request has (so each one
   misses the page cache, the cost of a first visitor); target >= 0.1 of /healthz (the issue's
   "an uncached filtered page").
5. /healthz is measured before the first page and after every page; each page's ratio is its
   req/s over the mean of the two /healthz runs around it (as in run_bench.py).
6. Then, outside the server: the CPU time of one request inside Django for each page (the WSGI
   application called directly; the uncached rows with a fresh nocache value each time). The
   area pages keep result cards, counts, pages of results and the filter form per process
   (services/life/views.py), so a page-cache miss for filters asked before is cheap; for the
   uncached rows two more figures say what a miss costs when they are not kept: "new filters"
   (filters not asked before in the process: only the result cards kept) and "nothing kept"
   (as after a write to the directories: every kept value computed again). And, for each
   uncached page with new filters, where the time goes: SQL statements, their time, and the
   rest (Python: the ORM building queries and instances, the forms and the template).

Exit status 0 when every target is met, 1 when one is missed, 2 when the run failed.
"""

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_bench  # noqa: E402  (the bench helpers: gunicorn, environment, manage.py, wrk)
from run_bench import (  # noqa: E402
    BenchError,
    Gunicorn,
    bench_env,
    check_url,
    heading,
    log,
    machine,
    manage,
    measure,
    publish,
    uncached_script,
    verdict,
    wrk,
)

OUT = run_bench.OUT / "life"
CACHED_TARGET = 0.5
UNCACHED_TARGET = 0.1

PROBE = """
import json
from django.db.models import Count
from services.life.models import Entry, Hospital, Resource, Specialty, Subject
published = Entry.objects.published()
per_area = dict(published.values_list("area").annotate(n=Count("pk")).order_by())
district = (published.filter(area="elderly").values_list("district__slug").annotate(n=Count("pk"))
            .order_by("-n").first()[0])
specialty = (Hospital.objects.published().values_list("specialties__slug").annotate(n=Count("pk"))
             .order_by("-n").first()[0])
subject = Resource.objects.published().values_list("subject__slug").annotate(n=Count("pk")).order_by("-n").first()[0]
print(json.dumps({"per_area": per_area, "district": district, "specialty": specialty, "subject": subject}))
"""

# Inside Django, no HTTP: CPU per request (process_time) for each page, and for the uncached
# ones the SQL statements and their time (CaptureQueriesContext) against the whole request.
PROFILE = """
import io, json, sys, time
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
app = WSGIHandler()
def environ(path, n):
    p, _, q = path.partition("?")
    if "nocache" in q:
        q = q.replace("nocache=<n>", f"nocache=p{n}")
    return {"REQUEST_METHOD": "GET", "PATH_INFO": p, "QUERY_STRING": q, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}
def start_response(status, headers):
    assert status.startswith("200"), status
from services.lib.cache import forget_kept
from services.life import views
counter = [0]
def call(path, forget=None):
    counter[0] += 1
    if forget == "all":  # as after a write: nothing kept in the process (cards, counts, versions)
        forget_kept()
    elif forget == "results":  # a combination of filters not asked before: only the cards are kept
        views._KEPT_RESULTS.clear()
        views._KEPT_FORMS.clear()
    return b"".join(app(environ(path, counter[0]), start_response))
def cpu(path, forget=None):
    for _ in range(20):
        call(path, forget)
    n, t = 0, time.process_time()
    while n < 30 or time.process_time() - t < 1.0:
        call(path, forget)
        n += 1
    return (time.process_time() - t) / n * 1e6
out = {}
for name, path, profile in json.loads(PAGES):
    row = {"cpu_us": cpu(path)}
    if profile:
        row["new_filters_us"] = cpu(path, "results")
        row["cold_us"] = cpu(path, "all")
        wall, sql, count, runs = 0.0, 0.0, 0, 5
        slowest = {}
        for _ in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                call(path, "results")
                wall += time.perf_counter() - t0
            count += len(ctx.captured_queries)
            for q in ctx.captured_queries:
                sql += float(q["time"])
                key = q["sql"][:160]
                slowest[key] = slowest.get(key, 0.0) + float(q["time"])
        row.update({"wall_ms": wall / runs * 1e3, "sql_ms": sql / runs * 1e3, "queries": count / runs,
                    "slowest": sorted(((v / runs * 1e3, k) for k, v in slowest.items()), reverse=True)[:3]})
    out[name] = row
print(json.dumps(out))
"""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--entries", type=int, default=5000, help="synthetic entries per area (default 5,000)")
    p.add_argument("--duration", default="10s", help="wrk duration per URL (default 10s)")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    p.add_argument("--warmup", default="2s", help="wrk warm-up per URL (default 2s)")
    p.add_argument("--reuse", action="store_true", help="reuse bench/out/life/ from the previous run")
    p.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    p.add_argument("--note", default="")
    args = p.parse_args(argv)
    if args.entries < 1 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        p.error("--entries, --connections, --threads and --workers must be >= 1")
    args.threads = min(args.threads, args.connections)
    return args


def prepare(env, args):
    if args.reuse and (OUT / "data" / "portal.sqlite3").exists() and (OUT / "static" / "staticfiles.json").exists():
        log(f"reusing {OUT}")
        return
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "data").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable", "-v0")  # the shared cache (throttles), as `make run` does
    manage(env, "seed_calendar", "-v0")  # the holiday calendar "open now" consults
    manage(env, "load_demo", "-v0")
    manage(env, "make_life_scale_data", "--entries", str(args.entries), "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def pages(facts):
    """(name, path, target, uncached) for every row: path carries `nocache=<n>` for the pages
    made to miss the cache (wrk's Lua script puts a unique value there)."""
    life = "/zh-hans/life"
    cached = [
        ("health", f"{life}/health/", CACHED_TARGET),
        ("education", f"{life}/education/", CACHED_TARGET),
        ("elderly care", f"{life}/elderly-care/", CACHED_TARGET),
        ("culture", f"{life}/culture/", CACHED_TARGET),
        (
            "education filtered (cached)",
            f"{life}/education/?" + urlencode({"stage": "primary", "subject": facts["subject"]}),
            None,
        ),
    ]
    uncached = [
        ("health: open now + specialty", f"{life}/health/?" + urlencode({"specialty": facts["specialty"], "open": 1})),
        (
            "elderly: open now + district",
            f"{life}/elderly-care/?" + urlencode({"district": facts["district"], "open": 1}),
        ),
        (
            "education: stage + subject (uncached)",
            f"{life}/education/?" + urlencode({"stage": "primary", "subject": facts["subject"]}) + "&nocache=<n>",
        ),
        (
            "culture: kind + step-free (uncached)",
            f"{life}/culture/?" + urlencode({"kind": "museum", "access": "step_free"}) + "&nocache=<n>",
        ),
        ("health: search (uncached)", f"{life}/health/?" + urlencode({"q": "互联网"}) + "&nocache=<n>"),
    ]
    return [(n, p, t, False) for n, p, t in cached] + [(n, p, UNCACHED_TARGET, True) for n, p in uncached]


def run(args):
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed: apt-get install wrk")
    env = bench_env(data_dir=OUT / "data", static_root=OUT / "static")
    prepare(env, args)
    facts = json.loads(manage(env, "shell", "-c", PROBE, timeout=120).strip().splitlines()[-1])
    log(f"published entries per area: {facts['per_area']}")
    rows = pages(facts)
    run_bench.OUT.mkdir(parents=True, exist_ok=True)
    with Gunicorn(env, args.workers, OUT / "gunicorn.log") as server:
        for name, path, _, _ in rows:
            try:
                headers, body = check_url(server, name, path.replace("<n>", "check"))
            except OSError as exc:  # a page slower than the check's 10 s is a finding in itself
                raise BenchError(f"{name} {path}: no answer ({exc})") from exc
            log(f"  {name:40} {path}  200, {len(body)} bytes, Cache-Control: {headers.get('Cache-Control', '-')}")
        log(f"warming up ({args.warmup} per URL)")
        wrk(server.url("/healthz"), args, args.warmup, latency=False)
        for _, path, _, uncached in rows:
            if not uncached:
                wrk(server.url(path), args, args.warmup, latency=False)
        baselines = [measure(server, args, "/healthz")]
        results = {}
        for i, (name, path, target, _uncached) in enumerate(rows):
            script = None
            if "nocache=<n>" in path:
                script = uncached_script(f"life-{i}", [path.replace("&nocache=<n>", "")])
            results[name] = measure(
                server, args, path.replace("&nocache=<n>", ""), name=name, script=script, shown=path
            )
            results[name]["target"] = target
            baselines.append(measure(server, args, "/healthz"))
            results[name]["base"] = (baselines[-2]["rps"] + baselines[-1]["rps"]) / 2
    log("CPU time per request inside Django, and where an uncached page's time goes")
    listed = [("healthz", "/healthz", False)] + [(n, p, u) for n, p, _, u in rows]
    script = PROFILE.replace("json.loads(PAGES)", "json.loads(" + repr(json.dumps(listed)) + ")")
    profile = json.loads(manage(env, "shell", "-c", script, timeout=600).strip().splitlines()[-1])
    return facts, baselines, results, profile


def table(baselines, results, profile):
    rates = [b["rps"] for b in baselines]
    base_cpu = profile["healthz"]["cpu_us"]
    lines = [
        "| page | URL | req/s | p50 ms | p99 ms | errors | /healthz req/s around it | ratio | target | met "
        "| CPU µs/request in Django | CPU ratio | CPU µs, new filters | CPU µs, nothing kept |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
        f"| healthz | `/healthz` | {sum(rates) / len(rates):.0f} (mean of {len(rates)}; {min(rates):.0f}-"
        f"{max(rates):.0f}) | {baselines[0]['p50']:.2f} | {baselines[0]['p99']:.2f} | "
        f"{sum(b['errors'] for b in baselines)} | | 1.00 | baseline | | {base_cpu:.0f} | 1.00 | | |",
    ]
    all_met = True
    for name, r in results.items():
        ratio = r["rps"] / r["base"] if r["base"] else 0.0
        if r["target"] is None:
            met, target_text = "", "(information)"
        else:
            ok = ratio >= r["target"] and r["errors"] == 0
            all_met &= ok
            met, target_text = ("yes" if ok else "**no**"), f">= {r['target']:.2f}"
        row = profile.get(name, {})
        cpu = row.get("cpu_us")
        cpu_cells = f"{cpu:.0f} | {base_cpu / cpu:.2f}" if cpu else " | "
        cpu_cells += " | " + " | ".join(f"{row[k]:.0f}" if k in row else "" for k in ("new_filters_us", "cold_us"))
        lines.append(
            f"| {name} | `{r['path']}` | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} "
            f"| {r['base']:.0f} | {ratio:.2f} | {target_text} | {met} | {cpu_cells} |"
        )
    return "\n".join(lines), all_met


def breakdown(profile):
    lines = [
        "Where an uncached page's time goes when its filters were not asked before in the process "
        "(only the result cards kept; inside Django, one request at a time, mean of 5; the rest is "
        "Python: the ORM, forms and template):",
        "",
        "| page | whole request ms | SQL statements | SQL ms | rest ms | slowest statements (ms each) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, row in profile.items():
        if "wall_ms" not in row:
            continue
        slow = "; ".join(f"{ms:.1f}: `{sql[:90].replace('|', '/')}…`" for ms, sql in row["slowest"])
        lines.append(
            f"| {name} | {row['wall_ms']:.1f} | {row['queries']:.0f} | {row['sql_ms']:.1f} | "
            f"{row['wall_ms'] - row['sql_ms']:.1f} | {slow} |"
        )
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    try:
        facts, baselines, results, profile = run(args)
    except BenchError as exc:
        log(f"FAILED: {exc}")
        return 2
    body, all_met = table(baselines, results, profile)
    per_area = ", ".join(f"{area} {n}" for area, n in sorted(facts["per_area"].items()))
    header = heading("bench_life.py", argv, " - digital life") + (
        f"- data: SQLite (WAL), demo city + `make_life_scale_data --entries {args.entries}`; published entries "
        f"per area: {per_area}\n"
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, 127.0.0.1; load: wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration} --latency, after a {args.warmup} warm-up per cached URL\n"
        f"- machine: {machine()}\n"
        f"- ratio: each page's req/s over the mean of the /healthz runs just before and just after it; "
        f"/healthz ranged {min(b['rps'] for b in baselines):.0f}-{max(b['rps'] for b in baselines):.0f} req/s\n"
    )
    if args.note:
        header += f"- note: {args.note}\n"
    report = f"{header}\n{body}\n\n{breakdown(profile)}\n\n{verdict(all_met, started)}"
    publish(report, args.record)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
