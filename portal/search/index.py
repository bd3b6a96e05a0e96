"""The full-text index behind the global search, kept current on every write.

One table, `search_index`, holds a document per record of the searched kinds: a title (what a result shows) and a
body (the rest of its text). On SQLite it is an FTS5 virtual table, on PostgreSQL a table with a generated
`tsvector` and a GIN index. Neither is in the models' metadata (SQLite's cannot be): `create_structures` makes
them, after `db.create_all()` and in the migration, and migrations/env.py leaves them out of `flask db check`.

Each document is written by one INSERT … SELECT from its record's table (`_documents`), so a session's flush, a
bulk insert and `flask search rebuild` all write the same text. Only the app factory imports this module
(`init_app`); writes elsewhere stay unaware of it:
- ORM flushes re-index the records they touched (after_flush);
- any other INSERT, UPDATE or DELETE on a searched table (Core executemany of the workbook import, bulk
  `sa.update(Model)`) marks its kind stale, and the kind is re-indexed whole when the session commits; code that
  knows the ids may call `reindex(session, kind, ids)` at once instead.
"""

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from portal.concept_notes.models import ConceptNote, NoteSection
from portal.dialogues.models import Dialogue
from portal.events.models import Event
from portal.extensions import db
from portal.participants.models import Person
from portal.partners.models import Partner
from portal.projects.models import Project

TABLE = "search_index"
#: a document's key is KIND_CODES[kind] * KEY_STRIDE + the record's id: one integer, so that a record's document
#: is found by key (FTS5's rowid) rather than by scanning its unindexed columns
KIND_CODES = {"project": 1, "partner": 2, "event": 3, "dialogue": 4, "concept_note": 5, "person": 6}
KEY_STRIDE = 2**32
MODELS = {
    "project": Project,
    "partner": Partner,
    "event": Event,
    "dialogue": Dialogue,
    "concept_note": ConceptNote,
    "person": Person,
}
KINDS = {model: kind for kind, model in MODELS.items()}
#: the tables whose rows make each kind's documents
TABLE_KINDS = {model.__tablename__: kind for model, kind in KINDS.items()} | {NoteSection.__tablename__: "concept_note"}
#: connection.info key of the kinds that statements outside a flush changed in this transaction; they are
#: re-indexed whole when the session commits
STALE = "search_stale_kinds"
#: record ids re-indexed by one statement
BATCH = 500
#: session.info key of what was stale when the running flush began
FLUSHING = "search_stale_before_flush"


def _joined(*columns):
    """The columns' text joined by spaces, blanks for NULLs, as SQL."""
    text = sa.func.coalesce(columns[0], "")
    for column in columns[1:]:
        text = text + " " + sa.func.coalesce(column, "")
    return text


def _note_sections(dialect: str):
    """A note's narrative sections as one text, as SQL (each engine names its string aggregate differently)."""
    aggregate = sa.func.group_concat if dialect == "sqlite" else sa.func.string_agg
    return (
        sa.select(aggregate(NoteSection.body, " "))
        .where(NoteSection.note_id == ConceptNote.id)
        .correlate(ConceptNote)
        .scalar_subquery()
    )


def _documents(dialect: str) -> dict:
    """kind -> (title, body, condition) as SQL over the kind's table: what each record's document says."""
    return {
        "project": (
            Project.code + " · " + Project.title,
            _joined(
                Project.acronym,
                Project.title_fr,
                Project.title_ru,
                Project.description,
                Project.description_fr,
                Project.description_ru,
            ),
            sa.true(),
        ),
        "partner": (Partner.name, _joined(Partner.ref, Partner.acronym, Partner.country), sa.true()),
        "event": (
            Event.title,
            _joined(
                Event.ref,
                Event.city,
                Event.title_fr,
                Event.title_ru,
                Event.description,
                Event.description_fr,
                Event.description_ru,
            ),
            sa.true(),
        ),
        "dialogue": (
            Dialogue.name,
            _joined(
                Dialogue.code,
                Dialogue.acronym,
                Dialogue.name_fr,
                Dialogue.name_ru,
                Dialogue.description,
                Dialogue.description_fr,
                Dialogue.description_ru,
            ),
            sa.true(),
        ),
        "concept_note": (
            ConceptNote.title,
            _joined(ConceptNote.contact_organisation, ConceptNote.implementing_partners, _note_sections(dialect)),
            sa.true(),
        ),
        # erased people are not searchable: their document goes when they are erased
        "person": (
            _joined(Person.first_name, Person.last_name),
            _joined(Person.email, Person.organisation_name),
            Person.erased_at.is_(None),
        ),
    }


