"""What the health check and the restore read: the migration scripts' revisions and the database's."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from portal.extensions import db

VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Migrations:
    """The revisions of the migration scripts: the head(s) a database must be at, and every one they know."""

    heads: frozenset[str]
    known: frozenset[str]

    def is_at_head(self, revisions) -> bool:
        return bool(self.heads) and set(revisions) == self.heads


@cache
def migrations(directory: str) -> Migrations:
    """Read the migration scripts of Flask-Migrate's `directory` once per process: they change only with a deploy."""
    config = Config(str(Path(directory) / "alembic.ini"))
    config.set_main_option("script_location", directory)
    script = ScriptDirectory.from_config(config)
    return Migrations(
        heads=frozenset(script.get_heads()),
        known=frozenset(revision.revision for revision in script.walk_revisions()),
    )


def database_revisions(connection: sa.Connection) -> tuple[str, ...]:
    """The revisions stamped in the database's alembic_version; empty when it has none."""
    return tuple(MigrationContext.configure(connection).get_current_heads())


def holds_data(connection: sa.Connection) -> bool:
    """Does any table of the portal's models hold a row? A freshly migrated database holds none; what is derived
    from the records (the search index, whose SQLite structures hold rows of their own) does not count."""
    names = set(sa.inspect(connection).get_table_names()) & set(db.metadata.tables)
    return any(connection.scalar(sa.select(sa.func.count()).select_from(sa.table(name))) for name in sorted(names))


@dataclass(frozen=True)
class Health:
    """The health check's answer: does the database answer, and is it at the migrations' head (None: not asked)."""

    database: bool
    migrations: bool | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.database and bool(self.migrations)


def check_health(session, scripts: Migrations) -> Health:
    """Ask the database for one row and its alembic_version; three short statements, no table of the portal read."""
    try:
        connection = session.connection()
        connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        return Health(
            database=False, migrations=None, problem=f"database: {type(getattr(error, 'orig', None) or error).__name__}"
        )
    try:
        revisions = database_revisions(connection)
    except sa.exc.SQLAlchemyError as error:
        return Health(database=True, migrations=False, problem=f"migrations: {type(error).__name__}")
    if not scripts.is_at_head(revisions):
        found = ", ".join(revisions) or "none"
        return Health(
            database=True, migrations=False, problem=f"migrations: at {found}, head is {_list(scripts.heads)}"
        )
    return Health(database=True, migrations=True)


def _list(revisions) -> str:
    return ", ".join(sorted(revisions))
