#!/usr/bin/env python3
"""What-if measurements behind the fixes proposed in bench/RESULTS.md (issues 3 and 4).

Runs inside Django against the database a run of bench/bench_applications.py left behind, and
times the submission POST, the tracking lookup and the staff queue through the WSGI application
(CPU µs per request, process_time), first as the code is, then with each proposed change applied
*in this process only* by monkeypatching (cumulatively). Nothing in the application's code or
database schema is changed; the queue's index experiment creates an index and drops it again.

    .venv/bin/python bench/whatif_applications.py --db sqlite [--only submit,track,queue]

Changes measured here and since made in the code (one fetch of the draft, form definitions and
the calendar kept per process, a lean tracking lookup, no session per tracking lookup, the
queue's capped count and overdue filter) were removed from the list; bench/RESULTS.md keeps
their figures. What is left are the changes not (yet) made.

Each submission variant posts drafts of its own (from bench/out/applications/<db>/drafts.json,
taken from the end of the list, which the benchmark's wrk run never reaches).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_applications as ba  # noqa: E402


def drafts_left(folder):
    """The drafts file of the benchmark run (drafts.json: "drafts", [public id, owner index]
    each, and the owners' "cookies"), and those of its drafts that are still drafts (the
    benchmark's wrk run, and earlier runs of this script or bench/breakdown.py, submitted some)."""
    from services.applications.models import Application

    data = json.loads((folder / "drafts.json").read_text())
    still = {
        str(u)
        for u in Application.objects.filter(status="draft", service__slug=ba.BENCH_SERVICE).values_list(
            "public_id", flat=True
        )
    }
    return data, [d for d in data["drafts"] if d[0] in still]


def timed(app, requests, expect):
    """(CPU µs, wall µs): means over the requests after the first fifth (warm-up); checks every status."""
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    times, walls = [], []
    for env in requests:
        t, w = time.process_time(), time.perf_counter()
        b"".join(app(env, start_response))
        times.append(time.process_time() - t)
        walls.append(time.perf_counter() - w)
        if not statuses[-1].startswith(expect):
            raise RuntimeError(f"{env['PATH_INFO']} answered {statuses[-1]}")
    skip = len(times) // 5
    steady, wall = times[skip:], walls[skip:]
    # CPU of this process, and wall time (which includes the PostgreSQL server's work).
    return (round(sum(steady) / len(steady) * 1e6), round(sum(wall) / len(wall) * 1e6))


def queries_of(app, env):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        b"".join(app(env, lambda s, h: None))
    return len(ctx.captured_queries)


# --- the proposed changes, as patches ------------------------------------------------------------

_UNDO = []


def _set(owner, name, value):
    """Replace owner.name for this process, remembering the original for undo_all()."""
    _UNDO.append((owner, name, owner.__dict__.get(name, _MISSING) if isinstance(owner, type) else getattr(owner, name)))
    setattr(owner, name, value)


_MISSING = object()


def undo_all():
    while _UNDO:
        owner, name, value = _UNDO.pop()
        if value is _MISSING:
            delattr(owner, name)
        else:
            setattr(owner, name, value)


def patch_trust_validated_answers():
    """At submission every page is validated again by building its Django form: answers were
    validated when each page was saved, and _flow_for already re-checks them when the form
    definition changed. Emulated here by a presence check of the required answers."""
    from services.applications import formengine
    from services.applications.models import FieldKind

    def page_is_complete(page, answers):
        return all(
            f.key in answers
            for f in formengine.visible_fields(page, answers)
            if f.required and f.kind != FieldKind.FILE and not f.condition_key
        )

    _set(formengine, "page_is_complete", page_is_complete)


def patch_submit_raw_sql():
    """The submission with the fewest and cheapest statements: the draft and its files read by
    raw SQL, the completeness of the applicant's details and documents checked against the kept
    definition (question pages not validated again), one conditional UPDATE ... WHERE status =
    'draft' AND version = <read> instead of a locked re-read and save, the event by a raw INSERT,
    the email queued as now. What is left is Django's request handling, CSRF, the session and
    user, and the tasks API: the least a submission through this stack can cost."""
    from django.db import connection, transaction
    from django.http import Http404
    from django.shortcuts import redirect
    from django.utils import timezone

    from services.applications import access, definitions, lifecycle, notifications, views
    from services.applications.flow import material_key
    from services.applications.models import Application, ApplicationEvent, Status

    uuid_field = Application._meta.get_field("public_id")
    ops = connection.ops

    def submit(request, public_id):
        key = uuid_field.get_db_prep_value(public_id, connection)
        app = next(
            iter(Application.objects.raw("SELECT * FROM applications_application WHERE public_id = %s", [key])), None
        )
        if app is None or not access.may_see(request, app) or request.POST.get("idempotency_key") != str(public_id):
            raise Http404
        if app.status != Status.DRAFT:
            return redirect("applications:confirmation", app.reference)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT field_key, material_id FROM applications_attachment WHERE application_id = %s", [app.pk]
            )
            files = cursor.fetchall()
        given = {k for k, _m in files} | {m for _k, m in files if m}
        definition = definitions.for_service(app.service_id)
        missing = [m for m in definition.materials if m.required and material_key(m) not in given and m.pk not in given]
        if missing or not request.POST.get("confirm") or not (app.applicant_name and app.contact_phone):
            return views.submit.__wrapped__(request, public_id)  # the normal page with its errors
        now = timezone.now()
        due = lifecycle.add_working_days(timezone.localdate(now), lifecycle.ACCEPTANCE_WORKING_DAYS)
        reference = lifecycle.make_reference(timezone.localtime(now))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE applications_application SET status = %s, reference = %s, tracking_code = %s,"
                " submitted_at = %s, acceptance_due = %s, due_on = %s, priority = %s, version = version + 1,"
                " updated_at = %s WHERE id = %s AND status = %s AND version = %s",
                [
                    Status.SUBMITTED,
                    reference,
                    lifecycle.make_tracking_code(),
                    ops.adapt_datetimefield_value(now),
                    ops.adapt_datefield_value(due),
                    ops.adapt_datefield_value(due),
                    ops.adapt_datefield_value(due),
                    ops.adapt_datetimefield_value(now),
                    app.pk,
                    Status.DRAFT,
                    app.version,
                ],
            )
            if cursor.rowcount != 1:
                return redirect("applications:confirmation", Application.objects.get(pk=app.pk).reference)
            cursor.execute(
                "INSERT INTO applications_applicationevent (application_id, at, actor_id, from_status, to_status,"
                " kind, note, internal_note, visible_to_citizen) VALUES (%s, %s, %s, %s, %s, %s, '', '', %s)"
                " RETURNING id",
                [
                    app.pk,
                    ops.adapt_datetimefield_value(now),
                    request.user.pk,
                    Status.DRAFT,
                    Status.SUBMITTED,
                    ApplicationEvent.Kind.STATUS,
                    True,
                ],
            )
            event_id = cursor.fetchone()[0]
            transaction.on_commit(lambda: notifications.queue_event_email(event_id), robust=True)
        return redirect("applications:confirmation", reference)

    submit.__wrapped__ = views.submit
    from django.urls import clear_url_caches, get_resolver

    _set(views, "submit", submit)
    for pattern in get_resolver().url_patterns:  # the URL resolver holds the view function itself
        _swap_view(pattern, views.submit.__wrapped__, submit)
    clear_url_caches()


