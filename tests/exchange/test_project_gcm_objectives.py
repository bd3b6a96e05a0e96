"""The projects sheet's gcm_objectives column: objective numbers separated by ';', checked with the projects' rule,
exported as they were imported."""

import sqlalchemy as sa
from openpyxl import load_workbook

from portal.exchange import services
from portal.extensions import db
from portal.projects.models import Project
from tests.exchange import workbooks


def _project(code):
    return db.session.scalar(sa.select(Project).where(Project.code == code))


def test_objectives_are_imported_exported_and_imported_again_unchanged(app, tmp_path):
    report = services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    db.session.commit()
    assert report.ok
    assert _project("PRJ-1").gcm_objectives == ["1", "6", "23"]
    assert _project("PRJ-2").gcm_objectives == []

    services.export_workbook(tmp_path / "out.xlsx", personal_data=True)
    rows = list(load_workbook(tmp_path / "out.xlsx")["projects"].values)
    column = rows[0].index("gcm_objectives")
    assert {row[0]: row[column] for row in rows[1:]} == {"PRJ-1": "1; 23; 6", "PRJ-2": None}

    again = services.import_workbook(tmp_path / "out.xlsx")
    assert again.ok and again.counts["projects"].unchanged == 2 and again.counts["projects"].updated == 0


def test_a_row_that_changes_only_the_objectives_updates_the_project(app, tmp_path):
    services.import_workbook(workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio()))
    db.session.commit()
    sheets = workbooks.portfolio()
    header = sheets["projects"][0]
    sheets["projects"][1][header.index("gcm_objectives")] = "2"
    report = services.import_workbook(workbooks.save(tmp_path / "changed.xlsx", sheets))
    db.session.commit()
    assert report.counts["projects"].updated == 1
    assert _project("PRJ-1").gcm_objectives == ["2"]


def test_an_unknown_objective_is_reported_at_its_cell_and_nothing_is_written(app, tmp_path):
    sheets = {
        "regions": [["code", "name"], ["EE", "Eastern Europe"]],
        "projects": [
            ["code", "title", "region", "status", "start_date", "currency", "gcm_objectives"],
            ["PRJ-1", "One", "EE", "active", "2022-01-01", "EUR", "1; 24"],
            ["PRJ-2", "Two", "EE", "active", "2022-01-01", "EUR", 7],
        ],
    }
    report = services.import_workbook(workbooks.save(tmp_path / "bad.xlsx", sheets))
    db.session.rollback()
    assert not report.written
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("projects", 2, "gcm_objectives")]
    assert "24" in str(report.problems[0])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 0
