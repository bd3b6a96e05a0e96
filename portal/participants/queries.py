"""Reads about people and attendance: the people list and its search, who may be the same person, probable
duplicates, an event's attendance, and how many took part in events (key-figures.md): attended attendance records
when an event has any, else the declared head counts. Breakdowns add up to the event's count; what is not known is
`not_recorded`."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.db import contains
from portal.events.models import Event
from portal.extensions import db
from portal.participants.models import (
    Attendance,
    AttendanceRole,
    DistinctPeople,
    Gender,
    Person,
    PersonEmail,
    RegistrationUpload,
    Sector,
    email_key,
)
from portal.partners.models import Partner
from portal.sorting import Sort, Sorting

#: a breakdown's key for participants whose role, gender, sector or country is not recorded
NOT_RECORDED = "not_recorded"
#: how many probable duplicate pairs the review page lists at once
DUPLICATE_PAIRS_SHOWN = 200
#: how many words of a search count
SEARCH_WORDS = 5
#: values looked up in one query (a registration list of thousands of rows matches in batches)
BATCH = 500
#: what a search of people looks in
SEARCHED = (Person.first_name, Person.last_name, Person.email_key, Person.organisation_name)
#: how many events the people list's event filter offers
EVENT_MATCHES = 20


def _organisation_label():
    """The organisation a list shows for a person, as SQL: the partner's name, else the name as written."""
    partner = sa.select(Partner.name).where(Partner.id == Person.organisation_id).scalar_subquery()
    return sa.func.lower(sa.func.coalesce(partner, Person.organisation_name))


#: the people list's columns; by name, the default, the list reads the index ix_people_name_order in its order
PEOPLE_SORTING = Sorting(
    columns={
        "name": lambda: (sa.func.lower(Person.last_name), sa.func.lower(Person.first_name)),
        "email": lambda: (Person.email_key,),
        "organisation": lambda: (_organisation_label(),),
        "country": lambda: (Person.country,),
        "sector": lambda: (Person.sector,),
    },
    default="name",
    tiebreak=Person.id,
)


def clean(text: str | None) -> str:
    """Trim and collapse inner white space."""
    return " ".join((text or "").split())


def name_key(first_name: str | None, last_name: str | None) -> tuple[str, str]:
    """What "the same name" compares."""
    return clean(first_name).casefold(), clean(last_name).casefold()


def organisation_key(organisation_id: int | None, organisation_name: str | None) -> tuple | None:
    """What "the same organisation" compares: the partner, else the name as written; None when unknown."""
    if organisation_id:
        return ("partner", organisation_id)
    name = clean(organisation_name).casefold()
    return ("name", name) if name else None


def in_batches(items: list, size: int = BATCH):
    """`items` in slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _search_filter(query: str):
    return sa.and_(*(contains(SEARCHED, word) for word in clean(query).split()[:SEARCH_WORDS]))


def _matching_events(text: str):
    """The ids of the events whose reference is `text` or whose reference or title (in any language) contains it."""
    found = contains((Event.ref, Event.title, Event.title_fr, Event.title_ru), text)
    return sa.select(Event.id).where(sa.or_(sa.func.lower(Event.ref) == text.strip().lower(), found))


def _matching_partners(text: str):
    """The ids of the partners whose name or acronym contains `text`."""
    return sa.select(Partner.id).where(contains((Partner.name, Partner.acronym), text))


def people_query(
    query: str | None = None,
    *,
    event: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    organisation: str | None = None,
    sort: Sort | None = None,
):
    """People for the list, by last name unless `sort` asks otherwise; `query` words must each appear in a name,
    e-mail or organisation. `event` keeps those registered for an event of that reference or with it in its title,
    `organisation` those of a partner or an organisation written with it in its name; `country` and `sector` are
    codes."""
    select = sa.select(Person).order_by(*PEOPLE_SORTING.order_by(sort))
    if clean(query):
        select = select.where(_search_filter(query))
    if clean(event):
        registered = sa.select(Attendance.person_id).where(Attendance.event_id.in_(_matching_events(clean(event))))
        select = select.where(Person.id.in_(registered))
    if country:
        select = select.where(Person.country == country.upper())
    if sector:
        select = select.where(Person.sector == Sector(sector))
    if clean(organisation):
        text = clean(organisation)
        select = select.where(
            sa.or_(Person.organisation_id.in_(_matching_partners(text)), contains((Person.organisation_name,), text))
        )
    return select


def event_matches(text: str | None) -> list[tuple[str, str]]:
    """(ref, title) of the first events matching the people list's event filter, newest first: what it offers."""
    if not clean(text):
        return []
    query = (
        sa.select(Event.ref, Event.title)
        .where(Event.id.in_(_matching_events(clean(text))))
        .order_by(Event.start_date.desc(), Event.id.desc())
        .limit(EVENT_MATCHES)
    )
    return [(ref, title) for ref, title in db.session.execute(query)]


