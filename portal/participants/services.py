import secrets

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.audit.services import record_event
from portal.db import utcnow
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.participants.models import Attendance, AttendanceMode, AttendanceRole, Gender, Person, Sector
from portal.participants.personal_data import ERASED_MESSAGE
from portal.partners.models import Partner

#: how many probable duplicate pairs the review page lists at once
DUPLICATE_PAIRS_SHOWN = 200


def new_person_ref() -> str:
    return f"PER-{secrets.token_hex(5).upper()}"


def clean(text: str | None) -> str:
    """Trim and collapse inner white space."""
    return " ".join((text or "").split())


def name_key(first_name: str | None, last_name: str | None) -> tuple[str, str]:
    return clean(first_name).casefold(), clean(last_name).casefold()


def organisation_key(organisation_id: int | None, organisation_name: str | None) -> tuple | None:
    """What "the same organisation" compares: the partner, else the name as written; None when unknown."""
    if organisation_id:
        return ("partner", organisation_id)
    name = clean(organisation_name).casefold()
    return ("name", name) if name else None


def find_matches(
    *,
    email: str | None,
    first_name: str | None,
    last_name: str | None,
    organisation_id: int | None,
    organisation_name: str | None,
    exclude_id: int | None = None,
) -> tuple[list[Person], list[Person]]:
    """Existing people with the same e-mail (any case), and those with the same name and organisation."""
    not_me = Person.id != exclude_id if exclude_id else sa.true()
    by_email = []
    if email and email.strip():
        by_email = list(
            db.session.scalars(
                sa.select(Person).where(Person.email_key == email.strip().lower(), not_me).order_by(Person.id)
            )
        )
    org = organisation_key(organisation_id, organisation_name)
    by_name = []
    if org is not None and clean(last_name):
        first, last = name_key(first_name, last_name)
        candidates = db.session.scalars(
            sa.select(Person)
            .where(
                sa.func.lower(Person.first_name) == first,
                sa.func.lower(Person.last_name) == last,
                Person.erased_at.is_(None),
                not_me,
            )
            .order_by(Person.id)
        )
        seen = {person.id for person in by_email}
        by_name = [
            p
            for p in candidates
            if organisation_key(p.organisation_id, p.organisation_name) == org and p.id not in seen
        ]
    return by_email, by_name


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
        if by_email:
            raise DomainError("email", _l("Another person has this e-mail address: merge the two records instead."))
    _apply(person, data, actor=actor)
    db.session.flush()
    return person


def _search_filter(query: str):
    clauses = []
    for word in clean(query).casefold().split()[:5]:
        word = word.replace("\\", "").replace("%", "").replace("_", "")
        like = f"%{word}%"
        clauses.append(
            sa.or_(
                sa.func.lower(Person.first_name).like(like),
                sa.func.lower(Person.last_name).like(like),
                Person.email_key.like(like),
                sa.func.lower(Person.organisation_name).like(like),
            )
        )
    return sa.and_(*clauses)


def people_query(query: str | None = None):
    """People for the list, by last name; `query` words must each appear in a name, e-mail or organisation."""
    select = sa.select(Person).order_by(sa.func.lower(Person.last_name), sa.func.lower(Person.first_name), Person.id)
    return select.where(_search_filter(query)) if clean(query) else select


def search_people(query: str, *, limit: int = 20) -> list[Person]:
    """People (not erased) matching a search, to pick one to register."""
    if not clean(query):
        return []
    return list(db.session.scalars(people_query(query).where(Person.erased_at.is_(None)).limit(limit)))


def add_attendance(event: Event, person: Person, *, role: str, mode: str | None, attended: bool) -> Attendance:
    """Register a person for an event."""
    exists = db.session.scalar(
        sa.select(Attendance.id).where(Attendance.event_id == event.id, Attendance.person_id == person.id)
    )
    if exists:
        raise DomainError(None, _l("This person is already registered for the event."))
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


def _pairs(groups) -> list[tuple[Person, Person]]:
    return [(a, b) for group in groups for i, a in enumerate(group) for b in group[i + 1 :]]


def duplicate_pairs(limit: int = DUPLICATE_PAIRS_SHOWN) -> list[tuple[Person, Person, str]]:
    """Probable duplicates (same e-mail in any case, or same name and organisation), oldest record first; grouped
    in SQL so that the review stays fast with many thousands of people."""
    alive = Person.erased_at.is_(None)
    emails = (
        sa.select(Person.email_key)
        .where(Person.email_key.is_not(None), alive)
        .group_by(Person.email_key)
        .having(sa.func.count() > 1)
    )
    shown = selectinload(Person.organisation)  # each pair shows both organisations
    by_email = {}
    matching_email = sa.select(Person).where(Person.email_key.in_(emails), alive).options(shown)
    for person in db.session.scalars(matching_email.order_by(Person.id)):
        by_email.setdefault(person.email_key, []).append(person)
    first, last = sa.func.lower(Person.first_name), sa.func.lower(Person.last_name)
    names = (
        sa.select(first.label("first"), last.label("last"))
        .where(alive)
        .group_by(first, last)
        .having(sa.func.count() > 1)
        .subquery()
    )
    same_name = sa.select(Person).join(names, sa.and_(first == names.c.first, last == names.c.last)).options(shown)
    by_name = {}
    for person in db.session.scalars(same_name.where(alive).order_by(Person.id)):
        org = organisation_key(person.organisation_id, person.organisation_name)
        if org is not None:
            by_name.setdefault((name_key(person.first_name, person.last_name), org), []).append(person)
    found = {(a.id, b.id): (a, b, "email") for a, b in _pairs(by_email.values())}
    for a, b in _pairs(by_name.values()):
        found.setdefault((a.id, b.id), (a, b, "name"))
    return [found[key] for key in sorted(found)[:limit]]


def attendance_counts(person_ids) -> dict[int, int]:
    """How many events each person is registered for."""
    ids = list(person_ids)
    if not ids:
        return {}
    query = (
        sa.select(Attendance.person_id, sa.func.count())
        .where(Attendance.person_id.in_(ids))
        .group_by(Attendance.person_id)
    )
    return dict(db.session.execute(query).all())


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
