"""A workbook is judged as it leaves the records: a project may move to another dialogue with its priority links in
the same file, and numbered rows may swap their numbers; what it leaves wrong is refused at its row, all or nothing."""

import json

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.exchange import services
from portal.extensions import db
from portal.projects.models import Project, ProjectIndicator, ProjectOutput
from tests.exchange import workbooks

PRIORITY_MESSAGE = "The project is mapped to priorities of the action plan of a dialogue it no longer supports"


def _import(tmp_path, sheets, name="w.xlsx"):
    return services.import_workbook(workbooks.save(tmp_path / name, sheets))


def _places(report):
    return [(p.sheet, p.row, p.column) for p in report.problems]


def _with_rabat_plan():
    """The portfolio, with a plan of the Rabat Process alone whose priority maps no project yet."""
    sheets = workbooks.portfolio()
    sheets["action_plans"].append(["RABAT", "Rabat Action Plan", None, None, "RP", "2018-05-02", None])
    sheets["plan_domains"].append(["RABAT", "RAB-1", 1, "Protection"])
    sheets["plan_priorities"].append(["RAB-1.1", "RAB-1", 1, "R1", "Asylum systems", None, None])
    return sheets


@pytest.fixture
def stored(app, tmp_path):
    """PRJ-1 supports the Budapest Process and is mapped to JVAP-1.1 (plan of RP and BP) and IST-1.1 (plan of BP)."""
    report = _import(tmp_path, _with_rabat_plan(), "stored.xlsx")
    db.session.commit()
    assert report.ok, [str(p) for p in report.problems]


def _moved_to_rabat(priorities: dict[str, str | None]):
    """PRJ-1 moved from BP to RP; `priorities` gives the projects column of plan_priorities rows by ref."""
    sheets = _with_rabat_plan()
    projects = sheets["projects"]
    projects[1][projects[0].index("dialogue")] = "RP"
    for row in sheets["plan_priorities"][1:]:
        row[6] = priorities.get(row[0], row[6])
    return sheets


def _project(code="PRJ-1"):
    db.session.expire_all()
    return db.session.scalar(sa.select(Project).where(Project.code == code))


def test_a_project_moves_to_another_dialogue_with_its_priority_links_in_one_file(stored, tmp_path, row_counts):
    report = _import(tmp_path, _moved_to_rabat({"IST-1.1": None, "RAB-1.1": "PRJ-1"}))
    db.session.commit()

    assert report.ok and report.written, [str(p) for p in report.problems]
    project = _project()
    assert [d.code for d in project.dialogues] == ["RP"]
    assert sorted(p.ref for p in project.priorities) == ["JVAP-1.1", "RAB-1.1"]

    counts = row_counts()
    again = _import(tmp_path, _moved_to_rabat({"IST-1.1": None, "RAB-1.1": "PRJ-1"}), "again.xlsx")
    db.session.commit()
    assert again.ok and again.counts["projects"].updated == again.counts["plan_priorities"].updated == 0
    assert row_counts() == counts


def test_a_priority_row_that_keeps_the_project_sees_the_dialogues_the_file_gives_it(stored, tmp_path, row_counts):
    counts = row_counts()

    report = _import(tmp_path, _moved_to_rabat({"RAB-1.1": "PRJ-1"}))
    db.session.rollback()

    assert not report.written and _places(report) == [("plan_priorities", 4, "projects")]
    assert PRIORITY_MESSAGE in str(report.problems[0].message) and "PRJ-1" in str(report.problems[0].message)
    assert row_counts() == counts
    assert [d.code for d in _project().dialogues] == ["BP"]


def test_a_stored_link_of_a_priority_the_file_leaves_out_is_judged_at_the_project_s_row(stored, tmp_path, row_counts):
    sheets = _moved_to_rabat({"RAB-1.1": "PRJ-1"})
    sheets["plan_priorities"] = [row for row in sheets["plan_priorities"] if row[0] != "IST-1.1"]
    counts = row_counts()

    report = _import(tmp_path, sheets)
    db.session.rollback()

    assert not report.written and _places(report) == [("projects", 2, "dialogue")]
    message = str(report.problems[0].message)
    assert PRIORITY_MESSAGE in message and "Visa facilitation" in message and "1.1" not in message
    assert row_counts() == counts


