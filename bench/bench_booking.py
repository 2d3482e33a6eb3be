#!/usr/bin/env python3
"""Booking POSTs under concurrent connections aimed at the same last places.

    .venv/bin/python bench/bench_booking.py [--connections 8] [--duration 10] [--workers 3]
        [--steps booking,fragment] [--record]

1. Builds a throwaway SQLite data folder under bench/out/booking/ (migrate; one district, one
   published service, one bookable centre open 08:00-20:00 every day, 2 counters, 30-minute
   visits, a 14-day window).
2. Serves it with gunicorn (sync workers, DEBUG off) like bench/run_bench.py.
3. Each of --connections client processes (one keep-alive HTTP connection each) reads the
   details form once (CSRF cookie and token), then POSTs bookings, each with its own mobile
   number and its own address (X-Forwarded-For, the server trusting one proxy: many citizens
   behind the city's load balancer, so the per-address booking limits are not what is
   measured), at the FIRST slot of a shared list that it has not yet seen full: all connections
   race for the same 2 places, then move on together to the next slot. A 302 is a booking, a
   400 a refusal ("fully booked"), anything else or a socket error an error.
4. /healthz is loaded the same way (same client, same connections) before and after; the
   ratio is booking POSTs/s over the mean /healthz req/s.
5. Checks the database: for every slot, places counted == live bookings <= capacity. Any slot
   over capacity is an over-booking.
6. The slot picker fragment (step "fragment"): the htmx GET of the time step with a `date` and
   the HX-Request header (booking_views.book_time -> time.html#slots: the centre's bookable
   days for the day select's check, then the day's times with their free places), the days the
   page's day select offers in turn (a wrk Lua script), against /healthz run by the same wrk just before and
   just after it, as bench/run_bench.py does; target >= 0.3 of /healthz (issue 10). It runs
   after the booking step, so the first days carry full and part-full slots. Also the CPU time
   of one fragment and of /healthz inside Django (the WSGI application called directly, as in
   run_bench.py) and the fragment's SQL query count.

Exit status 0 when there are 0 over-bookings and 0 errors and the fragment meets its target,
1 otherwise, 2 when the run failed.
"""

import argparse
import http.client
import json
import multiprocessing
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_bench  # noqa: E402  (the bench helpers: gunicorn, environment, manage.py)
from run_bench import BenchError, Gunicorn, bench_env, git_commit, log, machine, manage, parse_wrk, wrk  # noqa: E402

OUT = run_bench.OUT / "booking"
STEPS = ("booking", "fragment")
FRAGMENT_TARGET = 0.3  # slot picker fragment req/s over /healthz req/s (issue 10)
TIME_STEP = "/zh-hans/centres/book/bench-visit/bench-centre/"
SETUP = """
import datetime, json
from services.catalogue.models import Department, District, Service
from services.offline import slots
from services.offline.models import OpeningHours, ServiceCentre
district = District.objects.create(slug="bench", name_zh="测试区", name_en="Bench district")
department = Department.objects.create(slug="bench", code="BENCH", name_zh="测试局", name_en="Bench bureau")
service = Service.objects.create(
    slug="bench-visit", code="BENCH-1", name_zh="预约测试", name_en="Bench visit", department=department,
    published=True, statutory_limit_days=20, promised_limit_days=10, offers_counter=True,
)
centre = ServiceCentre.objects.create(
    slug="bench-centre", name_zh="测试中心", name_en="Bench centre", district=district,
    address_zh="测试路1号", address_en="1 Bench Road", counters=2, slot_minutes=30, booking_days_ahead=14,
)
centre.services.add(service)
for day in range(7):
    OpeningHours.objects.create(centre=centre, weekday=day, opens=datetime.time(8), closes=datetime.time(20))
times = []
for day in slots.bookable_days(centre, service):
    times += [s.starts_at for s in slots.day_slots(centre, service, day) if s.available]
print(json.dumps({"times": [t.isoformat() for t in times]}))
"""
CHECK = """
import json
from django.db.models import Count, Q
from services.offline.models import Booking, Slot
from services.offline import slots
from services.offline.models import ServiceCentre
centre = ServiceCentre.objects.get(slug="bench-centre")
service = centre.services.get()
capacity = slots.capacity(centre, service)
live = dict(Booking.objects.filter(status="booked").values_list("starts_at").annotate(n=Count("pk")))
rows = list(Slot.objects.values_list("starts_at", "booked"))
print(json.dumps({
    "capacity": capacity,
    "slots": len(rows),
    "bookings": sum(live.values()),
    "over": sum(1 for _, n in live.items() if n > capacity) + sum(1 for _, b in rows if b > capacity),
    "mismatch": sum(1 for t, b in rows if live.get(t, 0) != b),
    "full": sum(1 for _, b in rows if b == capacity),
}))
"""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of booking load (and of each /healthz run)")
    p.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    p.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}")
    p.add_argument("--warmup", default="2s", help="wrk warm-up of the fragment and /healthz (default 2s)")
    p.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    p.add_argument("--note", default="")
    args = p.parse_args(argv)
    args.steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    if not args.steps or set(args.steps) - set(STEPS):
        p.error(f"--steps: a comma-separated subset of {','.join(STEPS)}")
    args.threads = min(2, args.connections)  # wrk's, for the fragment step
    return args


