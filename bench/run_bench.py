#!/usr/bin/env python3
"""Load-test the portal over loopback and compare each page with the bare /healthz view.

    .venv/bin/python bench/run_bench.py [--services 5000] [--duration 10s] [--connections 8] [--record]

1. Builds a throwaway SQLite data folder under bench/out/ (migrate, createcachetable, seed_calendar,
   load_demo, make_scale_data, collectstatic).
2. Serves it with gunicorn (3 sync workers, production settings: DEBUG off) on 127.0.0.1:<free port>.
3. Warms every URL up, then runs wrk on each (`wrk -t2 -c8 -d10s --latency URL`) and parses req/s and
   p50/p99 latency.
4. Prints a Markdown table with each page's req/s as a ratio to /healthz measured in the same run,
   against the targets of issue 2; --record appends it to bench/RESULTS.md with the date and command.

Exit status: 0 when every target is met, 1 when one is missed, 2 when the run itself failed.
See bench/README.md.
"""

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python" if (VENV_BIN / "python").exists() else Path(sys.executable)
GUNICORN = VENV_BIN / "gunicorn" if (VENV_BIN / "gunicorn").exists() else Path(shutil.which("gunicorn") or "gunicorn")

# Page name -> minimum req/s as a fraction of /healthz's (issue 2, point 11).
TARGETS = {"home": 0.5, "search": 0.15, "guide": 0.5, "static": 0.9}

SETUP_TIMEOUT = 900  # seconds for each setup command (make_scale_data for 5,000 services included)
SERVER_START_TIMEOUT = 30
SECRET_KEY = "bench-only-secret-key-" + "x" * 40

# The tag of the progress lines on stderr; bench/bench_applications.py, which uses the helpers
# below (gunicorn, HTTP, wrk), sets its own.
LOG_TAG = "bench"


class BenchError(RuntimeError):
    pass


def log(message):
    print(f"[{LOG_TAG} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--services", type=int, default=5000, help="synthetic services on top of the demo city")
    p.add_argument("--duration", default="10s", help="wrk duration per URL (default 10s)")
    p.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    p.add_argument("--warmup", default="2s", help="wrk warm-up duration per URL (default 2s)")
    p.add_argument("--query", default=None, help="catalogue search term (default: picked from the data)")
    p.add_argument("--reuse", action="store_true", help="reuse bench/out/ from the previous run instead of rebuilding")
    p.add_argument("--record", action="store_true", help="append the table to bench/RESULTS.md")
    p.add_argument("--note", default="", help="a line of context to record with the results")
    args = p.parse_args(argv)
    if args.services < 0 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        p.error("--services must be >= 0; --connections, --threads and --workers >= 1")
    if args.threads > args.connections:
        args.threads = args.connections
    return args


def bench_env(data_dir=OUT / "data", static_root=OUT / "static"):
    """Production settings (DEBUG off) for 127.0.0.1 over plain HTTP, with the data (SQLite
    database, uploads) under data_dir and the collected static files in static_root."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATA_DIR": str(data_dir),
            "STATIC_ROOT": str(static_root),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(env, *args, timeout=SETUP_TIMEOUT):
    cmd = [str(PYTHON), "manage.py", *args]
    log("$ " + " ".join(shlex.quote(a) for a in cmd[1:]))
    started = time.monotonic()
    try:
        result = subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"manage.py {args[0]} took longer than {timeout}s") from exc
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    log(f"  done in {time.monotonic() - started:.1f}s")
    return result.stdout


def prepare(env, args):
    if args.reuse and (OUT / "data" / "portal.sqlite3").exists() and (OUT / "static" / "staticfiles.json").exists():
        log(f"reusing {OUT}")
        return
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "data").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable", "-v0")  # the shared cache (throttles), as `make run` does
    manage(env, "seed_calendar", "-v0")  # the holiday calendar, as bench_life.py and `make run` do
    manage(env, "load_demo", "-v0")
    if args.services:
        manage(env, "make_scale_data", "--services", str(args.services), "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


PROBE = """
import json
from services.catalogue.models import Service
published = Service.objects.filter(published=True)
guide = published.order_by("-popularity", "pk").values_list("slug", flat=True).first()
sample = list(published.order_by("?").values_list("slug", flat=True)[:500])
print(json.dumps({"services": published.count(), "guide": guide, "sample": sample}))
"""


# CPU time per request inside Django (the WSGI application called directly, no HTTP server, no
# load generator), measured with process_time(): unlike req/s, it hardly moves when other processes
# compete for the CPU, so it is the steadier of the two figures on a shared machine.
CPU_PROBE = """
import io, json, sys, time
from django.core.handlers.wsgi import WSGIHandler
app = WSGIHandler()
def environ(path):
    p, _, q = path.partition("?")
    return {"REQUEST_METHOD": "GET", "PATH_INFO": p, "QUERY_STRING": q, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}
