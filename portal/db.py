from datetime import UTC, datetime

import sqlalchemy as sa
from flask import abort, current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.functions import FunctionElement

from portal.query_args import parse_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """A version counter: a flush that finds another version than it loaded raises StaleDataError."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}


def Money(nullable: bool = False):  # noqa: N802 - reads like a column type
    """A money column: exact decimal, always stored next to a currency column."""
    return mapped_column(sa.Numeric(14, 2), nullable=nullable)


def Currency(nullable: bool = False):  # noqa: N802
    return mapped_column(sa.String(3), nullable=nullable)


def Country(nullable: bool = True):  # noqa: N802
    """ISO 3166-1 alpha-2, plus XK for Kosovo."""
    return mapped_column(sa.String(2), nullable=nullable)


def contains(columns, text: str | None):
    """A condition: one of `columns` holds `text`, whatever its case; % and _ are matched as themselves.
    None when there is nothing to search for, so callers write `if (cond := contains(...)) is not None`."""
    if not text or not text.strip():
        return None
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return sa.or_(*(lowered(column).like(pattern, escape="\\") for column in columns))


class lowered(FunctionElement):  # noqa: N801 - used as a SQL function
    """The text in lower case, every letter of it: SQLite's own lower() leaves all but A-Z as they are, so "Пражский"
    would not match "пражский". On SQLite it calls portal_lower, Python's str.lower registered on each connection."""

    type = sa.String()
    name = "lowered"
    inherit_cache = True


@compiles(lowered)
def _lowered(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(lowered, "sqlite")
def _lowered_on_sqlite(element, compiler, **kw):
    return f"portal_lower({compiler.process(element.clauses, **kw)})"


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def get_or_404(model, ident, options=()):
    """Load a row by primary key (with loader `options`) or answer 404; ids that are not integers an Integer column
    holds are 404 too."""
    ident = parse_id(ident)
    if ident is None:
        abort(404)
    # the app's Flask-SQLAlchemy: portal.extensions builds it on this module's Base
    obj = current_app.extensions["sqlalchemy"].session.get(model, ident, options=options)
    if obj is None:
        abort(404)
    return obj


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.create_function("portal_lower", 1, _lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: requests that only read; every other request takes SQLite's write lock when its transaction begins
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@event.listens_for(Engine, "begin")
def _sqlite_write_lock_up_front(connection):
    # A deferred transaction that reads and then writes must upgrade its lock, and SQLite fails that upgrade at
    # once ("database is locked") when another writer went first, ignoring busy_timeout. Writing requests take
    # the lock when they begin instead, waiting up to busy_timeout for it (security.md R8).
    if connection.dialect.name != "sqlite" or not has_request_context() or request.method in SAFE_METHODS:
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE")
