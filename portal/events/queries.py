"""Reads of events: the list with its filters, the events of a period, and participant counts (key-figures.md):
attended attendance records when an event has any, else the declared head counts. Breakdowns add up to the event's
count; what is not known is `not_recorded`."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from portal.events.models import Event, EventMode, EventType
from portal.participants.models import Attendance, AttendanceRole, Gender, Person, Sector

NOT_RECORDED = "not_recorded"


def events_query(
    *,
    year: int | None = None,
    type: str | None = None,
    dialogue_id: int | None = None,
    project_id: int | None = None,
    country: str | None = None,
    mode: str | None = None,
):
    """Events matching the list's filters, latest first."""
    query = sa.select(Event).order_by(Event.start_date.desc(), Event.id.desc())
    if year:
        query = query.where(Event.start_date.between(date(year, 1, 1), date(year, 12, 31)))
    if type:
        query = query.where(Event.type == EventType(type))
    if dialogue_id:
        query = query.where(Event.dialogue_id == dialogue_id)
    if project_id:
        query = query.where(Event.project_id == project_id)
    if country:
        query = query.where(Event.country == country)
    if mode:
        query = query.where(Event.mode == EventMode(mode))
    return query


def events_between(session, first: date, last: date) -> list[Event]:
    """Events that take place on at least one day from `first` to `last`, by start date and title."""
    query = sa.select(Event).where(Event.start_date <= last, Event.end_date >= first)
    return list(session.scalars(query.order_by(Event.start_date, Event.title)))


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
