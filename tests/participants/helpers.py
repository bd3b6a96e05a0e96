"""Test data for participants and registration lists."""

import csv
import io

from openpyxl import Workbook

HEADER = ["First name", "Last name", "E-mail", "Gender", "Organisation", "Sector", "Country", "Role", "Attended"]


def xlsx_bytes(rows, header=HEADER) -> bytes:
    """A registration list as an .xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    """A registration list as a UTF-8 CSV file with a byte-order mark, as Excel saves it."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return output.getvalue().encode("utf-8-sig")