def start_response(status, headers):
    assert status.startswith("200"), status
out = {}
for name, path in json.loads(PAGES):
    for _ in range(50):
        b"".join(app(environ(path), start_response))
    n, t = 0, time.process_time()
    while n < 200 or time.process_time() - t < 1.0:
        b"".join(app(environ(path), start_response))
        n += 1
    out[name] = (time.process_time() - t) / n * 1e6
print(json.dumps(out))
"""


def cpu_per_request(env, pages):
    script = CPU_PROBE.replace("json.loads(PAGES)", "json.loads(" + repr(json.dumps(pages)) + ")")
    out = manage(env, "shell", "-c", script, timeout=300)
    return json.loads(out.strip().splitlines()[-1])


def probe(env):
    out = manage(env, "shell", "-c", PROBE, timeout=120)
    return json.loads(out.strip().splitlines()[-1])


def static_css_url():
    manifest = json.loads((OUT / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"].get("css/portal.css")
    if not hashed:
        raise BenchError("css/portal.css is not in the staticfiles manifest")
    return "/static/" + hashed


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer in its own right, as it is to wrk


def fetch(url, timeout=10, headers=None, data=None):
    """GET url (POST with data, bytes); return (status, headers, body) without raising on HTTP
    errors and without following redirects."""
    req = urllib.request.Request(url, data=data, headers={"User-Agent": "portal-bench", **(headers or {})})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class Gunicorn:
    """gunicorn portal.wsgi with `workers` sync workers on a free port of 127.0.0.1, its output
    written to logfile (appended to it with append=True); up once /healthz answers, which it must
    within start_timeout seconds."""

    def __init__(self, env, workers, logfile, append=False, start_timeout=SERVER_START_TIMEOUT):
        self.env, self.workers, self.logfile = env, workers, logfile
        self.append, self.start_timeout = append, start_timeout
        self.port = free_port()
        self.proc = None

    def __enter__(self):
        cmd = [
            str(GUNICORN),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--graceful-timeout",
            "5",
            "--timeout",
            "60",
            "--error-logfile",
            "-",
        ]
        log("$ " + " ".join(shlex.quote(c) for c in cmd[1:]))
        self._log = self.logfile.open("a" if self.append else "w")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.proc.returncode}; see {self.logfile}")
            try:
                if fetch(self.url("/healthz"), timeout=2)[0] == 200:
                    log(f"gunicorn up on port {self.port} (pid {self.proc.pid})")
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise BenchError(f"gunicorn did not answer /healthz within {self.start_timeout}s; see {self.logfile}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # master stops its workers gracefully
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session we started: master and workers
                self.proc.wait(timeout=5)
        self._log.close()
        log("gunicorn stopped")
        self.proc = None


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise BenchError(f"cannot parse latency {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output):
    """req/s, mean/p50/p99 latency (ms), requests and errors of the output of `wrk --latency`."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    avg = re.search(r"^\s+Latency\s+(\S+)", output, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and avg and p50 and p99 and total):
        raise BenchError(f"cannot parse wrk output:\n{output}")
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non2xx.group(1)) if non2xx else 0
    if sock:
        errors += sum(int(g) for g in sock.groups())
    return {
        "rps": float(rps.group(1)),
        "avg": to_ms(avg.group(1)),
        "p50": to_ms(p50.group(1)),
        "p99": to_ms(p99.group(1)),
        "requests": int(total.group(1)),
        "errors": errors,
    }


