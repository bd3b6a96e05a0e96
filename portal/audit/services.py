"""The audit trail: one set of session listeners records every create, update and delete of every model, with
per-field before and after values; imports are grouped with batch(); merges, erasures and exports of personal data
are recorded with record_event(). Nothing here commits: entries join the transaction of the change they describe."""

import json
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, Session

from portal.audit.models import AuditEntry, record_class
from portal.db import utcnow

#: bookkeeping columns whose changes say nothing about the record
SKIPPED_FIELDS = frozenset(
    {"version", "created_at", "updated_at", "last_login_at", "session_token", "email_key", "totp_last_step"}
)
#: secrets: the log says that they changed, never what they are
REDACTED_FIELDS = frozenset({"password_hash", "totp_secret", "token_hash"})
REDACTED = "[redacted]"
ERASED = "[erased]"
#: records whose history shows personal data: only PERSONAL_DATA roles may read it
PERSONAL_RECORD_TYPES = frozenset({"Person", "Attendance"})
#: what users choose for themselves rather than change in the record: never logged
PREFERENCES = {"User": frozenset({"language", "is_notified"})}
#: the column naming the record whose History also lists a record's entries: a project lists its funding lines,
#: an event its attendance, a dialogue its chairmanships, an action plan its domains
PARENTS = {
    "Contribution": "project_id",
    "Expenditure": "project_id",
    "ProjectPartner": "project_id",
    "Deliverable": "project_id",
    "ProjectOutput": "project_id",
    "ProjectIndicator": "project_id",
    "IndicatorResult": "project_id",
    "Attendance": "event_id",
    "Chairmanship": "dialogue_id",
    "DialogueMember": "dialogue_id",
    "DialogueGroup": "dialogue_id",
    "DialogueGroupMember": "group_id",
    "ActionPlanDomain": "plan_id",
}

#: collections recorded under another name than the relationship's
COLLECTION_NAMES = {"country_rows": "countries", "gcm_rows": "gcm_objectives"}

_explicit_actor: ContextVar[tuple[int | None, str] | None] = ContextVar("audit_actor", default=None)


def current_actor() -> tuple[int | None, str]:
    """(user id, source) to record: an explicit acting_as(), else the signed-in user of the request, else the CLI."""
    explicit = _explicit_actor.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        return g.get("audit_actor", (None, "web"))
    return None, "cli"


def remember_actor(user_id: int | None) -> None:
    """Called before each request with the signed-in user's id (None when signed out)."""
    g.audit_actor = (user_id, "web")


@contextmanager
def acting_as(user_id: int | None, source: str = "cli"):
    """Record changes made inside the block as made by `user_id` from `source`."""
    token = _explicit_actor.set((user_id, source))
    try:
        yield
    finally:
        _explicit_actor.reset(token)


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, bytes):
        return REDACTED
    return str(value)


def _dumps(value) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None


def record_ref(obj) -> str:
    """How an object is named inside another record's collection: its code, ref or country, else its id."""
    loaded = inspect(obj).dict
    for name in ("code", "ref", "country"):
        if loaded.get(name) is not None:
            return str(loaded[name])
    identity = inspect(obj).identity
    return str(identity[0] if identity and len(identity) == 1 else identity)


def _is_audited(obj) -> bool:
    if isinstance(obj, AuditEntry) or not getattr(type(obj), "__audited__", True):
        return False
    mapper = inspect(obj).mapper
    return len(mapper.primary_key) == 1 and mapper.primary_key[0].key == "id"


def _collections(mapper):
    """Relationships recorded as fields of the owner: many-to-many, and one-to-many rows that have no own id."""
    for rel in mapper.relationships:
        if not rel.uselist or rel.viewonly:
            continue
        target = rel.mapper
        if rel.secondary is not None or not (len(target.primary_key) == 1 and target.primary_key[0].key == "id"):
            yield rel.key, COLLECTION_NAMES.get(rel.key, rel.key)


def _parent_id(obj) -> int | None:
    column = PARENTS.get(type(obj).__name__)
    return inspect(obj).dict.get(column) if column else None


def _skipped(record_type: str) -> frozenset:
    return SKIPPED_FIELDS | PREFERENCES.get(record_type, frozenset()) | {"id"}


def _value_change(key: str, before, after) -> list:
    if key in REDACTED_FIELDS:
        return [REDACTED if before is not None else None, REDACTED if after is not None else None]
    return [_plain(before), _plain(after)]


def _field_changes(obj, action: str) -> dict:
    state = inspect(obj)
    skipped = _skipped(type(obj).__name__)
    changes = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in skipped:
            continue
        if action != "update":
            if state.dict.get(key) is None:
                continue
            before, after = (state.dict[key], None) if action == "delete" else (None, state.dict[key])
        else:
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
        changes[key] = _value_change(key, before, after)
    if action != "delete":
        for key, name in _collections(state.mapper):
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            added = {record_ref(o) for o in history.added}
            removed = {record_ref(o) for o in history.deleted}
            now = sorted({record_ref(o) for o in (*history.unchanged, *history.added)})
            before = sorted((set(now) - added) | removed)
            if before != now:
                changes[name] = [before, now]
    return changes


