"""Person.PERSONAL_FIELDS is the one list of what identifies a person: erasure empties exactly those fields and
scrubs exactly those from the audit trail, so a field added to the list is erased everywhere."""

import json
from datetime import UTC, datetime

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import ERASED
from portal.extensions import db
from portal.participants.models import Person
from portal.participants.personal_data import erase_person
from tests import factories


def _logged_values(person_id: int) -> dict[str, set]:
    """Every value the audit trail holds for each field of the person."""
    db.session.expire_all()
    changes = db.session.scalars(
        sa.select(AuditEntry.changes).where(
            AuditEntry.record_type == "Person", AuditEntry.record_id == person_id, AuditEntry.changes.is_not(None)
        )
    )
    values = {}
    for entry in changes:
        for name, pair in json.loads(entry).items():
            values.setdefault(name, set()).update(value for value in pair if value is not None)
    return values


def _known_person():
    person = factories.person(
        first_name="Ilse",
        last_name="Identifiable",
        email="ilse@example.org",
        organisation=factories.partner(name="Ilse's ministry"),
        organisation_name="Ilse's office",
        country="AT",
        language="de",
        consent=True,
        consent_recorded_at=datetime(2021, 3, 1, tzinfo=UTC),
        consent_recorded_by=factories.user(Role.OFFICER),
    )
    db.session.commit()
    person.email, person.country = "ilse.new@example.org", "DE"
    db.session.commit()
    return person


def test_erasure_empties_every_listed_field_here_and_in_the_log(app):
    person = _known_person()
    assert all(getattr(person, name) is not None for name in Person.PERSONAL_FIELDS)
    erase_person(person)
    db.session.commit()
    erased = db.session.get(Person, person.id)
    for name in Person.PERSONAL_FIELDS:
        expected = {"first_name": "Erased", "last_name": f"person #{person.id}"}.get(name)
        assert getattr(erased, name) == expected, name
    logged = _logged_values(person.id)
    for name in Person.PERSONAL_FIELDS:
        assert logged[name] <= {ERASED, "Erased", f"person #{person.id}"}, name
    assert erased.country == "DE" and logged["country"] == {"AT", "DE"}


def test_a_field_added_to_the_list_is_erased_and_scrubbed(app, monkeypatch):
    monkeypatch.setattr(Person, "PERSONAL_FIELDS", (*Person.PERSONAL_FIELDS, "country"))
    person = _known_person()
    erase_person(person)
    db.session.commit()
    assert db.session.get(Person, person.id).country is None
    assert _logged_values(person.id)["country"] == {ERASED}
