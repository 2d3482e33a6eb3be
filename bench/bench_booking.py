#!/usr/bin/env python3
"""Booking POSTs under concurrent connections aimed at the same last places.

    .venv/bin/python bench/bench_booking.py [--connections 8] [--duration 10] [--workers 3] [--record]

1. Builds a throwaway SQLite data folder under bench/out/booking/ (migrate; one district, one
   published service, one bookable centre open 08:00-20:00 every day, 2 counters, 30-minute
   visits, a 14-day window).
2. Serves it with gunicorn (sync workers, DEBUG off) like bench/run_bench.py.
3. Each of --connections client processes (one keep-alive HTTP connection each) reads the
   details form once (CSRF cookie and token), then POSTs bookings, each with its own mobile
   number, at the FIRST slot of a shared list that it has not yet seen full: all connections
   race for the same 2 places, then move on together to the next slot. A 302 is a booking, a
   400 a refusal ("fully booked"), anything else or a socket error an error.
4. /healthz is loaded the same way (same client, same connections) before and after; the
   ratio is booking POSTs/s over the mean /healthz req/s.
5. Checks the database: for every slot, places counted == live bookings <= capacity. Any slot
   over capacity is an over-booking.

Exit status 0 when there are 0 over-bookings and 0 errors, 1 otherwise, 2 when the run failed.
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
from run_bench import BenchError, Gunicorn, bench_env, git_commit, log, machine, manage  # noqa: E402

OUT = run_bench.OUT / "booking"
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
    p.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    p.add_argument("--note", default="")
    return p.parse_args(argv)


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
    env = bench_env(data_dir=OUT / "data", static_root=OUT / "static")
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "data").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    times = _at_values(json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])["times"])
    log(f"{len(times)} bookable times")
    with Gunicorn(env, args.workers, OUT / "gunicorn.log") as server:
        before, healthz_errors = healthz_rate(server.port, args)
        log(f"/healthz {before:.0f} req/s")
        start_at = time.time() + 2
        results = _run_clients(_booker, lambda i: (server.port, i, times, args.duration, start_at), args.connections)
        after, more_errors = healthz_rate(server.port, args)
        log(f"/healthz {after:.0f} req/s")
    check = json.loads(manage(env, "shell", "-c", CHECK).strip().splitlines()[-1])
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
        **check,
    }


def report(r, args, argv):
    ok = r["over"] == 0 and r["errors"] == 0 and r["mismatch"] == 0
    lines = [
        f"### {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC - commit {git_commit()} - booking POSTs",
        "",
        f"- command: `python bench/bench_booking.py {' '.join(argv)}`",
        f"- data: SQLite (WAL), one bookable centre (capacity {r['capacity']} a slot, 30-minute slots), "
        f"{args.connections} client processes with one keep-alive connection each, all POSTing at the first "
        "slot not yet seen full, for " + f"{args.duration:.0f}s",
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, 127.0.0.1",
        f"- machine: {machine()}",
        *([f"- note: {args.note}"] if args.note else []),
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
    ]
    return "\n".join(lines), ok


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
    if args.record:
        with run_bench.RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
