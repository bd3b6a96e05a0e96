"""Reads of the audit trail: the log and its searches, a record's History, an import's rows, and the names that the
entries' records and ids stand for."""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.audit.models import AuditEntry, record_class
from portal.audit.services import PARENTS
from portal.extensions import db
from portal.history.labels import KINDS
from portal.history.rules import readable_entries, readable_ids


def _newest_first(query: sa.Select) -> sa.Select:
    return query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def log_entries(
    user,
    *,
    actor_id: int | None = None,
    record_type: str | None = None,
    action: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> sa.Select:
    """The audit log's entries that `user` may read, newest first; actor_id 0 is the command line."""
    query = sa.select(AuditEntry).where(AuditEntry.batch_id.is_(None), readable_entries(user))
    if actor_id == 0:
        query = query.where(AuditEntry.actor_id.is_(None))
    elif actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    if action:
        query = query.where(AuditEntry.action == action)
    if date_from:
        query = query.where(AuditEntry.created_at >= datetime.combine(date_from, time(), UTC))
    if date_to and date_to < date.max:  # up to the calendar's last day: no upper bound
        query = query.where(AuditEntry.created_at < datetime.combine(date_to + timedelta(days=1), time(), UTC))
    return _newest_first(query)


def batch_rows(entry: AuditEntry, user) -> sa.Select:
    """The rows of an import that `user` may read, in the order they were written."""
    return sa.select(AuditEntry).where(AuditEntry.batch_id == entry.id, readable_entries(user)).order_by(AuditEntry.id)


def child_types(record_type: str) -> list[str]:
    """The record types whose entries also appear in the History of their parent, a record of `record_type`."""
    model = record_class(record_type)
    if model is None:
        return []
    children = []
    for child, column in sorted(PARENTS.items()):
        (key,) = getattr(record_class(child), column).property.columns[0].foreign_keys
        if key.column.table is model.__table__:
            children.append(child)
    return children


def history_entries(record_type: str, record_id: int, user) -> sa.Select:
    """A record's History, newest first: its own entries and those of its children (a project's funding lines, an
    event's attendance) that `user` may read."""
    about = sa.and_(AuditEntry.record_type == record_type, AuditEntry.record_id == record_id)
    children = child_types(record_type)
    if children:
        about = sa.or_(about, sa.and_(AuditEntry.record_type.in_(children), AuditEntry.parent_id == record_id))
    return _newest_first(sa.select(AuditEntry).where(about, readable_entries(user)))


def logged_record_types() -> list[str]:
    """The record types that appear in the log."""
    query = sa.select(AuditEntry.record_type).where(AuditEntry.record_type.is_not(None)).distinct()
    return list(db.session.scalars(query))


def users_by_name() -> list[tuple[int, str]]:
    """Every user's id and name, by name: whom the log can be searched for."""
    return [tuple(row) for row in db.session.execute(sa.select(User.id, User.name).order_by(User.name))]


def actor_names(entries) -> dict[int, str]:
    """The names of the users who made `entries`, by id."""
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))).all())


def record_names(refs, user) -> dict[tuple[str, int], str]:
    """The names of the records `refs` ((record type, id) pairs) stand for, one query per record type; a record
    that is gone, a type without names, and a private name `user` may not read are left out."""
    ids_by_type = defaultdict(set)
    for record_type, record_id in refs:
        ids_by_type[record_type].add(record_id)
    names = {}
    for record_type, ids in sorted(ids_by_type.items()):
        kind, model = KINDS.get(record_type), record_class(record_type)
        if kind is None or kind.name is None or model is None:
            continue
        query = sa.select(model).where(model.id.in_(ids))
        query = query.options(*(joinedload(getattr(model, name)) for name in kind.name_from))
        if kind.private:
            readable = readable_ids(user, record_type, model.id)
            if readable is None:
                continue
            query = query.where(readable)
        for record in db.session.scalars(query):
            names[record_type, record.id] = kind.name(record)
    return names
