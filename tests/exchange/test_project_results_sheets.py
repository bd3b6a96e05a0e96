"""The project_outputs, indicators and indicator_results sheets: exact round trips, the projects' rules (the same
check functions and messages as the forms), seeing stored rows and the workbook's earlier ones; a workbook that
breaks any writes nothing."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from portal.demo.loader import load_demo
from portal.errors import DomainError
from portal.exchange import services
from portal.extensions import db
from portal.projects import services as project_services
from portal.projects.models import IndicatorResult, Project, ProjectIndicator, ProjectOutput
from tests import factories
from tests.exchange import workbooks

OUTPUTS = ["ref", "project", "number", "title"]
INDICATORS = ["ref", "project", "output", "number", "text", "baseline", "target"]
RESULTS = ["project", "indicator", "year", "actual", "comment"]
PROJECTS = ["code", "title", "region", "status", "start_date", "end_date", "currency"]
NEGATIVE = "The value cannot be negative."
RESULT_SHEETS = ("project_outputs", "indicators", "indicator_results")


def _import(tmp_path, sheets, name="w.xlsx"):
    return services.import_workbook(workbooks.save(tmp_path / name, sheets))


def _messages(report):
    return [str(problem) for problem in report.problems]


@pytest.fixture
def stored(app):
    """A project of 2020 to 2022 with output 1, its indicator 1.1 and the actual value of 2021; and another project."""
    project = factories.project(code="MIGSTAT", start_date=date(2020, 1, 1), end_date=date(2022, 12, 31))
    factories.project(code="OTHER", start_date=date(2020, 1, 1), end_date=None)
    output = project_services.add_output(project, {"title": "Statistics improved"})
    indicator = project_services.add_indicator(
        output, {"text": "Countries", "baseline": Decimal(1), "target": Decimal(8)}
    )
    project_services.record_result(indicator, {"year": 2021, "actual": Decimal("2.5")})
    db.session.commit()
    return project


def test_the_portfolio_s_results_are_imported_exactly_with_their_projects(app, tmp_path):
    report = _import(tmp_path, workbooks.portfolio())
    db.session.commit()

    assert report.ok and report.written
    assert [report.counts[name].created for name in RESULT_SHEETS] == [3, 3, 4]
    output = db.session.scalar(sa.select(ProjectOutput).where(ProjectOutput.ref == "OUT-1"))
    assert (output.project.code, output.number, output.title_ru) == ("PRJ-1", 1, "Статистика улучшена")
    indicator = db.session.scalar(sa.select(ProjectIndicator).where(ProjectIndicator.ref == "IND-2"))
    assert indicator.output == output and indicator.project_id == output.project_id
    assert (indicator.number, indicator.unit, indicator.baseline, indicator.target) == (
        2,
        "%",
        Decimal("12.5"),
        Decimal("40.25"),
    )
    assert [(r.year, r.actual, r.comment, r.project_id) for r in indicator.results] == [
        (2023, Decimal("33.75"), "+interim", output.project_id)
    ]
    returns = db.session.scalar(sa.select(ProjectIndicator).where(ProjectIndicator.ref == "IND-3"))
    assert returns.baseline is None and db.session.get(Project, returns.results[0].project_id).code == "PRJ-2"
    assert db.session.scalar(sa.select(ProjectOutput.title).where(ProjectOutput.ref == "OUT-2")) == "=Data shared"


def test_a_second_import_and_an_export_s_import_change_nothing(app, tmp_path, row_counts):
    _import(tmp_path, workbooks.portfolio())
    db.session.commit()
    before = row_counts()

    again = _import(tmp_path, workbooks.portfolio(), "again.xlsx")
    services.export_workbook(tmp_path / "out.xlsx", personal_data=True)
    exported = services.import_workbook(tmp_path / "out.xlsx")
    db.session.commit()

    for report in (again, exported):
        assert report.ok
        for name in RESULT_SHEETS:
            counts = report.counts[name]
            assert (counts.created, counts.updated, counts.rejected) == (0, 0, 0)
    assert row_counts() == before
    rows = workbooks.read(tmp_path / "out.xlsx")
    assert rows["indicator_results"][0] == ("project", "indicator", "year", "actual", "comment")
    assert rows["indicator_results"][1:3] == [
        ("PRJ-1", "IND-1", 2021, 3, "Serbia, Moldova, Georgia"),
        ("PRJ-1", "IND-1", 2022, 5.5),
    ]


def test_the_demo_s_results_round_trip(app, tmp_path):
    load_demo(db.session)
    db.session.commit()
    services.export_workbook(tmp_path / "demo.xlsx", personal_data=False)
    # the results sheets alone, their references found in the database
    exported = load_workbook(tmp_path / "demo.xlsx", read_only=True)
    results = Workbook()
    results.remove(results.active)
    for name in RESULT_SHEETS:
        target = results.create_sheet(name)
        for row in exported[name].iter_rows(values_only=True):
            target.append(row)
    exported.close()
    results.save(tmp_path / "results.xlsx")

    report = services.import_workbook(tmp_path / "results.xlsx")

    assert report.ok, _messages(report)
    stored = db.session.scalar(sa.select(sa.func.count()).select_from(IndicatorResult))
    assert stored > 0 and report.counts["indicator_results"].unchanged == stored
    assert all(report.counts[name].created + report.counts[name].updated == 0 for name in RESULT_SHEETS)


def test_rows_breaking_the_rules_are_refused_at_their_place_and_nothing_is_written(tmp_path, stored, row_counts):
    before = row_counts()
    report = _import(
        tmp_path,
        {
            "project_outputs": [
                OUTPUTS,
                ["OUT-NEW", "MIGSTAT", 1, "Number taken by the stored output"],
                ["OUT-2", "MIGSTAT", 2, "Second"],
                ["OUT-3", "MIGSTAT", 2, "Number taken by an earlier row"],
                ["OUT-0001", "OTHER", 1, "The stored output, moved to another project"],
            ],
            "indicators": [
                INDICATORS,
                ["IND-A", "MIGSTAT", "OUT-2", 1, "Negative baseline", -1, 5],
                ["IND-B", "MIGSTAT", "OUT-2", 2, "Negative target", None, "-0.5"],
                ["IND-C", "OTHER", "OUT-2", 3, "In another project than its output", None, None],
                ["IND-D", "MIGSTAT", "OUT-0001", 1, "Number taken by the stored indicator", None, None],
                ["IND-0001", "MIGSTAT", "OUT-2", 4, "The stored indicator, moved to another output", None, None],
            ],
            "indicator_results": [
                RESULTS,
                ["MIGSTAT", "IND-0001", 2019, 1, "Before the project"],
                ["MIGSTAT", "IND-0001", 2023, 1, "After the project"],
                ["MIGSTAT", "IND-0001", 2022, -3, "Negative"],
                ["MIGSTAT", "IND-0001", 2020, 1, None],
                ["MIGSTAT", "IND-0001", 2020, 2, "The same year again"],
                ["OTHER", "IND-0001", 2021, 1, "In another project than its indicator"],
            ],
        },
    )
    db.session.rollback()

    assert _messages(report) == [
        "project_outputs, 2, number: The number 1 is already used.",
        "project_outputs, 4, number: The number 2 is already used.",
        "project_outputs, 5, project: OUT-0001 belongs to MIGSTAT and cannot be moved.",
        f"indicators, 2, baseline: {NEGATIVE}",
        f"indicators, 3, target: {NEGATIVE}",
        "indicators, 4, project: OUT-2 belongs to the project MIGSTAT.",
        "indicators, 5, number: The number 1 is already used.",
        "indicators, 6, output: IND-0001 belongs to OUT-0001 and cannot be moved.",
        "indicator_results, 2, year: The project runs from 2020 to 2022.",
        "indicator_results, 3, year: The project runs from 2020 to 2022.",
        f"indicator_results, 4, actual: {NEGATIVE}",
        "indicator_results, 6, year: The indicator already has an actual value for 2020: edit it instead.",
        "indicator_results, 7, project: IND-0001 belongs to the project MIGSTAT.",
    ]
    assert row_counts() == before


def test_a_year_is_judged_by_the_period_the_workbook_gives_its_project(tmp_path, stored, row_counts):
    longer = ["MIGSTAT", "Statistics", "EE", "active", "2020-01-01", "2025-12-31", "EUR"]
    sheets = {
        "regions": [["code", "name"], ["EE", "Eastern Europe"]],
        "projects": [PROJECTS, longer],
        "project_outputs": [OUTPUTS, ["OUT-N", "NEW", 1, "New output"]],
        "indicators": [INDICATORS, ["IND-N", "NEW", "OUT-N", 1, "New indicator", None, "3"]],
        "indicator_results": [RESULTS, ["MIGSTAT", "IND-0001", 2025, 4, None], ["NEW", "IND-N", 2030, 1, None]],
    }
    sheets["projects"].append(["NEW", "New", "EE", "pipeline", "2030-01-01", "2030-06-30", "EUR"])

    report = _import(tmp_path, sheets)
    assert report.ok, _messages(report)
    db.session.commit()
    indicator = db.session.scalar(sa.select(ProjectIndicator).where(ProjectIndicator.ref == "IND-N"))
    assert indicator.project_id == indicator.output.project_id
    assert indicator.output.project.code == "NEW" and indicator.results[0].project_id == indicator.project_id

    before = row_counts()
    shorter = {
        "projects": [
            PROJECTS,
            [*longer[:5], "2024-12-31", "EUR"],
            ["OTHER", "Other", "EE", "active", "2020-01-01", "2024-12-31", "EUR"],
        ],
        "project_outputs": [OUTPUTS, ["OUT-O", "OTHER", 1, "Output"]],
        "indicators": [INDICATORS, ["IND-O", "OTHER", "OUT-O", 1, "Indicator", None, None]],
        "indicator_results": [RESULTS, ["OTHER", "IND-O", 2025, 5, None]],
    }
    report = _import(tmp_path, shorter, "shorter.xlsx")
    db.session.rollback()
    assert _messages(report) == [
        "projects, 2, end_date: Indicators have actual values for 2025: the period must include them.",
        "indicator_results, 2, year: The project runs from 2020 to 2024.",
    ]
    assert row_counts() == before


def test_a_changed_value_updates_its_row_only(tmp_path, stored):
    report = _import(
        tmp_path,
        {
            "indicators": [INDICATORS, ["IND-0001", "MIGSTAT", "OUT-0001", 1, "Countries", 1, "9.75"]],
            "indicator_results": [RESULTS, ["MIGSTAT", "IND-0001", 2021, "2.50", "Now with a comment"]],
        },
    )
    db.session.commit()

    assert report.ok
    assert (report.counts["indicators"].updated, report.counts["indicator_results"].updated) == (1, 1)
    indicator = db.session.scalar(sa.select(ProjectIndicator).where(ProjectIndicator.ref == "IND-0001"))
    assert (indicator.target, indicator.project_id) == (Decimal("9.75"), stored.id)
    assert [(r.actual, r.comment) for r in indicator.results] == [(Decimal("2.50"), "Now with a comment")]


def test_the_services_refuse_negative_values_with_the_same_message_and_number_refs(stored):
    output = stored.outputs[0]
    indicator = output.indicators[0]
    assert (output.ref, indicator.ref) == ("OUT-0001", "IND-0001")
    assert project_services.add_output(stored, {"title": "Second"}).ref == "OUT-0002"
    for refused, field in (
        (lambda: project_services.add_indicator(output, {"text": "X", "baseline": Decimal(-1)}), "baseline"),
        (lambda: project_services.update_indicator(indicator, {"text": "X", "target": Decimal("-0.01")}), "target"),
        (lambda: project_services.record_result(indicator, {"year": 2022, "actual": Decimal(-2)}), "actual"),
        (lambda: project_services.update_result(indicator.results[0], {"year": 2021, "actual": Decimal(-2)}), "actual"),
    ):
        with pytest.raises(DomainError) as raised:
            refused()
        assert (raised.value.field, str(raised.value.message)) == (field, NEGATIVE)
    db.session.rollback()
    assert db.session.get(Project, stored.id).outputs[0].indicators[0].target == Decimal(8)
