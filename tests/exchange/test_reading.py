import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl import load_workbook as openpyxl_workbook

from portal.audit.models import AuditEntry
from portal.events.models import Event
from portal.exchange import importing, reading, services
from portal.exchange.sheets import AMOUNT, BOOLEAN, COUNT, DATE, RATE, TEXT, YEAR, CellError
from portal.extensions import db
from portal.participants.models import Attendance, Person
from tests.exchange import workbooks

KINDS = (TEXT, DATE, AMOUNT, RATE, YEAR, COUNT, BOOLEAN)
#: a number openpyxl writes as it is, replaced in the file by one longer than a double keeps
PLACEHOLDER = 1234.5


def _cells():
    """A row per cell type the workbook holds, the first cell of each saying what it is."""
    return [
        ["kind", "value"],
        ["date cell", datetime(2024, 2, 29)],
        ["date cell with a time", datetime(2024, 1, 1, 12, 30)],
        ["time cell", time(12, 30)],
        ["text date", "2024-02-29"],
        ["bad text date", "29/02/2024"],
        ["decimal", 400000.25],
        ["many decimals", 0.95123456],
        ["too many decimals", 10.555],
        ["tiny", 1e-05],
        ["text decimal", "250000.50"],
        ["largest amount", 999999999999.99],
        ["whole number", 1500000],
        ["large whole number", 10**15],
        ["negative", -5],
        ["whole float", 2024.0],
        ["text number", "2024"],
        ["true", True],
        ["false", False],
        ["yes", "yes"],
        ["blank", None],
        ["empty text", ""],
        ["spaces", "   "],
        ["dash text", "-starts with a dash"],
        ["plus text", "+NGO"],
        ["at text", "@webinar"],
    ]