def _swap_view(pattern, old, new):
    if hasattr(pattern, "url_patterns"):
        for inner in pattern.url_patterns:
            _swap_view(inner, old, new)
    elif getattr(pattern, "callback", None) is old:
        _UNDO.append((pattern, "callback", old))
        pattern.callback = new


def patch_track_result_without_templates():
    """The tracking result built with format_html instead of the template language (status,
    dates, the events): what the page would cost if rendering were nearly free."""
    from django.template import engines
    from django.utils.html import format_html, format_html_join
    from django.utils.translation import gettext

    from portal import shell
    from portal.templatetags.dates import day, iso, minute
    from services.applications import views

    original = views.render_in_shell
    plain = engines["django"].from_string("{{ content }}")

    def render_in_shell(request, template_name, context, **kwargs):
        app = context.get("app")
        if app is None:
            return original(request, template_name, context, **kwargs)
        events = format_html_join(
            "",
            '<li><time datetime="{}">{}</time> <strong>{}</strong></li>',
            ((iso(e.at), minute(e.at), e.get_to_status_display()) for e in context["events"]),
        )
        content = format_html(
            '<h1>{}</h1><p class="caption">{}</p><h2>{}</h2><dl class="summary-list"><div class="summary-row">'
            '<dt>{}</dt><dd><strong>{}</strong></dd></div><div class="summary-row"><dt>{}</dt><dd>{}</dd></div>'
            '</dl><h2>{}</h2><ol class="timeline">{}</ol>',
            gettext("Track an application"),
            app.reference,
            app.service.name,
            gettext("Status"),
            app.get_status_display(),
            gettext("Submitted"),
            day(app.submitted_at),
            gettext("Progress"),
            events,
        )
        shell_render = shell.render_to_string
        shell.render_to_string = lambda name, ctx, req: (
            plain.render({"content": content}) if name == template_name else shell_render(name, ctx, req)
        )
        try:
            return original(request, template_name, context, **kwargs)
        finally:
            shell.render_to_string = shell_render

    _set(views, "render_in_shell", render_in_shell)