# --- the client: one process, one keep-alive connection --------------------------------------


def _request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.getheaders(), response.read()


def _healthz(port, seconds, queue):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            status, _, _ = _request(conn, "GET", "/healthz")
            done += 1
            errors += status != 200
        except OSError:
            errors += 1
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    queue.put({"requests": done, "errors": errors})


def _booker(port, index, times, seconds, start_at, queue):
    path = "/zh-hans/centres/book/bench-visit/bench-centre/details/"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, headers, body = _request(conn, "GET", path + "?" + urlencode({"at": times[0]}))
    cookie = next(v for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken="))
    cookie = cookie.split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    counts = {"booked": 0, "refused": 0, "errors": 0, "latencies": []}
    slot, seq = 0, 0
    while time.time() < start_at:
        time.sleep(0.001)
    stop = time.monotonic() + seconds
    while time.monotonic() < stop and slot < len(times):
        seq += 1
        phone = f"13{index:01d}{seq:08d}"[:11]
        data = urlencode({"csrfmiddlewaretoken": token, "at": times[slot], "name": "压测", "phone": phone, "email": ""})
        address = f"10.{index}.{seq // 256 % 256}.{seq % 256}"
        began = time.monotonic()
        try:
            status, _, _ = _request(
                conn,
                "POST",
                path,
                data,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie,
                    "X-Forwarded-For": address,
                    "Referer": f"http://127.0.0.1:{port}{path}",
                },
            )
        except OSError:
            counts["errors"] += 1
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        counts["latencies"].append(time.monotonic() - began)
        if status == 302:
            counts["booked"] += 1
        elif status == 400:
            counts["refused"] += 1
            slot += 1  # full (or already taken by the others): on to the next time
        else:
            counts["errors"] += 1
    counts["elapsed"] = seconds - max(stop - time.monotonic(), 0)
    queue.put(counts)


def _run_clients(target, args_for, n):
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=target, args=(*args_for(i), queue)) for i in range(n)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return results


def healthz_rate(port, args):
    results = _run_clients(_healthz, lambda i: (port, args.duration), args.connections)
    return sum(r["requests"] for r in results) / args.duration, sum(r["errors"] for r in results)


def _at_values(times):
    # The form's `at` value: local time as the slot picker writes it (services/offline/forms.py).
    from datetime import datetime

    return [datetime.fromisoformat(t).strftime("%Y-%m-%dT%H:%M") for t in times]


def run(args):
    # One trusted proxy: each booking's X-Forwarded-For is its citizen's address.
    env = {**bench_env(data_dir=OUT / "data", static_root=OUT / "static"), "TRUSTED_PROXY_COUNT": "1"}
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "data").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable", "-v0")  # the shared cache (throttles), as `make run` does
    manage(env, "collectstatic", "--noinput", "-v0")
    times = _at_values(json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])["times"])
    log(f"{len(times)} bookable times on {len({t[:10] for t in times})} days")
    result = {}
    with Gunicorn(env, args.workers, OUT / "gunicorn.log") as server:
        if "booking" in args.steps:
            result["booking"] = booking_race(server, args, times)
        if "fragment" in args.steps:
            result["fragment"] = fragment_load(server, args)
    if "booking" in result:
        result["booking"].update(json.loads(manage(env, "shell", "-c", CHECK).strip().splitlines()[-1]))
    if "fragment" in result:
        result["fragment"].update(fragment_cpu(env, result["fragment"]["day_list"]))
    return result


def booking_race(server, args, times):
    before, healthz_errors = healthz_rate(server.port, args)
    log(f"/healthz {before:.0f} req/s")
    start_at = time.time() + 2
    results = _run_clients(_booker, lambda i: (server.port, i, times, args.duration, start_at), args.connections)
    after, more_errors = healthz_rate(server.port, args)
    log(f"/healthz {after:.0f} req/s")
    posts = sum(r["booked"] + r["refused"] + r["errors"] for r in results)
    elapsed = max(r["elapsed"] for r in results)
    latencies = sorted(x for r in results for x in r["latencies"])
    rate = posts / elapsed
    healthz = (before + after) / 2
    return {
        "posts": posts,
        "booked": sum(r["booked"] for r in results),
        "refused": sum(r["refused"] for r in results),
        "errors": sum(r["errors"] for r in results) + healthz_errors + more_errors,
        "rate": rate,
        "healthz": healthz,
        "healthz_range": (min(before, after), max(before, after)),
        "ratio": rate / healthz,
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else 0,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0,
        "elapsed": elapsed,
    }