def create_structures(connection) -> None:
    """Create the index: an FTS5 table on SQLite, a table with a tsvector and its GIN index on PostgreSQL."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(kind UNINDEXED, record_id UNINDEXED, title, "
            "body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        return
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (key bigint PRIMARY KEY, kind varchar(20) NOT NULL, "
        "record_id integer NOT NULL, title text NOT NULL, body text NOT NULL, "
        "document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || "
        "setweight(to_tsvector('simple', body), 'B')) STORED)"
    )
    connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_document ON {TABLE} USING gin (document)")


def drop_structures(connection) -> None:
    """Drop the index."""
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def _table(dialect: str) -> sa.TableClause:
    """The index as SQL; its key is FTS5's rowid on SQLite."""
    key = "rowid" if dialect == "sqlite" else "key"
    return sa.table(TABLE, sa.column(key), *(sa.column(name) for name in ("kind", "record_id", "title", "body")))


def _write(connection, kind: str, ids: list[int] | None) -> None:
    """Replace the documents of `kind` (of these record ids, or all of them when None) by their records' text."""
    dialect = connection.dialect.name
    table = _table(dialect)
    key = table.c.rowid if dialect == "sqlite" else table.c.key
    model = MODELS[kind]
    code = KIND_CODES[kind]
    if ids is None:
        connection.execute(sa.delete(table).where(key >= code * KEY_STRIDE, key < (code + 1) * KEY_STRIDE))
    else:
        connection.execute(sa.delete(table).where(key.in_([code * KEY_STRIDE + ident for ident in ids])))
    title, body, condition = _documents(dialect)[kind]
    select = sa.select(
        sa.literal(code * KEY_STRIDE, sa.BigInteger) + model.id,
        sa.literal(kind),
        model.id,
        sa.func.coalesce(title, ""),
        body,
    ).where(condition)
    if ids is not None:
        select = select.where(model.id.in_(ids))
    connection.execute(sa.insert(table).from_select([key.name, "kind", "record_id", "title", "body"], select))


def reindex(session: Session, kind: str, ids) -> None:
    """Bring the documents of these records of `kind` up to date (records that no longer exist lose theirs), in
    batches of BATCH ids; writes outside a flush are re-indexed anyway at commit, this does it at once."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        _write(session.connection(), kind, ids[start : start + BATCH])


def rebuild(connection, kinds=None) -> None:
    """Rewrite every document of these kinds (all by default) from the records."""
    for kind in kinds or MODELS:
        _write(connection, kind, None)


def _touched(session: Session) -> dict[str, set[int]]:
    touched: dict[str, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, NoteSection):
            touched.setdefault("concept_note", set()).add(obj.note_id)
        elif (kind := KINDS.get(type(obj))) is not None:
            touched.setdefault(kind, set()).add(obj.id)
    return touched


def _before_flush(session: Session, flush_context, instances) -> None:
    # the flush's own statements are re-indexed precisely in _after_flush: remember what was stale before them
    session.info[FLUSHING] = set(session.connection().info.get(STALE, ()))


def _after_flush(session: Session, flush_context) -> None:
    for kind, ids in _touched(session).items():
        reindex(session, kind, (ident for ident in ids if ident is not None))
    session.connection().info[STALE] = session.info.pop(FLUSHING, set())


def _statement_ran(connection, statement, multiparams, params, execution_options, result) -> None:
    if isinstance(statement, sa.Insert | sa.Update | sa.Delete):
        kind = TABLE_KINDS.get(getattr(statement.table, "name", None))
        if kind is not None:
            connection.info.setdefault(STALE, set()).add(kind)


def _before_commit(session: Session) -> None:
    session.flush()
    stale = session.connection().info.pop(STALE, None)
    if stale:
        rebuild(session.connection(), sorted(stale))


def _transaction_ended(connection) -> None:
    connection.info.pop(STALE, None)


def _created(target, connection, **kwargs) -> None:
    create_structures(connection)


def _dropped(target, connection, **kwargs) -> None:
    drop_structures(connection)


def init_app(app) -> None:
    """Keep the index current for every session, and create it with the tables (db.create_all)."""
    for target, name, listener in (
        (Session, "before_flush", _before_flush),
        (Session, "after_flush", _after_flush),
        (Session, "before_commit", _before_commit),
        (Engine, "after_execute", _statement_ran),
        (Engine, "commit", _transaction_ended),
        (Engine, "rollback", _transaction_ended),
        (db.metadata, "after_create", _created),
        (db.metadata, "before_drop", _dropped),
    ):
        if not event.contains(target, name, listener):
            event.listen(target, name, listener)
