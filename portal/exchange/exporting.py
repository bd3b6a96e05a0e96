"""Writing the portfolio workbook: every sheet streamed from the database into a write-only workbook."""

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from portal.exchange import store
from portal.exchange.sheets import SHEETS, Column, needs_text_prefix

BATCH = 5000


def write_workbook(session, target, *, personal_data: bool, progress=None) -> None:
    """Write every sheet, rows sorted by identity, to `target` (a path or a binary file); without personal_data
    the sheets of people and their attendance are left out. `progress(sheet, rows, rows)` hears each sheet's rows
    written so far, in the shape of the import's callback."""
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        if sheet.personal and not personal_data:
            continue
        worksheet = workbook.create_sheet(sheet.name)
        columns = sheet.columns
        worksheet.append([column.name for column in columns])
        stmt, exprs = store.row_select(sheet, columns)
        stmt = stmt.order_by(*(exprs[name] for name in sheet.identity)).execution_options(yield_per=BATCH)
        written = 0
        for part in session.execute(stmt).partitions():
            rows = store.with_lists(session, sheet, [dict(row._mapping) for row in part], columns)
            for row in rows:
                worksheet.append([_cell(worksheet, column, row[column.name]) for column in columns])
            written += len(rows)
            if progress is not None:
                progress(sheet.name, written, written)
    workbook.save(target)


def exported_rows(session, *, personal_data: bool) -> int:
    """How many rows write_workbook writes, headers left out: the total its progress counts towards."""
    total = 0
    for sheet in SHEETS:
        if sheet.personal and not personal_data:
            continue
        stmt, _ = store.row_select(sheet, sheet.columns)
        total += session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    return total


def _cell(worksheet, column: Column, value):
    value = column.kind.to_cell(value)
    if isinstance(value, str) and needs_text_prefix(value):
        # a text cell, marked as typed with a leading apostrophe: shown as text, never run as a formula
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value
