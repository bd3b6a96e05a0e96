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


def identities(session, sheet: Sheet) -> dict:
    """Every row's code or ref in the database, with its id."""
    model = sheet.model
    return dict(session.execute(sa.select(getattr(model, identity_attr(sheet)), model.id)).all())