class Batch:
    """What batch() yields: the entries of the changes made inside are written under one `import` entry as they
    come, a few thousand at a time, so that an import of a million rows does not keep a million entries in memory;
    add() names rows written with Core."""

    #: entries kept in memory before they are written
    WRITE_EVERY = 2000

    def __init__(self, session, kind: str, summary: str | None):
        self.session = session
        self.kind = kind
        self.summary = summary
        self.pending: list[dict] = []
        #: rows recorded so far, by record type
        self.counts: Counter = Counter()
        #: the `import` entry, once the first entries are written
        self.id: int | None = None

    def add(self, record_type: str, ids, action: str = "create") -> None:
        """Name rows written with session.execute(insert(...)), which the session listeners do not see."""
        actor_id, source = current_actor()
        now = utcnow()
        self.extend(
            {
                "action": action,
                "record_type": record_type,
                "record_id": int(i),
                "parent_id": None,
                "changes": None,
                "details": None,
                "actor_id": actor_id,
                "source": source,
                "created_at": now,
            }
            for i in ids
        )

    def extend(self, entries) -> None:
        """Record entries under this batch."""
        self.pending.extend(entries)
        if len(self.pending) >= self.WRITE_EVERY:
            self._write()

    def _write(self) -> None:
        if not self.pending:
            return
        connection = self.session.connection()
        if self.id is None:
            actor_id, source = current_actor()
            result = connection.execute(
                sa.insert(AuditEntry.__table__).values(
                    action="import", actor_id=actor_id, source=source, created_at=utcnow(), details=self._details()
                )
            )
            self.id = result.inserted_primary_key[0]
        connection.execute(sa.insert(AuditEntry.__table__), [{**entry, "batch_id": self.id} for entry in self.pending])
        self.counts.update(entry["record_type"] for entry in self.pending)
        self.pending.clear()

    def _details(self) -> str | None:
        counts = dict(sorted(self.counts.items()))
        return _dumps(
            {"kind": self.kind, "summary": _plain(self.summary), "count": self.counts.total(), "rows": counts}
        )

    def finish(self) -> None:
        """Write what is left, the parents of the rows named with add() and the row counts into the `import` entry
        (none when nothing changed)."""
        self._write()
        if self.id is None:
            return
        connection = self.session.connection()
        for record_type in PARENTS.keys() & self.counts.keys():
            model = record_class(record_type)
            parent = sa.select(getattr(model, PARENTS[record_type])).where(model.id == AuditEntry.record_id)
            connection.execute(
                sa.update(AuditEntry.__table__)
                .where(
                    AuditEntry.batch_id == self.id,
                    AuditEntry.record_type == record_type,
                    AuditEntry.parent_id.is_(None),
                )
                .values(parent_id=parent.scalar_subquery())
            )
        connection.execute(
            sa.update(AuditEntry.__table__).where(AuditEntry.id == self.id).values(details=self._details())
        )


def current_batch(session=None) -> Batch | None:
    """The batch() being recorded in this session, for code that writes rows with Core and names them with add()."""
    from portal.extensions import db

    return (session if session is not None else db.session).info.get("audit_batch")


@contextmanager
def batch(kind: str, summary: str | None = None, *, session=None):
    """Group every change made inside the block into one `import` entry listing its rows (nested: the outer wins;
    none when nothing changed)."""
    from portal.extensions import db

    session = session if session is not None else db.session
    outer = session.info.get("audit_batch")
    if outer is not None:
        yield outer
        return
    current = session.info["audit_batch"] = Batch(session, kind, summary)
    try:
        yield current
        session.flush()
        current.finish()
    finally:
        del session.info["audit_batch"]


def record_updates(record_type: str, updates, *, session=None) -> None:
    """Record rows updated with Core, which the session listeners do not see, as their ORM updates would be:
    `updates` holds (id, before, after) per row, dicts of the written column attributes' values."""
    from portal.extensions import db

    session = session if session is not None else db.session
    model = record_class(record_type)
    skipped = _skipped(record_type)
    parent = PARENTS.get(record_type)
    actor_id, source = current_actor()
    now = utcnow()
    entries = []
    for ident, before, after in updates:
        changes = {}
        for key, value in after.items():
            if key not in skipped and before[key] != value:
                changes[key] = _value_change(key, before[key], value)
        if changes:
            entries.append(
                {
                    "action": "update",
                    "record_type": record_type,
                    "record_id": ident,
                    "parent_id": after.get(parent) if parent else None,
                    "changes": _dumps(changes),
                    "details": None,
                    "actor_id": actor_id,
                    "source": source,
                    "created_at": now,
                }
            )
    current = current_batch(session)
    if current is not None:
        # the batch names the parents that did not change when it finishes
        current.extend(entries)
    elif entries:
        if parent:
            ids = [entry["record_id"] for entry in entries if entry["parent_id"] is None]
            parents = dict(session.execute(sa.select(model.id, getattr(model, parent)).where(model.id.in_(ids))).all())
            for entry in entries:
                if entry["parent_id"] is None:
                    entry["parent_id"] = parents.get(entry["record_id"])
        session.connection().execute(sa.insert(AuditEntry.__table__), entries)


