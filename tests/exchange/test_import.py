from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.events.models import Event
from portal.exchange import services
from portal.exchange.importing import Problem
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure
from portal.participants.models import Attendance, Person
from portal.partners.models import Partner
from portal.projects.models import Project
from tests import factories
from tests.exchange import workbooks


@pytest.fixture
def portfolio_file(tmp_path):
    return workbooks.save(tmp_path / "portfolio.xlsx", workbooks.portfolio())


def _places(report):
    return {(p.sheet, p.row, p.column) for p in report.problems}


def test_a_portfolio_is_imported_with_every_sheet_and_column(app, portfolio_file):
    report = services.import_workbook(portfolio_file)
    db.session.commit()

    assert report.ok and report.written
    assert report.counts["attendance"].created == 3
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-1"))
    assert project.region.code == "EE"
    assert [area.code for area in project.thematic_areas] == ["LAB", "RET"]
    assert sorted(project.countries) == ["AT", "XK"]
    assert project.duty_station.ref == "DS-VIE" and [d.code for d in project.dialogues] == ["BP"]
    assert project.description == "-starts with a dash"
    assert project.start_date == date(2021, 1, 1)
    contribution = db.session.scalar(sa.select(Contribution).where(Contribution.ref == "C-2"))
    assert contribution.amount == Decimal("250000.50") and contribution.currency == "USD"
    assert contribution.donor.ref == "CH"
    expenditure = db.session.scalar(sa.select(Expenditure).where(Expenditure.year == 2021))
    assert expenditure.amount == Decimal("400000.25")
    event = db.session.scalar(sa.select(Event).where(Event.ref == "EV-1"))
    assert sorted(p.ref for p in event.partners) == ["CH", "EU-COM"] and event.in_person_count == 40
    person = db.session.scalar(sa.select(Person).where(Person.ref == "PER-3"))
    assert person.email_key == "ivan@example.org" and person.consent is True
    assert person.consent_recorded_at is not None
    formula = db.session.scalar(sa.select(Person).where(Person.ref == "PER-2"))
    assert formula.first_name == "=cmd|' /C calc'!A0" and formula.consent is False
    partner = db.session.scalar(sa.select(Partner).where(Partner.ref == "NGO1"))
    assert partner.name == '=HYPERLINK("http://x","click")'
    attendance = db.session.scalar(sa.select(Attendance).join(Person).where(Person.ref == "PER-1"))
    assert attendance.role == "speaker" and attendance.attended is True


def _versions():
    db.session.expire_all()
    result = {}
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if "version" in mapper.columns:
            stamp = model.updated_at if "updated_at" in mapper.columns else model.version
            for ident, version, updated in db.session.execute(sa.select(model.id, model.version, stamp)):
                result[(model.__name__, ident)] = (version, updated)
    return result


def test_importing_the_same_workbook_twice_changes_nothing(app, portfolio_file, row_counts):
    services.import_workbook(portfolio_file)
    db.session.commit()
    before, counts = _versions(), row_counts()

    report = services.import_workbook(portfolio_file)
    db.session.commit()

    assert all(c.created == c.updated == 0 and c.unchanged > 0 for c in report.counts.values())
    assert _versions() == before
    assert row_counts() == counts


def test_a_changed_row_is_updated_and_only_it(app, portfolio_file, tmp_path):
    services.import_workbook(portfolio_file)
    db.session.commit()
    before = _versions()
    sheets = workbooks.portfolio()
    sheets["partners"][2][1] = "Swiss Confederation"
    sheets["projects"][1][5] = "AT; XK; RS"
    report = services.import_workbook(workbooks.save(tmp_path / "changed.xlsx", sheets))
    db.session.commit()

    assert report.counts["partners"].updated == 1 and report.counts["partners"].unchanged == 2
    assert report.counts["projects"].updated == 1
    after = _versions()
    changed = {key for key in after if after[key] != before[key]}
    swiss = db.session.scalar(sa.select(Partner).where(Partner.ref == "CH"))
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-1"))
    assert changed == {("Partner", swiss.id), ("Project", project.id)}
    assert swiss.name == "Swiss Confederation" and swiss.version == 2
    assert sorted(project.countries) == ["AT", "RS", "XK"]


