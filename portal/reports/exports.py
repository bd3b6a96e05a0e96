"""Each key-figure breakdown as a table, written to CSV (RFC 4180) or XLSX; text cells cannot become formulas."""

import csv
import io
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.reports import labels
from portal.reports.queries import KeyFigures

BREAKDOWNS = ("figures", "revenue", "region", "funding", "growth", "gender", "sector")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"


def safe_text(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def breakdown_table(figures: KeyFigures, name: str) -> tuple[list[str], list[list]]:
    """The header and rows of one breakdown, labels in the reader's language, numbers as numbers."""
    currency = figures.currency
    amount = f"{_('Amount')} ({currency})"
    if name == "figures":
        values = [
            ("projects", figures.projects),
            ("countries", figures.countries),
            ("contracted_volume", figures.contracted_volume),
            ("duty_stations", figures.duty_stations),
            ("conferences", figures.conferences),
            ("trainings_meetings_workshops", figures.trainings_meetings_workshops),
            ("event_days", figures.event_days),
            ("locations", figures.locations),
            ("participants", figures.participants),
            ("unique_participants", figures.unique_participants),
            ("partners", figures.partners),
            ("employees", figures.employees),
            ("nationalities", figures.nationalities),
            ("member_states", figures.member_states),
        ]
        return [_("Figure"), _("Value")], [[str(labels.FIGURES[key]), value] for key, value in values]
    if name == "revenue":
        return [_("Revenue"), amount], [[str(labels.REVENUE[key]), value] for key, value in figures.revenue]
    if name in ("region", "funding"):
        shares = figures.implementation_by_region if name == "region" else figures.implementation_by_funding
        first = _("Region") if name == "region" else _("Donor category")
        return [first, amount, _("Share (%)")], [[labels.share_label(s), s.amount, s.percent] for s in shares]
    if name == "growth":
        return [_("Year"), amount], [[year, value] for year, value in figures.implementation_by_year]
    if name == "gender":
        return [_("Gender"), _("Participants")], [
            [str(labels.gender_label(c.code)), c.value] for c in figures.participants_by_gender
        ]
    if name == "sector":
        return [_("Sector"), _("Participants")], [
            [str(labels.sector_label(c.code)), c.value] for c in figures.participants_by_sector
        ]
    raise KeyError(name)


def as_csv(header: list[str], rows: list[list]) -> bytes:
    """CSV with CRLF line ends and a byte-order mark so that spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_text(cell) for cell in header])
    writer.writerows([[safe_text(cell) for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    """One worksheet with a bold header; amounts formatted with two decimals."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_text(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_text(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
    sheet.column_dimensions["A"].width = 40
    for column in "BC":
        sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
