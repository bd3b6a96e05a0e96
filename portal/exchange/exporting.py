"""Writing the portfolio workbook: every sheet streamed from the database into a write-only workbook."""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from portal.exchange import store
from portal.exchange.sheets import SHEETS, Column, needs_text_prefix

BATCH = 5000


def write_workbook(session, target, *, personal_data: bool) -> None:
    """Write every sheet, rows sorted by identity, to `target` (a path or a binary file); without personal_data
    the sheets of people and their attendance are left out."""
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        if sheet.personal and not personal_data:
            continue
        worksheet = workbook.create_sheet(sheet.name)
        columns = sheet.columns
        worksheet.append([column.name for column in columns])
        stmt, exprs = store.row_select(sheet, columns)
        stmt = stmt.order_by(*(exprs[name] for name in sheet.identity)).execution_options(yield_per=BATCH)
        for part in session.execute(stmt).partitions():
            rows = store.with_lists(session, sheet, [dict(row._mapping) for row in part], columns)
            for row in rows:
                worksheet.append([_cell(worksheet, column, row[column.name]) for column in columns])
    workbook.save(target)


def _cell(worksheet, column: Column, value):
    value = column.kind.to_cell(value)
    if isinstance(value, str) and needs_text_prefix(value):
        # a text cell, marked as typed with a leading apostrophe: shown as text, never run as a formula
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value