# --- the slot picker fragment ------------------------------------------------------------------

# Every request asks for the next day of the window in turn (wrk.format keeps the -H headers).
FRAGMENT_LUA = """
days = {DAYS}
counter = 0
function request()
  counter = counter + 1
  return wrk.format(nil, "{PATH}?date=" .. days[(counter % #days) + 1])
end
"""
HTMX = "HX-Request: true"


def fragment_load(server, args):
    """wrk on the fragment (the days the time step offers, in turn) between two wrk runs of
    /healthz. The days are read from the page's day select: after the booking step the first
    day(s) may be full, and a day no longer offered is (rightly) a 400."""
    status, _, page = run_bench.fetch(server.url(TIME_STEP))
    days = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"', page.decode())
    if status != 200 or not days:
        raise BenchError(f"the time step answered {status} with {len(days)} days offered")
    status, headers, body = run_bench.fetch(server.url(f"{TIME_STEP}?date={days[0]}"), headers={"HX-Request": "true"})
    if status != 200 or b"<html" in body or b'id="slots"' not in body:
        raise BenchError(f"the slot picker fragment answered {status} without the #slots fragment alone")
    script = OUT / "fragment.lua"
    script.write_text(
        FRAGMENT_LUA.replace("{DAYS}", "{" + ", ".join(json.dumps(d) for d in days) + "}").replace("{PATH}", TIME_STEP)
    )
    wrk_args = argparse.Namespace(threads=args.threads, connections=args.connections)
    duration = f"{int(args.duration)}s"
    fragment_url = server.url(f"{TIME_STEP}?date={days[0]}")
    log(f"warming up ({args.warmup} each)")
    wrk(server.url("/healthz"), wrk_args, args.warmup, latency=False)
    wrk(fragment_url, wrk_args, args.warmup, latency=False, script=script, headers=[HTMX])
    log("measuring /healthz, the fragment, /healthz")
    before = parse_wrk(wrk(server.url("/healthz"), wrk_args, duration))
    fragment = parse_wrk(wrk(fragment_url, wrk_args, duration, script=script, headers=[HTMX]))
    after = parse_wrk(wrk(server.url("/healthz"), wrk_args, duration))
    healthz = (before["rps"] + after["rps"]) / 2
    log(f"fragment {fragment['rps']:.0f} req/s, /healthz {before['rps']:.0f} and {after['rps']:.0f}")
    return {
        **fragment,
        "bytes": len(body),
        "days": len(days),
        "day_list": days,
        "healthz": healthz,
        "healthz_range": (min(before["rps"], after["rps"]), max(before["rps"], after["rps"])),
        "healthz_p50": before["p50"],
        "healthz_errors": before["errors"] + after["errors"],
        "ratio": fragment["rps"] / healthz,
    }


# CPU time per request inside Django (no HTTP server, no load generator; see run_bench.py), and
# the SQL queries of one fragment once the process is warm.
FRAGMENT_PROBE = """
import io, json, sys, time
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
PATH, DAYS = json.loads(ARGS)
app = WSGIHandler()
def environ(path, query="", htmx=False):
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
           "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
           "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}
    if htmx:
        env["HTTP_HX_REQUEST"] = "true"
    return env
def call(env):
    status = []
    body = b"".join(app(env, lambda s, h: status.append(s)))
    assert status[0].startswith("200"), (status, body[:300])
    return body
def fragment(i):
    return environ(PATH, "date=" + DAYS[i % len(DAYS)], True)
call(fragment(0))
with CaptureQueriesContext(connection) as queries:
    call(fragment(0))
out = {"queries": len(queries), "sql": [q["sql"][:160] for q in queries]}
for name, make in (("healthz_cpu", lambda i: environ("/healthz")), ("cpu", fragment)):
    for i in range(50):
        call(make(i))
    n, t = 0, time.process_time()
    while n < 200 or time.process_time() - t < 1.0:
        call(make(n))
        n += 1
    out[name] = (time.process_time() - t) / n * 1e6
print(json.dumps(out))
"""