def search_people(query: str, *, limit: int = 20) -> list[Person]:
    """People (not erased) matching a search, to pick one to register."""
    if not clean(query):
        return []
    return list(db.session.scalars(people_query(query).where(Person.erased_at.is_(None)).limit(limit)))


def find_matches(
    *,
    email: str | None,
    first_name: str | None,
    last_name: str | None,
    organisation_id: int | None,
    organisation_name: str | None,
    exclude_id: int | None = None,
) -> tuple[list[Person], list[Person]]:
    """Existing people with the same e-mail (any case, theirs or an alternative address), and those with the same
    name and organisation."""
    not_me = Person.id != exclude_id if exclude_id else sa.true()
    by_email = []
    if key := email_key(email):
        by_email = list(db.session.scalars(sa.select(Person).where(_has_email([key]), not_me).order_by(Person.id)))
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


def _has_email(keys: list[str]):
    """People whose address or one of whose alternative addresses has one of these keys."""
    alternative = sa.select(PersonEmail.person_id).where(PersonEmail.email_key.in_(keys))
    return sa.or_(Person.email_key.in_(keys), Person.id.in_(alternative))


def people_by_email(keys: set[str]) -> dict[str, int]:
    """The id of the newest person with each e-mail key, as their address or an alternative one."""
    found = {}
    for chunk in in_batches(sorted(keys)):
        addresses = sa.union_all(
            sa.select(Person.id.label("person_id"), Person.email_key.label("key")).where(Person.email_key.in_(chunk)),
            sa.select(PersonEmail.person_id, PersonEmail.email_key).where(PersonEmail.email_key.in_(chunk)),
        ).subquery()
        for pid, key in db.session.execute(sa.select(addresses).order_by(addresses.c.person_id.desc())):
            found[key] = pid
    return found


def email_keys_taken(keys: set[str], *, exclude_ids) -> set[str]:
    """Which of these e-mail keys a person other than `exclude_ids` has, as their address or an alternative one."""
    keys = sorted(key for key in keys if key)
    if not keys:
        return set()
    others = Person.id.not_in(list(exclude_ids))
    primary = sa.select(Person.email_key).where(Person.email_key.in_(keys), others)
    alternative = sa.select(PersonEmail.email_key).join(Person).where(PersonEmail.email_key.in_(keys), others)
    return set(db.session.scalars(sa.union(primary, alternative)))


def people_by_name(last_names: set[str]) -> dict[tuple, int]:
    """The id of the newest person (not erased) for each (name key, organisation key), among these last names."""
    found = {}
    for chunk in in_batches(sorted(last_names)):
        query = (
            sa.select(Person.id, Person.first_name, Person.last_name, Person.organisation_id, Person.organisation_name)
            .where(sa.func.lower(Person.last_name).in_(chunk), Person.erased_at.is_(None))
            .order_by(Person.id.desc())
        )
        for pid, first, last, org_id, org_name in db.session.execute(query):
            org = organisation_key(org_id, org_name)
            if org is not None:
                found[(name_key(first, last), org)] = pid
    return found


def partners_by_name() -> dict[str, int]:
    """The partner each name or acronym (any case) stands for, to recognise an organisation written out."""
    index = {}
    for pid, name, acronym in db.session.execute(sa.select(Partner.id, Partner.name, Partner.acronym)):
        index.setdefault(clean(name).casefold(), pid)
        if acronym:
            index.setdefault(clean(acronym).casefold(), pid)
    return index


def _pairs(groups) -> list[tuple[Person, Person]]:
    return [(a, b) for group in groups for i, a in enumerate(group) for b in group[i + 1 :]]


