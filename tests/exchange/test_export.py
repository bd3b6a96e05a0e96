from openpyxl import load_workbook

from portal.exchange import services
from portal.exchange.sheets import SHEETS
from portal.extensions import db
from tests.exchange import workbooks

FORMULA_LIKE = ('=HYPERLINK("http://x","click")', "+NGO", "-starts with a dash", "@webinar", "=cmd|' /C calc'!A0")


def _cells(path):
    """Every cell of every sheet as (value, data type), rows padded to the header's width."""
    workbook = load_workbook(path)
    result = {}
    for worksheet in workbook.worksheets:
        width = worksheet.max_column
        result[worksheet.title] = [
            [(cell.value, cell.data_type) for cell in row] for row in worksheet.iter_rows(max_col=width)
        ]
    return result


def test_the_round_trip_is_exact(app, tmp_path, empty_database):
    services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    db.session.commit()
    services.export_workbook(tmp_path / "first.xlsx", personal_data=True)
    empty_database()

    report = services.import_workbook(tmp_path / "first.xlsx")
    db.session.commit()
    services.export_workbook(tmp_path / "second.xlsx", personal_data=True)

    assert report.ok and report.written
    first, second = _cells(tmp_path / "first.xlsx"), _cells(tmp_path / "second.xlsx")
    assert list(first) == [sheet.name for sheet in SHEETS]
    assert first == second
    assert len(first["attendance"]) == 4 and len(first["projects"]) == 3
    # and what came in went out
    assert first["contributions"][2][3][0] == 250000.5
    assert first["dialogues"][1][5][0] == "AT; CH; XK"


def test_exported_text_that_looks_like_a_formula_opens_as_text(app, tmp_path):
    services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    db.session.commit()
    services.export_workbook(tmp_path / "out.xlsx", personal_data=True)

    workbook = load_workbook(tmp_path / "out.xlsx")
    found = {}
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.value in FORMULA_LIKE:
                    found[cell.value] = cell
    assert set(found) == set(FORMULA_LIKE)
    for cell in found.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix is True
    plain = workbook["regions"]["B2"]
    assert plain.data_type == "s" and not plain.quotePrefix


def test_the_export_without_personal_data_keeps_no_names_or_emails(app, tmp_path):
    services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    db.session.commit()
    services.export_workbook(tmp_path / "out.xlsx", personal_data=False)

    sheets = workbooks.read(tmp_path / "out.xlsx")
    # no row per person or per attendance: with small events, gender and country alone can say who came
    assert "participants" not in sheets and "attendance" not in sheets and len(sheets["events"]) > 1
    everything = {value for rows in sheets.values() for row in rows for value in row}
    assert not everything & {"Ana", "Novak", "ana.novak@example.org", "Berisha", "Petrov", "IVAN@example.org"}
    assert "PER-1" not in everything


def test_an_empty_portal_exports_every_sheet_with_its_header(app, tmp_path):
    services.export_workbook(tmp_path / "out.xlsx", personal_data=True)
    sheets = workbooks.read(tmp_path / "out.xlsx")
    assert {name: rows[0] for name, rows in sheets.items()} == {
        sheet.name: tuple(column.name for column in sheet.columns) for sheet in SHEETS
    }