def test_references_may_point_to_rows_already_in_the_database(app, tmp_path):
    factories.region(code="EE")
    factories.partner(ref="DONOR")
    db.session.commit()
    path = workbooks.save(
        tmp_path / "w.xlsx",
        {
            "projects": [
                ["code", "title", "region", "status", "start_date", "currency"],
                ["P9", "Nine", "EE", "active", "2024-01-01", "EUR"],
            ],
            "contributions": [
                ["ref", "project", "donor", "amount", "currency", "signed_on"],
                ["C9", "P9", "DONOR", "10.5", "EUR", "2024-02-02"],
            ],
        },
    )
    report = services.import_workbook(path)
    db.session.commit()
    assert report.ok, [str(p) for p in report.problems]
    assert db.session.scalar(sa.select(Contribution.amount).where(Contribution.ref == "C9")) == Decimal("10.50")


def test_dry_run_reports_and_writes_nothing(app, portfolio_file, row_counts):
    factories.partner(ref="CH", name="Old name")
    db.session.commit()
    before = row_counts()

    report = services.import_workbook(portfolio_file, dry_run=True)
    db.session.commit()

    assert report.ok and not report.written
    assert report.counts["partners"].created == 2 and report.counts["partners"].updated == 1
    assert row_counts() == before
    assert db.session.scalar(sa.select(Partner.name).where(Partner.ref == "CH")) == "Old name"


def test_missing_exchange_rates_are_warnings_naming_currency_and_year(app, tmp_path):
    sheets = workbooks.portfolio()
    sheets["exchange_rates"] = [["currency", "year", "rate"], ["USD", 2021, 0.85]]
    report = services.import_workbook(workbooks.save(tmp_path / "w.xlsx", sheets), dry_run=True)
    assert report.ok
    warnings = [str(w) for w in report.warnings]
    assert any(w.startswith("contributions, 3, currency: no exchange rate for USD in 2022") for w in warnings)
    assert any(w.startswith("revenue, 2, currency: no exchange rate for CHF in 2022") for w in warnings)
    assert not any("EUR" in w for w in warnings)


