"""`flask backup create|restore`: a portfolio backed up and restored into an empty database comes back whole, a
backup taken while another thread writes is consistent, and what is not a backup of this portal is refused.

Each test makes databases of its own (files on SQLite, databases on the run's PostgreSQL server), migrated with
`flask db upgrade`, and really commits."""

import sqlite3
import stat
import subprocess
import threading
import uuid
import warnings
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.orm import Session

from portal import create_app
from portal.accounts import queries as account_queries
from portal.accounts import services as accounts
from portal.accounts.models import Role, User
from portal.api import services as api
from portal.config import ROOT
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.participants.models import Person
from portal.projects.models import Project
from portal.reference.models import Region, ThematicArea
from tests.concept_notes import builders
from tests.conftest import TEST_DATABASE, config_for

pytestmark = [pytest.mark.commits, pytest.mark.db]

on_sqlite = pytest.mark.skipif(TEST_DATABASE != "sqlite", reason="SQLite's backup API: runs on SQLite only")
on_postgresql = pytest.mark.skipif(
    TEST_DATABASE != "postgresql", reason="pg_dump and pg_restore: runs with TEST_DATABASE=postgresql"
)


@pytest.fixture
def portal(postgres, tmp_path):
    """portal(name, migrate=True): an app on a new database of the run's engine, migrated unless told not to."""
    apps = []

    def make(name, migrate=True, revision="head"):
        if postgres is not None:
            url = postgres.create_database(f"portal_ops_{name}_{uuid.uuid4().hex[:10]}")
        else:
            url = f"sqlite:///{tmp_path / name}.db"
        app = create_app(config_for(url, PG_BINDIR=str(postgres.bindir) if postgres else None))
        apps.append(app)
        if migrate:
            with app.app_context():
                flask_migrate.upgrade(revision=revision)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _cli(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    with app.app_context():
        db.engine.dispose()  # let the next step (another app, or pg_restore) find no connection of ours open
    return result


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def _refused(result, *words):
    assert result.exit_code != 0, result.output
    for word in words:
        assert word in result.output, result.output
    return result.output


def _scripts() -> ScriptDirectory:
    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def _load_portfolio(app):
    """The demo portfolio (about 1 s on SQLite), accounts, a concept note and an API token."""
    with app.app_context():
        load_demo(db.session)
        admin = accounts.create_user(
            email="admin@example.org", name="Admin", role=Role.ADMIN, password="a long password 1", language="fr"
        )
        applicant = accounts.create_user(
            email="applicant@example.org", name="Applicant", role=Role.APPLICANT, password="a long password 2"
        )
        builders.note(applicant)
        api.create_token(admin, "reporting")
        db.session.commit()


def _tables(app) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (all columns where there is none)."""
    with app.app_context():
        metadata = sa.MetaData()
        with warnings.catch_warnings():
            # SQLite cannot reflect the unique lower(code) indexes; the rows are what this compares
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            metadata.reflect(db.engine)
        rows = {}
        with db.engine.connect() as connection:
            for table in metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                rows[table.name] = [tuple(row) for row in connection.execute(sa.select(table).order_by(*order))]
        db.engine.dispose()
        return rows


def _project_fields(project) -> tuple:
    return project.code, project.acronym, project.title, project.status, project.start_date, project.currency


def _round_trip(portal, tmp_path):
    source = portal("source")
    _load_portfolio(source)
    path = tmp_path / "portal.backup"
    output = _ok(_cli(source, "backup", "create", str(path)))
    assert "Backup written to" in output and _scripts().get_current_head() in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data: readable by the portal's user only

    target = portal("target", migrate=False)  # a database with no tables at all
    _ok(_cli(target, "backup", "restore", str(path)))

    before, after = _tables(source), _tables(target)
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}
    assert sum(len(rows) for rows in before.values()) > 10_000
    assert sum(1 for rows in before.values() if rows) >= 30, "the loaded data should reach most tables"
    assert after == before  # every record, field by field

    with source.app_context():
        project = db.session.scalar(sa.select(Project).order_by(Project.id.desc()).limit(1))
        expected_project = (
            project.code,
            project.acronym,
            project.title,
            project.status,
            project.start_date,
            project.currency,
        )
        person = db.session.scalar(sa.select(Person).order_by(Person.id).limit(1))
        expected_person = (person.first_name, person.last_name, person.email, person.country)
        expected_admin = db.session.scalar(sa.select(User.password_hash).where(User.email == "admin@example.org"))
    with target.app_context():
        project = db.session.get(Project, project.id)
        assert _project_fields(project) == expected_project
        person = db.session.get(Person, person.id)
        assert (person.first_name, person.last_name, person.email, person.country) == expected_person
        admin = account_queries.find_user_by_email("admin@example.org")
        assert admin.password_hash == expected_admin and admin.check_password("a long password 1")
        revision = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        assert revision == _scripts().get_current_head()
        # the restored database goes on working: sequences and autoincrement continue after the restored ids
        db.session.add(Region(code="NEW", name="Added after the restore"))
        db.session.commit()
    with target.test_client() as client:
        assert client.get("/health").status_code == 200


@on_sqlite
def test_sqlite_backup_restores_every_record(portal, tmp_path):
    _round_trip(portal, tmp_path)


@on_postgresql
def test_postgresql_backup_restores_every_record(portal, tmp_path):
    _round_trip(portal, tmp_path)


def _writer(app, stop: threading.Event, written: list[int], errors: list[BaseException]):
    """Commit a region and a thematic area with the same number in each transaction, as fast as it can."""
    with app.app_context():
        engine = sa.create_engine(db.engine.url)  # its own pool, as another worker would have
    try:
        number = 0
        while not stop.is_set():
            with Session(engine) as session, session.begin():
                session.add_all(
                    [Region(code=f"writer-{number}", name="w"), ThematicArea(code=f"writer-{number}", name="w")]
                )
            number += 1
            written.append(number)
    except BaseException as error:  # reported by the test
        errors.append(error)
    finally:
        engine.dispose()


def _wait_for(written, count):
    for _ in range(2000):
        if len(written) >= count:
            return
        threading.Event().wait(0.005)
    raise AssertionError(f"the writer wrote {len(written)} transactions, expected {count}")


def _backup_while_writing(portal, tmp_path):
    source = portal("source")
    _load_portfolio(source)  # so the copy takes a while
    stop, written, errors = threading.Event(), [], []
    thread = threading.Thread(target=_writer, args=(source, stop, written, errors))
    thread.start()
    try:
        _wait_for(written, 20)
        before = len(written)
        _ok(_cli(source, "backup", "create", str(tmp_path / "busy.backup")))
        after = len(written)
        _wait_for(written, after + 20)  # the writer was not blocked by the backup
    finally:
        stop.set()
        thread.join()
    assert errors == []

    target = portal("target", migrate=False)
    _ok(_cli(target, "backup", "restore", str(tmp_path / "busy.backup")))
    with target.app_context():
        regions = set(db.session.scalars(sa.select(Region.code).where(Region.code.like("writer-%"))))
        areas = set(db.session.scalars(sa.select(ThematicArea.code).where(ThematicArea.code.like("writer-%"))))
    # one commit's view: every transaction whole (both rows or neither), and all those before it
    assert regions == areas
    assert before <= len(regions) <= after
    assert regions == {f"writer-{number}" for number in range(len(regions))}


@on_sqlite
def test_sqlite_backup_while_another_thread_writes_is_consistent(portal, tmp_path):
    _backup_while_writing(portal, tmp_path)


@on_postgresql
def test_postgresql_backup_while_another_thread_writes_is_consistent(portal, tmp_path):
    _backup_while_writing(portal, tmp_path)


def _small_backup(portal, tmp_path, name="small.backup") -> Path:
    source = portal("small")
    with source.app_context():
        db.session.add(Region(code="EU", name="Europe"))
        db.session.commit()
    path = tmp_path / name
    _ok(_cli(source, "backup", "create", str(path)))
    return path


def test_restore_refuses_a_database_with_data_unless_forced(portal, tmp_path):
    path = _small_backup(portal, tmp_path)
    target = portal("full")
    with target.app_context():
        db.session.add(Region(code="AF", name="Africa"))
        db.session.commit()
    _refused(_cli(target, "backup", "restore", str(path)), "already holds data", "--force")
    with target.app_context():
        assert set(db.session.scalars(sa.select(Region.code))) == {"AF"}

    _ok(_cli(target, "backup", "restore", "--force", str(path)))
    with target.app_context():
        assert set(db.session.scalars(sa.select(Region.code))) == {"EU"}


def test_restore_into_a_migrated_empty_database(portal, tmp_path):
    path = _small_backup(portal, tmp_path)
    target = portal("migrated")  # tables made by `flask db upgrade`, no rows: empty
    _ok(_cli(target, "backup", "restore", str(path)))
    with target.app_context():
        assert set(db.session.scalars(sa.select(Region.code))) == {"EU"}


def test_create_refuses_to_overwrite_a_file(portal, tmp_path):
    path = _small_backup(portal, tmp_path)
    before = path.read_bytes()
    _refused(_cli(portal("other"), "backup", "create", str(path)), "already exists")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_create_refuses_a_database_without_migrations(portal, tmp_path):
    app = portal("unmigrated", migrate=False)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    _refused(_cli(app, "backup", "create", str(tmp_path / "x.backup")), "alembic_version")
    assert list(tmp_path.glob("*.backup")) == [] and list(tmp_path.glob(".*")) == []


def test_restore_refuses_a_file_that_is_not_a_database(portal, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    _refused(_cli(portal("target"), "backup", "restore", str(path)), "neither an SQLite database nor a pg_dump")


def test_restore_refuses_an_sqlite_file_of_another_application(portal, tmp_path):
    other = tmp_path / "other.db"
    with sa.create_engine(f"sqlite:///{other}").begin() as connection:
        connection.execute(sa.text("CREATE TABLE things (id INTEGER PRIMARY KEY)"))
    _refused(_cli(portal("target"), "backup", "restore", str(other)), "not a backup of this portal")


def test_restore_refuses_an_sqlite_file_at_a_revision_the_migrations_do_not_know(portal, tmp_path):
    other = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{other}")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES ('feedfacecafe')"))
    engine.dispose()
    target = portal("target")
    _refused(_cli(target, "backup", "restore", str(other)), "feedfacecafe", "do not know")


def test_restore_of_an_older_backup_says_to_upgrade(portal, tmp_path):
    first = _scripts().get_base()
    assert first != _scripts().get_current_head(), "needs more than one migration"
    old = portal("old", revision=first)
    _ok(_cli(old, "backup", "create", str(tmp_path / "old.backup")))
    target = portal("target", migrate=False)
    output = _ok(_cli(target, "backup", "restore", str(tmp_path / "old.backup")))
    assert "flask db upgrade" in output
    with target.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    with target.test_client() as client:
        assert client.get("/health").status_code == 200


@on_sqlite
def test_sqlite_refuses_an_in_memory_database(tmp_path):
    app = create_app(config_for("sqlite://"))
    _refused(_cli(app, "backup", "create", str(tmp_path / "x.backup")), "not a file")


@on_sqlite
def test_sqlite_backup_is_one_self_contained_file(portal, tmp_path):
    path = _small_backup(portal, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name]
    connection = sqlite3.connect(path)
    try:
        # rollback journal, not WAL (which the live database uses): no -wal or -shm must travel with it
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        connection.close()


@on_postgresql
def test_postgresql_refuses_an_sqlite_backup(portal, tmp_path):
    sqlite_file = tmp_path / "portal.db"
    sqlite_app = create_app(config_for(f"sqlite:///{sqlite_file}"))
    with sqlite_app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    _ok(_cli(sqlite_app, "backup", "create", str(tmp_path / "sqlite.backup")))
    _refused(_cli(portal("target"), "backup", "restore", str(tmp_path / "sqlite.backup")), "sqlite backup")


@on_postgresql
def test_postgresql_refuses_an_archive_at_an_unknown_revision(portal, postgres, tmp_path):
    other = portal("other", migrate=False)
    with other.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
            connection.execute(sa.text("INSERT INTO alembic_version VALUES ('feedfacecafe')"))
        url = db.engine.url
        db.engine.dispose()
    archive = tmp_path / "other.dump"
    subprocess.run(  # noqa: S603
        [
            str(postgres.bindir / "pg_dump"),
            "--format=custom",
            f"--file={archive}",
            f"--dbname=host={url.host} port={url.port} user={url.username} dbname={url.database}",
        ],
        check=True,
    )
    _refused(_cli(portal("target"), "backup", "restore", str(archive)), "feedfacecafe", "do not know")


@on_postgresql
def test_postgresql_names_the_missing_client_programs(portal, tmp_path):
    app = portal("nobin")
    app.config["PG_BINDIR"] = str(tmp_path)
    _refused(_cli(app, "backup", "create", str(tmp_path / "x.backup")), "pg_dump is not in", "PORTAL_PG_BINDIR")