def _openpyxl_rows(path, name):
    workbook = openpyxl_workbook(path, read_only=True, data_only=False)
    try:
        worksheet = workbook[name]
        worksheet.reset_dimensions()
        return [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _reader_rows(path, name):
    workbook = reading.load_workbook(path)
    try:
        return list(workbook.rows(name))
    finally:
        workbook.close()


def _parsed(value):
    """What each Kind makes of a cell: its value, or its error message."""
    results = []
    for kind in KINDS:
        try:
            parsed = kind.parse(value)
        except CellError as error:
            parsed = ("error", str(error.message))
        results.append((type(parsed), parsed))
    return results


def _day(value):
    return value.date() if isinstance(value, datetime) and value.time() == time() else value


def _same_rows(ours, theirs):
    assert len(ours) == len(theirs)
    for mine, expected in zip(ours, theirs, strict=True):
        # openpyxl ends a row at its last cell, calamine at the sheet's last column; and a date cell is a date
        # rather than a datetime at midnight: no Kind tells these apart (checked below)
        assert tuple(map(_day, mine[: len(expected)])) == tuple(map(_day, expected))
        assert all(value is None for value in mine[len(expected) :])
        assert [_parsed(value) for value in mine[: len(expected)]] == [_parsed(value) for value in expected]


def test_plain_cells_read_by_calamine_as_openpyxl_reads_them(tmp_path, monkeypatch):
    path = workbooks.save(tmp_path / "cells.xlsx", {"cells": _cells()})
    expected = _openpyxl_rows(path, "cells")
    monkeypatch.setattr(reading, "openpyxl_workbook", None)

    rows = _reader_rows(path, "cells")

    _same_rows(rows, expected)
    values = {row[0]: row[1] for row in rows[1:]}
    assert AMOUNT.parse(values["decimal"]) == Decimal("400000.25")
    assert RATE.parse(values["many decimals"]) == Decimal("0.95123456")
    assert type(values["whole number"]) is int and COUNT.parse(values["large whole number"]) == 10**15
    assert DATE.parse(values["date cell"]) == date(2024, 2, 29) and values["blank"] is None
    assert values["true"] is True and BOOLEAN.parse(values["false"]) is False


def test_rows_and_columns_before_the_data_are_kept(tmp_path, monkeypatch):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "late"
    worksheet["C3"] = "code"
    worksheet["D3"] = "name"
    worksheet["C5"] = "EE"
    workbook.save(tmp_path / "late.xlsx")
    expected = _openpyxl_rows(tmp_path / "late.xlsx", "late")
    monkeypatch.setattr(reading, "openpyxl_workbook", None)

    rows = _reader_rows(tmp_path / "late.xlsx", "late")

    assert rows[2][2:] == ("code", "name") and rows[4][2] == "EE"
    _same_rows(rows, expected)


def test_formulas_errors_and_long_whole_numbers_read_as_openpyxl_reads_them(tmp_path):
    cells = [
        ["kind", "value"],
        ["formula", '=HYPERLINK("http://x","click")'],
        ["long whole number", PLACEHOLDER],
        ["text", "plain"],
    ]
    made = workbooks.save(tmp_path / "made.xlsx", {"plain": _cells(), "formulas": cells})
    path = tmp_path / "formulas.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            data = data.replace(b"<v>1234.5</v>", b"<v>12345678901234567891</v>")
            data = data.replace(b"<v>400000.25</v>", b"<v>#N/A</v>").replace(b'r="B7" t="n"', b'r="B7" t="e"')
            target.writestr(info, data)

    formulas = _reader_rows(path, "formulas")
    plain = _reader_rows(path, "plain")

    assert formulas == _openpyxl_rows(path, "formulas")
    assert formulas[1][1] == '=HYPERLINK("http://x","click")' and formulas[2][1] == 12345678901234567891
    assert TEXT.parse(formulas[2][1]) == "12345678901234567891"
    assert plain == _openpyxl_rows(path, "plain") and plain[6][1] == "#N/A"


def test_exported_text_that_looks_like_a_formula_reads_back_as_text(app, tmp_path, monkeypatch):
    services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    services.export_workbook(tmp_path / "out.xlsx", personal_data=True)
    monkeypatch.setattr(reading, "openpyxl_workbook", None)

    people = _reader_rows(tmp_path / "out.xlsx", "participants")
    partners = _reader_rows(tmp_path / "out.xlsx", "partners")

    assert "=cmd|' /C calc'!A0" in {cell for row in people for cell in row}
    assert {'=HYPERLINK("http://x","click")', "+NGO"} <= {cell for row in partners for cell in row}


def test_a_big_sheet_is_read_slice_by_slice_as_openpyxl_reads_it(tmp_path, monkeypatch):
    rows = [["event", "participant", "amount", "on"]]
    rows += [[f"EV-{n}", f"PER-{n}", n + 0.25, date(2024, 1, 1 + n % 28)] for n in range(300)]
    rows[120] = [None, None, None, None]
    rows[250] = ["=1+2", "a formula, read by openpyxl in its slice", 1, None]
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "big"
    for row in rows:
        worksheet.append(row)
    worksheet["B400"] = "after a gap"
    workbook.save(tmp_path / "big.xlsx")
    expected = _openpyxl_rows(tmp_path / "big.xlsx", "big")
    monkeypatch.setattr(reading, "SLICE_BYTES", 2000)
    slices = []
    whole = reading._slices
    monkeypatch.setattr(reading, "_slices", lambda stream: (slices.append(xml) or xml for xml in whole(stream)))

    read = _reader_rows(tmp_path / "big.xlsx", "big")

    assert len(slices) > 5
    _same_rows(read, expected)
    assert read[250][0] == "=1+2" and read[399][1] == "after a gap" and len(read) == 400


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_no_workbook_is_refused(tmp_path, content):
    (tmp_path / "x.xlsx").write_bytes(content)
    with pytest.raises(reading.NotAWorkbook):
        reading.load_workbook(tmp_path / "x.xlsx")


def _attendance_workbook(path, rows: int, last_role: str = "speaker"):
    sheets = workbooks.portfolio()
    sheets["participants"] += [
        [f"PX-{n}", "First", f"Last{n}", "female", None, None, "government", None, "yes"] for n in range(rows)
    ]
    sheets["attendance"] += [["EV-2", f"PX-{n}", "participant", "online", "yes"] for n in range(rows - 1)]
    sheets["attendance"].append(["EV-1", f"PX-{rows - 1}", last_role, "in_person", "no"])
    return workbooks.save(path, sheets)


def test_rows_are_written_in_batches_as_the_workbook_gives_them(app, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 4)
    path = _attendance_workbook(tmp_path / "big.xlsx", 11)

    report = services.import_workbook(path)
    db.session.commit()

    assert report.ok and report.counts["attendance"].created == 14
    stored = db.session.execute(
        sa.select(Event.ref, Person.ref, Attendance.role, Attendance.mode, Attendance.attended)
        .join(Event, Attendance.event_id == Event.id)
        .join(Person, Attendance.person_id == Person.id)
        .where(Person.ref.like("PX-%"))
    ).all()
    assert sorted((event, ref, str(role), str(mode), attended) for event, ref, role, mode, attended in stored) == (
        [("EV-1", "PX-10", "speaker", "in_person", False)]
        + sorted(("EV-2", f"PX-{n}", "participant", "online", True) for n in range(10))
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person).where(Person.ref.like("PX-%"))) == 11
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "import"))
    logged = db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.batch_id == entry.id, AuditEntry.record_type == "Attendance")
    )
    assert logged == 14


def test_an_error_in_the_last_row_of_a_big_sheet_writes_nothing(app, tmp_path, monkeypatch, row_counts):
    monkeypatch.setattr(importing, "BATCH", 4)
    path = _attendance_workbook(tmp_path / "big.xlsx", 11, last_role="juggler")
    before = row_counts()

    report = services.import_workbook(path)

    assert not report.ok and not report.written
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("attendance", 15, "role")]
    assert row_counts() == before


def test_progress_is_told_of_every_batch_with_growing_counts(app, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 4)
    path = _attendance_workbook(tmp_path / "big.xlsx", 11)
    heard = []

    services.import_workbook(path, progress=lambda sheet, read, written: heard.append((sheet, read, written)))

    # while checking: rows read, none written; then while writing: both (after every batch, and at the sheet's end)
    assert [(read, written) for sheet, read, written in heard if sheet == "attendance"] == [
        (4, 0),
        (8, 0),
        (12, 0),
        (14, 0),
        (14, 0),
        (4, 4),
        (8, 8),
        (12, 12),
        (14, 14),
        (14, 14),
    ]
    assert [sheet for sheet, _, _ in heard if sheet != "attendance"][:2] == ["regions", "regions"]
    assert {sheet for sheet, _, _ in heard} == set(workbooks.portfolio())