def duplicate_pairs(limit: int = DUPLICATE_PAIRS_SHOWN) -> list[tuple[Person, Person, str]]:
    """Probable duplicates (same e-mail in any case, or same name and organisation), oldest record first, but for
    the pairs an officer said are distinct people; grouped in SQL so that the review stays fast with many thousands
    of people."""
    alive = Person.erased_at.is_(None)
    emails = (
        sa.select(Person.email_key)
        .where(Person.email_key.is_not(None), alive)
        .group_by(Person.email_key)
        .having(sa.func.count() > 1)
    )
    shown = selectinload(Person.organisation)  # each pair shows both organisations
    distinct = set()

    def grouped(select):
        # each person comes with the later records said to be someone else (one row each), read in the same query
        rows = db.session.execute(
            select.add_columns(DistinctPeople.second_id)
            .outerjoin(DistinctPeople, DistinctPeople.first_id == Person.id)
            .options(shown)
            .order_by(Person.id)
        )
        people = {}
        for person, second_id in rows:
            people[person.id] = person
            if second_id is not None:
                distinct.add((person.id, second_id))
        return people.values()

    by_email = {}
    for person in grouped(sa.select(Person).where(Person.email_key.in_(emails), alive)):
        by_email.setdefault(person.email_key, []).append(person)
    first, last = sa.func.lower(Person.first_name), sa.func.lower(Person.last_name)
    names = (
        sa.select(first.label("first"), last.label("last"))
        .where(alive)
        .group_by(first, last)
        .having(sa.func.count() > 1)
        .subquery()
    )
    same_name = sa.select(Person).join(names, sa.and_(first == names.c.first, last == names.c.last)).where(alive)
    by_name = {}
    for person in grouped(same_name):
        org = organisation_key(person.organisation_id, person.organisation_name)
        if org is not None:
            by_name.setdefault((name_key(person.first_name, person.last_name), org), []).append(person)
    found = {(a.id, b.id): (a, b, "email") for a, b in _pairs(by_email.values())}
    for a, b in _pairs(by_name.values()):
        found.setdefault((a.id, b.id), (a, b, "name"))
    return [found[key] for key in sorted(found.keys() - distinct)[:limit]]


def distinct_from(person_id: int) -> set[int]:
    """The people said not to be this one."""
    pairs = db.session.execute(
        sa.select(DistinctPeople.first_id, DistinctPeople.second_id).where(
            sa.or_(DistinctPeople.first_id == person_id, DistinctPeople.second_id == person_id)
        )
    )
    return {second if first == person_id else first for first, second in pairs}


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


def event_attendances(event_id: int, *, attended_only: bool = False) -> list[Attendance]:
    """An event's attendance with each person and organisation, by last and first name."""
    query = (
        sa.select(Attendance)
        .where(Attendance.event_id == event_id)
        .options(selectinload(Attendance.person).selectinload(Person.organisation))
    )
    if attended_only:
        query = query.where(Attendance.attended.is_(True))
    attendances = db.session.scalars(query).all()
    return sorted(attendances, key=lambda a: (a.person.last_name.casefold(), a.person.first_name.casefold()))


def attended(event_id: int, person_id: int) -> Attendance | None:
    """The person's attendance of the event, if they attended."""
    return db.session.scalar(
        sa.select(Attendance).where(
            Attendance.event_id == event_id, Attendance.person_id == person_id, Attendance.attended.is_(True)
        )
    )


def registered_person_ids(event_id: int) -> set[int]:
    """Who is on the event's list."""
    return set(db.session.scalars(sa.select(Attendance.person_id).where(Attendance.event_id == event_id)))


def registration_upload(token: str) -> RegistrationUpload | None:
    """The registration list stored under `token`."""
    return db.session.scalar(sa.select(RegistrationUpload).where(RegistrationUpload.token == token))


def retention_due(today: date, years: int) -> list[Person]:
    """People whose data the retention rule anonymises: not erased, no consent on record, and neither recorded nor
    at an event in the last `years` years (security.md: personal data is kept only as long as it is needed)."""
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    recent = sa.select(Attendance.person_id).join(Event).where(Event.end_date >= cutoff)
    query = (
        sa.select(Person)
        .where(
            Person.erased_at.is_(None),
            Person.consent.is_not(True),
            Person.created_at < datetime.combine(cutoff, time(), UTC),
            Person.id.not_in(recent),
        )
        .order_by(Person.id)
    )
    return list(db.session.scalars(query))


