"""The database itself refuses rows that break the domain rules it can hold, so that a write around the services
(a script, a bulk insert, another program) cannot break them either. Rows here are written without the services."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.dialogues.models import Chairmanship
from portal.exchange import services as exchange
from portal.extensions import db
from tests import factories
from tests.exchange import workbooks


def _refused(write) -> None:
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        write()
        db.session.flush()


def test_project_codes_differing_only_in_case_are_refused(app):
    factories.project(code="PRJ-1")
    _refused(lambda: factories.project(code="prj-1"))
    factories.project(code="PRJ-2")


def test_dialogue_codes_differing_only_in_case_are_refused(app):
    factories.dialogue(code="RABAT")
    _refused(lambda: factories.dialogue(code="Rabat"))
    factories.dialogue(code="RABAT-2")


def test_a_person_is_registered_for_an_event_once(app):
    event, person = factories.event(), factories.person()
    factories.attendance(event, person)
    _refused(lambda: factories.attendance(event, person, attended=False))
    factories.attendance(factories.event(), person)


def test_a_project_has_one_expenditure_entry_per_year(app):
    project = factories.project()
    factories.expenditure(project, 2021, 10)
    _refused(lambda: factories.expenditure(project, 2021, 20))
    _refused(lambda: factories.expenditure(project, 2022, Decimal("-0.01")))
    factories.expenditure(project, 2022, 0)


def test_a_project_does_not_end_before_it_starts(app):
    _refused(lambda: factories.project(start_date=date(2022, 1, 1), end_date=date(2021, 12, 31)))
    factories.project(start_date=date(2022, 1, 1), end_date=date(2022, 1, 1))
    factories.project(start_date=date(2022, 1, 1), end_date=None)


def _chair(dialogue, country, start, end):
    db.session.add(Chairmanship(dialogue=dialogue, country=country, start_date=start, end_date=end))
    db.session.flush()


def test_a_chairmanship_does_not_end_before_it_starts(app):
    dialogue = factories.dialogue()
    _refused(lambda: _chair(dialogue, "FR", date(2022, 1, 1), date(2021, 12, 31)))
    _chair(dialogue, "FR", date(2022, 1, 1), None)


def test_postgresql_refuses_chairmanships_of_one_dialogue_whose_periods_overlap(app):
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("an exclusion constraint is PostgreSQL's; on SQLite the services and imports hold the rule")
    dialogue, other = factories.dialogue(), factories.dialogue()
    _chair(dialogue, "FR", date(2020, 1, 1), date(2020, 12, 31))
    _chair(dialogue, "DE", date(2021, 1, 1), None)
    _chair(other, "IT", date(2020, 6, 1), None)

    def overlap():
        _chair(dialogue, "ES", date(2020, 12, 31), date(2021, 1, 1))
        # the constraint is checked at commit (an import may shorten one period before adding the next): now
        db.session.execute(sa.text("SET CONSTRAINTS ex_chairmanships_one_chair_at_a_time IMMEDIATE"))

    _refused(overlap)
    db.session.execute(sa.text("SET CONSTRAINTS ex_chairmanships_one_chair_at_a_time IMMEDIATE"))


def test_postgresql_checks_chairmanship_periods_once_an_import_has_written_them_all(app, tmp_path):
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("an exclusion constraint is PostgreSQL's")
    _chair(factories.dialogue(code="RABAT"), "FR", date(2020, 1, 1), date(2020, 12, 31))
    db.session.commit()
    chairs = [
        ["dialogue", "country", "start_date", "end_date"],
        ["RABAT", "FR", "2020-01-01", "2020-11-30"],
        ["RABAT", "DE", "2020-12-01", None],
    ]
    # the import adds DE before it shortens FR: between the two the periods overlap
    report = exchange.import_workbook(workbooks.save(tmp_path / "chairs.xlsx", {"chairmanships": chairs}))
    assert report.ok and report.written
    db.session.execute(sa.text("SET CONSTRAINTS ex_chairmanships_one_chair_at_a_time IMMEDIATE"))