def duration_seconds(text):
    match = re.fullmatch(r"(\d+)([sm]?)", text)
    if not match:
        raise BenchError(f"bad duration {text!r}; use e.g. 10s or 1m")
    return int(match.group(1)) * (60 if match.group(2) == "m" else 1)


# Uncached variants: every request carries a parameter no other request has, so the page cache
# never hits and each request renders the page (the cost a first visitor or a new query pays).
UNCACHED_LUA = """
local n = 0
function setup(thread)
  thread:set("id", n)
  n = n + 1
end
paths = {PATHS}
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, path .. sep .. "nocache=" .. id .. "-" .. counter)
end
"""


def uncached_script(name, paths):
    lua = UNCACHED_LUA.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}")
    path = OUT / f"uncached-{name}.lua"
    path.write_text(lua)
    return path


def wrk(url, args, duration, latency=True, script=None, headers=(), margin=30):
    """The output of wrk on url (args.threads threads, args.connections connections, each header
    given as "Name: value", the Lua script if any), which may run `margin` seconds over duration."""
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}", "--timeout", "10s"]
    if latency:
        cmd.append("--latency")
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    timeout = duration_seconds(duration) + margin
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk on {url} did not finish within {timeout}s") from exc
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {url}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def check_url(server, name, path):
    status, headers, body = fetch(server.url(path))
    if status != 200:
        raise BenchError(f"{name} {path} answered HTTP {status}")
    return headers, body


def pick_query(server, args):
    """A word that matches some services, in the bench data."""
    candidates = [args.query] if args.query else ["许可", "证", "登记", "申请"]
    for term in candidates:
        _, body = check_url(server, "search", f"/zh-hans/services/?q={quote(term)}")
        count = body.count(b'class="service-item"')
        if count:
            return term, count
    raise BenchError(f"none of {candidates} matches a service")


def run(args):
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed: apt-get install wrk")
    env = bench_env()
    prepare(env, args)
    facts = probe(env)
    if not facts["guide"]:
        raise BenchError("no published service to use as the guide page")
    log(f"{facts['services']} published services")
    static = static_css_url()

    with Gunicorn(env, args.workers, OUT / "gunicorn.log") as server:
        query, shown = pick_query(server, args)
        log(f"search term {query!r}: {shown} results on the first page")
        pages = [
            ("healthz", "/healthz"),
            ("home", "/zh-hans/"),
            ("search", f"/zh-hans/services/?q={quote(query)}"),
            ("guide", f"/zh-hans/services/{facts['guide']}/"),
            ("static", static),
        ]
        for name, path in pages:
            headers, _ = check_url(server, name, path)
            log(f"  {name:8} {path}  200 {headers.get('Content-Type', '')}")
        log(f"warming up ({args.warmup} per URL)")
        for _, path in pages:
            wrk(server.url(path), args, args.warmup, latency=False)
        # /healthz is measured before the first page and again after every page, and each page is
        # compared with the mean of the two /healthz runs around it: other processes on the machine
        # then shift numerator and denominator alike instead of skewing the ratio.
        baselines = [measure(server, args, "/healthz")]
        results = {}
        for name, path in pages[1:]:
            results[name] = measure(server, args, path, name=name)
            baselines.append(measure(server, args, "/healthz"))
            results[name]["base"] = (baselines[-2]["rps"] + baselines[-1]["rps"]) / 2
        uncached = {
            "search (uncached)": [f"/zh-hans/services/?q={quote(query)}"],
            "guide (uncached)": [f"/zh-hans/services/{slug}/" for slug in facts["sample"]],
        }
        for name, paths in uncached.items():
            shown = paths[0] + ("&" if "?" in paths[0] else "?") + "nocache=<n>"
            if len(paths) > 1:
                shown = f"{len(paths)} guides in turn, ?nocache=<n>"
            script = uncached_script(name.split()[0], paths)
            results[name] = measure(server, args, paths[0], name=name, script=script, shown=shown)
            baselines.append(measure(server, args, "/healthz"))
            results[name]["base"] = (baselines[-2]["rps"] + baselines[-1]["rps"]) / 2
    log("CPU time per request inside Django (cached path)")
    cpu = cpu_per_request(env, pages)
    for name, micros in cpu.items():
        if name in results:
            results[name]["cpu_us"] = micros
    baselines[0]["cpu_us"] = cpu["healthz"]
    return facts, query, baselines, results