def people_by_ids(ids: set[int]) -> dict[int, Person]:
    """The people of these ids, with their organisations, in batches."""
    found = {}
    for chunk in in_batches(sorted(ids)):
        query = sa.select(Person).where(Person.id.in_(chunk)).options(selectinload(Person.organisation))
        found.update((person.id, person) for person in db.session.scalars(query))
    return found


def certified_attendance(number: str) -> Attendance | None:
    """The attendance a certificate number was given to, when its certificate may be shown publicly: attended, by a
    person who consented and was not erased; None otherwise, whatever the reason."""
    return db.session.scalar(
        sa.select(Attendance)
        .join(Person)
        .where(
            Attendance.certificate_number == number.strip().upper(),
            Attendance.attended.is_(True),
            Person.consent.is_(True),
            Person.erased_at.is_(None),
        )
        .options(selectinload(Attendance.event), selectinload(Attendance.person))
    )


@dataclass(frozen=True)
class EventBreakdown:
    participants: int
    #: True when the count comes from attendance records, False when from the declared head counts
    recorded: bool
    records: int
    by_role: dict[str, int]
    by_gender: dict[str, int]
    by_sector: dict[str, int]
    #: country code (or NOT_RECORDED) -> count, largest first
    by_country: dict[str, int]


def _grouped(session, event_id: int, column) -> dict:
    query = (
        sa.select(column, sa.func.count())
        .select_from(Attendance)
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.event_id == event_id, Attendance.attended.is_(True))
        .group_by(column)
    )
    return dict(session.execute(query).all())


def _with_not_recorded(counts: dict[str, int], total: int) -> dict[str, int]:
    missing = total - sum(counts.values())
    return {**counts, NOT_RECORDED: missing} if missing else counts


def _enum_counts(enum, found: dict, total: int) -> dict[str, int]:
    counts = {member.value: found.get(member, 0) for member in enum}
    return _with_not_recorded(counts, total)


def event_breakdown(session, event_id: int) -> EventBreakdown:
    """An event's participant count and its breakdown by role, gender, sector and country."""
    event = session.get(Event, event_id)
    records, attended = session.execute(
        sa.select(sa.func.count(), sa.func.count().filter(Attendance.attended.is_(True))).where(
            Attendance.event_id == event_id
        )
    ).one()
    if not records:
        total = (event.in_person_count or 0) + (event.online_count or 0)
        empty = {}
        return EventBreakdown(
            total,
            False,
            0,
            _enum_counts(AttendanceRole, empty, total),
            _enum_counts(Gender, empty, total),
            _enum_counts(Sector, empty, total),
            _with_not_recorded({}, total),
        )
    countries = _grouped(session, event_id, Person.country)
    known = sorted(((code, n) for code, n in countries.items() if code), key=lambda item: (-item[1], item[0]))
    by_country = dict(known)
    return EventBreakdown(
        participants=attended,
        recorded=True,
        records=records,
        by_role=_enum_counts(AttendanceRole, _grouped(session, event_id, Attendance.role), attended),
        by_gender=_enum_counts(Gender, _grouped(session, event_id, Person.gender), attended),
        by_sector=_enum_counts(Sector, _grouped(session, event_id, Person.sector), attended),
        by_country=_with_not_recorded(by_country, attended),
    )


def participant_counts(session, event_ids) -> dict[int, int]:
    """Each event's participant count, for lists of events, in two queries."""
    event_ids = list(event_ids)
    if not event_ids:
        return {}
    recorded = {
        event_id: (records, attended)
        for event_id, records, attended in session.execute(
            sa.select(Attendance.event_id, sa.func.count(), sa.func.count().filter(Attendance.attended.is_(True)))
            .where(Attendance.event_id.in_(event_ids))
            .group_by(Attendance.event_id)
        )
    }
    declared = session.execute(
        sa.select(Event.id, sa.func.coalesce(Event.in_person_count, 0) + sa.func.coalesce(Event.online_count, 0)).where(
            Event.id.in_(event_ids)
        )
    )
    return {event_id: recorded[event_id][1] if event_id in recorded else total for event_id, total in declared}
