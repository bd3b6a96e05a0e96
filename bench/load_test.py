"""Load test on loopback (security.md R8, X5): gunicorn with the shipped settings (gunicorn.conf.py) and 4 sync
workers, first on a SQLite file, then on a throwaway PostgreSQL; 16 signed-in clients mix reads, writes and
sign-ins for --seconds (every fourth client shares its account with another, and both sign in again now and
then); then request rate, latency percentiles, 5xx, conflicts (409), "database is locked", and a check that
every acknowledged write is in the database.

    .venv/bin/python bench/load_test.py [--seconds 60] [--clients 16] [--workers 4] [--engine sqlite|postgresql]

Not part of the test suite. Everything it starts listens on 127.0.0.1 and is stopped before it returns."""

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench passphrase not common"  # noqa: S105 - the bench's throwaway accounts
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
SETUP = r"""
import sys
import sqlalchemy as sa
from flask_migrate import upgrade
from portal import create_app
from portal.extensions import db
from tests import factories

app = create_app()
with app.app_context():
    try:
        upgrade()
    except Exception as error:  # a migration for new tables may not exist yet
        print("flask db upgrade:", type(error).__name__, error, file=sys.stderr)
        db.session.rollback()
    db.create_all()
    inspector = sa.inspect(db.engine)
    missing = [f"{t.name}.{c.name}" for t in db.metadata.sorted_tables for c in t.columns
               if c.name not in {col["name"] for col in inspector.get_columns(t.name)}]
    if missing:  # models ahead of the migrations: build the throwaway schema from the models instead
        print("schema from create_all; migrations lack", ", ".join(missing), file=sys.stderr)
        db.drop_all()
        db.create_all()
    clients = int(sys.argv[1])
    for n in range(clients):
        factories.user("officer", password=sys.argv[2], email=f"bench{n}@example.org", name=f"Bench {n}")
    region = factories.region()
    partners = [factories.partner() for _ in range(20)]
    projects = [factories.project(region=region) for _ in range(40)]
    for project in projects[:20]:
        factories.contribution(project, partners[0], "1000.00")
    events = [factories.event() for _ in range(20)]
    db.session.commit()
    print(",".join(str(p.id) for p in projects), ",".join(str(p.id) for p in partners),
          ",".join(str(e.id) for e in events))
"""
VERIFY = r"""
import json, sys
import sqlalchemy as sa
from portal import create_app
from portal.accounts.models import User
from portal.audit.models import AuditEntry
from portal.extensions import db

app = create_app()
with app.app_context():
    names = dict(db.session.execute(sa.select(User.email, User.name)).all())
    logged = {}
    for record_id, changes in db.session.execute(sa.select(AuditEntry.record_id, AuditEntry.changes).where(
            AuditEntry.record_type == "User", AuditEntry.action == "update")):
        if changes and "name" in json.loads(changes):
            logged.setdefault(record_id, []).append(json.loads(changes)["name"][1])
    ids = dict(db.session.execute(sa.select(User.email, User.id)).all())
    print(json.dumps({"names": names, "logged": {email: logged.get(i, []) for email, i in ids.items()}}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One browser: its own cookie, CSRF token, and log of requests."""

    def __init__(self, port: int, email: str):
        self.port, self.email = port, email
        self.cookie = None
        self.token = None
        self.samples: list[tuple[float, int]] = []
        self.acked_names: list[str] = []
        self.errors: list[str] = []

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"User-Agent": f"bench/{self.email}"}
        body = None
        if self.cookie:
            headers["Cookie"] = self.cookie
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        self.samples.append((time.perf_counter() - started, response.status))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.split("=", 1)[0] in ("session", "__Host-session"):
                self.cookie = value.split(";", 1)[0]
        if response.status >= 500 or response.status == 409:
            self.errors.append(f"{method} {path} {response.status}: {text[:200]}")
        return response.status, text

    def csrf_from(self, html: str) -> str:
        match = CSRF.search(html)
        if not match:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1) or match.group(2)

    def sign_in(self) -> None:
        """Sign in afresh, as a new browser window of the same person would (the old session is dropped)."""
        self.cookie = None
        _, html = self.request("GET", "/login")
        status, _ = self.request(
            "POST", "/login", {"csrf_token": self.csrf_from(html), "email": self.email, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"sign-in of {self.email} answered {status}")
        _, html = self.request("GET", "/profile")
        self.token = self.csrf_from(html)

    def run(self, until: float, reads: list[str], rng: random.Random) -> None:
        n = 0
        while time.monotonic() < until:
            draw = rng.random()
            if draw < 0.05:
                try:
                    self.sign_in()
                except RuntimeError as error:
                    self.errors.append(str(error))
                    return
            elif draw < 0.3:
                n += 1
                name = f"{self.email.split('@')[0]} v{n}"
                status, _ = self.request(
                    "POST", "/profile", {"csrf_token": self.token, "profile-name": name, "profile-language": "en"}
                )
                if status == 302:
                    self.acked_names.append(name)
            else:
                self.request("GET", rng.choice(reads))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def python(script: str, env: dict, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout.strip().splitlines()[-1]


def wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 300) -> None:
    """Until the workers answer (they import the whole app first, which is slow on a busy machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", "/login")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
        finally:
            connection.close()
    raise RuntimeError("gunicorn did not start")


def run_engine(label: str, url: str, args, workdir: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench-secret",
        # loopback over plain HTTP: cookies without Secure, as for `make run`
        "SESSION_COOKIE_SECURE": "0",
        "DATABASE_URL": url,
        "FLASK_APP": "wsgi",
        "PYTHONPATH": str(ROOT),
    }
    projects, partners, events = (ids.split(",") for ids in python(SETUP, env, str(args.clients), PASSWORD).split())
    reads = [
        "/profile",
        "/projects/",
        "/partners/",
        "/events/",
        *(f"/projects/{i}" for i in projects[:10]),
        *(f"/partners/{i}" for i in partners[:5]),
        *(f"/events/{i}" for i in events[:5]),
    ]
    port = free_port()
    log = workdir / f"gunicorn-{label}.log"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(log),
            "--capture-output",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_serving(port, server)
        # every fourth client uses the account of the one before it: two browsers of one person
        clients = [Client(port, f"bench{n - 1 if n % 4 == 3 else n}@example.org") for n in range(args.clients)]
        for client in clients:
            client.sign_in()
        probe = clients[0]
        reads = [path for path in reads if probe.request("GET", path)[0] == 200]
        for client in clients:
            client.samples.clear()
        started = time.monotonic()
        until = started + args.seconds
        threads = [threading.Thread(target=c.run, args=(until, reads, random.Random(i))) for i, c in enumerate(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stored = json.loads(python(VERIFY, env))
    missing = []
    for client in clients:
        logged = stored["logged"].get(client.email, [])
        # an account shared by two clients holds the last name one of them saved
        last_names = {c.acked_names[-1] for c in clients if c.email == client.email and c.acked_names}
        if last_names and stored["names"][client.email] not in last_names:
            missing.append(f"{client.email}: last saved name not stored")
        missing.extend(f"{client.email}: {name}" for name in client.acked_names if name not in logged)
    latencies = [s for c in clients for s, _ in c.samples]
    statuses = [status for c in clients for _, status in c.samples]
    log_text = log.read_text(errors="replace")
    responses_locked = sum("database is locked" in e for c in clients for e in c.errors)
    return {
        "engine": label,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rate": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "writes_acked": sum(len(c.acked_names) for c in clients),
        "status_5xx": sum(status >= 500 for status in statuses),
        "conflicts_409": sum(status == 409 for status in statuses),
        "other_non_2xx_3xx": sum(status >= 400 and status < 500 for status in statuses),
        "database_is_locked": log_text.count("database is locked") + responses_locked,
        "acked_writes_missing": len(missing),
        "read_paths": len(reads),
        "first_errors": [e for c in clients for e in c.errors][:3] + missing[:3],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        workdir = Path(tmp)
        if args.engine in ("sqlite", "both"):
            results.append(run_engine("sqlite", f"sqlite:///{workdir / 'bench.db'}", args, workdir))
        if args.engine in ("postgresql", "both"):
            from tests.pgserver import PostgresServer

            server = PostgresServer().start()
            try:
                results.append(run_engine("postgresql", server.create_database("bench"), args, workdir))
            finally:
                server.stop()
    for result in results:
        print(json.dumps(result, indent=2))
    problems = ("status_5xx", "conflicts_409", "database_is_locked", "acked_writes_missing", "first_errors")
    failed = any(r[name] for r in results for name in problems)
    print("FAILED" if failed else "OK: no 5xx, no conflict, no 'database is locked', every acknowledged write stored")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
