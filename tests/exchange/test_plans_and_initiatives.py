"""The workbook's sheets of action plans, the initiative register and the organisation's facts."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.dialogues.models import ActionPlan, ActionPlanPriority
from portal.exchange import services
from portal.extensions import db
from portal.initiatives.models import Initiative, Review
from portal.organisation.models import MemberState, OrganisationYear
from portal.projects.models import Project
from tests import factories
from tests.exchange import workbooks

SHEETS = (
    "action_plans",
    "plan_domains",
    "plan_priorities",
    "collection_cycles",
    "initiatives",
    "organisation_facts",
    "member_states",
)


def _import(tmp_path, sheets, name="w.xlsx", actor=None):
    report = services.import_workbook(workbooks.save(tmp_path / name, sheets), actor=actor)
    db.session.commit()
    return report


def _problems(report):
    return {(p.sheet, p.row, p.column): str(p.message) for p in report.problems}


def _initiative(ref):
    db.session.expire_all()
    return db.session.scalar(sa.select(Initiative).where(Initiative.ref == ref))


def test_plans_initiatives_and_facts_are_imported_with_every_column(app, tmp_path):
    officer = factories.user(email="reviewer@example.org")
    db.session.commit()
    report = _import(tmp_path, workbooks.portfolio(), actor=officer)

    assert report.ok, [str(p) for p in report.problems]
    plan = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.ref == "JVAP"))
    assert plan.title_ru == "Совместный план действий Валлетты" and plan.valid_until is None
    assert [d.code for d in plan.dialogues] == ["BP", "RP"]
    assert [(d.ref, d.position) for d in plan.domains] == [("JVAP-1", 1), ("JVAP-2", 2)]
    root_causes = db.session.scalar(sa.select(ActionPlanPriority).where(ActionPlanPriority.ref == "JVAP-1.1"))
    assert root_causes.domain.ref == "JVAP-1" and root_causes.code == "1.1" and root_causes.champion == "SN"
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-1"))
    assert sorted(p.ref for p in project.priorities) == ["IST-1.1", "JVAP-1.1"]
    jobs = _initiative("INI-1")
    assert jobs.budget == Decimal("1200000.75") and jobs.currency == "CHF" and jobs.actor.ref == "CH"
    assert sorted(p.ref for p in jobs.priorities) == ["JVAP-1.1", "JVAP-2.1"]
    assert jobs.countries == ["ML", "SN"] and jobs.cycle.ref == "CYC-2022" and not jobs.cycle.is_open
    # a validated initiative stays validated, recorded as the importing user's review
    assert jobs.review == Review.VALIDATED and jobs.reviewed_by_id == officer.id and jobs.reviewed_at is not None
    returned = _initiative("INI-2")
    assert returned.review == Review.RETURNED and returned.return_reason == "No budget given"
    submitted = _initiative("INI-3")
    assert submitted.review == Review.SUBMITTED and submitted.reviewed_by_id is None
    assert db.session.scalar(sa.select(OrganisationYear.nationalities).where(OrganisationYear.year == 2022)) == 40
    hungary = db.session.scalar(sa.select(MemberState).where(MemberState.country == "HU"))
    assert (hungary.joined_year, hungary.left_year) == (1993, 2023)


def test_the_sheets_round_trip_and_a_second_import_changes_nothing(app, tmp_path, empty_database):
    _import(tmp_path, workbooks.portfolio())
    services.export_workbook(tmp_path / "first.xlsx", personal_data=False)
    first = workbooks.read(tmp_path / "first.xlsx")
    again = services.import_workbook(tmp_path / "first.xlsx")
    db.session.commit()
    empty_database()

    report = services.import_workbook(tmp_path / "first.xlsx")
    db.session.commit()
    services.export_workbook(tmp_path / "second.xlsx", personal_data=False)

    assert all(again.counts[name].created == again.counts[name].updated == 0 for name in SHEETS)
    assert {name: report.counts[name].created for name in SHEETS} == {
        "action_plans": 2,
        "plan_domains": 3,
        "plan_priorities": 3,
        "collection_cycles": 2,
        "initiatives": 3,
        "organisation_facts": 2,
        "member_states": 2,
    }
    second = workbooks.read(tmp_path / "second.xlsx")
    assert {name: second[name] for name in SHEETS} == {name: first[name] for name in SHEETS}
    assert first["initiatives"][1][7] == 1200000.75
    assert first["plan_priorities"][1][6] == "PRJ-1"


def test_a_changed_review_state_and_mapping_are_updated(app, tmp_path):
    officer = factories.user()
    db.session.commit()
    _import(tmp_path, workbooks.portfolio())
    sheets = workbooks.portfolio()
    sheets["initiatives"][1][13] = "submitted"
    sheets["initiatives"][3][13], sheets["initiatives"][3][14] = "returned", "Which countries?"
    sheets["plan_priorities"][1][6] = None
    report = _import(tmp_path, sheets, "changed.xlsx", actor=officer)

    assert report.counts["initiatives"].updated == 2 and report.counts["plan_priorities"].updated == 1
    jobs, skills = _initiative("INI-1"), _initiative("INI-3")
    assert jobs.review == Review.SUBMITTED and jobs.reviewed_by_id is None and jobs.reviewed_at is None
    assert skills.review == Review.RETURNED and skills.reviewed_by_id == officer.id
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-1"))
    assert [p.ref for p in project.priorities] == ["IST-1.1"]


def _broken(change):
    sheets = {name: [list(row) for row in rows] for name, rows in workbooks.portfolio().items()}
    change(sheets)
    return sheets


def _both(*changes):
    def change(sheets):
        for one in changes:
            one(sheets)

    return change


def _set(sheet, row, column, value):
    def change(sheets):
        header = sheets[sheet][0]
        sheets[sheet][row][header.index(column)] = value

    return change


@pytest.mark.parametrize(
    ("change", "place", "message"),
    [
        (_set("action_plans", 2, "valid_until", "2012-12-31"), ("action_plans", 3, "valid_until"), "before it starts"),
        (_set("action_plans", 2, "dialogues", None), ("action_plans", 3, "dialogues"), "a value is required"),
        (_set("action_plans", 2, "dialogues", "XX"), ("action_plans", 3, "dialogues"), "not in the dialogues"),
        (_set("plan_domains", 1, "plan", "NOPE"), ("plan_domains", 2, "plan"), "not in the action_plans"),
        (_set("plan_domains", 1, "position", 1000), ("plan_domains", 2, "position"), "from 0 to 999"),
        (_set("plan_priorities", 1, "champion", "ZZ"), ("plan_priorities", 2, "champion"), "not an ISO 3166"),
        (_set("plan_priorities", 1, "projects", "PRJ-9"), ("plan_priorities", 2, "projects"), "not in the projects"),
        # PRJ-2 supports no dialogue of the plan
        (_set("plan_priorities", 1, "projects", "PRJ-2"), ("plan_priorities", 2, "projects"), "list item PRJ-2"),
        (_set("collection_cycles", 1, "is_open", "maybe"), ("collection_cycles", 2, "is_open"), "not yes/no"),
        # a priority of the other plan
        (_set("initiatives", 1, "priorities", "IST-1.1"), ("initiatives", 2, "priorities"), "of this action plan"),
        (_set("initiatives", 1, "priorities", None), ("initiatives", 2, "priorities"), "a value is required"),
        (
            _both(_set("initiatives", 1, "plan", "ISTANBUL"), _set("initiatives", 1, "priorities", "IST-1.1")),
            ("initiatives", 2, "cycle"),
            "cycle of this action plan",
        ),
        (_set("initiatives", 1, "budget", "-5"), ("initiatives", 2, "budget"), "cannot be negative"),
        (_set("initiatives", 1, "currency", None), ("initiatives", 2, "currency"), "budget's currency"),
        (_set("initiatives", 1, "budget", "1.005"), ("initiatives", 2, "budget"), "decimal places"),
        (_set("initiatives", 1, "end_date", "2020-01-01"), ("initiatives", 2, "end_date"), "before"),
        (_set("initiatives", 2, "return_reason", None), ("initiatives", 3, "return_reason"), "Say why"),
        (_set("initiatives", 1, "return_reason", "Why"), ("initiatives", 2, "return_reason"), "Only a returned"),
        (_set("initiatives", 1, "review", "approved"), ("initiatives", 2, "review"), "is not one of"),
        (_set("initiatives", 1, "actor", "NOBODY"), ("initiatives", 2, "actor"), "not in the partners"),
        (_set("organisation_facts", 1, "nationalities", 151), ("organisation_facts", 2, "nationalities"), "more"),
        (_set("organisation_facts", 1, "employees", -1), ("organisation_facts", 2, "employees"), "zero or more"),
        (_set("organisation_facts", 2, "year", 2022), ("organisation_facts", 3, "year"), "already entered"),
        (_set("member_states", 2, "left_year", 1990), ("member_states", 3, "left_year"), "before the year it joined"),
        (_set("member_states", 2, "country", "AT"), ("member_states", 3, "country"), "already in the member list"),
        (_set("member_states", 2, "joined_year", None), ("member_states", 3, "joined_year"), "a value is required"),
    ],
)
def test_a_wrong_row_is_reported_at_its_place_and_nothing_is_written(app, tmp_path, row_counts, change, place, message):
    before = row_counts()
    report = _import(tmp_path, _broken(change))

    assert not report.written
    problems = _problems(report)
    assert list(problems) == [place], problems
    assert message in problems[place]
    assert row_counts() == before


def test_rows_may_point_to_a_stored_plan_and_its_priorities(app, tmp_path):
    _import(tmp_path, workbooks.portfolio())
    report = _import(
        tmp_path,
        {
            "initiatives": [
                ["ref", "plan", "cycle", "actor", "title", "priorities", "status", "review"],
                ["INI-9", "JVAP", "CYC-2023", "CH", "New", "JVAP-1.1", "planned", "submitted"],
                ["INI-10", "JVAP", "CYC-2023", "CH", "Other plan's", "IST-1.1", "planned", "submitted"],
            ]
        },
        "more.xlsx",
    )

    assert _problems(report) == {("initiatives", 3, "priorities"): "Choose priorities of this action plan."}


def test_a_priority_moved_to_another_plan_in_the_workbook_is_judged_where_it_goes(app, tmp_path):
    _import(tmp_path, workbooks.portfolio())
    sheets = workbooks.portfolio()
    sheets["plan_priorities"][1][1] = "IST-1"
    report = _import(tmp_path, sheets, "moved.xlsx")

    assert set(_problems(report)) == {("initiatives", 2, "priorities"), ("initiatives", 3, "priorities")}


def test_a_project_is_mapped_to_a_priority_of_a_dialogue_its_row_supports(app, tmp_path):
    sheets = workbooks.portfolio()
    sheets["plan_priorities"][1][6] = "PRJ-2; PRJ-1"
    sheets["projects"][2][sheets["projects"][0].index("dialogue")] = "RP"
    report = _import(tmp_path, sheets)

    assert report.ok, [str(p) for p in report.problems]
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-2"))
    assert [p.ref for p in project.priorities] == ["JVAP-1.1"]
