"""Backups of the configured database, and their restore into an empty one. SQLite through its online backup API
(a consistent copy while the portal keeps writing), PostgreSQL through pg_dump and pg_restore (custom format).
Every backup is checked as a restore would check it, so a backup that was written can be restored."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from psycopg.conninfo import make_conninfo

from portal.operations.queries import VERSION_TABLE, Migrations, holds_data

SQLITE_MAGIC = b"SQLite format 3\x00"
#: pg_dump's custom format starts with these bytes
PGDUMP_MAGIC = b"PGDMP"
#: how long SQLite waits for another connection's lock before giving up, in seconds
SQLITE_LOCK_TIMEOUT = 30


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do instead."""


@dataclass(frozen=True)
class Backup:
    """A backup file checked against the migration scripts."""

    path: Path
    engine: str
    revisions: tuple[str, ...]
    size: int


def create_backup(engine: sa.Engine, path: Path, scripts: Migrations, *, pg_bindir: str | None = None) -> Backup:
    """Write a consistent backup of `engine`'s database to `path` (which must not exist yet), then check it."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose another name, or move the old backup away first.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    # written beside the target and renamed when complete, so that `path` is never a half-written backup
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(partial)
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(_sqlite_path(engine), partial)
        elif engine.dialect.name == "postgresql":
            _run(pg_bindir, "pg_dump", engine, "--format=custom", f"--file={partial}")
        else:
            raise BackupError(f"Backups of {engine.dialect.name} databases are not supported.")
        checked = inspect_backup(partial, scripts, pg_bindir=pg_bindir)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path, checked.engine, checked.revisions, checked.size)


def inspect_backup(path: Path, scripts: Migrations, *, pg_bindir: str | None = None) -> Backup:
    """Is `path` a backup of this portal: an SQLite database or a pg_dump archive whose alembic_version names
    revisions that the migration scripts know?"""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        engine, revisions = "sqlite", _sqlite_revisions(path)
    elif start.startswith(PGDUMP_MAGIC):
        engine, revisions = "postgresql", _pg_dump_revisions(path, pg_bindir)
    else:
        raise BackupError(f"{path} is neither an SQLite database nor a pg_dump archive (custom format).")
    if not revisions:
        raise BackupError(f"{path} has no migration revision (alembic_version): it is not a backup of this portal.")
    unknown = set(revisions) - scripts.known
    if unknown:
        raise BackupError(
            f"{path} is at revision {', '.join(sorted(unknown))}, which these migrations do not know: it comes "
            "from another application, or from a newer version of the portal (restore it with that version)."
        )
    return Backup(path, engine, revisions, path.stat().st_size)


def restore_backup(
    engine: sa.Engine, path: Path, scripts: Migrations, *, force: bool = False, pg_bindir: str | None = None
) -> Backup:
    """Replace `engine`'s database with the backup at `path`. Refused when the database holds data, unless
    `force`; the backup must be of the same engine and its revisions known to the migrations."""
    backup = inspect_backup(path, scripts, pg_bindir=pg_bindir)
    if backup.engine != engine.dialect.name:
        raise BackupError(f"{path} is a {backup.engine} backup, but the portal's database is {engine.dialect.name}.")
    try:
        with engine.connect() as connection:
            not_empty = holds_data(connection)
    except sa.exc.OperationalError as error:
        raise BackupError(f"The portal's database cannot be reached: {error.orig}") from error
    if not_empty and not force:
        raise BackupError(
            "The portal's database already holds data: restore into an empty database, "
            "or add --force to replace what it holds."
        )
    engine.dispose()  # no pooled connection of ours keeps the old database's pages or a lock
    if backup.engine == "sqlite":
        _sqlite_restore(path, _sqlite_path(engine))
    else:
        # --clean --if-exists drops what the backup holds before creating it, so that the tables of a migrated
        # but empty database (or, with --force, a full one) make way; --single-transaction keeps it all or nothing
        _run(
            pg_bindir,
            "pg_restore",
            engine,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        )
    return backup


def _sqlite_path(engine: sa.Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("The portal's SQLite database is not a file: there is nothing to back up or restore into.")
    return database


def _sqlite_backup(source: str, target: Path) -> None:
    """Copy with SQLite's online backup API: all pages in one step, inside one read transaction, so the copy is the
    database as of one commit while the portal's workers (in WAL mode) go on writing."""
    if not Path(source).is_file():
        raise BackupError(f"The portal's database {source} does not exist.")
    origin = sqlite3.connect(source, timeout=SQLITE_LOCK_TIMEOUT)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
        # a backup is one self-contained file: no -wal or -shm beside it
        copy.execute("PRAGMA journal_mode=DELETE")
        _sqlite_check(copy, target)
    except sqlite3.Error as error:
        raise BackupError(f"The backup failed: {error}") from error
    finally:
        copy.close()
        origin.close()


