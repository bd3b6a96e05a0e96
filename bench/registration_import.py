"""How long a registration list takes to import through the upload page, preview then commit, next to the floor:
openpyxl reading the same workbook and doing nothing else.

    .venv/bin/python bench/registration_import.py                  # 2,000 rows into SQLite in a temporary folder
    .venv/bin/python bench/registration_import.py --postgresql     # also a throwaway PostgreSQL server
    .venv/bin/python bench/registration_import.py --rows 5000      # the longest list the page accepts

The list goes into an event of a database that holds 1,000 people: 500 of them have the e-mail address of a row
of the list and are matched, the other 500 are not in it; every other row creates a person. Each round starts from
fresh tables, signs an officer in and drives the pages with Flask's test client as a browser would: upload (POST
/events/<id>/import: read, check and store the file), preview (GET /events/<id>/import/<token>: the review page),
commit (POST /events/<id>/import/<token>/commit). Each timing is the best of three. Not part of the test suite.
"""

import argparse
import io
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 3
EXISTING = 1_000
MATCHED = 500
PASSWORD = "bench officer password"  # noqa: S105 - a throwaway account in a throwaway database
HEADER = ["First name", "Last name", "E-mail", "Gender", "Organisation", "Sector", "Country", "Role", "Attended"]


def registration_list(rows: int) -> tuple[bytes, list[str]]:
    """The list as .xlsx bytes, and the e-mail addresses of its rows that belong to existing people."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    genders, sectors = ("female", "male", "F", "m"), ("government", "academia", "international organisation")
    for n in range(rows):
        sheet.append(
            [
                f"First{n}",
                f"Last{n}",
                f"person{n}@example.org",
                genders[n % 4],
                f"Organisation {n % 40}",
                sectors[n % 3],
                ("AT", "Senegal", "FR", "Kosovo")[n % 4],
                "speaker" if n % 50 == 0 else "",
                "yes" if n % 10 else "no",
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    step = max(rows // MATCHED, 1)
    return output.getvalue(), [f"person{n}@example.org" for n in range(0, rows, step)][:MATCHED]


def read_with_openpyxl(content: bytes) -> list[tuple]:
    """The floor: every row of the first sheet as values, read the way the import reads it."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def fresh_database(app, matched_emails: list[str]) -> int:
    """Empty tables, one officer, one event and the existing people; the event's id."""
    from portal.accounts.models import Role, User
    from portal.events.models import Event, EventMode, EventType
    from portal.extensions import db
    from portal.participants.models import Gender, Person, Sector

    with app.app_context():
        db.drop_all()
        db.create_all()
        officer = User(email="officer@example.org", name="Bench Officer", role=Role.OFFICER)
        officer.set_password(PASSWORD)
        event = Event(
            ref="EV-BENCH",
            title="Regional workshop on labour migration",
            type=EventType.WORKSHOP,
            start_date=date(2021, 3, 1),
            end_date=date(2021, 3, 3),
            mode=EventMode.IN_PERSON,
            city="Vienna",
            country="AT",
        )
        emails = matched_emails + [f"elsewhere{k}@example.org" for k in range(EXISTING - len(matched_emails))]
        people = [
            Person(
                ref=f"OLD{k:05d}",
                first_name="Existing",
                last_name=f"Person{k}",
                gender=Gender.UNDISCLOSED,
                sector=Sector.OTHER,
                email=email,
            )
            for k, email in enumerate(emails)
        ]
        db.session.add_all([officer, event, *people])
        db.session.commit()
        return event.id


def one_round(app, content: bytes, event_id: int) -> dict[str, float]:
    """Sign in, then upload, preview and commit the list through the pages; each step's seconds."""
    client = app.test_client()
    response = client.post("/login", data={"email": "officer@example.org", "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    seconds = {}

    started = time.perf_counter()
    response = client.post(
        f"/events/{event_id}/import",
        data={"file": (io.BytesIO(content), "registration-list.xlsx")},
        content_type="multipart/form-data",
    )
    seconds["upload"] = time.perf_counter() - started
    assert response.status_code == 302 and "/import/" in response.headers["Location"], response.headers
    review = response.headers["Location"]

    started = time.perf_counter()
    response = client.get(review)
    page = response.get_data(as_text=True)
    seconds["preview"] = time.perf_counter() - started
    assert response.status_code == 200 and 'id="preview-rows"' in page and 'id="rejected-rows"' not in page

    started = time.perf_counter()
    response = client.post(f"{review}/commit")
    seconds["commit"] = time.perf_counter() - started
    assert response.status_code == 302 and "/import/" not in response.headers["Location"], "the commit was refused"
    return seconds


def check_imported(app, rows: int, matched: int) -> None:
    import sqlalchemy as sa

    from portal.extensions import db
    from portal.participants.models import Attendance, Person

    with app.app_context():
        people = db.session.scalar(sa.select(sa.func.count()).select_from(Person))
        attendances = db.session.scalar(sa.select(sa.func.count()).select_from(Attendance))
    assert (people, attendances) == (EXISTING + rows - matched, rows), (people, attendances)


def measure(url: str, *, rows: int) -> None:
    from portal import create_app
    from portal.extensions import db

    app = create_app(
        {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    )
    content, matched_emails = registration_list(rows)
    read_with_openpyxl(content)  # warm up the imports for both sides alike
    floor = best_of(ROUNDS, lambda: read_with_openpyxl(content))

    rounds = []
    for _ in range(ROUNDS):
        event_id = fresh_database(app, matched_emails)
        rounds.append(one_round(app, content, event_id))
        check_imported(app, rows, len(matched_emails))
    with app.app_context():
        engine = db.engine.dialect.name
        db.engine.dispose()

    best = {step: min(r[step] for r in rounds) for step in ("upload", "preview", "commit")}
    both = min(r["preview"] + r["commit"] for r in rounds)
    print(
        f"{engine}: {rows:,} rows ({len(content) / 1024:.0f} KB), {EXISTING:,} people before of whom "
        f"{len(matched_emails):,} are in the list: {rows - len(matched_emails):,} created, "
        f"{len(matched_emails):,} matched; best of {ROUNDS}"
    )
    print(f"  {'floor: openpyxl reads the workbook':<38} {floor * 1000:8.0f} ms {rows / floor:10,.0f} rows/s")
    for step, label in (
        ("upload", "upload (read, check, store the rows)"),
        ("preview", "preview (the review page)"),
        ("commit", "commit"),
    ):
        seconds = best[step]
        print(f"  {label:<38} {seconds * 1000:8.0f} ms {rows / seconds:10,.0f} rows/s   ratio {seconds / floor:5.1f}")
    print(f"  {'preview + commit':<38} {both * 1000:8.0f} ms {rows / both:10,.0f} rows/s   ratio {both / floor:5.1f}")
    print(
        "  rounds (upload / preview / commit, ms): "
        + "; ".join(" / ".join(f"{r[step] * 1000:.0f}" for step in ("upload", "preview", "commit")) for r in rounds),
        flush=True,
    )


def main() -> None:
    from portal.participants.importing import MAX_ROWS

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2_000, help="rows of the registration list (default 2,000)")
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument("--postgresql", action="store_true", help="also start a throwaway PostgreSQL server")
    args = parser.parse_args()
    if not 1 <= args.rows <= MAX_ROWS:
        parser.error(f"--rows: between 1 and {MAX_ROWS:,}, the most the upload page accepts")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
            measure(f"sqlite:///{folder}/bench.db", rows=args.rows)
    if args.postgresql:
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        try:
            measure(server.create_database("bench"), rows=args.rows)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