def test_a_workbook_with_twenty_one_errors_reports_all_of_them_and_writes_nothing(app, tmp_path, row_counts):
    factories.region(code="OLD")
    db.session.commit()
    before = row_counts()
    long_code = "X" * 41
    sheets = {
        # 1 unknown column
        "regions": [
            ["code", "name", "colour"],
            ["EE", "Eastern Europe", "blue"],
            # 20 longer than the column allows
            [long_code, "Too long"],
        ],
        # 2 a required column is missing
        "thematic_areas": [["code"], ["LAB"]],
        # 3 a required value is missing
        "donor_categories": [["code", "name"], ["EU", None]],
        # 19 not a whole number; and 17 a rate that is not positive
        "exchange_rates": [["currency", "year", "rate"], ["USD", "twenty", 0.9], ["CHF", 2022, 0]],
        # 4 a date that does not exist
        "duty_stations": [["ref", "city", "country", "opened_on"], ["DS1", "Vienna", "AT", "2020-13-01"]],
        # 8 unknown country; 12 the same ref twice
        "partners": [
            ["ref", "name", "type", "country"],
            ["P1", "One", "government", "XX"],
            ["P2", "Two", "academia", "FR"],
            ["P2", "Two again", "academia", "FR"],
            # 16 unknown enum value
            ["P3", "Three", "ngo", None],
        ],
        # 13 end before start; 18 a bad list item
        "projects": [
            ["code", "title", "region", "countries", "status", "start_date", "end_date", "currency"],
            ["PRJ-1", "One", "EE", "AT", "active", "2022-01-01", "2021-12-31", "EUR"],
            ["PRJ-2", "Two", "EE", "AT; ZZZ", "active", "2022-01-01", None, "EUR"],
        ],
        # 5 not an amount; 6 negative; 11 a reference to nothing
        "contributions": [
            ["ref", "project", "donor", "amount", "currency", "signed_on"],
            ["C1", "PRJ-1", "P2", "1,500", "EUR", "2022-01-01"],
            ["C2", "PRJ-1", "P2", -5, "EUR", "2022-01-01"],
            ["C3", "NOPE", "P2", 5, "EUR", "2022-01-01"],
        ],
        # 7 too many decimals; 15 the same project and year twice
        "expenditure": [
            ["project", "year", "amount", "currency"],
            ["PRJ-1", 2022, 10.555, "EUR"],
            ["PRJ-2", 2022, 10, "EUR"],
            ["PRJ-2", 2022, 11, "EUR"],
        ],
        # 9 unknown currency
        "revenue": [["ref", "year", "type", "amount", "currency"], ["R1", 2022, "other", 5, "EUX"]],
        # 14 an in-person event without a city
        "events": [
            ["ref", "title", "type", "start_date", "end_date", "mode", "city", "country"],
            ["EV1", "Meeting", "meeting", "2022-01-01", "2022-01-01", "in_person", None, "AT"],
        ],
        # 10 not a boolean
        "participants": [
            ["ref", "first_name", "last_name", "gender", "sector", "consent"],
            ["PER1", "Ana", "Novak", "female", "government", "maybe"],
        ],
        # 21 the same event and participant twice
        "attendance": [
            ["event", "participant", "role", "attended"],
            ["EV1", "PER1", "speaker", "yes"],
            ["EV1", "PER1", "participant", "no"],
        ],
    }
    report = services.import_workbook(workbooks.save(tmp_path / "bad.xlsx", sheets))
    db.session.rollback()

    expected = {
        ("regions", 1, "colour"),
        ("regions", 3, "code"),
        ("thematic_areas", 1, "name"),
        ("donor_categories", 2, "name"),
        ("exchange_rates", 2, "year"),
        ("exchange_rates", 3, "rate"),
        ("duty_stations", 2, "opened_on"),
        ("partners", 2, "country"),
        ("partners", 4, "ref"),
        ("partners", 5, "type"),
        ("projects", 2, "end_date"),
        ("projects", 3, "countries"),
        ("contributions", 2, "amount"),
        ("contributions", 3, "amount"),
        ("contributions", 4, "project"),
        ("expenditure", 2, "amount"),
        ("expenditure", 4, "year"),
        ("revenue", 2, "currency"),
        ("events", 2, "city"),
        ("participants", 2, "consent"),
        ("attendance", 3, "participant"),
    }
    assert not report.written
    assert _places(report) == expected
    assert report.problem_count == len(expected) == 21
    messages = {(p.sheet, p.row, p.column): str(p) for p in report.problems}
    assert messages[("regions", 1, "colour")] == "regions, 1, colour: unknown column"
    assert "2020-13-01" in messages[("duty_stations", 2, "opened_on")]
    assert "NOPE" in messages[("contributions", 4, "project")]
    assert "ZZZ" in messages[("projects", 3, "countries")]
    assert "EUX" in messages[("revenue", 2, "currency")]
    assert "ngo" in messages[("partners", 5, "type")]
    assert "decimal" in messages[("expenditure", 2, "amount")]
    assert "negative" in messages[("contributions", 3, "amount")]
    assert row_counts() == before


def test_a_file_that_is_not_a_workbook_is_one_problem(app, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    report = services.import_workbook(path)
    assert not report.ok and str(report.problems[0]) == "The file is not an Excel workbook (.xlsx)."


def test_blank_rows_are_skipped_and_stray_cells_reported(app, tmp_path):
    path = workbooks.save(
        tmp_path / "w.xlsx",
        {
            "regions": [["code", "name", None], ["EE", "East", None], [None, None, None], ["WA", "West", "oops"]],
        },
    )
    report = services.import_workbook(path, dry_run=True)
    assert [str(p) for p in report.problems] == ["regions, 4, C: a value in a column without a name"]
    assert report.counts["regions"].created == 1


def test_unknown_sheets_are_reported_as_warnings(app, tmp_path):
    path = workbooks.save(tmp_path / "w.xlsx", {"README": [["read me"]], "regions": [["code", "name"]]})
    report = services.import_workbook(path, dry_run=True)
    assert report.ok and [str(w) for w in report.warnings] == ["README: unknown sheet, ignored"]


def test_problems_name_the_place(app):
    assert str(Problem("events", 7, "city", "missing")) == "events, 7, city: missing"
