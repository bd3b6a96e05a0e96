"""The workbook import obeys the rules the forms obey (the same check functions, the same messages), seeing the
stored rows and the workbook's earlier ones; a workbook that breaks any of them writes nothing."""

from datetime import date

from portal.dialogues import services as dialogue_services
from portal.exchange import services
from portal.extensions import db
from portal.participants.models import Person
from portal.participants.personal_data import erase_person
from tests import factories
from tests.exchange import workbooks

CHAIRS = ["dialogue", "country", "start_date", "end_date"]
PROJECTS = ["code", "title", "region", "status", "start_date", "currency"]
PEOPLE = ["ref", "first_name", "last_name", "gender", "email", "sector", "country", "consent"]


def _import(tmp_path, sheets):
    report = services.import_workbook(workbooks.save(tmp_path / "w.xlsx", sheets))
    db.session.rollback()
    return [str(problem) for problem in report.problems]


def test_chairmanships_overlapping_a_stored_one_or_an_earlier_row_are_refused(app, tmp_path, row_counts):
    dialogue = factories.dialogue(code="RABAT")
    dialogue_services.add_chairmanship(dialogue, country="FR", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    db.session.commit()
    before = row_counts()
    problems = _import(
        tmp_path,
        {
            "chairmanships": [
                CHAIRS,
                ["RABAT", "FR", "2020-01-01", "2020-11-30"],  # the stored one, shortened: not another chair
                ["RABAT", "DE", "2020-11-01", "2021-05-31"],
                ["RABAT", "IT", "2022-01-01", "2022-12-31"],
                ["RABAT", "ES", "2022-06-01", None],
                ["RABAT", "PT", "2023-01-01", None],
            ]
        },
    )
    assert problems == [
        "chairmanships, 3, start_date: This period overlaps the chairmanship from 2020-01-01 to 2020-11-30.",
        "chairmanships, 5, start_date: This period overlaps the chairmanship from 2022-01-01 to 2022-12-31.",
    ]
    assert row_counts() == before


def test_chairmanships_that_follow_each_other_are_imported(app, tmp_path):
    factories.dialogue(code="RABAT")
    db.session.commit()
    chairs = [CHAIRS, ["RABAT", "FR", "2020-01-01", "2020-12-31"], ["RABAT", "DE", "2021-01-01", None]]
    assert _import(tmp_path, {"chairmanships": chairs}) == []


def test_a_project_code_differing_only_in_case_is_refused(app, tmp_path, row_counts):
    factories.project(code="PRJ-1", region=factories.region(code="EE"))
    db.session.commit()
    before = row_counts()
    problems = _import(
        tmp_path,
        {
            "projects": [
                PROJECTS,
                ["prj-1", "Again", "EE", "active", "2024-01-01", "EUR"],
                ["NEW-1", "New", "EE", "active", "2024-01-01", "EUR"],
                ["New-1", "New again", "EE", "active", "2024-01-01", "EUR"],
            ]
        },
    )
    assert problems == [
        "projects, 2, code: Another project already has the code PRJ-1.",
        "projects, 4, code: Another project already has the code NEW-1.",
    ]
    assert row_counts() == before


def _erased_person():
    person = factories.person(ref="P-ANA", first_name="Ana", last_name="Lopes", email="ana@example.org")
    db.session.flush()
    erase_person(person)
    db.session.commit()
    return person


def test_an_erased_persons_data_cannot_come_back_through_an_import(app, tmp_path):
    person = _erased_person()
    row = ["P-ANA", "Ana", "Lopes", "female", "ana@example.org", "government", None, "yes"]
    problems = _import(tmp_path, {"participants": [PEOPLE, row]})
    assert problems == ["participants, 2, ref: This person's data was erased; the record can no longer be edited."]
    db.session.expire_all()
    erased = db.session.get(Person, person.id)
    assert (erased.first_name, erased.email) != ("Ana", "ana@example.org") and erased.erased_at is not None


def test_an_exported_workbook_with_an_erased_person_imports_again_unchanged(app, tmp_path):
    _erased_person()
    target = tmp_path / "out.xlsx"
    services.export_workbook(target, personal_data=True)
    report = services.import_workbook(target)
    assert report.ok, [str(problem) for problem in report.problems]
    assert report.counts["participants"].unchanged == 1