def _sqlite_restore(backup: Path, target: str) -> None:
    """Copy the backup's pages over the target with the same API; other connections see the restored database."""
    origin = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    destination = sqlite3.connect(target, timeout=SQLITE_LOCK_TIMEOUT)
    try:
        origin.backup(destination)
        destination.execute("PRAGMA journal_mode=WAL")  # as portal.db sets it on every connection
        _sqlite_check(destination, Path(target))
    except sqlite3.Error as error:
        raise BackupError(f"The restore failed: {error}") from error
    finally:
        destination.close()
        origin.close()


def _sqlite_check(connection: sqlite3.Connection, path: Path) -> None:
    result = connection.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")


def _sqlite_revisions(path: Path) -> tuple[str, ...]:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened as an SQLite database: {error}") from error
    try:
        _sqlite_check(connection, path)
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        ).fetchone()
        if not has_table:
            return ()
        return tuple(row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}"))  # noqa: S608
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be read as an SQLite database: {error}") from error
    finally:
        connection.close()


def _pg_dump_revisions(path: Path, pg_bindir: str | None) -> tuple[str, ...]:
    """The rows of alembic_version in a pg_dump archive, as pg_restore prints them (COPY ... FROM stdin)."""
    listed = _pg_tool(pg_bindir, "pg_restore", "--data-only", f"--table={VERSION_TABLE}", "--file=-", str(path))
    match = re.search(rf"^COPY \S*\b{VERSION_TABLE} \(version_num\) FROM stdin;\n(.*?)^\\\.$", listed, re.M | re.S)
    return tuple(match.group(1).split()) if match else ()


def _run(pg_bindir: str | None, program: str, engine: sa.Engine, *args: str) -> str:
    """Run pg_dump or pg_restore on `engine`'s database; the password goes in the environment, never the
    command line (where `ps` shows it)."""
    url = engine.url
    conninfo = make_conninfo(
        dbname=url.database, host=url.host, port=url.port, user=url.username, **_libpq_options(url.query)
    )
    environment = {"PGPASSWORD": url.password} if url.password else {}
    return _pg_tool(pg_bindir, program, f"--dbname={conninfo}", *args, environment=environment)


def _libpq_options(query) -> dict[str, str]:
    return {key: value if isinstance(value, str) else value[-1] for key, value in query.items()}


def _pg_tool(pg_bindir: str | None, program: str, *args: str, environment=None) -> str:
    executable = str(Path(pg_bindir) / program) if pg_bindir else shutil.which(program)
    if not executable or not Path(executable).is_file():
        where = f"in {pg_bindir}" if pg_bindir else "on PATH"
        raise BackupError(
            f"{program} is not {where}: install the PostgreSQL client of the server's version (postgresql-client-15) "
            "or set PORTAL_PG_BINDIR to its folder (e.g. /usr/lib/postgresql/15/bin)."
        )
    done = subprocess.run(  # noqa: S603 - a fixed program with arguments we built
        [executable, *args], capture_output=True, text=True, env={**os.environ, **(environment or {})}
    )
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()}")
    return done.stdout