def measure(server, args, path, name="healthz", script=None, shown=None):
    log(f"measuring {name} for {args.duration}")
    output = wrk(server.url(path), args, args.duration, script=script)
    return {"path": shown or path, **parse_wrk(output)}


def cpu_cells(r, first):
    if "cpu_us" not in r:
        return " | "
    return f"{r['cpu_us']:.0f} | {first['cpu_us'] / r['cpu_us']:.2f}"


def table(baselines, results):
    rates = [b["rps"] for b in baselines]
    first = baselines[0]
    lines = [
        "| page | URL | req/s | p50 ms | p99 ms | errors | /healthz req/s around it | ratio | target | met "
        "| CPU µs/request in Django | CPU ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
        f"| healthz | `/healthz` | {sum(rates) / len(rates):.0f} (mean of {len(rates)}; {min(rates):.0f}-"
        f"{max(rates):.0f}) | {first['p50']:.2f} | {first['p99']:.2f} | {sum(b['errors'] for b in baselines)} "
        f"| | 1.00 | baseline | | {first['cpu_us']:.0f} | 1.00 |",
    ]
    all_met = True
    for name, r in results.items():
        ratio = r["rps"] / r["base"] if r["base"] else 0.0
        target = TARGETS.get(name)
        if target is None:
            met, target_text = "", "(information)"
        else:
            ok = ratio >= target and r["errors"] == 0
            all_met &= ok
            met, target_text = ("yes" if ok else "**no**"), f">= {target:.2f}"
        lines.append(
            f"| {name} | `{r['path']}` | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} "
            f"| {r['base']:.0f} | {ratio:.2f} | {target_text} | {met} | {cpu_cells(r, first)} |"
        )
    return "\n".join(lines), all_met


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {system}; load average at the end {load}"
    )


def git_commit():
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            or "unknown"
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def heading(script, argv, title=""):
    """The first lines of a report: when, at which commit, and the command (bench/<script> with
    argv, or this process's arguments)."""
    given = argv if argv is not None else sys.argv[1:]
    command = f"python bench/{script} " + " ".join(shlex.quote(a) for a in given)
    when = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return f"### {when} - commit {git_commit()}{title}\n\n- command: `{command.strip()}`\n"


def verdict(all_met, started):
    """The last line of a report: whether every target was met, and how long the run took."""
    text = "All targets met." if all_met else "**Not every target met.**"
    return f"{text} ({time.monotonic() - started:.0f}s in all)\n"


def publish(report, record):
    """Print the report and, with --record, append it to bench/RESULTS.md."""
    print(report)
    if record:
        if not RESULTS.exists():
            RESULTS.write_text(
                "# Benchmark results\n\nAppended by `bench/run_bench.py --record`; newest last. "
                "See bench/README.md for the method.\n"
            )
        with RESULTS.open("a") as fh:
            fh.write("\n" + report)
        log(f"appended to {RESULTS.relative_to(ROOT)}")


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    try:
        facts, query, baselines, results = run(args)
    except BenchError as exc:
        log(f"FAILED: {exc}")
        return 2
    body, all_met = table(baselines, results)
    header = heading("run_bench.py", argv) + (
        f"- data: SQLite (WAL), demo city + synthetic services = {facts['services']} published services; "
        f"search term `{query}`\n"
        f"- server: gunicorn, {args.workers} sync workers, DEBUG off, 127.0.0.1; "
        f"load: wrk -t{args.threads} -c{args.connections} -d{args.duration} --latency, after a {args.warmup} warm-up "
        f"per URL\n"
        f"- machine: {machine()}\n"
        f"- ratio: each page's req/s over the mean of the /healthz runs just before and just after it; "
        f"/healthz ranged {min(b['rps'] for b in baselines):.0f}-{max(b['rps'] for b in baselines):.0f} req/s "
        f"over the run (the wider, the noisier the machine)\n"
    )
    if args.note:
        header += f"- note: {args.note}\n"
    publish(f"{header}\n{body}\n\n{verdict(all_met, started)}", args.record)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