def fragment_cpu(env, days):
    script = FRAGMENT_PROBE.replace("json.loads(ARGS)", "json.loads(" + repr(json.dumps([TIME_STEP, days])) + ")")
    out = json.loads(manage(env, "shell", "-c", script, timeout=300).strip().splitlines()[-1])
    log(f"fragment: {out['queries']} queries, {out['cpu']:.0f} µs CPU (/healthz {out['healthz_cpu']:.0f} µs)")
    return out


# --- the report --------------------------------------------------------------------------------


def report(result, args, argv):
    lines = [
        f"### {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC - commit {git_commit()} - "
        + " and ".join({"booking": "booking POSTs", "fragment": "slot picker fragment"}[s] for s in result),
        "",
        f"- command: `python bench/bench_booking.py {' '.join(argv)}`",
        "- data: SQLite (WAL), one bookable centre open 08:00-20:00 every day (2 counters, so 2 places a "
        "30-minute slot, 24 slots a day, 14-day window)",
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, 127.0.0.1, TRUSTED_PROXY_COUNT=1 (each "
        "booking POST has its own X-Forwarded-For address)",
        f"- machine: {machine()}",
        *([f"- note: {args.note}"] if args.note else []),
        "",
    ]
    ok = True
    if "booking" in result:
        text, good = booking_report(result["booking"], args)
        lines += text
        ok &= good
    if "fragment" in result:
        text, good = fragment_report(result["fragment"], args)
        lines += text
        ok &= good
    lines += [("All targets met." if ok else "**Not every target met: see above.**"), ""]
    return "\n".join(lines), ok


def booking_report(r, args):
    ok = r["over"] == 0 and r["errors"] == 0 and r["mismatch"] == 0
    return [
        f"Booking POSTs: {args.connections} client processes with one keep-alive connection each, all POSTing "
        f"at the first slot not yet seen full, for {args.duration:.0f}s; /healthz by the same clients before "
        "and after.",
        "",
        "| what | figure |",
        "|---|---:|",
        f"| booking POSTs | {r['posts']} in {r['elapsed']:.1f}s = {r['rate']:.0f}/s |",
        f"| booked (302) / refused as full (400) | {r['booked']} / {r['refused']} |",
        f"| slots filled to capacity | {r['full']} of {r['slots']} touched |",
        f"| over-bookings (slots over capacity) | {r['over']} |",
        f"| slot count ≠ live bookings | {r['mismatch']} |",
        f"| errors (5xx, other status, socket) | {r['errors']} |",
        f"| POST latency p50 / p99 | {r['p50']:.1f} ms / {r['p99']:.1f} ms |",
        f"| /healthz (same client, before and after) | {r['healthz']:.0f}/s "
        f"({r['healthz_range'][0]:.0f}-{r['healthz_range'][1]:.0f}) |",
        f"| ratio booking POST ÷ /healthz | {r['ratio']:.2f} |",
        "",
        ("0 over-bookings and 0 errors." if ok else "**Over-bookings or errors: see above.**"),
        "",
    ], ok


def fragment_report(r, args):
    errors = r["errors"] + r["healthz_errors"]
    ok = r["ratio"] >= FRAGMENT_TARGET and errors == 0
    return [
        f"Slot picker fragment: `GET {TIME_STEP}?date=<day>` with `HX-Request: true`, the {r['days']} days "
        f"the day select offers, in turn; wrk -t{args.threads} -c{args.connections} -d{int(args.duration)}s --latency "
        f"after a {args.warmup} warm-up, /healthz by the same wrk just before and just after.",
        "",
        "| what | figure |",
        "|---|---:|",
        f"| fragment | {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, {r['bytes']} bytes |",
        f"| /healthz (before and after) | {r['healthz']:.0f} req/s ({r['healthz_range'][0]:.0f}-"
        f"{r['healthz_range'][1]:.0f}), p50 {r['healthz_p50']:.1f} ms |",
        f"| errors (non-2xx, socket; fragment and /healthz) | {errors} |",
        f"| ratio fragment ÷ /healthz (target >= {FRAGMENT_TARGET}) | {r['ratio']:.2f} "
        f"({'met' if ok else '**not met**'}) |",
        f"| CPU µs/request in Django: fragment / /healthz | {r['cpu']:.0f} / {r['healthz_cpu']:.0f} "
        f"= {r['healthz_cpu'] / r['cpu']:.2f} |",
        f"| SQL queries of one fragment (warm process) | {r['queries']} |",
        "",
    ], ok


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    run_bench.LOG_TAG = "bench-booking"
    try:
        result = run(args)
    except BenchError as error:
        log(str(error))
        return 2
    text, ok = report(result, args, argv)
    print(text)
    if "fragment" in result:
        log("fragment SQL:\n  " + "\n  ".join(result["fragment"]["sql"]))
    if args.record:
        with run_bench.RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
