"""The workbook import obeys the rules the forms obey (the same check functions, the same messages), seeing the
stored rows and the workbook's earlier ones; a workbook that breaks any of them writes nothing."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from portal.dialogues import services as dialogue_services
from portal.errors import DomainError
from portal.events import services as event_services
from portal.exchange import services
from portal.extensions import db
from portal.funding import services as funding_services
from portal.participants import services as participant_services
from portal.participants.models import Person, PersonEmail
from portal.participants.personal_data import erase_person
from portal.projects import services as project_services
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
        "projects, 2, code: Another project already has the code prj-1.",
        "projects, 4, code: Another project already has the code New-1.",
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


# One workbook that breaks every rule of the pages at once, and the same data through the pages' services.

OVERLAP_STORED = "This period overlaps the chairmanship from 2020-01-01 to 2020-12-31."
OVERLAP_EARLIER_ROW = "This period overlaps the chairmanship from 2022-01-01 to 2022-12-31."
REVERSED = "The end date cannot be before the start date."
PROJECT_CODE = "Another project already has the code prj-1."
DIALOGUE_CODE = "Another dialogue already uses this code."
NEGATIVE = "The amount cannot be negative."
YEAR_TAKEN = "The project already has expenditure for 2022: edit that entry instead."
NO_CITY = "Give the city of an in-person or hybrid event."
HEAD_COUNT = "Enter a number of participants from 0 to 2147483647."
REGISTERED = "This person is already registered for the event."

RULE_BREAKERS = {
    "dialogues": [["code", "name"], ["rabat", "Rabat again"]],
    "chairmanships": [
        CHAIRS,
        ["RABAT", "DE", "2020-06-01", "2021-05-31"],
        ["RABAT", "IT", "2022-01-01", "2022-12-31"],
        ["RABAT", "ES", "2022-06-01", None],
        ["RABAT", "PT", "2024-12-31", "2024-01-01"],
    ],
    "projects": [
        ["code", "title", "region", "status", "start_date", "end_date", "currency"],
        ["prj-1", "Again", "EE", "active", "2024-01-01", None, "EUR"],
        ["NEW-2", "Backwards", "EE", "active", "2024-01-01", "2023-12-31", "EUR"],
    ],
    "contributions": [
        ["ref", "project", "donor", "amount", "currency", "signed_on"],
        ["C-9", "PRJ-1", "DON", -100, "EUR", "2024-01-01"],
    ],
    "expenditure": [
        ["project", "year", "amount", "currency"],
        ["PRJ-1", 2021, -5, "EUR"],
        ["PRJ-1", 2022, 10, "EUR"],
        ["PRJ-1", 2022, 11, "EUR"],
    ],
    "revenue": [["ref", "year", "type", "amount", "currency"], ["R-9", 2024, "other", "-0.01", "EUR"]],
    "events": [
        ["ref", "title", "type", "start_date", "end_date", "mode", "city", "country", "in_person_count"],
        ["EV-2", "Backwards", "meeting", "2024-03-02", "2024-03-01", "online", None, None, None],
        ["EV-3", "Nowhere", "meeting", "2024-03-01", "2024-03-01", "in_person", None, "AT", -3],
    ],
    "attendance": [
        ["event", "participant", "role", "attended"],
        ["EV-1", "P-1", "participant", "yes"],
        ["EV-1", "P-1", "speaker", "no"],
    ],
}


def _stored():
    """The records the rule breakers clash with."""
    region = factories.region(code="EE")
    dialogue = factories.dialogue(code="RABAT")
    dialogue_services.add_chairmanship(dialogue, country="FR", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    project = factories.project(code="PRJ-1", region=region)
    donor = factories.partner(ref="DON")
    event = factories.event(ref="EV-1")
    person = factories.person(ref="P-1")
    db.session.commit()
    return SimpleNamespace(region=region, dialogue=dialogue, project=project, donor=donor, event=event, person=person)


def test_a_workbook_breaking_every_rule_is_refused_at_each_place_and_writes_nothing(app, tmp_path, row_counts):
    _stored()
    before = row_counts()

    problems = _import(tmp_path, RULE_BREAKERS)

    assert problems == [
        f"dialogues, 2, code: {DIALOGUE_CODE}",
        f"chairmanships, 2, start_date: {OVERLAP_STORED}",
        f"chairmanships, 4, start_date: {OVERLAP_EARLIER_ROW}",
        f"chairmanships, 5, end_date: {REVERSED}",
        f"projects, 2, code: {PROJECT_CODE}",
        f"projects, 3, end_date: {REVERSED}",
        f"contributions, 2, amount: {NEGATIVE}",
        f"expenditure, 2, amount: {NEGATIVE}",
        f"expenditure, 4, year: {YEAR_TAKEN}",
        f"revenue, 2, amount: {NEGATIVE}",
        f"events, 2, end_date: {REVERSED}",
        f"events, 3, city: {NO_CITY}",
        f"events, 3, in_person_count: {HEAD_COUNT}",
        f"attendance, 3, participant: {REGISTERED}",
    ]
    assert row_counts() == before


def _refusal(write) -> str:
    """The message of the DomainError with which a service refuses a write; nothing of it stays."""
    with pytest.raises(DomainError) as refused, db.session.begin_nested():
        write()
    return str(refused.value.message)


def test_the_pages_services_refuse_the_same_data_with_the_same_messages(app):
    stored = _stored()
    project = {
        "code": "prj-1",
        "title": "Again",
        "region_id": stored.region.id,
        "status": "active",
        "start_date": date(2024, 1, 1),
        "end_date": None,
        "currency": "EUR",
    }
    event = {
        "title": "Backwards",
        "type": "meeting",
        "start_date": date(2024, 3, 2),
        "end_date": date(2024, 3, 1),
        "mode": "online",
        "city": None,
        "country": None,
    }
    dialogue_services.add_chairmanship(
        stored.dialogue, country="IT", start_date=date(2022, 1, 1), end_date=date(2022, 12, 31)
    )
    funding_services.create_expenditure(stored.project, {"year": 2022, "amount": Decimal(10), "currency": "EUR"})
    participant_services.add_attendance(stored.event, stored.person, role="participant", mode=None, attended=True)

    def chair(country, start, end):
        return lambda: dialogue_services.add_chairmanship(
            stored.dialogue, country=country, start_date=start, end_date=end
        )

    refusals = {
        DIALOGUE_CODE: lambda: dialogue_services.create_dialogue({"code": "rabat", "name": "Rabat again"}),
        OVERLAP_STORED: chair("DE", date(2020, 6, 1), date(2021, 5, 31)),
        OVERLAP_EARLIER_ROW: chair("ES", date(2022, 6, 1), None),
        REVERSED: chair("PT", date(2024, 12, 31), date(2024, 1, 1)),
        PROJECT_CODE: lambda: project_services.create_project(project),
        NEGATIVE: lambda: funding_services.create_contribution(
            stored.project,
            {
                "ref": "C-9",
                "donor_id": stored.donor.id,
                "amount": Decimal(-100),
                "currency": "EUR",
                "signed_on": date(2024, 1, 1),
            },
        ),
        YEAR_TAKEN: lambda: funding_services.create_expenditure(
            stored.project, {"year": 2022, "amount": Decimal(11), "currency": "EUR"}
        ),
        NO_CITY: lambda: event_services.create_event({**event, "end_date": event["start_date"], "mode": "in_person"}),
        HEAD_COUNT: lambda: event_services.create_event(
            {**event, "end_date": event["start_date"], "in_person_count": -3}
        ),
        REGISTERED: lambda: participant_services.add_attendance(
            stored.event, stored.person, role="speaker", mode=None, attended=False
        ),
    }
    assert {message: _refusal(write) for message, write in refusals.items()} == {m: m for m in refusals}
    # the other ways to the same rules: a project's and an event's reversed dates, negative expenditure and revenue
    new_project = {**project, "code": "NEW-2", "end_date": date(2023, 12, 31)}
    assert _refusal(lambda: project_services.create_project(new_project)) == REVERSED
    assert _refusal(lambda: event_services.create_event(event)) == REVERSED
    negative_year = {"year": 2021, "amount": Decimal(-5), "currency": "EUR"}
    assert _refusal(lambda: funding_services.create_expenditure(stored.project, negative_year)) == NEGATIVE
    negative_revenue = {"ref": "R-9", "year": 2024, "type": "other", "amount": Decimal("-0.01"), "currency": "EUR"}
    assert _refusal(lambda: funding_services.create_revenue(negative_revenue)) == NEGATIVE


EMAIL_TAKEN = "Another person has this e-mail address: merge the two records instead."
ERASED = "This person's data was erased; the record can no longer be edited."


def test_a_changed_email_address_that_another_person_has_is_refused_as_on_the_page(app, tmp_path, row_counts):
    factories.person(ref="P-1", first_name="Ana", last_name="Lopes", email="ana@example.org")
    bob = factories.person(ref="P-2", first_name="Bob", last_name="Stone", email="bob@example.org")
    db.session.commit()
    before = row_counts()
    problems = _import(
        tmp_path,
        {
            "participants": [
                PEOPLE,
                ["P-2", "Bob", "Stone", "male", "ANA@example.org", "government", None, "yes"],
                # a new person may share an address, as an officer may create one after seeing the match
                ["P-3", "Ana", "Lopes", "female", "ana@example.org", "government", None, "yes"],
                ["P-4", "Carl", "Berg", "male", "carl@example.org", "government", None, "yes"],
                ["P-1", "Ana", "Lopes", "female", "Carl@example.org", "government", None, "yes"],
            ]
        },
    )
    assert problems == [f"participants, 2, email: {EMAIL_TAKEN}", f"participants, 5, email: {EMAIL_TAKEN}"]
    assert row_counts() == before

    values = {"first_name": "Bob", "last_name": "Stone", "gender": "male", "sector": "government"}
    update = {**values, "email": "ANA@example.org", "consent": True}
    assert _refusal(lambda: participant_services.update_person(bob, update, actor=None)) == EMAIL_TAKEN


def test_another_persons_alternative_address_is_refused_as_on_the_page(app, tmp_path, row_counts):
    ana = factories.person(ref="P-1", first_name="Ana", last_name="Lopes", email="ana@example.org")
    ana.alternative_emails.append(PersonEmail(email="Ana.Old@Example.org"))
    bob = factories.person(ref="P-2", first_name="Bob", last_name="Stone", email="bob@example.org")
    db.session.commit()
    before = row_counts()
    problems = _import(
        tmp_path,
        {
            "participants": [
                PEOPLE,
                ["P-2", "Bob", "Stone", "male", "ana.old@example.org", "government", None, "yes"],
                # a person may take back an address of their own
                ["P-1", "Ana", "Lopes", "female", "ana.old@example.org", "government", None, "yes"],
            ]
        },
    )
    assert problems == [f"participants, 2, email: {EMAIL_TAKEN}"]
    assert row_counts() == before

    values = {"first_name": "Bob", "last_name": "Stone", "gender": "male", "sector": "government"}
    update = {**values, "email": "ana.old@example.org", "consent": True}
    assert _refusal(lambda: participant_services.update_person(bob, update, actor=None)) == EMAIL_TAKEN


def test_an_erased_person_keeps_their_attendance_but_is_registered_for_no_other_event(app, tmp_path, row_counts):
    person = factories.person(ref="P-ANA", first_name="Ana", last_name="Lopes")
    factories.attendance(factories.event(ref="EV-1"), person, role="participant")
    other = factories.event(ref="EV-2")
    db.session.flush()
    erase_person(person)
    db.session.commit()
    before = row_counts()
    attendance = [
        ["event", "participant", "role", "attended"],
        ["EV-1", "P-ANA", "participant", "yes"],
        ["EV-2", "P-ANA", "participant", "yes"],
    ]
    assert _import(tmp_path, {"attendance": attendance}) == [f"attendance, 3, participant: {ERASED}"]
    assert row_counts() == before

    def register():
        participant_services.add_attendance(other, person, role="participant", mode=None, attended=True)

    assert _refusal(register) == ERASED
    assert _import(tmp_path, {"attendance": attendance[:2]}) == []


def test_reference_data_obeys_the_rules_of_its_forms(app, tmp_path, row_counts):
    before = row_counts()
    problems = _import(
        tmp_path,
        {
            "exchange_rates": [["currency", "year", "rate"], ["USD", 2022, 0], ["CHF", 2022, "-1.5"]],
            "duty_stations": [
                ["ref", "city", "country", "opened_on", "closed_on"],
                ["DS-1", "Vienna", "AT", "2020-01-02", "2020-01-01"],
            ],
        },
    )
    assert problems == [
        "exchange_rates, 2, rate: The rate must be greater than zero.",
        "exchange_rates, 3, rate: The rate must be greater than zero.",
        "duty_stations, 2, closed_on: The closing date cannot be before the opening date.",
    ]
    assert row_counts() == before
