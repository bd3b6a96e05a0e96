"""The audit trail as its reader sees it: labels instead of class and column names, names instead of ids, values in
the reader's language. Entries keep what was stored; this only shows it."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _

from portal.audit.models import AuditEntry, record_class
from portal.audit.services import ERASED, REDACTED
from portal.history.labels import DETAIL_LABELS, IMPORT_KINDS, field_label, type_label
from portal.history.queries import record_names
from portal.i18n import LANGUAGES, country_name
from portal.i18n import lazy_gettext as _l

#: fields that hold country codes, or lists of them
COUNTRY_FIELDS = frozenset({"country", "countries", "member_rows"})
#: what the log writes instead of a secret or an erased value
MARKERS = {REDACTED: _l("[redacted]"), ERASED: _l("[erased]")}


@dataclass(frozen=True)
class Line:
    """One entry, readable."""

    entry: AuditEntry
    #: the record type's label, e.g. "Action plan domain"; None for an entry about no record
    record_label: str | None
    #: the record's name, or "#id" when it has none (or is gone, or its name is not for this reader)
    record_name: str | None
    #: (field label, before, after), by label
    changes: list[tuple[str, str | None, str | None]]
    #: (label, value) of what an import, merge, erasure or export concerned
    details: list[tuple[str, str]]

    def is_about(self, record_type: str, record_id: int) -> bool:
        return (self.entry.record_type, self.entry.record_id) == (record_type, record_id)


def _column(record_type: str | None, name: str) -> sa.Column | None:
    model = record_class(record_type)
    return model.__mapper__.columns[name] if model is not None and name in model.__mapper__.columns else None


def _referenced_type(column: sa.Column | None) -> str | None:
    """The record type a foreign-key column points to."""
    if column is None or not column.foreign_keys:
        return None
    (key,) = column.foreign_keys
    for mapper in AuditEntry.registry.mappers:
        if mapper.local_table is key.column.table:
            return mapper.class_.__name__
    return None


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _decimal(value) -> str:
    """A number with as many decimals as were stored: 1,234.50 stays 1,234.50."""
    number = Decimal(str(value))
    places = max(-number.as_tuple().exponent, 0)
    return format_decimal(number, format="#,##0" + ("." + "0" * places if places else ""))


def _typed(column: sa.Column | None, value) -> str:
    kind = column.type if column is not None else None
    if isinstance(kind, sa.Boolean) or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(kind, sa.Enum) and kind.enum_class is not None and hasattr(kind.enum_class, "label"):
        return str(kind.enum_class(value).label)
    if isinstance(kind, sa.DateTime):
        return format_datetime(datetime.fromisoformat(value), "medium")
    if isinstance(kind, sa.Date):
        return format_date(date.fromisoformat(value), "medium")
    if isinstance(kind, sa.Numeric):
        return _decimal(value)
    return str(value)


def _value(name: str, column: sa.Column | None, target: str | None, value, names) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return ", ".join(filter(None, (_value(name, column, target, item, names) for item in value)))
    if isinstance(value, str) and value in MARKERS:
        return str(MARKERS[value])
    if target is not None and _is_integer(value):
        return names.get((target, value), f"#{value}")
    if name in COUNTRY_FIELDS:
        return country_name(str(value))
    if name == "language":
        return LANGUAGES.get(value, value)
    try:
        return _typed(column, value)
    except (ValueError, TypeError, InvalidOperation):  # a value stored before its column changed type
        return str(value)


def _merged_pair(record_type: str | None, key: str, value: list, names) -> str:
    """A merge entry's [kept record's value, merged record's value] of one field."""
    column = _column(record_type, key)
    target = _referenced_type(column)
    kept, merged = (_value(key, column, target, item, names) or "—" for item in value)
    return _("%(kept)s; merged record: %(merged)s", kept=kept, merged=merged)


def _detail(key: str, value) -> str:
    if isinstance(value, str) and value in MARKERS:
        return str(MARKERS[value])
    if isinstance(value, Mapping):
        counts = sorted((str(type_label(name)), count) for name, count in value.items())
        return ", ".join(f"{label} {format_decimal(count)}" for label, count in counts)
    if key == "merged_id":
        return f"#{value}"
    if key == "kind":
        return str(IMPORT_KINDS.get(value, value))
    return format_decimal(value) if _is_integer(value) else str(value)


def _detail_line(entry: AuditEntry, key: str, value, names) -> tuple[str, str]:
    """(label, value) of one thing an entry tells; a merge tells both records' values of each field."""
    if key in DETAIL_LABELS:
        return str(DETAIL_LABELS[key]), _detail(key, value)
    if entry.action == "merge" and isinstance(value, list):
        return str(field_label(entry.record_type, key)), _merged_pair(entry.record_type, key, value, names)
    label = field_label(entry.record_type, key) if entry.action == "merge" else key
    return str(label), _detail(key, value)


def _in_order(details: dict) -> list:
    order = list(DETAIL_LABELS)
    return sorted(details.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))


def readable(entries, user, known: Mapping[tuple[str, int], str] | None = None) -> list[Line]:
    """`entries` as `user` reads them, with the names of the records they mention looked up once per table; `known`
    names records at hand already ((record type, id) -> name)."""
    fields = {}
    refs = set()
    for entry in entries:
        if entry.record_type is not None and entry.record_id is not None:
            refs.add((entry.record_type, entry.record_id))
        for name, values in entry.change_list:
            key = entry.record_type, name
            if key not in fields:
                column = _column(entry.record_type, name)
                fields[key] = column, _referenced_type(column)
            target = fields[key][1]
            if target is not None:
                refs.update((target, value) for value in values if _is_integer(value))
        if entry.action == "merge":
            for name, pair in entry.detail_dict.items():
                target = _referenced_type(_column(entry.record_type, name))
                if target is not None and isinstance(pair, list):
                    refs.update((target, value) for value in pair if _is_integer(value))
    known = known or {}
    names = {**record_names(refs - known.keys(), user), **known}
    lines = []
    for entry in entries:
        changes = []
        for name, (before, after) in entry.change_list:
            column, target = fields[entry.record_type, name]
            before, after = (_value(name, column, target, value, names) for value in (before, after))
            changes.append((str(field_label(entry.record_type, name)), before, after))
        record_name = None
        if entry.record_type is not None and entry.record_id is not None:
            record_name = names.get((entry.record_type, entry.record_id)) or f"#{entry.record_id}"
        lines.append(
            Line(
                entry=entry,
                record_label=type_label(entry.record_type),
                record_name=record_name,
                changes=sorted(changes, key=lambda change: change[0].casefold()),
                details=[_detail_line(entry, k, v, names) for k, v in _in_order(entry.detail_dict)],
            )
        )
    return lines
