#!/usr/bin/env python3
"""Where a submission and a tracking lookup spend their CPU, step by step.

Runs inside Django against the database a run of bench/bench_applications.py left behind, sends
requests through the WSGI application and adds up
`time.process_time()` around the main steps of each request. Steps nest: a step's time includes
the steps listed under it.

    .venv/bin/python bench/breakdown.py --db sqlite [--submissions 300] [--lookups 1000]

Submissions use drafts from the end of bench/out/applications/<db>/drafts.json that are still
drafts (the benchmark's wrk run starts from the other end).
"""

import argparse
import collections
import functools
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_applications as ba  # noqa: E402

TOTALS = collections.defaultdict(float)
LABELS = []  # in the order measured, so that nested steps follow their parent


def drafts_left(folder):
    """The drafts file of the benchmark run (drafts.json: "drafts", [public id, owner index]
    each, and the owners' "cookies"), and those of its drafts that are still drafts (the
    benchmark's wrk run, and earlier runs of this script, submitted some)."""
    from services.applications.models import Application

    data = json.loads((folder / "drafts.json").read_text())
    still = {
        str(u)
        for u in Application.objects.filter(status="draft", service__slug=ba.BENCH_SERVICE).values_list(
            "public_id", flat=True
        )
    }
    return data, [d for d in data["drafts"] if d[0] in still]


def send(app, requests, expect):
    """Sends each request through the WSGI application; every answer must have the expected status."""
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    for env in requests:
        b"".join(app(env, start_response))
        if not statuses[-1].startswith(expect):
            raise RuntimeError(f"{env['PATH_INFO']} answered {statuses[-1]}")


def measure(owner, name, label):
    original = getattr(owner, name)
    LABELS.append(label)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            TOTALS[label] += time.process_time() - started

    setattr(owner, name, timed)


def run(app, requests, expect, warm):
    send(app, requests[:warm], expect)
    TOTALS.clear()
    started = time.process_time()
    send(app, requests[warm:], expect)
    n = len(requests) - warm
    whole = (time.process_time() - started) / n
    print(f"  {'the whole request':52s} {whole * 1e6:7.0f} µs")
    for label in LABELS:
        if TOTALS[label] / n > whole / 100:
            print(f"  {label:52s} {TOTALS[label] / n * 1e6:7.0f} µs")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--submissions", type=int, default=300)
    p.add_argument("--lookups", type=int, default=1000)
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if not args.inner:
        cmd = [str(ba.PYTHON), __file__, "--inner", "--db", args.db]
        cmd += ["--submissions", str(args.submissions), "--lookups", str(args.lookups)]
        return subprocess.run(cmd, env=ba.bench_env(args.db), cwd=ba.ROOT, check=False).returncode
    ba.setup_django()
    from django.contrib import auth
    from django.core.handlers.wsgi import WSGIHandler
    from django.db.models import base

    from services.applications import access, flow, formengine, lifecycle, notifications, views

    app = WSGIHandler()
    measure(views, "submit", "submission view")
    measure(access, "application_for_applicant", "  the draft (and the session and user)")
    measure(auth, "get_user", "    the session and the user")
    measure(flow.Flow, "incomplete_steps", "  every step complete?")
    measure(flow.Flow, "attachments_by_key", "    the draft's files")
    measure(formengine, "page_is_complete", "    question pages validated again")
    measure(lifecycle, "_apply", "  the transition, commit and email task")
    measure(base.Model, "save", "    UPDATE and the event INSERT")
    measure(notifications, "queue_event_email", "    queue the confirmation email")
    measure(views, "track", "tracking view")
    measure(access, "application_for_tracking", "  the application")
    measure(access, "tracking_events", "  its events")
    measure(views, "_tracking_blocked", "  the rate limit")

    folder = ba.OUT / args.db
    data, drafts = drafts_left(folder)
    drafts = drafts[-args.submissions :]
    print(f"Submission ({len(drafts)} drafts, the first fifth as warm-up):")
    submit = [
        ba.wsgi_environ("POST", f"/en/apply/{d}/submit/", data["cookies"][o], f"idempotency_key={d}&confirm=on")
        for d, o in drafts
    ]
    run(app, submit, "302", len(submit) // 5)
    pairs = json.loads((folder / "track-pairs.json").read_text())[: args.lookups]
    cookie = f"csrftoken={ba.CSRF_TOKEN}"
    print(f"Tracking lookup ({len(pairs)} pairs, the first fifth as warm-up):")
    track = [ba.wsgi_environ("POST", "/en/track/", cookie, f"reference={r}&tracking_code={c}") for r, c in pairs]
    run(app, track, "200", len(track) // 5)
    print("/healthz:")
    run(app, [ba.wsgi_environ("GET", "/healthz", "") for _ in range(args.lookups)], "200", args.lookups // 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
