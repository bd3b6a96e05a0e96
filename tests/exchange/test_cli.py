import sqlalchemy as sa

from portal.exchange import services
from portal.extensions import db
from portal.partners.models import Partner
from tests.exchange import workbooks


def test_import_then_export_from_the_command_line(app, runner, tmp_path):
    path = workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio())
    result = runner.invoke(args=["exchange", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "partners: 3 created, 0 updated, 0 unchanged, 0 rejected" in result.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 3

    result = runner.invoke(args=["exchange", "export", str(tmp_path / "out.xlsx"), "--without-personal-data"])
    assert result.exit_code == 0, result.output
    written = workbooks.read(tmp_path / "out.xlsx")
    assert "participants" not in written
    # the progress bar counts towards every data row the workbook holds
    rows = sum(len(sheet) - 1 for sheet in written.values())
    assert f"Exported {rows} rows" in result.output
    assert services.export_rows(personal_data=False) == rows


def test_dry_run_writes_nothing(app, runner, tmp_path, row_counts):
    before = row_counts()
    path = workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio())
    result = runner.invoke(args=["exchange", "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "attendance: 3 created" in result.output and "Dry run: nothing was written." in result.output
    assert row_counts() == before


def test_errors_exit_non_zero_and_print_every_problem(app, runner, tmp_path, row_counts):
    sheets = workbooks.portfolio()
    sheets["partners"][1][5] = "XX"
    sheets["expenditure"][3][0] = "PRJ-404"
    before = row_counts()
    result = runner.invoke(args=["exchange", "import", str(workbooks.save(tmp_path / "in.xlsx", sheets))])
    assert result.exit_code == 1
    assert "error: partners, 2, country: not an ISO 3166 country code: XX" in result.output
    assert "error: expenditure, 4, project: PRJ-404: not in the projects sheet nor in the database" in result.output
    assert "2 problem(s): nothing was written." in result.output
    assert row_counts() == before


def test_the_import_shows_a_progress_bar_fed_by_the_import(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)  # as on a terminal
    path = workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio())
    result = runner.invoke(args=["exchange", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Rows" in result.output and "100%" in result.output
    assert result.output.rstrip().endswith("Imported.")


def test_the_export_reports_each_sheets_rows_as_it_writes_them(app, tmp_path):
    assert services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio())).ok
    heard = []
    services.export_workbook(tmp_path / "out.xlsx", personal_data=True, progress=lambda *call: heard.append(call))
    last = {sheet: written for sheet, _, written in heard}
    written = workbooks.read(tmp_path / "out.xlsx")
    assert last == {name: len(rows) - 1 for name, rows in written.items() if len(rows) > 1}
    assert sum(last.values()) == services.export_rows(personal_data=True)
