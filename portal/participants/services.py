import secrets
from collections.abc import Mapping

import sqlalchemy as sa

from portal.audit.services import record_event
from portal.db import utcnow
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.participants.models import (
    Attendance,
    AttendanceMode,
    AttendanceRole,
    DistinctPeople,
    Gender,
    Person,
    PersonEmail,
    Sector,
    email_key,
)
from portal.participants.personal_data import ERASED_MESSAGE
from portal.participants.queries import clean, distinct_from, email_keys_taken
from portal.participants.rules import (
    MERGED_FIELDS,
    attendance_problems,
    default_merge_choices,
    email_problems,
    merge_problems,
    stronger_role,
)
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
        enforce(email_problems(data["email"], email_keys_taken({email_key(data["email"])}, exclude_ids={person.id})))
    _apply(person, data, actor=actor)
    person.alternative_emails = [a for a in person.alternative_emails if a.email_key != person.email_key]
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


def _merged_values(keep: Person, drop: Person) -> dict:
    """What a merge's audit entry keeps of both records before the merge: [kept, merged] of each field either has."""
    names = ("first_name", "last_name", "email", "gender", "organisation_id", "organisation_name", "sector")
    values = {name: [getattr(keep, name), getattr(drop, name)] for name in (*names, "country", "language", "consent")}
    values["alternative_emails"] = [[a.email for a in person.alternative_emails] for person in (keep, drop)]
    return {name: pair for name, pair in values.items() if any(value not in (None, []) for value in pair)}


def _take(keep: Person, drop: Person, field: str) -> None:
    if field == "organisation":
        keep.organisation, keep.organisation_name = drop.organisation, drop.organisation_name
    elif field == "consent":
        keep.consent, keep.consent_recorded_at = drop.consent, drop.consent_recorded_at
        keep.consent_recorded_by = drop.consent_recorded_by
    else:
        setattr(keep, field, getattr(drop, field))


def merge_people(keep: Person, drop: Person, choices: Mapping[str, str] | None = None) -> Person:
    """Fold `drop` into `keep`: each field of MERGED_FIELDS is taken from the record `choices` names ("keep" or
    "drop"; by default keep's unless only drop has one), the address not taken stays as an alternative one, every
    attendance moves over (one per event, the stronger role, attended if either attended), and `drop` is deleted."""
    if keep.id == drop.id:
        raise DomainError(None, _l("Choose two different people."))
    if keep.erased_at is not None or drop.erased_at is not None:
        raise DomainError(None, _l("An erased person cannot be merged."))
    choices = {**default_merge_choices(keep, drop), **(choices or {})}
    enforce(merge_problems(choices))
    taken_email = (drop if choices["email"] == "drop" else keep).email
    if email_key(taken_email) != keep.email_key:
        enforce(email_problems(taken_email, email_keys_taken({email_key(taken_email)}, exclude_ids={keep.id, drop.id})))
    before = {"merged": drop.ref, "merged_id": drop.id, **_merged_values(keep, drop)}
    kept = {attendance.event_id: attendance for attendance in keep.attendances}
    for attendance in list(drop.attendances):
        mine = kept.get(attendance.event_id)
        if mine is None:
            attendance.person = keep
        else:
            mine.attended = mine.attended or attendance.attended
            mine.mode = mine.mode or attendance.mode
            mine.role = stronger_role(mine.role, attendance.role)
            drop.attendances.remove(attendance)
    _keep_addresses(keep, drop, taken_email)
    for field in MERGED_FIELDS:
        if choices[field] == "drop":
            _take(keep, drop, field)
    _move_distinct_pairs(keep, drop)
    db.session.flush()
    record_event("merge", keep, before)
    db.session.delete(drop)
    db.session.flush()
    return keep


def _keep_addresses(keep: Person, drop: Person, taken_email: str | None) -> None:
    """Every address of the two records but the one taken becomes an alternative address of `keep`; existing rows
    are moved rather than written anew, so that no row is inserted before its twin is deleted."""
    taken = email_key(taken_email)
    held = {address.email_key: address for address in keep.alternative_emails}
    for address in list(drop.alternative_emails):
        if address.email_key not in held:
            address.person = keep
            held[address.email_key] = address
    for email in (keep.email, drop.email):
        if email_key(email) and email_key(email) not in held and email_key(email) != taken:
            held[email_key(email)] = PersonEmail(email=email)
            keep.alternative_emails.append(held[email_key(email)])
    if taken in held:
        keep.alternative_emails.remove(held[taken])


def _move_distinct_pairs(keep: Person, drop: Person) -> None:
    """Who was said not to be `drop` is not the merged person either."""
    known = distinct_from(keep.id)
    pairs = db.session.scalars(
        sa.select(DistinctPeople).where(sa.or_(DistinctPeople.first_id == drop.id, DistinctPeople.second_id == drop.id))
    ).all()
    for pair in pairs:
        other = pair.second_id if pair.first_id == drop.id else pair.first_id
        if other == keep.id or other in known:
            db.session.delete(pair)
        else:
            pair.first_id, pair.second_id = sorted((keep.id, other))
            known.add(other)


def record_distinct_people(first: Person, second: Person, *, actor) -> DistinctPeople:
    """Record that two records are two people, so that the duplicates review no longer offers them."""
    if first.id == second.id:
        raise DomainError(None, _l("Choose two different people."))
    low, high = sorted((first.id, second.id))
    pair = db.session.scalar(
        sa.select(DistinctPeople).where(DistinctPeople.first_id == low, DistinctPeople.second_id == high)
    )
    if pair is None:
        pair = DistinctPeople(first_id=low, second_id=high, recorded_by_id=actor.id if actor else None)
        db.session.add(pair)
        db.session.flush()
    return pair


#: the letters and digits of certificate numbers: none that reads like another (0/O, 1/I/L)
CERTIFICATE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_certificate_number() -> str:
    """A random certificate number in three groups of four, like K7QM-4ZXP-9WTA (about 59 bits: not guessable)."""
    characters = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(12))
    return "-".join(characters[i : i + 4] for i in range(0, 12, 4))


def issue_certificate_numbers(attendances: list[Attendance]) -> None:
    """Give each attendance without a certificate number a new one; a number once given is kept for every reissue."""
    missing = [attendance for attendance in attendances if attendance.certificate_number is None]
    while missing:
        numbers = {new_certificate_number() for _ in missing}
        taken = set(
            db.session.scalars(
                sa.select(Attendance.certificate_number).where(Attendance.certificate_number.in_(numbers))
            )
        )
        fresh = sorted(numbers - taken)
        for attendance, number in zip(missing, fresh, strict=False):
            attendance.certificate_number = number
        missing = missing[len(fresh) :]
    db.session.flush()
