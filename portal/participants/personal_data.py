"""A person's rights over their data (security.md part B): everything held about them, and erasure."""

import json

import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.audit.services import record_event, scrub_personal_data
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.participants.models import Person

#: erasure holds against every way in: forms, imports and the API refuse to write to an erased record
ERASED_MESSAGE = _l("This person's data was erased; the record can no longer be edited.")

ERASED_FIRST_NAME = "Erased"


def _iso(value):
    return value.isoformat() if value is not None else None


def export_person(person: Person) -> dict:
    """Everything the portal holds about a person, as plain JSON-ready values."""
    return {
        "ref": person.ref,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "gender": person.gender.value,
        "email": person.email,
        "alternative_emails": [address.email for address in person.alternative_emails],
        "organisation": person.organisation.name if person.organisation else None,
        "organisation_ref": person.organisation.ref if person.organisation else None,
        "organisation_name": person.organisation_name,
        "sector": person.sector.value,
        "country": person.country,
        "language": person.language,
        "consent": person.consent,
        "consent_recorded_at": _iso(person.consent_recorded_at),
        "consent_recorded_by": person.consent_recorded_by.name if person.consent_recorded_by else None,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "erased_at": _iso(person.erased_at),
        "attendance": [
            {
                "event_ref": a.event.ref,
                "event": a.event.title,
                "start_date": _iso(a.event.start_date),
                "end_date": _iso(a.event.end_date),
                "city": a.event.city,
                "country": a.event.country,
                "role": a.role.value,
                "mode": a.mode.value if a.mode else None,
                "attended": a.attended,
                "certificate_number": a.certificate_number,
            }
            for a in sorted(person.attendances, key=lambda a: (a.event.start_date, a.event.id))
        ],
    }


def erase_person(person: Person) -> Person:
    """Remove what identifies a person (Person.PERSONAL_FIELDS), here and in the audit trail's history of the record;
    gender, sector, country and attendance stay so that past figures hold."""
    if person.erased_at is not None:
        raise DomainError(None, _l("This person's data is already erased."))
    person.alternative_emails.clear()
    for name in Person.PERSONAL_FIELDS:
        setattr(person, name, None)
    # the lists still show a name
    person.first_name = ERASED_FIRST_NAME
    person.last_name = f"person #{person.id}"
    person.consent = False
    person.erased_at = utcnow()
    db.session.flush()
    # relationships loaded before still point to the organisation and the consent's recorder
    db.session.expire(person)
    # a merge's entry keeps the addresses of both records, and the History of a record merged into this one holds
    # this person's data under that record's id
    for record_id in (person.id, *_merged_into(person.id)):
        scrub_personal_data("Person", record_id, (*Person.PERSONAL_FIELDS, "alternative_emails"))
    record_event("erase", person)
    return person


def _merged_into(person_id: int) -> set[int]:
    """The ids of the records merged into the person's record, and of those merged into them, from the merges' log."""
    found: set[int] = set()
    frontier = {person_id}
    while frontier:
        details = db.session.scalars(
            sa.select(AuditEntry.details).where(
                AuditEntry.action == "merge", AuditEntry.record_type == "Person", AuditEntry.record_id.in_(frontier)
            )
        )
        merged = {json.loads(text).get("merged_id") for text in details if text}
        frontier = merged - found - {person_id, None}
        found |= frontier
    return found


def apply_retention(people: list[Person], *, years: int) -> int:
    """Anonymise, as erasure does, the people the retention rule names; one audit entry tells the run."""
    for person in people:
        erase_person(person)
    record_event("retention", None, {"years": years, "anonymised": len(people)})
    return len(people)
