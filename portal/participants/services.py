import secrets

import sqlalchemy as sa

from portal.audit.services import record_event
from portal.db import utcnow
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.participants.models import Attendance, AttendanceMode, AttendanceRole, Gender, Person, Sector
from portal.participants.personal_data import ERASED_MESSAGE
from portal.participants.queries import clean, find_matches
from portal.participants.rules import attendance_problems, email_problems
from portal.partners.models import Partner
from portal.rules import enforce


def new_person_ref() -> str:
    """A new random person reference."""
    return f"PER-{secrets.token_hex(5).upper()}"


def _apply(person: Person, data, *, actor) -> None:
    person.first_name = clean(data["first_name"])
    person.last_name = clean(data["last_name"])
    person.gender = Gender(data.get("gender") or Gender.UNDISCLOSED)
    person.email = (data.get("email") or "").strip() or None
    person.organisation = db.session.get(Partner, data["organisation_id"]) if data.get("organisation_id") else None
    person.organisation_name = None if person.organisation else clean(data.get("organisation_name")) or None
    person.sector = Sector(data.get("sector") or Sector.OTHER)
    person.country = data.get("country") or None
    person.language = data.get("language") or None
    consent = bool(data.get("consent"))
    if consent != person.consent or person.consent_recorded_at is None:
        person.consent = consent
        person.consent_recorded_at = utcnow()
        person.consent_recorded_by = actor


def create_person(data, *, actor) -> Person:
    """Create a person; the caller has already offered the existing matches. Consent is recorded as by `actor`."""
    person = Person(ref=new_person_ref(), consent=False)
    _apply(person, data, actor=actor)
    db.session.add(person)
    db.session.flush()
    return person


def update_person(person: Person, data, *, actor) -> Person:
    """Change a person; a change of consent records who changed it and when."""
    if person.erased_at is not None:
        raise DomainError(None, ERASED_MESSAGE)
    if data.get("email"):
        by_email, _ = find_matches(
            email=data["email"],
            first_name=None,
            last_name=None,
            organisation_id=None,
            organisation_name=None,
            exclude_id=person.id,
        )
        enforce(email_problems(data["email"], {other.email_key for other in by_email}))
    _apply(person, data, actor=actor)
    db.session.flush()
    return person


def add_attendance(event: Event, person: Person, *, role: str, mode: str | None, attended: bool) -> Attendance:
    """Register a person for an event."""
    registered = db.session.scalars(
        sa.select(Attendance.person_id).where(Attendance.event_id == event.id, Attendance.person_id == person.id)
    )
    enforce(attendance_problems(person.id, set(registered), erased=person.erased_at is not None))
    attendance = Attendance(
        event=event,
        person=person,
        role=AttendanceRole(role or AttendanceRole.PARTICIPANT),
        mode=AttendanceMode(mode) if mode else None,
        attended=attended,
    )
    db.session.add(attendance)
    db.session.flush()
    return attendance


def mark_attended(event: Event, attendance_ids, attended: bool = True) -> int:
    """Mark the chosen attendance records of the event as attended (or not); returns how many changed."""
    ids = {int(i) for i in attendance_ids}
    changed = 0
    for attendance in event.attendances:
        if attendance.id in ids and attendance.attended != attended:
            attendance.attended = attended
            changed += 1
    db.session.flush()
    return changed


def remove_attendance(attendance: Attendance) -> None:
    """Take a person off an event's list."""
    db.session.delete(attendance)
    db.session.flush()


def merge_people(keep: Person, drop: Person) -> Person:
    """Fold `drop` into `keep`: every attendance moves over (one per event, attended if either attended), missing
    details are filled in from `drop`, and `drop` is deleted."""
    if keep.id == drop.id:
        raise DomainError(None, _l("Choose two different people."))
    if keep.erased_at is not None or drop.erased_at is not None:
        raise DomainError(None, _l("An erased person cannot be merged."))
    kept = {attendance.event_id: attendance for attendance in keep.attendances}
    for attendance in list(drop.attendances):
        mine = kept.get(attendance.event_id)
        if mine is None:
            attendance.person = keep
        else:
            mine.attended = mine.attended or attendance.attended
            mine.mode = mine.mode or attendance.mode
            if mine.role == AttendanceRole.PARTICIPANT:
                mine.role = attendance.role
            drop.attendances.remove(attendance)
    drop_email = drop.email
    for name in ("organisation", "organisation_name", "country", "language"):
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    if keep.organisation is not None:
        keep.organisation_name = None
    if not keep.consent and drop.consent:
        keep.consent, keep.consent_recorded_at = True, drop.consent_recorded_at
        keep.consent_recorded_by_id = drop.consent_recorded_by_id
    db.session.flush()
    record_event("merge", keep, {"merged": drop.ref, "merged_id": drop.id})
    db.session.delete(drop)
    db.session.flush()
    if not keep.email and drop_email:
        keep.email = drop_email
        db.session.flush()
    return keep
