"""A sheet's rows as the database holds them, in the workbook's terms: codes and refs instead of ids."""

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from portal.exchange.sheets import SHEETS_BY_NAME, Column, Sheet, identity_attr


def row_select(sheet: Sheet, columns: tuple[Column, ...] | None = None):
    """The select of (id, one labelled value per scalar column) and the expression of each column."""
    model = sheet.model
    exprs, joins = {}, []
    for column in columns or sheet.columns:
        if column.is_list:
            continue
        if column.target:
            target = SHEETS_BY_NAME[column.target]
            alias = aliased(target.model)
            joins.append((alias, getattr(model, column.attr) == alias.id))
            exprs[column.name] = getattr(alias, identity_attr(target))
        else:
            exprs[column.name] = getattr(model, column.attr)
    stmt = sa.select(model.id.label("id"), *(expr.label(name) for name, expr in exprs.items())).select_from(model)
    for alias, on in joins:
        stmt = stmt.outerjoin(alias, on)
    return stmt, exprs


def with_lists(session, sheet: Sheet, rows: list[dict], columns: tuple[Column, ...] | None = None) -> list[dict]:
    """Add each list column's sorted items to the rows (dicts with an `id`)."""
    ids = [row["id"] for row in rows]
    for column in columns or sheet.columns:
        if not column.is_list:
            continue
        items = defaultdict(list)
        if ids:
            for owner, item in session.execute(column.members(ids)):
                items[owner].append(item)
        for row in rows:
            row[column.name] = tuple(sorted(items.get(row["id"], ())))
    return rows


def existing_rows(session, sheet: Sheet, keys: set[tuple]) -> dict[tuple, dict]:
    """The rows whose identities are among `keys`, by identity."""
    stmt, exprs = row_select(sheet)
    for position, name in enumerate(sheet.identity):
        stmt = stmt.where(exprs[name].in_({key[position] for key in keys}))
    found = {}
    for row in session.execute(stmt):
        values = dict(row._mapping)
        key = tuple(values[name] for name in sheet.identity)
        if key in keys:
            found[key] = values
    with_lists(session, sheet, list(found.values()))
    return found


def ids_of(session, sheet: Sheet, names: set) -> dict:
    """The ids of a referenced sheet's rows with these codes or refs, by code or ref."""
    if not names:
        return {}
    model = sheet.model
    name = getattr(model, identity_attr(sheet))
    return dict(session.execute(sa.select(name, model.id).where(name.in_(names))).all())


def stored_fields(session, model, ids, attrs: set[str]) -> dict[int, dict]:
    """The stored values of some attributes of the rows with these ids, by id."""
    attrs = sorted(attrs)
    stmt = sa.select(model.id, *(getattr(model, attr) for attr in attrs)).where(model.id.in_(ids))
    return {row[0]: dict(zip(attrs, row[1:], strict=True)) for row in session.execute(stmt)}