def test_a_project_row_alone_cannot_leave_a_dialogue_its_priorities_need(stored, tmp_path):
    sheets = _moved_to_rabat({})
    report = _import(tmp_path, {"projects": sheets["projects"]})
    db.session.rollback()

    assert _places(report) == [("projects", 2, "dialogue")]
    message = str(report.problems[0].message)
    assert "Visa facilitation" in message and "1.1" not in message


def _numbers(model, refs):
    db.session.expire_all()
    return {ref: number for ref, number in db.session.execute(sa.select(model.ref, model.number)) if ref in refs}


def test_two_outputs_and_two_indicators_swap_their_numbers(stored, tmp_path, row_counts):
    sheets = _with_rabat_plan()
    sheets["project_outputs"][1][0], sheets["project_outputs"][2][0] = 2, 1
    sheets["indicators"][1][3], sheets["indicators"][2][3] = 2, 1
    versions = dict(db.session.execute(sa.select(ProjectOutput.ref, ProjectOutput.version)).all())

    report = _import(tmp_path, sheets)
    db.session.commit()

    assert report.ok and report.written, [str(p) for p in report.problems]
    assert (report.counts["project_outputs"].updated, report.counts["indicators"].updated) == (2, 2)
    assert _numbers(ProjectOutput, {"OUT-1", "OUT-2", "OUT-3"}) == {"OUT-1": 2, "OUT-2": 1, "OUT-3": 1}
    assert _numbers(ProjectIndicator, {"IND-1", "IND-2"}) == {"IND-1": 2, "IND-2": 1}
    after = dict(db.session.execute(sa.select(ProjectOutput.ref, ProjectOutput.version)).all())
    assert {ref: after[ref] - versions[ref] for ref in after} == {"OUT-1": 1, "OUT-2": 1, "OUT-3": 0}
    output_id = db.session.scalar(sa.select(ProjectOutput.id).where(ProjectOutput.ref == "OUT-1"))
    entry = db.session.scalar(
        sa.select(AuditEntry).where(
            AuditEntry.action == "update", AuditEntry.record_type == "ProjectOutput", AuditEntry.record_id == output_id
        )
    )
    assert json.loads(entry.changes) == {"number": [1, 2]}

    counts = row_counts()
    again = _import(tmp_path, sheets, "again.xlsx")
    db.session.commit()
    assert again.ok and again.counts["project_outputs"].unchanged == 3 and row_counts() == counts


def test_a_new_output_takes_the_number_a_stored_one_gives_up_in_the_same_file(stored, tmp_path):
    outputs = [
        ["ref", "project", "number", "title"],
        ["OUT-NEW", "PRJ-1", 1, "Comes first"],
        ["OUT-2", "PRJ-1", 3, "=Data shared"],
        ["OUT-1", "PRJ-1", 2, "Statistics improved"],
    ]

    report = _import(tmp_path, {"project_outputs": outputs})
    db.session.commit()

    assert report.ok and report.written, [str(p) for p in report.problems]
    assert report.counts["project_outputs"].created == 1
    assert _numbers(ProjectOutput, {"OUT-NEW", "OUT-1", "OUT-2"}) == {"OUT-NEW": 1, "OUT-1": 2, "OUT-2": 3}


def test_a_number_kept_by_a_stored_row_the_file_leaves_out_or_refuses_is_refused(stored, tmp_path, row_counts):
    counts = row_counts()
    outputs = [
        ["ref", "project", "number", "title"],
        ["OUT-1", "PRJ-1", 2, "Takes the number OUT-2 keeps"],
        ["OUT-3", "PRJ-1", 1, "Stays with PRJ-2, so keeps its number there"],
    ]
    indicators = [
        ["ref", "output", "project", "number", "text"],
        ["IND-2", "OUT-1", "PRJ-1", 1, "Takes the number of IND-1, whose row is refused"],
        ["IND-1", "OUT-1", "PRJ-1", 0, "Number from 1"],
    ]

    report = _import(tmp_path, {"project_outputs": outputs, "indicators": indicators})
    db.session.rollback()

    assert [str(p) for p in report.problems] == [
        "project_outputs, 2, number: The number 2 is already used.",
        "project_outputs, 3, project: OUT-3 belongs to PRJ-2 and cannot be moved.",
        "indicators, 2, number: The number 1 is already used.",
        "indicators, 3, number: must be a whole number from 1 to 999",
    ]
    assert row_counts() == counts