def patch_plain_action_checkbox():
    """Each row's action checkbox is rendered through the form renderer's template (about a fifth
    of the queue page's time): render the same HTML with format_html."""
    from django.contrib.admin import helpers
    from django.utils.html import format_html
    from django.utils.translation import gettext

    from services.applications.staff_admin import ApplicationAdmin

    def action_checkbox(self, obj):
        # The same markup as ModelAdmin.action_checkbox (CheckboxInput.render) produces.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    _set(ApplicationAdmin, "action_checkbox", action_checkbox)


# --- the experiments ----------------------------------------------------------------------------


def variants(app, patches, batches, expect, rounds):
    """CPU µs per request of each cumulative set of patches: `rounds` rounds, the variants in turn
    within each round (so a neighbour's load hits them alike); the lowest batch mean counts.
    batches(variant index, round) -> the requests of one batch."""
    best = [None] * len(patches)
    queries = [None] * len(patches)
    for rnd in range(rounds):
        for i in range(len(patches)):
            for _name, patch in patches[1 : i + 1]:
                patch()
            try:
                requests = batches(i, rnd)
                if rnd == 0:
                    queries[i] = queries_of(app, requests[0])
                    requests = requests[1:]
                cpu = timed(app, requests, expect)
            finally:
                undo_all()
            best[i] = cpu if best[i] is None else (min(best[i][0], cpu[0]), min(best[i][1], cpu[1]))
    return [(name, best[i], queries[i]) for i, (name, _p) in enumerate(patches)]


def show(label, name, value, queries):
    cpu, wall = value
    q = f"  {queries} queries" if queries is not None else ""
    print(f"{label:14} {name:52} CPU {cpu:7} µs  wall {wall:7} µs{q}", flush=True)


def submit_experiment(app, folder, per_batch, rounds):
    data, drafts = drafts_left(folder)
    patches = [
        ("as the code is", None),
        ("+ pages not validated again at submission", patch_trust_validated_answers),
        ("+ every statement raw SQL, conditional UPDATE", patch_submit_raw_sql),
    ]
    taken = [len(drafts)]

    def batches(i, rnd):
        n = per_batch + (1 if rnd == 0 else 0)
        chunk = drafts[taken[0] - n : taken[0]]
        taken[0] -= n
        return [
            ba.wsgi_environ("POST", f"/en/apply/{d}/submit/", data["cookies"][o], f"idempotency_key={d}&confirm=on")
            for d, o in chunk
        ]

    out = variants(app, patches, batches, "302", rounds)
    health = [
        timed(app, [ba.wsgi_environ("GET", "/healthz", "") for _ in range(per_batch)], "200") for _ in range(rounds)
    ]
    out.append(("(/healthz)", (min(h[0] for h in health), min(h[1] for h in health)), None))
    for name, value, q in out:
        show("submit", name, value, q)
    return out


