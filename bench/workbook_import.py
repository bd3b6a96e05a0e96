"""How fast, and in how much memory, a big portfolio workbook imports, against openpyxl only reading its cells.

    .venv/bin/python bench/workbook_import.py                      # 1,000,000 attendance rows, SQLite and PostgreSQL
    .venv/bin/python bench/workbook_import.py --engine sqlite      # SQLite only
    .venv/bin/python bench/workbook_import.py --attendance 200000 --events 2000 --people 40000
    .venv/bin/python bench/workbook_import.py --attendance 100000 --updates   # then a workbook changing every row

The workbook is generated once (write-only, streamed) and kept in --workdir. In the same run, openpyxl's read-only
reader reads every cell of it (the reference: issue 14 asks the import to take at most 1.0x that time on SQLite,
1.5x on PostgreSQL), then the workbook is imported into each engine. Each of these runs in a fresh child process,
so that its peak resident memory is its own. The machine may be busy: CPU seconds are printed beside wall seconds,
and the ratios are given for both. With --updates, a second workbook, in which every person and every attendance
differs, is then imported over the first: the figures of rows updated rather than created. Not part of the test
suite.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generate(path: Path, *, events: int, people: int, attendance: int, changed: bool = False) -> None:
    """Write the workbook; `changed`: with another last name for every person and another role for every attendance."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("regions")
    sheet.append(["code", "name"])
    sheet.append(["EE", "Eastern Europe"])
    sheet = workbook.create_sheet("partners")
    sheet.append(["ref", "name", "type", "country"])
    for n in range(50):
        sheet.append([f"P{n:03d}", f"Partner {n}", "government", "AT"])
    sheet = workbook.create_sheet("projects")
    sheet.append(["code", "title", "region", "status", "start_date", "currency", "countries"])
    for n in range(100):
        sheet.append([f"PRJ-{n:03d}", f"Project {n}", "EE", "active", "2020-01-01", "EUR", "AT; XK"])
    sheet = workbook.create_sheet("events")
    sheet.append(["ref", "title", "type", "start_date", "end_date", "mode", "city", "country", "project", "partners"])
    for n in range(events):
        day = f"20{20 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        sheet.append(
            [
                f"EV{n:06d}",
                f"Event {n}",
                "workshop",
                day,
                day,
                "in_person",
                "Vienna",
                "AT",
                f"PRJ-{n % 100:03d}",
                f"P{n % 50:03d}",
            ]
        )
    sheet = workbook.create_sheet("participants")
    sheet.append(["ref", "first_name", "last_name", "gender", "email", "sector", "country", "consent"])
    genders = ("female", "male", "other", "undisclosed")
    for n in range(people):
        sheet.append(
            [
                f"PER{n:07d}",
                f"First{n}",
                f"{'Changed' if changed else 'Last'}{n}",
                genders[n % 4],
                f"person{n}@example.org",
                "government",
                "AT",
                "yes",
            ]
        )
    sheet = workbook.create_sheet("attendance")
    sheet.append(["event", "participant", "role", "mode", "attended"])
    per_event = attendance // events
    role = "speaker" if changed else "participant"
    for e in range(events):
        for k in range(per_event):
            sheet.append([f"EV{e:06d}", f"PER{(e * per_event + k) % people:07d}", role, "in_person", "yes"])
    workbook.save(path)


def read_cells(path: Path) -> dict:
    """In this process: read every cell of every sheet with openpyxl's read-only reader, as the import once did."""
    from openpyxl import load_workbook

    started, cpu_started = time.perf_counter(), time.process_time()
    workbook = load_workbook(path, read_only=True, data_only=False)
    cells = 0
    for worksheet in workbook.worksheets:
        worksheet.reset_dimensions()
        for row in worksheet.iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return {
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(time.process_time() - cpu_started, 1),
        "cells": cells,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_import(path: Path, url: str, times: int, changed: Path | None = None) -> dict:
    """In this process: create the schema, import the workbook `times` times, then the `changed` one if given,
    report figures."""
    from flask_babel import force_locale

    from portal import create_app
    from portal.exchange import services
    from portal.extensions import db

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    figures = {}
    with app.app_context(), force_locale("en"):
        db.create_all()
        runs = [(f"import {run}", path) for run in range(1, times + 1)]
        for name, workbook in runs + ([("import changed", changed)] if changed else []):
            started, cpu_started = time.perf_counter(), time.process_time()
            report = services.import_workbook(workbook)
            db.session.commit()
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            rows = sum(c.created + c.updated + c.unchanged + c.rejected for c in report.counts.values())
            assert report.ok, [str(p) for p in report.problems[:20]]
            figures[name] = {
                "wall_s": round(wall, 1),
                "cpu_s": round(cpu, 1),
                "rows": rows,
                "rows_per_s": round(rows / wall),
                "rows_per_cpu_s": round(rows / cpu),
                "attendance": vars(report.counts["attendance"]),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
            with path.with_suffix(".progress").open("a") as progress:
                progress.write(f"{url.split(':')[0]} {json.dumps(figures[name])}\n")
        db.engine.dispose()
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def _child(*args: str) -> dict:
    """Run this script with `args` in a fresh process; the figures it prints."""
    child = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if child.returncode != 0:
        sys.exit(child.stderr)
    return json.loads(child.stdout.strip().splitlines()[-1])


def _import_into(engine: str, path: Path, workdir: Path, times: int, changed: Path | None) -> dict:
    server = None
    if engine == "postgresql":
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        url = server.create_database(f"bench_{int(time.time())}")
    else:
        database = workdir / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{database}"
    try:
        return _child(
            "--times", str(times), *(("--changed", str(changed)) if changed else ()), "--child", str(path), url
        )
    finally:
        if server is not None:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attendance", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--times", type=int, default=1, help="import the same workbook this often (2: idempotent)")
    parser.add_argument(
        "--updates", action="store_true", help="then import a workbook that changes every person and attendance"
    )
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "portal-bench")
    parser.add_argument("--child", nargs=2, metavar=("WORKBOOK", "URL"), help=argparse.SUPPRESS)
    parser.add_argument("--child-read", metavar="WORKBOOK", help=argparse.SUPPRESS)
    parser.add_argument("--changed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_import(Path(args.child[0]), args.child[1], args.times, args.changed)))
        return
    if args.child_read:
        print(json.dumps(read_cells(Path(args.child_read))))
        return

    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"portfolio-{args.attendance}-{args.events}-{args.people}.xlsx"
    changed = path.with_name(f"{path.stem}-changed.xlsx") if args.updates else None
    for workbook in (path, changed):
        if workbook is not None and not workbook.exists():
            started = time.perf_counter()
            sizes = {"events": args.events, "people": args.people, "attendance": args.attendance}
            generate(workbook, **sizes, changed=workbook == changed)
            print(
                f"generated {workbook} ({workbook.stat().st_size / 2**20:.1f} MB) in "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
    reference = _child("--child-read", str(path))
    print(f"openpyxl reads every cell (the reference): {reference}", flush=True)
    engines = ("sqlite", "postgresql") if args.engine == "both" else (args.engine,)
    for engine in engines:
        figures = _import_into(engine, path, args.workdir, args.times, changed)
        print(f"engine: {engine}")
        for name, value in figures.items():
            if isinstance(value, dict):
                value = {
                    **value,
                    "x_read_wall": round(value["wall_s"] / reference["wall_s"], 2),
                    "x_read_cpu": round(value["cpu_s"] / reference["cpu_s"], 2),
                }
            print(f"{name}: {value}", flush=True)


if __name__ == "__main__":
    main()
