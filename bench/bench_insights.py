#!/usr/bin/env python3
"""The performance pages and the nightly roll-up (issue 13 point 3) at 10,000 and 1,000,000
applications.

    .venv/bin/python bench/bench_insights.py [--small 10000] [--large 1000000] [--reuse]
        [--record] [--note TEXT]

1. Builds a throwaway SQLite data folder under bench/out/insights/ as `make run` does (migrate,
   createcachetable, seed_calendar, load_demo, collectstatic); --reuse keeps the previous one
   (and its applications), migrating both databases to the current models first.
2. Loads --small synthetic applications (bench/make_applications.py: every status, spread over
   two years up to today, pauses included), rolls up the last 30 days (`rollup.roll_up` per day,
   timed) and keeps a copy of the database.
3. Loads up to --large applications into the same database and rolls up the same 30 days.
4. The nightly roll-up: `roll_up(yesterday)` on the large database, three times (it replaces the
   day's rows, so each run does the whole work); the median is the figure (target: seconds, not
   minutes), with the applications submitted and decided that day and the SQL statements the
   roll-up ran (and their time).
5. The pages: the city page (/zh-hans/performance/), the page of the department with the most
   applications and the page of its busiest service, each rendered uncached (a `nocache=<n>`
   parameter no other request has, so every request misses the page cache: the cost of a first
   visitor after a roll-up) and cached, as CPU time per request inside Django (the WSGI
   application called directly, process_time; steadier than req/s on a shared machine), on the
   small copy and then on the large database. Target: each page on the large database costs at
   most 2x the same page on the small one (ratio small/large >= 0.5).

Exit status 0 when every target is met, 1 when one is missed, 2 when the run failed.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_bench as rb  # noqa: E402
from run_bench import BenchError, heading, log, machine, manage, publish, verdict  # noqa: E402

OUT = rb.OUT / "insights"
STATIC = OUT / "static"
TARGET_RATIO = 0.5  # small / large CPU per request: the large page at most twice the small one
WINDOW = 30


def env_for(small=False):
    return rb.bench_env(OUT / ("small-data" if small else "data"), STATIC)


# --- Inside Django (this script run again with --django NAME JSON) ------------------------------


def _load(total):
    from make_applications import load_applications

    return load_applications(total, log=lambda m: print(m, file=sys.stderr, flush=True))


def _roll_up_window():
    import datetime

    from django.utils import timezone

    from services.insights import rollup

    today = timezone.localdate()
    seconds = {}
    for offset in range(WINDOW - 1, -1, -1):
        day = today - datetime.timedelta(days=offset)
        started = time.monotonic()
        rollup.roll_up(day)
        seconds[day.isoformat()] = time.monotonic() - started
    return {"days": len(seconds), "total_seconds": sum(seconds.values()), "max_seconds": max(seconds.values())}


def _nightly(runs=3):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from services.applications.models import Application
    from services.insights import rollup

    day = timezone.localdate() - datetime.timedelta(days=1)
    start, end = rollup.day_bounds(day)
    times, statements = [], []
    for n in range(runs):
        started, cpu = time.monotonic(), time.process_time()
        if n == 0:
            with CaptureQueriesContext(connection) as queries:
                rows = rollup.roll_up(day)
            statements = [(q["sql"][:160], float(q["time"])) for q in queries.captured_queries]
        else:
            rows = rollup.roll_up(day)
        times.append((time.monotonic() - started, time.process_time() - cpu))
    return {
        "day": day.isoformat(),
        "applications": Application.objects.count(),
        "submitted": Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        "decided": Application.objects.filter(decided_at__gte=start, decided_at__lt=end).count(),
        "rows": rows,
        "seconds": statistics.median(t for t, _ in times),
        "cpu_seconds": statistics.median(c for _, c in times),
        "runs": [round(t, 3) for t, _ in times],
        "statements": statements,
    }


def _pages():
    from django.db.models import Count

    from services.applications.models import Application

    dept = (
        Application.objects.values("department__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["department__slug"]
    )
    service = (
        Application.objects.filter(department__slug=dept, service__published=True)
        .values("service__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["service__slug"]
    )
    return [
        ["city", "/zh-hans/performance/"],
        ["department", f"/zh-hans/performance/{dept}/"],
        ["service", f"/zh-hans/performance/service/{service}/"],
    ]


def _cpu(pages, seconds=1.5):
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()
    status = {}

    def start_response(s, headers):
        status["last"] = s

    def get(path, query=""):
        env = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        body = b"".join(app(env, start_response))
        if not status["last"].startswith("200"):
            raise RuntimeError(f"{path}?{query} answered {status['last']}")
        return body

    out, counter = {}, [0]

    def fresh():
        counter[0] += 1
        return f"nocache={os.getpid()}-{counter[0]}"

    for name, path in pages:
        for _ in range(10):
            get(path, fresh())
            get(path)
        statements = []

        def counted(execute, sql, *rest, statements=statements):
            statements.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(counted):
            size = len(get(path, fresh()))
        row = {"path": path, "bytes": size, "queries": len(statements)}
        for kind in ("uncached", "cached"):
            n, t = 0, time.process_time()
            while n < 30 or time.process_time() - t < seconds:
                get(path, fresh() if kind == "uncached" else "")
                n += 1
            row[kind] = (time.process_time() - t) / n * 1e6
        out[name] = row
    return out


TASKS = {"load": _load, "rollup_window": _roll_up_window, "nightly": _nightly, "pages": _pages, "cpu": _cpu}


def django_main(name, payload):
    sys.path.insert(0, str(rb.ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    print(json.dumps(TASKS[name](**payload), default=str))


def in_django(env, name, timeout=3600, **payload):
    log(f"  {name} {payload or ''}")
    started = time.monotonic()
    result = subprocess.run(
        [str(rb.PYTHON), __file__, "--django", name, json.dumps(payload)],
        cwd=rb.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise BenchError(f"{name} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    log(f"  done in {time.monotonic() - started:.1f}s")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Orchestration ---------------------------------------------------------------------------


def prepare(env, args):
    if args.reuse and (OUT / "data" / "portal.sqlite3").exists():
        log(f"reusing {OUT} (migrated to the current models)")
        manage(env, "migrate", "--noinput", "-v0")
        if (OUT / "small-data" / "portal.sqlite3").exists():
            manage(env_for(small=True), "migrate", "--noinput", "-v0")
        return
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "data").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable", "-v0")
    manage(env, "seed_calendar", "-v0")
    manage(env, "load_demo", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def run(args):
    env, small_env = env_for(), env_for(small=True)
    prepare(env, args)
    facts = {}
    if not (args.reuse and (OUT / "small-data" / "portal.sqlite3").exists()):
        facts["load_small"] = in_django(env, "load", total=args.small)
        facts["rollup_small"] = in_django(env, "rollup_window")
        shutil.rmtree(OUT / "small-data", ignore_errors=True)
        shutil.copytree(OUT / "data", OUT / "small-data")
    facts["load_large"] = in_django(env, "load", total=args.large)
    facts["rollup_large"] = in_django(env, "rollup_window")
    facts["nightly"] = in_django(env, "nightly")
    facts["nightly_small"] = in_django(small_env, "nightly")
    pages = in_django(env, "pages")
    facts["pages"] = pages
    facts["cpu_small"] = in_django(small_env, "cpu", pages=pages)
    facts["cpu_large"] = in_django(env, "cpu", pages=pages)
    return facts


def report(facts, args):
    small, large = facts["cpu_small"], facts["cpu_large"]
    lines = [
        f"| page | queries | uncached CPU µs, {args.small:,} | uncached CPU µs, {args.large:,} | ratio "
        f"(≥ {TARGET_RATIO}) | cached CPU µs, {args.small:,} / {args.large:,} | bytes |",
        "|---|---|---|---|---|---|---|",
    ]
    all_met = True
    for name in ("city", "department", "service"):
        s, big = small[name], large[name]
        ratio = s["uncached"] / big["uncached"]
        met = ratio >= TARGET_RATIO
        all_met &= met
        lines.append(
            f"| {name} `{s['path']}` | {s['queries']} / {big['queries']} | {s['uncached']:,.0f} | "
            f"{big['uncached']:,.0f} | **{ratio:.2f} - {'yes' if met else 'no'}** | "
            f"{s['cached']:,.0f} / {big['cached']:,.0f} | {big['bytes']:,} |"
        )
    night, night_small = facts["nightly"], facts["nightly_small"]
    nightly_met = night["seconds"] < 60
    all_met &= nightly_met
    slowest = sorted(night["statements"], key=lambda s: -s[1])[:4]
    lines += [
        "",
        f"Nightly roll-up of one day ({night['day']}) on the {night['applications']:,}-application database: "
        f"**{night['seconds']:.2f} s** (median of {len(night['runs'])} runs: {night['runs']}; CPU "
        f"{night['cpu_seconds']:.2f} s; {night['submitted']:,} applications submitted and {night['decided']:,} "
        f"decided that day, {night['rows']:,} rows written) - "
        f"{'seconds, target met' if nightly_met else 'target missed'}. The same day on the "
        f"{night_small['applications']:,}-application copy: {night_small['seconds']:.2f} s.",
        f"Its {len(night['statements'])} SQL statements; the slowest: "
        + "; ".join(f"{t * 1000:.0f} ms `{sql[:90]}`" for sql, t in slowest),
        f"Rolling up the 30 days: {facts['rollup_large']['total_seconds']:.1f} s at {args.large:,} "
        f"(slowest day {facts['rollup_large']['max_seconds']:.2f} s)"
        + (f", {facts['rollup_small']['total_seconds']:.1f} s at {args.small:,}." if "rollup_small" in facts else "."),
    ]
    if "load_large" in facts:
        lines.append(f"Loading: {json.dumps(facts['load_large'], default=str)[:300]}")
    return "\n".join(lines) + "\n", all_met


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="Keep the data folder of the previous run.")
    parser.add_argument("--record", action="store_true", help="Append the report to bench/RESULTS.md.")
    parser.add_argument("--note", default="", help="A line added under the report's heading.")
    return parser.parse_args(argv)


def main(argv=None):
    if len(sys.argv) > 1 and sys.argv[1] == "--django":
        django_main(sys.argv[2], json.loads(sys.argv[3]))
        return 0
    args = parse_args(argv)
    started = time.monotonic()
    try:
        facts = run(args)
    except (BenchError, subprocess.TimeoutExpired) as exc:
        log(f"FAILED: {exc}")
        return 2
    body, all_met = report(facts, args)
    text = (
        heading("bench_insights.py", argv, " - performance pages and the nightly roll-up")
        + f"- machine: {machine()}\n"
        + (f"- note: {args.note}\n" if args.note else "")
        + "\n"
        + body
        + "\n"
        + verdict(all_met, started)
    )
    publish(text, args.record)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
