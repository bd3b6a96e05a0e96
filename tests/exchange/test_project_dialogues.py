"""The projects sheet's `dialogue` column names every dialogue a project supports, codes separated by ';'."""

from datetime import date

import pytest
import sqlalchemy as sa

from portal.dialogues import services as dialogue_services
from portal.exchange import services
from portal.extensions import db
from portal.projects.models import Project
from tests import factories
from tests.exchange import workbooks

#: the projects sheet of a workbook whose regions and dialogues are stored already
HEADER = ["code", "title", "region", "status", "start_date", "currency", "dialogue"]


def _projects(tmp_path, *rows):
    return workbooks.save(tmp_path / "projects.xlsx", {"projects": [HEADER, *rows]})


def _row(dialogue, code="PRJ-1"):
    return [code, "Labour mobility", "EE", "active", "2021-01-01", "EUR", dialogue]


def _dialogue_codes(code="PRJ-1"):
    db.session.expire_all()
    project = db.session.scalar(sa.select(Project).where(Project.code == code))
    return [d.code for d in project.dialogues]


@pytest.fixture
def stored(app):
    region = factories.region("EE")
    budapest, rabat = factories.dialogue("BP", "Budapest Process"), factories.dialogue("RP", "Rabat Process")
    db.session.commit()
    return region, budapest, rabat


def test_several_dialogues_are_imported_and_exported_as_they_came(stored, tmp_path, row_counts):
    report = services.import_workbook(_projects(tmp_path, _row("RP;BP ; "), _row("BP", code="PRJ-2")))
    db.session.commit()

    assert report.ok and report.counts["projects"].created == 2
    assert _dialogue_codes() == ["BP", "RP"] and _dialogue_codes("PRJ-2") == ["BP"]
    services.export_workbook(tmp_path / "out.xlsx", personal_data=False)
    header, *rows = workbooks.read(tmp_path / "out.xlsx")["projects"]
    column = header.index("dialogue")
    assert [row[column] for row in rows] == ["BP; RP", "BP"]

    counts = row_counts()
    report = services.import_workbook(tmp_path / "out.xlsx")
    db.session.commit()
    assert report.ok and report.counts["projects"].unchanged == 2
    assert report.counts["projects"].created == report.counts["projects"].updated == 0
    assert row_counts() == counts


def test_a_row_may_drop_or_add_a_dialogue(stored, tmp_path):
    services.import_workbook(_projects(tmp_path, _row("BP; RP")))
    db.session.commit()

    report = services.import_workbook(_projects(tmp_path, _row("RP")))
    db.session.commit()

    assert report.ok and report.counts["projects"].updated == 1
    assert _dialogue_codes() == ["RP"]


def test_an_unknown_dialogue_code_refuses_its_row_and_the_workbook(stored, tmp_path, row_counts):
    counts = row_counts()

    report = services.import_workbook(_projects(tmp_path, _row("BP; XX"), _row("RP", code="PRJ-2")))

    assert not report.ok and not report.written
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("projects", 2, "dialogue")]
    assert "XX: not in the dialogues sheet nor in the database" in str(report.problems[0].message)
    assert row_counts() == counts


def test_a_row_keeps_a_dialogue_whose_plan_holds_each_priority_of_the_project(stored, tmp_path):
    region, budapest, _rabat = stored
    plan = dialogue_services.create_plan(budapest, {"title": "Istanbul Commitments"})
    domain = dialogue_services.add_domain(plan, title="Return")
    priority = dialogue_services.add_priority(domain, code="4.1", title="Reintegration")
    project = factories.project(code="PRJ-1", region=region, start_date=date(2021, 1, 1))
    dialogue_services.map_project(budapest, project, [priority.id])
    db.session.commit()

    report = services.import_workbook(_projects(tmp_path, _row("RP")))

    assert not report.ok
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("projects", 2, "dialogue")]
    assert "4.1" in str(report.problems[0].message)
    assert _dialogue_codes() == ["BP"]

    report = services.import_workbook(_projects(tmp_path, _row("RP; BP")))
    db.session.commit()
    assert report.ok and _dialogue_codes() == ["BP", "RP"]
