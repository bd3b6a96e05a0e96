"""How long the key figures of a year take on a large portfolio, next to the floor: one hand-written SQL query
per figure on the same database.

    .venv/bin/python bench/key_figures.py                          # SQLite file in /tmp, built once
    .venv/bin/python bench/key_figures.py --postgresql              # also a throwaway PostgreSQL server
    .venv/bin/python bench/key_figures.py --postgresql-url URL      # or an existing, empty PostgreSQL database
    .venv/bin/python bench/key_figures.py --scale 0.1               # a tenth of the size, to try it out

The portfolio: 2,000 projects, 50,000 events over ten years, 200,000 people, 1,000,000 attendance records
(bulk inserts in batches; COPY on PostgreSQL). Each timing is the best of three. Not part of the test suite.
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2021
FIRST_YEAR, LAST_YEAR = 2016, 2025
CURRENCIES = ("EUR", "USD", "GBP", "CHF")
CITIES = (
    "Vienna",
    " vienna ",
    "Brussels",
    "Tunis",
    "Rabat",
    "Tbilisi",
    "Islamabad",
    "Abuja",
    "Skopje",
    "Kyiv",
    "Dakar",
    "Amman",
    "Beirut",
    "Baku",
    "Yerevan",
    "Tirana",
    "Sarajevo",
    "Ankara",
    "Cairo",
    "Nairobi",
)
COUNTRIES = (
    "AT",
    "BE",
    "TN",
    "MA",
    "GE",
    "PK",
    "NG",
    "MK",
    "UA",
    "SN",
    "JO",
    "LB",
    "AZ",
    "AM",
    "AL",
    "BA",
    "TR",
    "EG",
    "KE",
    "XK",
    "ML",
    "NE",
    "IQ",
    "AF",
    "BD",
    "LY",
    "SD",
    "ET",
    "GH",
    "CI",
)
BATCH = 20_000


def build(engine, scale: float, rnd: random.Random) -> None:
    """Fill an empty schema with the synthetic portfolio."""
    from portal.events.models import EventMode, EventType
    from portal.extensions import db
    from portal.funding.models import RevenueType
    from portal.participants.models import AttendanceRole, Gender, Sector
    from portal.partners.models import PartnerType
    from portal.projects.models import ProjectStatus

    tables = db.metadata.tables
    n_projects, n_events = int(2_000 * scale), int(50_000 * scale)
    n_people, n_attendance = int(200_000 * scale), int(1_000_000 * scale)
    now = date(2026, 1, 1)
    rows = {
        name: []
        for name in (
            "regions",
            "donor_categories",
            "exchange_rates",
            "duty_stations",
            "partners",
            "dialogues",
            "projects",
            "project_dialogues",
            "project_countries",
            "contributions",
            "expenditures",
            "revenues",
            "events",
            "event_partners",
            "people",
            "attendances",
        )
    }
    rows["regions"] = [{"id": i + 1, "code": f"R{i}", "name": f"Region {i}", "version": 1} for i in range(7)]
    rows["donor_categories"] = [{"id": i + 1, "code": f"D{i}", "name": f"Donors {i}", "version": 1} for i in range(4)]
    rows["exchange_rates"] = [
        {"currency": c, "year": y, "rate": Decimal(str(round(rnd.uniform(0.6, 1.4), 6))), "version": 1}
        for c in CURRENCIES[1:]
        for y in range(2000, 2031)
    ]
    rows["duty_stations"] = [
        {
            "id": i + 1,
            "ref": f"DS{i}",
            "city": f"City {i}",
            "country": COUNTRIES[i % 30],
            "opened_on": date(2005 + i % 20, 1, 1),
            "closed_on": None,
            "version": 1,
        }
        for i in range(40)
    ]
    rows["partners"] = [
        {
            "id": i + 1,
            "ref": f"P{i}",
            "name": f"Partner {i}",
            "type": PartnerType.GOVERNMENT,
            "donor_category_id": (i % 5 + 1) if i % 5 < 4 else None,
            "country": COUNTRIES[i % 30],
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(300)
    ]
    rows["dialogues"] = [
        {
            "id": i + 1,
            "code": f"DLG{i}",
            "name": f"Dialogue {i}",
            "region_id": i + 1,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(5)
    ]
    statuses = (ProjectStatus.ACTIVE, ProjectStatus.ACTIVE, ProjectStatus.CLOSED, ProjectStatus.PIPELINE)
    for p in range(1, n_projects + 1):
        start = date(2010, 1, 1) + timedelta(days=rnd.randrange(15 * 365))
        end = None if p % 10 == 0 else start + timedelta(days=rnd.randrange(365, 6 * 365))
        rows["projects"].append(
            {
                "id": p,
                "code": f"PRJ-{p:05d}",
                "title": f"Project {p}",
                "region_id": p % 7 + 1,
                "status": statuses[p % 4],
                "start_date": start,
                "end_date": end,
                "currency": CURRENCIES[p % 4],
                "duty_station_id": p % 40 + 1,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        # a third of the projects support a dialogue, one in fifteen a second one
        supported = [p % 5 + 1, (p + 1) % 5 + 1][: (p % 3 == 0) + (p % 15 == 0)]
        rows["project_dialogues"] += [{"project_id": p, "dialogue_id": d} for d in supported]
        for country in rnd.sample(COUNTRIES, rnd.randint(1, 4)):
            rows["project_countries"].append({"project_id": p, "country": country})
        for k in range(rnd.randint(0, 4)):
            rows["contributions"].append(
                {
                    "ref": f"C{p}-{k}",
                    "project_id": p,
                    "donor_id": rnd.randint(1, 300),
                    "amount": Decimal(rnd.randrange(10_000_00, 5_000_000_00)) / 100,
                    "currency": CURRENCIES[(p + k) % 4],
                    "signed_on": start + timedelta(days=rnd.randrange(400)),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        for y in range(max(start.year, FIRST_YEAR), min((end or now).year, LAST_YEAR) + 1):
            rows["expenditures"].append(
                {
                    "project_id": p,
                    "year": y,
                    "currency": CURRENCIES[p % 4],
                    "amount": Decimal(rnd.randrange(1_000_00, 2_000_000_00)) / 100,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        for k in range(30):
            rows["revenues"].append(
                {
                    "ref": f"REV{y}-{k}",
                    "year": y,
                    "type": list(RevenueType)[k % 3],
                    "partner_id": rnd.randint(1, 300) if k % 4 else None,
                    "amount": Decimal(rnd.randrange(1_000_00, 500_000_00)) / 100,
                    "currency": CURRENCIES[k % 4],
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    types, modes = list(EventType), list(EventMode)
    recorded = []
    for e in range(1, n_events + 1):
        start = date(FIRST_YEAR, 1, 1) + timedelta(days=rnd.randrange(10 * 365))
        mode = modes[e % 3]
        rows["events"].append(
            {
                "id": e,
                "ref": f"EV{e:06d}",
                "title": f"Event {e}",
                "type": types[e % 10],
                "start_date": start,
                "end_date": start + timedelta(days=rnd.choice((0, 0, 1, 2, 4))),
                "mode": mode,
                "city": None if mode == EventMode.ONLINE else CITIES[e % 20],
                "country": None if mode == EventMode.ONLINE else COUNTRIES[e % 30],
                "project_id": rnd.randint(1, n_projects) if e % 4 else None,
                "dialogue_id": rnd.randint(1, 5) if e % 4 == 0 else None,
                "in_person_count": rnd.randint(5, 80),
                "online_count": rnd.randint(0, 40) if e % 2 else None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        for partner in rnd.sample(range(1, 301), 2):
            rows["event_partners"].append({"event_id": e, "partner_id": partner})
        if e % 5 < 3:
            recorded.append(e)
    genders, sectors = list(Gender), list(Sector)
    rows["people"] = [
        {
            "id": i,
            "ref": f"PER{i:07d}",
            "first_name": f"First{i}",
            "last_name": f"Last{i}",
            "gender": genders[i % 4],
            "sector": sectors[i % 5],
            "country": COUNTRIES[i % 30],
            "consent": True,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(1, n_people + 1)
    ]
    per_event, extra = divmod(n_attendance, len(recorded))
    for index, e in enumerate(recorded):
        size = per_event + (index < extra)
        first = rnd.randrange(1, n_people - size)
        for person in range(first, first + size):
            rows["attendances"].append(
                {
                    "event_id": e,
                    "person_id": person,
                    "role": AttendanceRole.PARTICIPANT,
                    "mode": None,
                    "attended": person % 9 != 0,
                    "version": 1,
                }
            )
    with engine.begin() as connection:
        for name, data in rows.items():
            started = time.perf_counter()
            if connection.dialect.name == "postgresql" and len(data) > BATCH:
                _copy(connection, tables[name], data)
            else:
                for i in range(0, len(data), BATCH):
                    connection.execute(tables[name].insert(), data[i : i + BATCH])
            print(f"  {name}: {len(data):,} rows in {time.perf_counter() - started:.1f} s", flush=True)
        if connection.dialect.name == "postgresql":
            for name in (
                "regions",
                "donor_categories",
                "duty_stations",
                "partners",
                "dialogues",
                "projects",
                "events",
                "people",
            ):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                )
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def _copy(connection, table, data) -> None:
    """PostgreSQL COPY; enum members go in as their names, as SQLAlchemy stores them."""
    columns = list(data[0])
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in data:
            copy.write_row([value.name if isinstance(value, Enum) else value for value in row.values()])


def floor_queries(dialect: str) -> dict[str, str]:
    """One hand-written query per figure: what the database needs at least (missing rates are not checked)."""
    first, last = f"'{YEAR}-01-01'", f"'{YEAR}-12-31'"
    signed = (
        "CAST(strftime('%Y', c.signed_on) AS INTEGER)"
        if dialect == "sqlite"
        else "CAST(EXTRACT(year FROM c.signed_on) AS INTEGER)"
    )
    days = (
        "CAST(julianday(end_date) - julianday(start_date) AS INTEGER) + 1"
        if dialect == "sqlite"
        else "end_date - start_date + 1"
    )
    attended = "a.attended" if dialect == "postgresql" else "a.attended = 1"
    portfolio = f"p.status <> 'PIPELINE' AND p.start_date <= {last} AND (p.end_date IS NULL OR p.end_date >= {first})"
    in_year = f"e.start_date BETWEEN {first} AND {last}"

    def rate(alias, year):
        return (
            f"LEFT JOIN exchange_rates r_{alias} ON r_{alias}.currency = {alias}.currency AND r_{alias}.year = {year}"
        )

    def converted(alias):
        return f"ROUND({alias}.amount * COALESCE(r_{alias}.rate, 1), 2)"

    return {
        "projects": f"SELECT count(*) FROM projects p WHERE {portfolio}",
        "countries": f"SELECT count(DISTINCT pc.country) FROM project_countries pc JOIN projects p "
        f"ON p.id = pc.project_id WHERE {portfolio}",
        "contracted_volume": f"SELECT sum({converted('c')}) FROM contributions c JOIN projects p "
        f"ON p.id = c.project_id {rate('c', signed)} WHERE {portfolio}",
        "duty_stations": f"SELECT count(*) FROM duty_stations WHERE (opened_on IS NULL OR opened_on <= {last}) "
        f"AND (closed_on IS NULL OR closed_on >= {first})",
        "conferences": f"SELECT count(*) FROM events e WHERE {in_year} "
        "AND type IN ('CONFERENCE', 'MINISTERIAL_CONFERENCE')",
        "trainings_meetings_workshops": f"SELECT count(*) FROM events e WHERE {in_year} "
        "AND type NOT IN ('CONFERENCE', 'MINISTERIAL_CONFERENCE')",
        "event_days": f"SELECT sum({days}) FROM events e WHERE {in_year}",
        "locations": f"SELECT count(DISTINCT country || '|' || lower(trim(city))) FROM events e WHERE {in_year} "
        "AND mode IN ('IN_PERSON', 'HYBRID') AND city IS NOT NULL",
        "participants": f"SELECT sum(CASE WHEN r.n > 0 THEN r.att ELSE COALESCE(e.in_person_count, 0) "
        f"+ COALESCE(e.online_count, 0) END) FROM events e LEFT JOIN (SELECT a.event_id, "
        f"count(*) AS n, sum(CASE WHEN {attended} THEN 1 ELSE 0 END) AS att FROM attendances a "
        f"JOIN events e ON e.id = a.event_id WHERE {in_year} GROUP BY a.event_id) r "
        f"ON r.event_id = e.id WHERE {in_year}",
        "unique_participants": f"SELECT count(DISTINCT a.person_id) FROM attendances a JOIN events e "
        f"ON e.id = a.event_id WHERE {attended} AND {in_year}",
        "partners": f"SELECT count(DISTINCT ep.partner_id) FROM event_partners ep JOIN events e "
        f"ON e.id = ep.event_id WHERE {in_year}",
        "participants_by_gender": f"SELECT pe.gender, count(*) FROM attendances a JOIN events e "
        f"ON e.id = a.event_id JOIN people pe ON pe.id = a.person_id "
        f"WHERE {attended} AND {in_year} GROUP BY pe.gender",
        "participants_by_sector": f"SELECT pe.sector, count(*) FROM attendances a JOIN events e "
        f"ON e.id = a.event_id JOIN people pe ON pe.id = a.person_id "
        f"WHERE {attended} AND {in_year} GROUP BY pe.sector",
        "revenue_by_type": f"SELECT v.type, sum({converted('v')}) FROM revenues v {rate('v', 'v.year')} "
        f"WHERE v.year = {YEAR} GROUP BY v.type",
        "revenue_project": f"SELECT sum({converted('x')}) FROM expenditures x {rate('x', 'x.year')} "
        f"WHERE x.year = {YEAR}",
        "implementation_by_region": f"SELECT p.region_id, sum({converted('x')}) FROM expenditures x "
        f"JOIN projects p ON p.id = x.project_id {rate('x', 'x.year')} "
        f"WHERE x.year = {YEAR} GROUP BY p.region_id",
        "implementation_by_funding": (
            f"WITH spent AS (SELECT x.project_id, {converted('x')} AS amount FROM expenditures x "
            f"{rate('x', 'x.year')} WHERE x.year = {YEAR}), "
            f"given AS (SELECT c.project_id, pa.donor_category_id AS cat, {converted('c')} AS amount "
            f"FROM contributions c JOIN partners pa ON pa.id = c.donor_id {rate('c', signed)} "
            f"WHERE c.project_id IN (SELECT project_id FROM spent)), "
            f"totals AS (SELECT project_id, sum(amount) AS total FROM given GROUP BY project_id) "
            f"SELECT cat, sum(amount) FROM (SELECT g.cat, s.amount * g.amount / t.total AS amount FROM spent s "
            f"JOIN given g ON g.project_id = s.project_id JOIN totals t ON t.project_id = s.project_id "
            f"WHERE t.total > 0 UNION ALL SELECT pa.donor_category_id, {converted('v')} FROM revenues v "
            f"LEFT JOIN partners pa ON pa.id = v.partner_id {rate('v', 'v.year')} WHERE v.year = {YEAR}) u "
            f"GROUP BY cat"
        ),
        "implementation_by_year": (
            f"SELECT y, sum(amount) FROM (SELECT x.year AS y, {converted('x')} AS amount FROM expenditures x "
            f"{rate('x', 'x.year')} WHERE x.year BETWEEN {YEAR - 5} AND {YEAR} UNION ALL "
            f"SELECT v.year, {converted('v')} FROM revenues v {rate('v', 'v.year')} "
            f"WHERE v.year BETWEEN {YEAR - 5} AND {YEAR}) u GROUP BY y"
        ),
    }


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(url: str, *, scale: float, rebuild: bool) -> None:
    from portal import create_app
    from portal.extensions import db
    from portal.reports.queries import key_figures, key_figures_document

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            has_data = (
                engine.dialect.has_table(connection, "attendances")
                and connection.exec_driver_sql("SELECT count(*) FROM attendances").scalar()
            )
        if rebuild or not has_data:
            db.drop_all()
            db.create_all()
            print(f"building the portfolio in {engine.dialect.name} ...", flush=True)
            started = time.perf_counter()
            build(engine, scale, random.Random(2021))
            print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        with engine.connect() as connection:
            counts = {
                name: connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar()
                for name in ("projects", "events", "people", "attendances")
            }
        print(f"{engine.dialect.name}: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))

        def portal():
            document = key_figures_document(key_figures(db.session, YEAR, reporting_currency="EUR"))
            db.session.rollback()
            return document

        queries = floor_queries(engine.dialect.name)
        with engine.connect() as connection:
            for sql in queries.values():  # warm the cache for both sides alike
                connection.exec_driver_sql(sql).fetchall()
        portal()
        ours = best_of(3, portal)
        floor = {}
        with engine.connect() as connection:
            for name, sql in queries.items():
                floor[name] = best_of(3, lambda sql=sql: connection.exec_driver_sql(sql).fetchall())
        total = sum(floor.values())
        for name, seconds in floor.items():
            print(f"  floor {name:<30} {seconds * 1000:8.1f} ms")
        document = portal()
        print(
            f"  key figures {YEAR}: {document['projects']} projects, {document['conferences']} conferences, "
            f"{document['participants']:,} participants, revenue {document['revenue']['total']}"
        )
        print(
            f"{engine.dialect.name}: key_figures() {ours * 1000:.0f} ms, floor (sum of {len(floor)} queries) "
            f"{total * 1000:.0f} ms, ratio {ours / total:.2f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sqlite",
        default=str(Path(tempfile.gettempdir()) / "portal-bench-key-figures.db"),
        help="SQLite file (built once)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument("--postgresql", action="store_true", help="also start a throwaway PostgreSQL server")
    parser.add_argument("--postgresql-url", help="an existing PostgreSQL database to fill and measure")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--rebuild", action="store_true", help="build the SQLite portfolio again")
    args = parser.parse_args()
    if not args.no_sqlite:
        measure(f"sqlite:///{args.sqlite}", scale=args.scale, rebuild=args.rebuild)
    if args.postgresql_url:
        measure(args.postgresql_url, scale=args.scale, rebuild=True)
    elif args.postgresql:
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        try:
            measure(server.create_database("bench"), scale=args.scale, rebuild=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