def record_event(action: str, record=None, details: dict | None = None, *, session=None) -> None:
    """Record a merge, erasure or export; `record` is a model instance, a (record_type, id) pair or None."""
    from portal.extensions import db

    session = session if session is not None else db.session
    if record is None:
        record_type, record_id = None, None
    elif isinstance(record, tuple):
        record_type, record_id = record
    else:
        session.flush()
        record_type, record_id = type(record).__name__, record.id
    actor_id, source = current_actor()
    session.execute(
        sa.insert(AuditEntry).values(
            action=action,
            record_type=record_type,
            record_id=record_id,
            actor_id=actor_id,
            source=source,
            created_at=utcnow(),
            details=_dumps({k: _plain(v) for k, v in (details or {}).items()}),
        )
    )


def scrub_personal_data(record_type: str, record_id: int, fields=None, *, session=None) -> int:
    """Replace the values of `fields` (by default the model's PERSONAL_FIELDS) in the record's log entries by
    "[erased]"; returns how many entries changed."""
    from portal.extensions import db

    session = session if session is not None else db.session
    session.flush()
    fields = set(fields if fields is not None else getattr(record_class(record_type), "PERSONAL_FIELDS", ()))
    rows = session.execute(
        sa.select(AuditEntry.id, AuditEntry.changes, AuditEntry.details).where(
            AuditEntry.record_type == record_type, AuditEntry.record_id == record_id
        )
    ).all()
    changed = 0
    for entry_id, changes, details in rows:
        new_changes = json.loads(changes) if changes else {}
        new_details = json.loads(details) if details else {}
        touched = False
        for name in fields & new_changes.keys():
            new_changes[name] = [None if v is None else ERASED for v in new_changes[name]]
            touched = True
        for name in fields & new_details.keys():
            new_details[name] = ERASED
            touched = True
        if touched:
            session.execute(
                sa.update(AuditEntry)
                .where(AuditEntry.id == entry_id)
                .values(changes=_dumps(new_changes), details=_dumps(new_details))
            )
            changed += 1
    return changed


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _read_only(mapper, connection, target):
    raise PermissionError("audit entries are never changed through the ORM; only scrub_personal_data() edits them")


def _keep_old_value(target, value, oldvalue, initiator):
    return value


@event.listens_for(Mapper, "mapper_configured")
def _active_history(mapper, class_):
    # load the stored value before a column of an expired object is overwritten, so that "before" is known
    if getattr(class_, "__audited__", True) and class_ is not AuditEntry:
        for attr in mapper.column_attrs:
            event.listen(getattr(class_, attr.key), "set", _keep_old_value, active_history=True, retval=True)


# and for the models whose mappers were configured before this module was imported (an import of a module that
# builds a query configures every mapper known so far): otherwise their changes would be logged without "before"
for _mapper in AuditEntry.registry.mappers:
    if _mapper.configured:
        _active_history(_mapper, _mapper.class_)


@event.listens_for(Session, "before_flush")
def _load_before_flush(session, flush_context, instances):
    # deleted rows are gone after the flush: load what is expired now so that their last values can be logged;
    # so is a changed record's parent, which its entry names
    for obj in session.deleted:
        if _is_audited(obj):
            state = inspect(obj)
            for key in state.unloaded & {a.key for a in state.mapper.column_attrs}:
                getattr(obj, key)
    for obj in session.dirty:
        column = PARENTS.get(type(obj).__name__)
        if column in inspect(obj).unloaded:
            getattr(obj, column)


@event.listens_for(Session, "after_flush")
def _log_changes(session, flush_context):
    actor_id, source = current_actor()
    now = utcnow()
    entries = []
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not _is_audited(obj):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            changes = _field_changes(obj, action)
            if action == "update" and not changes:
                continue
            entries.append(
                {
                    "action": action,
                    "record_type": type(obj).__name__,
                    "record_id": inspect(obj).dict.get("id"),
                    "parent_id": _parent_id(obj),
                    "changes": _dumps(changes),
                    "details": None,
                    "actor_id": actor_id,
                    "source": source,
                    "created_at": now,
                }
            )
    if not entries:
        return
    current = current_batch(session)
    if current is not None:
        current.extend(entries)
    else:
        session.connection().execute(sa.insert(AuditEntry.__table__), entries)