def chrome_cost(n):
    """CPU µs to render base.html (header, navigation, footer) with empty blocks for an anonymous
    English visitor: what every full page pays before its own content."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines
    from django.test import RequestFactory
    from django.utils import translation

    template = engines["django"].from_string('{% extends "base.html" %}')
    request = RequestFactory().get("/en/track/")
    request.user, request.elder_mode = AnonymousUser(), False
    with translation.override("en"):
        template.render({}, request)
        t = time.process_time()
        for _ in range(n):
            template.render({}, request)
    return round((time.process_time() - t) / n * 1e6)


def track_experiment(app, folder, n, rounds):
    pairs = json.loads((folder / "track-pairs.json").read_text())
    cookie = f"csrftoken={ba.CSRF_TOKEN}"
    patches = [
        ("as the code is", None),
        ("+ the result without the template language", patch_track_result_without_templates),
    ]

    def batches(i, rnd):
        chunk = pairs[(rnd * 3 + i) * n % len(pairs) :][:n]
        return [ba.wsgi_environ("POST", "/en/track/", cookie, f"reference={r}&tracking_code={c}") for r, c in chunk]

    out = variants(app, patches, batches, "200", rounds)
    floor = [timed(app, [ba.wsgi_environ("GET", "/en/track/", "") for _ in range(n)], "200") for _ in range(rounds)]
    health = [timed(app, [ba.wsgi_environ("GET", "/healthz", "") for _ in range(n)], "200") for _ in range(rounds)]
    chrome = [chrome_cost(n) for _ in range(rounds)]
    out += [
        ("(base.html alone, empty blocks, anonymous)", (min(chrome), min(chrome)), None),
        ("(floor: GET /en/track/, the empty form)", (min(f[0] for f in floor), min(f[1] for f in floor)), None),
        ("(/healthz)", (min(h[0] for h in health), min(h[1] for h in health)), None),
    ]
    for name, value, q in out:
        show("track", name, value, q)
    return out


def queue_experiment(app, cookie, reference, n, rounds):
    urls = [
        ("queue", ba.QUEUE),
        ("queue overdue", ba.QUEUE + "?due=overdue"),
        ("queue search", ba.QUEUE + f"?q={reference}"),
    ]
    patches = [
        ("as the code is", None),
        ("+ action checkbox without the form renderer", patch_plain_action_checkbox),
    ]
    out = {}
    for label, url in urls:
        out[label] = variants(
            app, patches, lambda i, rnd, url=url: [ba.wsgi_environ("GET", url, cookie) for _ in range(n)], "200", rounds
        )
        for name, value, q in out[label]:
            show(label, name, value, q)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--only", default="submit,track,queue")
    p.add_argument("--per-variant", type=int, default=40, help="submissions per batch")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    only = set(args.only.split(","))
    folder = ba.OUT / args.db
    if not args.inner:
        # Re-run this script in a process with the benchmark's environment for that database.
        env = ba.bench_env(args.db)
        cmd = [str(ba.PYTHON), __file__, "--inner", "--db", args.db, "--only", args.only]
        cmd += ["--per-variant", str(args.per_variant), "--rounds", str(args.rounds)]
        known = json.loads((folder / "state.json").read_text())["officer"]
        officer = ba.django_task(env, "officer", username=known["username"], reference=known["reference"])
        env["BENCH_OFFICER"] = json.dumps(officer)
        return subprocess.run(cmd, env=env, cwd=ba.ROOT, check=False).returncode
    ba.setup_django()
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    officer = json.loads(os.environ["BENCH_OFFICER"])
    results = {}
    # Each experiment patches the process; run the queue first (its patches touch nothing else).
    if "queue" in only:
        results["queue"] = queue_experiment(app, officer["cookie"], officer["reference"], 12, args.rounds)
    if "track" in only:
        results["track"] = track_experiment(app, folder, 150, args.rounds)
    if "submit" in only:
        results["submit"] = submit_experiment(app, folder, args.per_variant, args.rounds)
    (folder / "whatif.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
